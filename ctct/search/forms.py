"""The filters of the results page: every field optional, every bad value a message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.conferences.models import Kind
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.text.docnumbers import type_names

MSG_PERIOD_REVERSED = _("The period ends before it begins.")

# The document types offered as a filter, by their abbreviation.
DOC_TYPES = ("NQ", "CT", "KL", "QĐ", "HD", "KH", "BC", "TB", "CTr", "QC", "ĐA", "CV")


def _doc_type_choices():
    return [("", _("Any type"))] + [(code, f"{type_names(code)[0]} ({code})") for code in DOC_TYPES]


class SearchForm(PickerFormMixin, forms.Form):
    """``?q=`` and the filters; bound to ``request.GET``."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    kind = forms.CharField(required=False, widget=forms.HiddenInput)
    body = PickerField("body", label=_("Within the branch of"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    doc_type = forms.ChoiceField(label=_("Document type"), required=False, choices=())
    conference_kind = forms.ChoiceField(
        label=_("Kind of conference"),
        required=False,
        choices=[("", _("Any kind"))] + [c for c in Kind.choices if c[0]],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = _doc_type_choices()

    def clean_q(self) -> str:
        # Control characters (a NUL from a tampered URL) are dropped, not searched.
        q = "".join(ch for ch in self.cleaned_data.get("q") or "" if ch.isprintable())
        return " ".join(q.split())

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", forms.ValidationError(MSG_PERIOD_REVERSED, code="reversed"))
        return data
