"""Writes about people: creating them, their ranks over time, and their positions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.bodies.services import body_members_count
from ctct.core import findable
from ctct.core.dates import DateChecks, DateKind, shown
from ctct.people.models import Person, Position, RankRecord, validate_rank
from ctct.text.titles import title_kind

MSG_NAME_REQUIRED = _("A person needs a full name.")
MSG_POSITION_ENDS_BEFORE_START = _(
    "A position cannot end (%(later)s) before it starts (%(earlier)s)."
)
MSG_TITLE_REQUIRED = _("A position needs a title.")
MSG_RANK_DATE_REQUIRED = _("A rank needs the date it was conferred.")
MSG_RANK_HELD = _("%(name)s already holds or held the rank %(rank)s.")
MSG_RANK_BEFORE_BIRTH = _("A rank cannot be conferred before the person was born.")
MSG_JOINED_BEFORE_BIRTH = _(
    "Joining the Party on %(later)s would be before the person was born (%(earlier)s)."
)
MSG_CONFIRMED_BEFORE_JOINED = _(
    "A full Party member since %(later)s would be before joining the Party (%(earlier)s)."
)
MSG_CONFIRMED_BEFORE_BIRTH = _(
    "A full Party member since %(later)s would be before the person was born (%(earlier)s)."
)
MSG_BORN_AFTER_RECORDS = _(
    "Born on %(earlier)s would be after the person's first rank or post (%(later)s)."
)
MSG_POSITION_BEFORE_BIRTH = _(
    "A position from %(later)s would begin before the person was born (%(earlier)s)."
)
MSG_POSITION_BEFORE_BODY = _(
    "A position from %(later)s would begin before the body was founded (%(earlier)s)."
)
MSG_RANK_BELOW_LATER = _(
    "%(rank)s cannot be conferred on %(date)s: %(name)s was already %(other)s on %(other_date)s."
)
MSG_RANK_ABOVE_EARLIER = _(
    "%(rank)s cannot be conferred on %(date)s: %(name)s became %(other)s, a lower rank, "
    "only on %(other_date)s."
)
MSG_BODY_CLOSED = _("%(body)s no longer exists (merged or dissolved); choose its successor.")


def _person_date_checks(
    *,
    birth_date: dt.date | None,
    party_joined_on: dt.date | None,
    party_confirmed_on: dt.date | None,
) -> DateChecks:
    """The dates of a person's own record: each plausible, and in the order of a life."""
    return (
        DateChecks()
        .date(birth_date, field="birth_date", kind=DateKind.BIRTH)
        .date(party_joined_on, field="party_joined_on", kind=DateKind.PARTY)
        .date(party_confirmed_on, field="party_confirmed_on", kind=DateKind.PARTY)
        .order(
            birth_date, party_joined_on, field="party_joined_on", message=MSG_JOINED_BEFORE_BIRTH
        )
        .order(
            party_joined_on,
            party_confirmed_on,
            field="party_confirmed_on",
            message=MSG_CONFIRMED_BEFORE_JOINED,
        )
        .order(
            birth_date,
            party_confirmed_on,
            field="party_confirmed_on",
            message=MSG_CONFIRMED_BEFORE_BIRTH,
        )
    )


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
    checks = _person_date_checks(
        birth_date=birth_date,
        party_joined_on=party_joined_on,
        party_confirmed_on=party_confirmed_on,
    )
    if rank:
        checks.date(rank_conferred_on, field="rank_conferred_on", kind=DateKind.MILITARY).order(
            birth_date, rank_conferred_on, field="rank_conferred_on", message=MSG_RANK_BEFORE_BIRTH
        )
    checks.raise_any()
    person = Person(
        full_name=full_name,
        body=body,
        birth_date=birth_date,
        party_joined_on=party_joined_on,
        party_confirmed_on=party_confirmed_on,
    )
    person.full_clean(exclude=["name_key", "search_key"])
    person.save()
    body_members_count(body_id=body.pk, by=1)
    if rank:
        rank_confer(person=person, rank=rank, conferred_on=rank_conferred_on)
    return person


@transaction.atomic
def person_update(*, person: Person, **fields) -> Person:
    allowed = {"full_name", "birth_date", "party_joined_on", "party_confirmed_on"}
    if set(fields) - allowed:
        raise ValueError(f"not editable here: {sorted(set(fields) - allowed)}")
    values = {
        f: fields.get(f, getattr(person, f))
        for f in ("birth_date", "party_joined_on", "party_confirmed_on")
    }
    checks = _person_date_checks(**values)
    if "birth_date" in fields and values["birth_date"]:
        first = min(
            [
                *RankRecord.objects.filter(person=person).values_list("conferred_on", flat=True),
                *Position.objects.filter(person=person).values_list("started_on", flat=True),
            ],
            default=None,
        )
        checks.order(
            values["birth_date"], first, field="birth_date", message=MSG_BORN_AFTER_RECORDS
        )
    checks.raise_any()
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
    body_members_count(body_id=old, by=-1)
    body_members_count(body_id=body.pk, by=1)
    return person


@transaction.atomic
def rank_confer(*, person: Person, rank: str, conferred_on: dt.date | None) -> RankRecord:
    """Record a rank conferred on a person; the latest one becomes the current rank.

    Ranks only go up: a rank must be conferred after every lower rank the person holds and
    before every higher one."""
    from ctct.text.names import rank_order

    validate_rank(rank)
    if conferred_on is None:
        raise ValidationError(MSG_RANK_DATE_REQUIRED, code="rank_date")
    DateChecks().date(conferred_on, field="conferred_on", kind=DateKind.MILITARY).order(
        person.birth_date, conferred_on, field="conferred_on", message=MSG_RANK_BEFORE_BIRTH
    ).raise_any()
    held = list(RankRecord.objects.filter(person=person).values_list("rank", "conferred_on"))
    if any(r == rank for r, _on in held):
        raise ValidationError(
            MSG_RANK_HELD, params={"name": person.full_name, "rank": rank}, code="rank_held"
        )
    order = rank_order(rank)
    for other, on in sorted(held, key=lambda h: h[1]):
        above = rank_order(other) > order
        if (above and on <= conferred_on) or (not above and on >= conferred_on):
            params = {
                "rank": rank,
                "date": shown(conferred_on),
                "name": person.full_name,
                "other": other,
                "other_date": shown(on),
            }
            message = MSG_RANK_BELOW_LATER if above else MSG_RANK_ABOVE_EARLIER
            raise ValidationError(
                {"conferred_on": ValidationError(message, code="rank_order", params=params)}
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
    _check_interval(started_on, ended_on).order(
        person.birth_date, started_on, field="started_on", message=MSG_POSITION_BEFORE_BIRTH
    ).order(
        body.founded_on, started_on, field="started_on", message=MSG_POSITION_BEFORE_BODY
    ).raise_any()
    position = Position(
        person=person, body=body, title=title, started_on=started_on, ended_on=ended_on
    )
    position.full_clean()
    position.save()
    return position


@transaction.atomic
def position_end(*, position: Position, ended_on: dt.date) -> Position:
    _check_interval(position.started_on, ended_on).raise_any()
    position.ended_on = ended_on
    position.save()
    return position


def _check_interval(start: dt.date | None, end: dt.date | None) -> DateChecks:
    return (
        DateChecks()
        .date(start, field="started_on", kind=DateKind.PARTY)
        .date(end, field="ended_on", kind=DateKind.PARTY)
        .order(
            start, end, field="ended_on", message=MSG_POSITION_ENDS_BEFORE_START, code="interval"
        )
    )


# --- built for bulk writes ------------------------------------------------------------------
# A bulk import builds people, their ranks and their posts with these (each checked, unsaved)
# and writes them with ``person_insert`` and ``rank_insert``, inside its own transaction.
def person_build(
    *,
    full_name: str,
    body_id: int,
    rank: str = "",
    rank_conferred_on: dt.date | None = None,
    user=None,
) -> Person:
    """A checked, unsaved person who is a member of the body ``body_id``."""
    if not (full_name or "").strip():
        raise ValidationError(MSG_NAME_REQUIRED, code="name")
    if rank:
        validate_rank(rank)
        if rank_conferred_on is None:
            raise ValidationError(MSG_RANK_DATE_REQUIRED, code="rank_date")
    person = Person(
        full_name=full_name,
        body_id=body_id,
        rank=rank,
        rank_conferred_on=rank_conferred_on if rank else None,
    )
    person._history_user = user
    return person


def rank_build(
    *,
    rank: str,
    conferred_on: dt.date | None,
    person: Person | None = None,
    person_id: int | None = None,
    user=None,
) -> RankRecord:
    """A checked, unsaved rank record of ``person`` (saved or not yet) or of ``person_id``."""
    validate_rank(rank)
    if conferred_on is None:
        raise ValidationError(MSG_RANK_DATE_REQUIRED, code="rank_date")
    if person is not None:
        record = RankRecord(person=person, rank=rank, conferred_on=conferred_on)
    else:
        record = RankRecord(person_id=person_id, rank=rank, conferred_on=conferred_on)
    if user is not None:
        record._history_user = user
    return record


def position_build(
    *, person: Person, body_id: int, title: str, started_on: dt.date, user=None
) -> Position:
    """A checked, unsaved post of ``person`` (saved or not yet) at the body ``body_id``."""
    if not (title or "").strip():
        raise ValidationError(MSG_TITLE_REQUIRED, code="title")
    position = Position(
        person=person,
        body_id=body_id,
        title=title,
        title_kind=title_kind(title),
        started_on=started_on,
    )
    position._history_user = user
    return position


def person_insert(
    *, person: Person, ranks: list[RankRecord] = (), positions: list[Position] = ()
) -> Person:
    """Write a built person (``person_build``) with the ranks and posts built for them: the
    person counts as a member of their body. Runs in the caller's transaction."""
    with transaction.atomic(savepoint=False):
        person.save()
        body_members_count(body_id=person.body_id, by=1)
        for record in ranks:
            record.save()
        for position in positions:
            position.save()
    return person


def rank_insert(*, record: RankRecord) -> RankRecord:
    """Write a built rank record (``rank_build``) that is the person's latest rank: it becomes
    their current rank. Runs in the caller's transaction."""
    with transaction.atomic(savepoint=False):
        record.save()
        Person.objects.filter(pk=record.person_id).update(
            rank=record.rank, rank_conferred_on=record.conferred_on
        )
        findable.changed("person", [record.person_id])  # .update() fires no post_save
    return record
