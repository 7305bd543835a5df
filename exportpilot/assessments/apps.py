from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "exportpilot.assessments"
    verbose_name = _("Export-readiness assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from exportpilot.assessments import panels
        from exportpilot.lib.panels import Panel, register

        register("company", Panel("assessments", panels.company_assessments, order=20))
