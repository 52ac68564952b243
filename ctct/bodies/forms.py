from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.core.forms import DateInput


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "short_name", "kind", "unit_name", "symbol", "founded_on", "dissolved_on"]
        widgets = {"founded_on": DateInput(), "dissolved_on": DateInput()}


class BodyMoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(
        label=_("New superior body"),
        queryset=Body.objects.none(),
        help_text=_("Any body you may edit."),
        widget=forms.NumberInput,
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        # The choice is validated against the user's scope; the id is typed or picked
        # from search (a select of 20,000 bodies would be useless).
        self.fields["new_parent"].queryset = scope.bodies("edit_bodies")
