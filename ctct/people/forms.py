from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.people.models import Person, rank_choices


class PersonForm(forms.ModelForm):
    rank = forms.ChoiceField(
        label=_("Rank"), choices=lambda: [("", _("— civilian —")), *rank_choices()], required=False
    )
    rank_conferred_on = forms.DateField(
        label=_("Rank conferred on"), required=False, widget=DateInput()
    )

    class Meta:
        model = Person
        fields = ["full_name", "birth_date", "party_joined_on", "party_confirmed_on"]
        widgets = {
            "birth_date": DateInput(),
            "party_joined_on": DateInput(),
            "party_confirmed_on": DateInput(),
        }


class PositionForm(PickerFormMixin, forms.Form):
    """A plain form: the position service is the one place that validates positions."""

    title = forms.CharField(
        label=_("Title"), max_length=120, help_text=_("e.g. Bí thư, Phó Bí thư, Chính ủy")
    )
    body = PickerField(
        "body",
        action="edit_people",
        label=_("Body"),
        help_text=_("Type part of its name and choose."),
    )
    started_on = forms.DateField(label=_("From"), widget=DateInput())
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DateInput())


class RankForm(forms.Form):
    rank = forms.ChoiceField(label=_("Rank"), choices=rank_choices)
    conferred_on = forms.DateField(label=_("Conferred on"), widget=DateInput())
