from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exportpilot.lib.panels import Panel, register


class CompaniesConfig(AppConfig):
    name = "exportpilot.companies"
    verbose_name = _("Company register")

    def ready(self) -> None:
        from exportpilot.companies import jobs  # noqa: F401  (registers job handlers)
        from exportpilot.companies.panels import home_register

        register("home", Panel("register", home_register, order=10))
