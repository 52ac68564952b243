"""Form helpers shared by the apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, keeping what the user typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# --- forms posted twice -------------------------------------------------------------------
# Every form that creates something carries a one-time token. The first POST that succeeds
# records where it led; a second POST with the same token (a double click, a reload, the
# back button) is sent there too, with a note, instead of creating a duplicate.
FORM_TOKEN = "form_token"
_DONE_KEY = "ctct_forms_done"
_KEEP = 50


def form_token(request) -> str:
    """The token to put in the form: the posted one while the user corrects errors."""
    import secrets

    posted = request.POST.get(FORM_TOKEN, "") if request.method == "POST" else ""
    return posted[:64] or secrets.token_urlsafe(16)


def already_submitted(request):
    """A redirect to the first result when this POST repeats a finished one, else None."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    token = request.POST.get(FORM_TOKEN, "")
    url = request.session.get(_DONE_KEY, {}).get(token) if token else None
    if url is None:
        return None
    messages.info(request, _("This form was already submitted; nothing was added twice."))
    return redirect(url)


def mark_submitted(request, url: str) -> None:
    token = request.POST.get(FORM_TOKEN, "")
    if not token:
        return
    done = dict(request.session.get(_DONE_KEY, {}))
    done[token] = url
    request.session[_DONE_KEY] = dict(list(done.items())[-_KEEP:])
