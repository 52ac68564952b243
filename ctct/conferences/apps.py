from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "ctct.conferences"
    verbose_name = _("Conferences")

    def ready(self):
        self.register_permissions()

        from ctct.bodies.signals import body_moved
        from ctct.conferences.receivers import refresh_conference_paths

        body_moved.connect(refresh_conference_paths, dispatch_uid="conferences.paths")

        from ctct.conferences.panels import register_panels

        register_panels()

        from ctct.conferences.evidence import ConferenceEvidence
        from ctct.documents.evidence import register as register_evidence

        register_evidence(ConferenceEvidence())

        from ctct.conferences.pickers import ConferenceKind
        from ctct.core.pickers import register as register_picker

        register_picker(ConferenceKind())

        from ctct.conferences.findable import register_findable

        register_findable()

    def register_permissions(self):
        """Declare who may record conferences and publish news of them."""
        from ctct.core.scopes import Role, at_least, register_action

        register_action("edit_conferences", at_least(Role.SECRETARY))
        register_action("publish_news", at_least(Role.EDITOR))
