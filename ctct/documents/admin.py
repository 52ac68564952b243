from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ctct.documents.models import (
    Attachment,
    Distribution,
    Document,
    DocumentRelation,
    Recipient,
    Term,
)


class AttachmentInline(admin.TabularInline):
    """Listed with a link to the scoped download. Files are attached on the document's page,
    where their kind and content are checked, so none is added here."""

    model = Attachment
    extra = 0
    fields = ["download", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("documents:attachment", args=[obj.pk]), obj.name
        )


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "issuer", "issuer_name", "status", "security_level"]
    list_filter = ["style", "type_code", "status", "security_level"]
    search_fields = ["title", "number_text", "issuer_name", "canonical_key"]
    raw_id_fields = ["issuer", "series", "created_by"]
    readonly_fields = ["canonical_key", "series", "number"]
    inlines = [AttachmentInline]


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["body", "label", "starts_on", "ends_on"]
    raw_id_fields = ["body"]


@admin.register(DocumentRelation)
class RelationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "kind", "target"]
    raw_id_fields = ["source", "target", "created_by"]


@admin.register(Distribution)
class DistributionAdmin(SimpleHistoryAdmin):
    list_display = ["document", "created_at", "disseminated_by", "reported_by"]
    raw_id_fields = ["document", "created_by"]


@admin.register(Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ["body", "document", "step"]
    list_filter = ["step"]
    raw_id_fields = ["distribution", "document", "body", "implementing_document", "report_document"]
