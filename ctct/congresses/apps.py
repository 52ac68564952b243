from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressesConfig(AppConfig):
    name = "ctct.congresses"
    verbose_name = _("Congresses and terms")

    def ready(self):
        from ctct.congresses.permissions import register_permissions

        register_permissions()

        # A body's term, its preparation and the rounds it opened, on the body's page.
        from ctct.congresses.panels import register_panels

        register_panels()

        # The next step of each preparation, in the "Đến hạn" list of documents.
        from ctct.congresses.due import register_due

        register_due()
