from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "ctct.resolutions"
    verbose_name = _("Resolutions and targets")

    def ready(self):
        from ctct.resolutions.panels import register_panels
        from ctct.resolutions.permissions import register_permissions

        register_permissions()
        register_panels()

        # The entry deadlines of targets, in the "Đến hạn" list of documents.
        from ctct.resolutions.due import register_due

        register_due()

        # The target and resolution pickers (a figure read back, a conference's resolution).
        from ctct.resolutions.pickers import register_pickers

        register_pickers()
        from ctct.resolutions.findable import register_findable

        register_findable()
