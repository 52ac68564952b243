"""Forms of a body's preparation: a step done, the superior's decision on the papers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.core.forms import DateInput


class StepForm(forms.Form):
    """The body's next step done (the plan adopted, the papers sent up, the results
    reported)."""

    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ReviewForm(forms.Form):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the papers")), (RETURN, _("Return with comments"))],
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=5000, widget=forms.Textarea
    )
