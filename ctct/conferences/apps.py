from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "ctct.conferences"
    verbose_name = _("Conferences")

    def ready(self):
        from ctct.bodies.signals import body_moved
        from ctct.conferences.receivers import refresh_conference_paths

        body_moved.connect(refresh_conference_paths, dispatch_uid="conferences.paths")

        from ctct.conferences.panels import register_panels

        register_panels()
