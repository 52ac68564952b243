"""Writes of the core app: the tokens of submitted forms."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ctct.core.models import FormSubmission

# A token is remembered this long: far longer than a session (8 hours by default), so a
# form left open in a tab cannot be submitted twice while its user is still logged in.
FORM_TOKEN_KEEP = dt.timedelta(days=2)


def form_submission_create(*, token: str, user=None, url: str = "") -> FormSubmission:
    """Claim ``token``; raises IntegrityError when it was claimed already.

    Called inside the transaction of the write it guards: on PostgreSQL a second insert of the
    same token waits for the first transaction and fails once it commits; on SQLite the
    second transaction waits for the write lock (IMMEDIATE) and then fails the same way.
    """
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        return FormSubmission.objects.create(token=token, user=user, url=url[:2000])


def form_submission_finish(*, submission: FormSubmission, url: str) -> None:
    """Record where the submission led (in the same transaction as the claim)."""
    submission.url = url[:2000]
    submission.save(update_fields=["url"])


def form_submission_prune(*, now: dt.datetime | None = None) -> int:
    """Forget tokens older than FORM_TOKEN_KEEP; returns how many were deleted."""
    cutoff = (now or timezone.now()) - FORM_TOKEN_KEEP
    deleted, _ = FormSubmission.objects.filter(created__lt=cutoff).delete()
    return deleted
