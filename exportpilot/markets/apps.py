from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "exportpilot.markets"
    verbose_name = _("Market intelligence")

    def ready(self) -> None:
        # The job handlers register themselves on import. Until the jobs
        # registry discovers ``<app>.tasks`` by itself, import it here.
        from exportpilot.markets import tasks  # noqa: F401
