"""Forms of the conference pages. They only parse; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.conferences.models import Conference, PartOfDay, Role
from ctct.conferences.periods import PeriodField
from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin

MSG_NO_PERSON = _("No person named “%(text)s” in your reach; add them as a guest by name.")
MSG_SEVERAL_PEOPLE = _(
    "Several people match “%(text)s”: choose one below by rank, title and body, or type more."
)


class ConferenceForm(PickerFormMixin, forms.ModelForm):
    report_citation = PickerField(
        "document",
        as_object=True,
        label=_("Report presented"),
        required=False,
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
        field_classes = {"period": PeriodField}
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
            self.initial["report_citation"] = self.instance.report_id
        self.fields["held_on"].error_messages["invalid"] = _(
            "Enter a real date (day/month/year), e.g. 2025-06-20."
        )

    def _post_clean(self):
        # Model validation runs in the services, which know the holding body; the period
        # field has already turned words into the code.
        pass


class ParticipantForm(PickerFormMixin, forms.Form):
    person = PickerField(
        "person",
        as_object=True,
        label=_("Person"),
        required=False,
        help_text=_("Type a name and choose; or write a guest's name below."),
        error_messages={"no_match": MSG_NO_PERSON, "several": MSG_SEVERAL_PEOPLE},
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


class DocumentForm(PickerFormMixin, forms.Form):
    citation = PickerField(
        "document",
        as_object=True,
        label=_("Document disseminated"),
        help_text=_("Its number, e.g. “2889-CT/ĐU”; it must have been addressed to the body."),
    )


class ConclusionForm(PickerFormMixin, forms.Form):
    text = forms.CharField(label=_("Requirement"), widget=forms.Textarea(attrs={"rows": 2}))
    assignee = PickerField(
        "body",
        label=_("Assigned to"),
        required=False,
        help_text=_("The holding body or one below it."),
    )
    due_on = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conference is not None:
            self.fields["assignee"].limit_to_branch(conference.body_id)


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
