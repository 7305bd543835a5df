from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "exportpilot.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from exportpilot.accounts.middleware import record_grant, start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="accounts.idle_clock")
        user_logged_in.connect(record_grant, dispatch_uid="accounts.grant")
