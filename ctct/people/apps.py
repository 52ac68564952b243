from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "ctct.people"
    verbose_name = _("People and positions")

    def ready(self):
        self.register_permissions()

        from ctct.core.pickers import register
        from ctct.people.pickers import PersonKind

        register(PersonKind())

        from ctct.people.panels import register_panels

        register_panels()

        from ctct.people.findable import register_findable

        register_findable()

    def register_permissions(self):
        """Declare who may change people and their positions."""
        from ctct.core.scopes import Role, at_least, register_action

        register_action("edit_people", at_least(Role.SECRETARY))
