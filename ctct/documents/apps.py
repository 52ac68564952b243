from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ctct.documents"
    verbose_name = _("Documents and their cascade")

    def ready(self):
        self.register_permissions()

        from ctct.bodies.signals import body_moved
        from ctct.documents.receivers import refresh_recipient_paths

        body_moved.connect(refresh_recipient_paths, dispatch_uid="documents.recipient_paths")

        from ctct.core.pickers import register
        from ctct.documents.pickers import DocumentKind

        register(DocumentKind())

        from ctct.documents.panels import register_panels

        register_panels()

        from ctct.documents import due

        due.register(due.DirectiveStepsDue())

        from ctct.documents.findable import register_findable

        register_findable()

    def register_permissions(self):
        """Declare who may act on documents."""
        from ctct.core.scopes import Role, at_least, register_action

        # issue_documents: issue, publish, address and edit documents in a body's name (a
        # secretary issues its own cell's plans and reports, so it can take every step of a
        # cascade alone). register_documents: enter a document received from outside the tree in
        # a body's register. record_steps: record how far a body has carried a document out.
        for action in ("issue_documents", "register_documents", "record_steps"):
            register_action(action, at_least(Role.SECRETARY))
