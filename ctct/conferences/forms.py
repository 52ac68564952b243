"""Forms of the conference pages. They only parse; the services validate and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ctct.conferences.models import AwardKind, Conference, PartOfDay, Role, validate_period
from ctct.core.forms import DateInput


class ConferenceForm(forms.ModelForm):
    report_citation = forms.CharField(
        label=_("Report presented"),
        required=False,
        max_length=120,
        help_text=_("Its number, e.g. “12-BC/ĐU”, if the report is registered."),
    )

    class Meta:
        model = Conference
        fields = [
            "kind",
            "title",
            "held_on",
            "part_of_day",
            "place",
            "period",
            "results",
            "direction",
            "minutes",
        ]
        widgets = {
            "held_on": DateInput(),
            "results": forms.Textarea(attrs={"rows": 4}),
            "direction": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "held_on": {"invalid": _("Enter a real date (day/month/year), e.g. 2025-06-20.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part_of_day"].choices = PartOfDay.choices
        if self.instance.pk and self.instance.report_id and not self.is_bound:
            self.initial["report_citation"] = self.instance.report.number_display
        self.fields["held_on"].error_messages["invalid"] = _(
            "Enter a real date (day/month/year), e.g. 2025-06-20."
        )

    def _post_clean(self):
        # Model validation runs in the services, which know the holding body.
        if self.cleaned_data.get("period"):
            try:
                validate_period(self.cleaned_data["period"])
            except forms.ValidationError as e:
                self.add_error("period", e)


class ParticipantForm(forms.Form):
    person = forms.IntegerField(
        label=_("Person (record number)"), required=False, widget=forms.HiddenInput
    )
    person_query = forms.CharField(
        label=_("Person"),
        required=False,
        help_text=_("Type a name and choose; or write a guest's name below."),
    )
    full_name = forms.CharField(label=_("Guest's name"), required=False, max_length=120)
    rank = forms.CharField(label=_("Rank"), required=False, max_length=32)
    titles = forms.CharField(
        label=_("Titles that day"),
        required=False,
        max_length=500,
        help_text=_("Left empty: taken from the person's positions on the conference date."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    is_guest = forms.BooleanField(label=_("Guest from outside the holding body"), required=False)


class TitlesForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    titles = forms.CharField(label=_("Titles that day"), max_length=500, required=False)


class DocumentForm(forms.Form):
    citation = forms.CharField(
        label=_("Document disseminated"),
        max_length=120,
        help_text=_("Its number, e.g. “2889-CT/ĐU”; it must have been addressed to the body."),
    )


class ConclusionForm(forms.Form):
    text = forms.CharField(label=_("Requirement"), widget=forms.Textarea(attrs={"rows": 2}))
    assignee = forms.TypedChoiceField(
        label=_("Assigned to"), required=False, coerce=int, empty_value=None
    )
    due_on = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    # The holding body and the bodies below it, in tree order (capped: a huge branch is
    # assigned through its upper levels).
    ASSIGNEE_LIMIT = 300

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conference is not None:
            from ctct.bodies.models import Body
            from ctct.core.scopes import subtree_q

            bodies = (
                Body.objects.filter(subtree_q(conference.body.path))
                .order_by("path")
                .values_list("pk", "name", "depth")[: self.ASSIGNEE_LIMIT]
            )
            top = conference.body.depth
            self.fields["assignee"].choices = [("", "—")] + [
                (pk, "  " * (depth - top) + name) for pk, name, depth in bodies
            ]


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Award"), choices=AwardKind.choices)
    kind_text = forms.CharField(label=_("Award name (other)"), required=False, max_length=120)
    recipient_name = forms.CharField(
        label=_("Recipient"), max_length=255, help_text=_("A person, a body, or a group.")
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    reason = forms.CharField(label=_("For"), required=False, max_length=500)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)

    def clean_image(self):
        from ctct.conferences.services import check_image

        f = self.cleaned_data["image"]
        check_image(f)
        return f


class ArticleForm(forms.Form):
    headline = forms.CharField(
        label=_("Headline"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "wide"}),
    )
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 18, "class": "wide"})
    )
    byline = forms.CharField(label=_("Byline"), required=False, max_length=120)


def max_upload_mb() -> int:
    return settings.CTCT_MAX_UPLOAD_MB
