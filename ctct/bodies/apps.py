from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "ctct.bodies"
    verbose_name = _("Party bodies")

    def ready(self):
        from ctct.bodies.pickers import BodyKind
        from ctct.core.pickers import register

        register(BodyKind())

        from ctct.bodies.panels import register_panels

        register_panels()
