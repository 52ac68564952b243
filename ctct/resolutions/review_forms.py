"""Forms of the review report pages. They only parse; the review services validate and
write, and their refusals are shown on the form with what was typed kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.conferences.periods import PeriodField
from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.resolutions.models import ReviewKind
from ctct.resolutions.review_services import SECTION_LIMIT

# The version a writer started from: a stored number fits well below this.
MAX_VERSION = 10**9


class ReviewForm(PickerFormMixin, forms.Form):
    body = PickerField(
        "body",
        action="edit_resolutions",
        as_object=True,
        label=_("Body"),
        help_text=_("The Party committee or cell whose review report it is."),
    )
    period = PeriodField(label=_("Period"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "wide"}),
        help_text=_("Left empty: “Báo cáo tổng kết công tác lãnh đạo năm 2025”."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=120,
        required=False,
        help_text=_("The locality of the date line, e.g. “Cần Thơ”."),
    )
    dated = forms.DateField(label=_("Dated"), required=False, widget=DateInput())
    document = PickerField(
        "document",
        as_object=True,
        required=False,
        label=_("Numbered report (BC)"),
        help_text=_("Its number, e.g. “25-BC/ĐU”, once it is registered."),
    )


def _section(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=SECTION_LIMIT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "wide"}),
        help_text=help_text,
    )


class StaffForm(forms.Form):
    """The five sections the staff write, and the version they started from."""

    based_on = forms.IntegerField(min_value=0, max_value=MAX_VERSION, widget=forms.HiddenInput())
    strengths = _section(_("Strengths (ưu điểm)"))
    limitations = _section(
        _("Limitations (hạn chế)"),
        _("One per line: the next review brings each forward for its outcome."),
    )
    causes = _section(_("Causes (nguyên nhân)"))
    lessons = _section(_("Lessons (bài học kinh nghiệm)"))
    direction = _section(_("Direction and tasks (phương hướng, nhiệm vụ)"))


class ReviewDocumentForm(PickerFormMixin, forms.Form):
    """The numbered report (BC) the review was registered as; empty to unlink it."""

    document = PickerField(
        "document",
        as_object=True,
        required=False,
        label=_("Numbered report (BC)"),
        help_text=_("Its number, e.g. “25-BC/ĐU”, once it is registered."),
    )
