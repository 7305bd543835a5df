from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "exportpilot.markets"
    verbose_name = _("Market intelligence")

    def ready(self) -> None:
        # ``tasks`` registers the job handlers on import: until the jobs
        # registry discovers ``<app>.tasks`` by itself, it is imported here.
        from exportpilot.lib.panels import Panel, register
        from exportpilot.markets import panels, tasks  # noqa: F401

        register("company", Panel("markets", panels.company_opportunities, order=30))
