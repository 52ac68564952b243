"""Form helpers shared by the apps."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy


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
# Every form that creates something carries a one-time token. The write and the claim of the
# token (a FormSubmission row, unique by token) commit in one transaction, so of several
# POSTs of one rendered form (a double click, a reload, the back button, a retry racing the
# first) exactly one writes; the others are sent where the first one led, with a note.
FORM_TOKEN = "form_token"
_TOKEN_LENGTH = 64

MSG_ALREADY_SUBMITTED = gettext_lazy("This form was already submitted; nothing was added twice.")


def _posted_token(request) -> str:
    if request.method != "POST":
        return ""
    return request.POST.get(FORM_TOKEN, "")[:_TOKEN_LENGTH].strip()


def new_form_token() -> str:
    return secrets.token_urlsafe(16)


def form_token(request) -> str:
    """The token to put in the form: the posted one while the user corrects errors (it was
    not used, the failed write rolled its claim back), else a new one."""
    return _posted_token(request) or new_form_token()


def _to_first_result(request, submission) -> HttpResponse:
    messages.info(request, MSG_ALREADY_SUBMITTED)
    mine = submission.user_id is None or submission.user_id == request.user.pk
    return redirect(submission.url if mine and submission.url else "home")


def already_submitted(request) -> HttpResponse | None:
    """A redirect to the first result when this POST repeats a finished one, else None."""
    from ctct.core.models import FormSubmission

    token = _posted_token(request)
    if not token:
        return None
    first = FormSubmission.objects.filter(token=token).exclude(url="").first()
    return _to_first_result(request, first) if first is not None else None


def submit_once(request, save: Callable[[], tuple[str, str] | None]) -> HttpResponse | None:
    """Run ``save()`` at most once per form token.

    ``save`` writes and returns ``(message, url)``, or returns None having written nothing
    (errors put on the form). The POST's token is claimed in the same transaction as the
    write: a POST whose token another one already claimed (even one still running) waits for
    it and is redirected to its result, with a note, having written nothing. Returns the
    redirect, or None when ``save`` returned None. A ValidationError from ``save`` rolls the
    claim back and is raised, so the user may correct the form and post it again.

    A POST without a token (a page opened before tokens existed) is saved as before.
    """
    from ctct.core.models import FormSubmission
    from ctct.core.services import (
        form_submission_create,
        form_submission_finish,
        form_submission_prune,
    )

    token = _posted_token(request)
    try:
        with transaction.atomic():
            claim = form_submission_create(token=token, user=request.user) if token else None
            outcome = save()
            if outcome is None:
                transaction.set_rollback(True)
            elif claim is not None:
                form_submission_finish(submission=claim, url=outcome[1])
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token).first() if token else None
        if first is None:  # the write's own constraint, not a repeated form
            raise
        return _to_first_result(request, first)
    if outcome is None:
        return None
    if token:
        form_submission_prune()
    message, url = outcome
    messages.success(request, message)
    return redirect(url)


def create_form_page(request, form, *, save, template: str, title: str, context=None):
    """The whole life of a form that creates something, in one place.

    GET shows ``form``; a POST that repeats a finished one goes where the first went; a
    valid POST calls ``save(cleaned_data)``, which returns ``(message, url)`` on success or
    raises ValidationError (shown on the form, with everything the user typed kept). On
    success the user is sent to ``url``; the save and the claim of the form's token commit
    together (``submit_once``), so racing repeats of the POST write nothing.
    """

    if request.method == "POST":
        if dup := already_submitted(request):
            return dup
        if form.is_valid():
            try:
                if done := submit_once(request, lambda: save(form.cleaned_data)):
                    return done
            except ValidationError as e:
                apply_validation_error(form, e)
    ctx = {"form": form, "title": title, "form_token": form_token(request), **(context or {})}
    return render(request, template, ctx)


# --- paged lists ----------------------------------------------------------------------------
# A page number beyond this is treated as this (the list then shows its last page): a larger
# offset would overflow the database's integers and fail the page.
MAX_PAGE = 1_000_000


def page_number(request) -> int:
    """The ?page= of a paged list: 1 when absent, malformed or below 1; at most MAX_PAGE."""
    raw = request.GET.get("page", "1").strip()
    if len(raw) > len(str(MAX_PAGE)):
        return MAX_PAGE if raw.isdigit() else 1
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except ValueError:
        return 1


@dataclass
class Page:
    items: list
    number: int
    has_next: bool


def page_of(qs, request, *, size: int) -> Page:
    """One page of ``qs`` (one query; a count too only when ?page= is past the end, which
    then shows the last page)."""
    number = page_number(request)
    rows = list(qs[(number - 1) * size : number * size + 1])
    if not rows and number > 1:
        number = max(1, -(-qs.count() // size))
        rows = list(qs[(number - 1) * size : number * size + 1])
    return Page(items=rows[:size], number=number, has_next=len(rows) > size)
