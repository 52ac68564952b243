from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ctct.accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from ctct.accounts.panels import register_panels

        register_panels()

        self.register_permissions()

    def register_permissions(self):
        """Hand core the users' grants, and declare who may manage access."""
        from ctct.accounts.selectors import user_grants
        from ctct.core.scopes import Role, register_action, set_grant_source

        set_grant_source(user_grants)
        register_action("manage_access", {Role.ADMIN})
