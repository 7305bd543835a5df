from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "exportpilot.markets"
    verbose_name = _("Market intelligence")

    def ready(self) -> None:
        from exportpilot.markets import jobs  # noqa: F401  (registers the handlers)
