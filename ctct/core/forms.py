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


def create_form_page(request, form, *, save, template: str, title: str, context=None):
    """The whole life of a form that creates something, in one place.

    GET shows ``form``; a POST that repeats a finished one goes where the first went; a
    valid POST calls ``save(cleaned_data)``, which returns ``(message, url)`` on success or
    raises ValidationError (shown on the form, with everything the user typed kept). On
    success the form's token is marked used and the user is sent to ``url``.
    """
    from django.contrib import messages
    from django.shortcuts import redirect, render

    if request.method == "POST":
        if dup := already_submitted(request):
            return dup
        if form.is_valid():
            try:
                outcome = save(form.cleaned_data)
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                if outcome is not None:
                    message, url = outcome
                    messages.success(request, message)
                    mark_submitted(request, url)
                    return redirect(url)
    ctx = {"form": form, "title": title, "form_token": form_token(request), **(context or {})}
    return render(request, template, ctx)


def page_number(request) -> int:
    """The ?page= of a paged list: 1 when absent, malformed or below 1."""
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1
