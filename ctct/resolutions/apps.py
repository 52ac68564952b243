from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "ctct.resolutions"
    verbose_name = _("Resolutions and targets")

    def ready(self):
        from ctct.core import pickers
        from ctct.resolutions.panels import register_panels
        from ctct.resolutions.permissions import register_permissions
        from ctct.resolutions.pickers import ConferenceKind

        register_permissions()
        register_panels()
        pickers.register(ConferenceKind())
