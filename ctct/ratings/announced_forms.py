"""The form of an award announced at a conference (the conference page's awards panel)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.ratings.announced import AnnouncedKind


class AnnounceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Award"), choices=AnnouncedKind.choices)
    kind_text = forms.CharField(label=_("Award name (other)"), required=False, max_length=120)
    recipient_name = forms.CharField(
        label=_("Recipient"), max_length=255, help_text=_("A person, a body, or a group.")
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    reason = forms.CharField(label=_("For"), required=False, max_length=500)
