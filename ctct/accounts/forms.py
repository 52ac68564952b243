from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.accounts.models import Role
from ctct.core.pickers import PickerField, PickerFormMixin


class GrantForm(PickerFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    body = PickerField(
        "body",
        action="manage_access",
        label=_("On body"),
        help_text=_("Empty: this body."),
        required=False,
    )
    password = forms.CharField(
        label=_("Password (new users only)"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_(
            "Fill it to create the login; leave it empty to give an existing user the role."
        ),
    )
    person = PickerField(
        "person", action="edit_people", label=_("Person (new users only)"), required=False
    )
