from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "short_name", "kind", "unit_name", "symbol", "founded_on", "dissolved_on"]
        widgets = {"founded_on": DateInput(), "dissolved_on": DateInput()}


class BodyMoveForm(PickerFormMixin, forms.Form):
    # A select of 20,000 bodies would be useless: the body is searched by name, and the
    # choice is checked against the bodies the user may edit.
    new_parent = PickerField(
        "body",
        action="edit_bodies",
        as_object=True,
        label=_("New superior body"),
        help_text=_("Any body you may edit."),
    )
