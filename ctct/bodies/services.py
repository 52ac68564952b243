"""Writes to the Party tree. Each service validates first, then changes state in one
transaction, and leaves a history row (who / when / what) for every change."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.bodies.signals import body_moved
from ctct.core.dates import DateChecks, DateKind

MSG_CYCLE = _("A body cannot be placed under itself or under one of its own subordinates.")
MSG_SUCCESSOR_SELF = _("A body cannot be merged into itself or into one of its subordinates.")
MSG_MERGED_BEFORE_FOUNDED = _(
    "A merger on %(later)s would be before the body was founded (%(earlier)s)."
)
MSG_DISSOLVED_BEFORE_FOUNDED = _(
    "Dissolution on %(later)s would be before the body was founded (%(earlier)s)."
)
MSG_NAME_REQUIRED = _("A body needs a full name.")
MSG_MERGE_DATE = _("A merged body needs the date of the merger.")

EDITABLE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "unit_name",
    "symbol",
    "founded_on",
    "dissolved_on",
)


def _validate_dates(body: Body) -> None:
    (
        DateChecks()
        .date(body.founded_on, field="founded_on", kind=DateKind.PARTY)
        .date(body.merged_on, field="merged_on", kind=DateKind.PARTY)
        .date(body.dissolved_on, field="dissolved_on", kind=DateKind.PARTY)
        .order(
            body.founded_on, body.merged_on, field="merged_on", message=MSG_MERGED_BEFORE_FOUNDED
        )
        .order(
            body.founded_on,
            body.dissolved_on,
            field="dissolved_on",
            message=MSG_DISSOLVED_BEFORE_FOUNDED,
        )
        .raise_any()
    )


def _validate(body: Body) -> None:
    if not (body.name or "").strip():
        raise ValidationError(MSG_NAME_REQUIRED, code="name")
    _validate_dates(body)
    body.full_clean(exclude=["path", "depth", "numchild", "search_key"])


@transaction.atomic
def body_create(*, parent: Body | None, **fields) -> Body:
    """Create a body under ``parent`` (a root when None)."""
    body = Body(**fields)
    body.path, body.depth = "0" * Body.steplen, 1  # placeholders so full_clean passes
    _validate(body)
    if parent is None:
        return Body.objects.add_root(instance=body)
    parent = Body.objects.get(pk=parent.pk)  # fresh numchild / path
    return Body.objects.add_child(parent, instance=body)


@transaction.atomic
def body_update(*, body: Body, **fields) -> Body:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(body, name, value)
    _validate(body)
    body.save()
    return body


@transaction.atomic
def body_move(*, body: Body, new_parent: Body, reason: str = "") -> Body:
    """Place ``body`` (and its subtree) under ``new_parent``; refuses cycles."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    new_parent = Body.objects.get(pk=new_parent.pk)
    if new_parent.path.startswith(body.path):
        raise ValidationError(MSG_CYCLE, code="cycle")
    if Body.objects.get_parent(body) == new_parent:
        return body
    Body.objects.move(body, new_parent, pos="last-child")
    body = Body.objects.get(pk=body.pk)
    # treebeard moves with UPDATE statements, which history does not see: record it here.
    body._change_reason = reason or f"moved under {new_parent.name}"
    body.save()
    body_moved.send(sender=Body, body=body)
    return body


@transaction.atomic
def body_merge(*, body: Body, successor: Body, on: dt.date) -> Body:
    """Mark ``body`` as merged into ``successor``; it keeps its history and records."""
    if on is None:
        raise ValidationError(MSG_MERGE_DATE, code="merge_date")
    if successor.path.startswith(body.path):
        raise ValidationError(MSG_SUCCESSOR_SELF, code="successor")
    body.merged_on = on
    body.successor = successor
    _validate(body)
    body._change_reason = f"merged into {successor.name}"
    body.save()
    return body


def body_members_count(*, body_id: int, by: int) -> None:
    """Keep a body's member count (``Body.member_count``, summed for a branch's size) as people
    join (``by=1``) or leave (``by=-1``); the people app calls it in its own transaction."""
    Body.objects.filter(pk=body_id).update(member_count=F("member_count") + by)
