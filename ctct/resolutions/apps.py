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

        from ctct.resolutions.findable import register_findable

        register_findable()
