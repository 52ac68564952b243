"""Forms of the award pages. They only parse; the award services check the rules and write,
and their refusals are shown with the rule named."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.ratings.awards import FIRST_YEAR, LAST_YEAR


def _year_field(**kwargs):
    return forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class ProposeForm(forms.Form):
    year = _year_field(widget=forms.HiddenInput())


class AddForm(PickerFormMixin, forms.Form):
    """A name added by hand to a kind's list: a member or a Party organization, and why."""

    year = _year_field()
    kind = forms.ChoiceField(label=_("Award"), choices=())
    person = PickerField(
        "person",
        action="give_awards",
        as_object=True,
        required=False,
        label=_("Party member"),
        help_text=_("For an award given to a member."),
    )
    body = PickerField(
        "body",
        action="give_awards",
        as_object=True,
        required=False,
        label=_("Party organization"),
        help_text=_("For an award given to a Party organization."),
    )
    reason = forms.CharField(
        label=_("For"),
        max_length=500,
        required=False,
        help_text=_("The achievement behind the name, as the decision prints it."),
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {str(k.pk): k for k in kinds}
        self.fields["kind"].choices = [(str(k.pk), k.name) for k in kinds]

    def clean_kind(self):
        return self.kinds[self.cleaned_data["kind"]]


class TickForm(forms.Form):
    """Tick or untick one name of a list."""

    award = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput())
    included = forms.BooleanField(required=False, widget=forms.HiddenInput())


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
