from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ctct.accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from ctct.accounts.panels import register_panels

        register_panels()
