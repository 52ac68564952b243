"""Plain forms: the document services are the one place that validates documents."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.core.files import OFFICE_EXTENSIONS
from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin, PickerMultipleField
from ctct.core.security import SecurityLevel
from ctct.documents.models import DocumentStyle, RelationKind, Step


class IssueForm(PickerFormMixin, forms.Form):
    issuer = PickerField(
        "body",
        action="issue_documents",
        label=_("Issuing body"),
        help_text=_("Type part of its name and choose; only bodies you may issue for."),
    )
    style = forms.ChoiceField(
        label=_("Style"), choices=DocumentStyle.choices, initial=DocumentStyle.PARTY
    )
    type_code = forms.CharField(
        label=_("Type"), max_length=12, help_text=_("CT, NQ, HD, KH, QĐ, BC ...")
    )
    issued_on = forms.DateField(
        label=_("Issued on"), widget=DateInput(), required=False, help_text=_("Empty for a draft.")
    )
    title = forms.CharField(label=_("Summary (trích yếu)"), max_length=500)
    security_level = forms.TypedChoiceField(
        label=_("Security level"), choices=SecurityLevel.choices, coerce=int, initial=0
    )
    congress = forms.BooleanField(label=_("Congress document (one shared series)"), required=False)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    as_draft = forms.BooleanField(label=_("Save as a draft (numbered when issued)"), required=False)

    def clean(self):
        data = super().clean()
        if (
            not data.get("as_draft")
            and not data.get("issued_on")
            and "issued_on" not in self.errors
        ):
            self.add_error(
                "issued_on", _("An issued document needs its date; or save it as a draft.")
            )
        return data


class PublishForm(forms.Form):
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())


class RegisterForm(PickerFormMixin, forms.Form):
    citation = forms.CharField(
        label=_("Number"),
        max_length=200,
        help_text=_("As written: “Chỉ thị số 35-CT/TW”, “Số: 123/QĐ-UBND”."),
    )
    type_name = forms.CharField(
        label=_("Type (if not in the number)"), max_length=40, required=False
    )
    issuer = PickerField(
        "body", action="issue_documents", label=_("Issuing body in the tree"), required=False
    )
    issuer_name = forms.CharField(
        label=_("Or issuer outside the tree"),
        max_length=255,
        required=False,
        help_text=_("Bộ Chính trị, Chính phủ ..."),
    )
    registered_in = PickerField(
        "body",
        action="register_documents",
        label=_("Registered in"),
        required=False,
        help_text=_("For a document from outside the tree: the body whose register it enters."),
    )
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput(), required=False)
    title = forms.CharField(label=_("Summary (trích yếu)"), max_length=500, required=False)
    security_level = forms.TypedChoiceField(
        label=_("Security level"), choices=SecurityLevel.choices, coerce=int, initial=0
    )


class RelationForm(PickerFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("This document"), choices=RelationKind.choices)
    target = PickerField(
        "document", as_object=True, label=_("Document"), help_text=_("e.g. 2889-CT/ĐU")
    )


class DistributeForm(PickerFormMixin, forms.Form):
    subtree_of = PickerField(
        "body",
        action="issue_documents",
        label=_("All bodies under"),
        required=False,
        help_text=_("Empty: under the issuing body."),
    )
    depth = forms.IntegerField(
        label=_("Down to how many levels"), required=False, min_value=1, max_value=20
    )
    bodies = PickerMultipleField(
        "body", action="issue_documents", label=_("Or these bodies"), required=False
    )
    received_by = forms.DateField(label=_("Receive by"), widget=DateInput(), required=False)
    disseminated_by = forms.DateField(label=_("Disseminate by"), widget=DateInput(), required=False)
    concretized_by = forms.DateField(label=_("Concretize by"), widget=DateInput(), required=False)
    reported_by = forms.DateField(label=_("Report by"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DeadlinesForm(forms.Form):
    """The deadlines of a distribution that already went out; an empty date clears one."""

    received_by = forms.DateField(label=_("Receive by"), widget=DateInput(), required=False)
    disseminated_by = forms.DateField(label=_("Disseminate by"), widget=DateInput(), required=False)
    concretized_by = forms.DateField(label=_("Concretize by"), widget=DateInput(), required=False)
    reported_by = forms.DateField(label=_("Report by"), widget=DateInput(), required=False)


class StepForm(PickerFormMixin, forms.Form):
    step = forms.TypedChoiceField(
        label=_("Step"), coerce=int, choices=[(s, label) for s, label in Step.choices if s]
    )
    on = forms.DateField(
        label=_("Day it happened"),
        widget=DateInput(),
        required=False,
        help_text=_("The day it happened; a conference chosen below gives its own date."),
    )
    conference = forms.TypedChoiceField(
        label=_("Conference that disseminated it"), coerce=int, required=False, empty_value=None
    )
    conference_note = forms.CharField(
        label=_("Or a conference not on record"), max_length=500, required=False
    )
    implementing = PickerField(
        "document", as_object=True, label=_("Own implementing document"), required=False
    )
    report = PickerField("document", as_object=True, label=_("Report"), required=False)
    reason = forms.CharField(label=_("Reason (not applicable)"), max_length=500, required=False)

    def __init__(self, *args, conferences=(), evidence=None, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The body's own conference records (``conferences``, read by the step's ``evidence``):
        # chosen from a list, never typed as numbers.
        label = evidence.choice_label if evidence else str
        self.fields["conference"].choices = [("", "—"), *((c.pk, label(c)) for c in conferences)]
        if body is not None:  # its own plan and report: documents of its branch
            self.fields["implementing"].limit_to_branch(body.pk)
            self.fields["report"].limit_to_branch(body.pk)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, OpenDocument, RTF, plain text or an image."),
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(OFFICE_EXTENSIONS))}),
    )
