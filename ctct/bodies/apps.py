from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "ctct.bodies"
    verbose_name = _("Party bodies")

    def ready(self):
        self.register_permissions()

        from ctct.bodies.pickers import BodyKind
        from ctct.core.pickers import register

        register(BodyKind())

        from ctct.bodies.panels import register_panels

        register_panels()

        from ctct.bodies.findable import register_findable

        register_findable()

    def register_permissions(self):
        """Declare who may change the tree of bodies."""
        from ctct.core.scopes import Role, at_least, register_action

        register_action("edit_bodies", at_least(Role.EDITOR))
