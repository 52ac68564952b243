from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "ctct.imports"
    verbose_name = _("Imports")

    def ready(self):
        from ctct.imports.panels import register_panels

        register_panels()
