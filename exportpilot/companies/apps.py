from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "exportpilot.companies"
    verbose_name = _("Company register")

    def ready(self) -> None:
        from exportpilot.companies import jobs  # noqa: F401  (registers job handlers)
