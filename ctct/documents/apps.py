from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ctct.documents"
    verbose_name = _("Documents and their cascade")

    def ready(self):
        from ctct.bodies.signals import body_moved
        from ctct.documents.receivers import refresh_recipient_paths

        body_moved.connect(refresh_recipient_paths, dispatch_uid="documents.recipient_paths")

        from ctct.core.pickers import register
        from ctct.documents.pickers import DocumentKind

        register(DocumentKind())

        from ctct.documents.panels import register_panels

        register_panels()
