from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

#: The module of an app that registers its job handlers (``@job_handler``).
#: ``"jobs"`` is the old name, found too until every app has renamed its
#: module to ``tasks.py`` (issue 10); then it goes.
HANDLER_MODULES = ("tasks", "jobs")


class JobsConfig(AppConfig):
    name = "exportpilot.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app's handlers, without this app importing any app above it.
        autodiscover_modules(*HANDLER_MODULES)
