"""Writes about people: creating them, their ranks over time, and their positions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.people.models import Person, Position, RankRecord, validate_rank

MSG_NAME_REQUIRED = _("A person needs a full name.")
MSG_POSITION_ENDS_BEFORE_START = _("A position cannot end (%(end)s) before it starts (%(start)s).")
MSG_TITLE_REQUIRED = _("A position needs a title.")
MSG_RANK_DATE_REQUIRED = _("A rank needs the date it was conferred.")
MSG_RANK_HELD = _("%(name)s already holds or held the rank %(rank)s.")
MSG_RANK_BEFORE_BIRTH = _("A rank cannot be conferred before the person was born.")
MSG_BODY_CLOSED = _("%(body)s no longer exists (merged or dissolved); choose its successor.")


@transaction.atomic
def person_create(
    *,
    full_name: str,
    body: Body,
    rank: str = "",
    rank_conferred_on: dt.date | None = None,
    birth_date: dt.date | None = None,
    party_joined_on: dt.date | None = None,
    party_confirmed_on: dt.date | None = None,
) -> Person:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError(MSG_NAME_REQUIRED, code="name")
    if rank:
        validate_rank(rank)
        if rank_conferred_on is None:
            raise ValidationError(MSG_RANK_DATE_REQUIRED, code="rank_date")
    person = Person(
        full_name=full_name,
        body=body,
        birth_date=birth_date,
        party_joined_on=party_joined_on,
        party_confirmed_on=party_confirmed_on,
    )
    person.full_clean(exclude=["name_key", "search_key"])
    person.save()
    Body.objects.filter(pk=body.pk).update(member_count=F("member_count") + 1)
    if rank:
        rank_confer(person=person, rank=rank, conferred_on=rank_conferred_on)
    return person


@transaction.atomic
def person_update(*, person: Person, **fields) -> Person:
    allowed = {"full_name", "birth_date", "party_joined_on", "party_confirmed_on"}
    if set(fields) - allowed:
        raise ValueError(f"not editable here: {sorted(set(fields) - allowed)}")
    for k, v in fields.items():
        setattr(person, k, v)
    if not person.full_name.strip():
        raise ValidationError(MSG_NAME_REQUIRED, code="name")
    person.full_clean(exclude=["name_key", "search_key"])
    person.save()
    return person


@transaction.atomic
def person_transfer(*, person: Person, body: Body) -> Person:
    """Move a person's Party membership to another body."""
    if not body.is_active:
        raise ValidationError(MSG_BODY_CLOSED, params={"body": body.name}, code="closed")
    old = person.body_id
    if old == body.pk:
        return person
    person.body = body
    person.save()
    Body.objects.filter(pk=old).update(member_count=F("member_count") - 1)
    Body.objects.filter(pk=body.pk).update(member_count=F("member_count") + 1)
    return person


@transaction.atomic
def rank_confer(*, person: Person, rank: str, conferred_on: dt.date | None) -> RankRecord:
    """Record a rank conferred on a person; the latest one becomes the current rank."""
    validate_rank(rank)
    if conferred_on is None:
        raise ValidationError(MSG_RANK_DATE_REQUIRED, code="rank_date")
    if person.birth_date and conferred_on < person.birth_date:
        raise ValidationError(MSG_RANK_BEFORE_BIRTH, code="rank_date")
    if RankRecord.objects.filter(person=person, rank=rank).exists():
        raise ValidationError(
            MSG_RANK_HELD, params={"name": person.full_name, "rank": rank}, code="rank_held"
        )
    record = RankRecord.objects.create(person=person, rank=rank, conferred_on=conferred_on)
    latest = RankRecord.objects.filter(person=person).order_by("-conferred_on", "-id").first()
    person.rank, person.rank_conferred_on = latest.rank, latest.conferred_on
    person.save(update_fields=["rank", "rank_conferred_on", "name_key", "search_key"])
    return record


@transaction.atomic
def position_create(
    *,
    person: Person,
    body: Body,
    title: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
) -> Position:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(MSG_TITLE_REQUIRED, code="title")
    _check_interval(started_on, ended_on)
    position = Position(
        person=person, body=body, title=title, started_on=started_on, ended_on=ended_on
    )
    position.full_clean()
    position.save()
    return position


@transaction.atomic
def position_end(*, position: Position, ended_on: dt.date) -> Position:
    _check_interval(position.started_on, ended_on)
    position.ended_on = ended_on
    position.save()
    return position


def _check_interval(start: dt.date, end: dt.date | None) -> None:
    if end is not None and start is not None and end < start:
        raise ValidationError(
            MSG_POSITION_ENDS_BEFORE_START,
            params={"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
            code="interval",
        )
