"""Builders for the award tests: a tree with giving tiers, and decided yearly sheets written
straight through the ORM (the rating services are written beside this part)::

    world = make_award_tree()
    rate(person=member, years=range(2021, 2026), level="htxsnv")
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps

from ctct.bodies.models import Body, BodyKind
from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.models import Person
from ctct.people.tests.factories import make_person
from ctct.ratings.models import AwardKind, Discipline, RatingRound, RatingSheet, Subject


@dataclass
class AwardTree:
    """region (province tier) > division (district tier) > brigade (grassroots) > cells;
    each of region and division with its standing committee."""

    region: Body
    region_standing: Body
    division: Body
    division_standing: Body
    brigade: Body
    cell: Body
    other_brigade: Body
    other_cell: Body


def ensure_award_kinds() -> None:
    """The award kinds the migration seeds. A test on real transactions starts from tables
    that an earlier such test flushed, kinds included; this puts them back."""
    if not AwardKind.objects.exists():
        importlib.import_module("ctct.ratings.migrations.0002_award_kinds").seed(apps, None)


def make_award_tree() -> AwardTree:
    ensure_award_kinds()
    region = make_body(name="Đảng ủy Quân khu 9", unit_name="Quân khu 9")
    region_standing = make_body(
        parent=region, name="Ban Thường vụ Đảng ủy Quân khu 9", kind=BodyKind.STANDING_COMMITTEE
    )
    division = make_body(parent=region, name="Đảng ủy Sư đoàn 330", unit_name="Sư đoàn 330")
    division_standing = make_body(
        parent=division,
        name="Ban Thường vụ Đảng ủy Sư đoàn 330",
        kind=BodyKind.STANDING_COMMITTEE,
    )
    brigade = make_body(parent=division, name="Đảng ủy Trung đoàn 1", unit_name="Trung đoàn 1")
    cell = make_cell(parent=brigade, name="Chi bộ Đại đội 1", unit_name="Đại đội 1")
    other_brigade = make_body(parent=division, name="Đảng ủy Trung đoàn 2")
    other_cell = make_cell(parent=other_brigade, name="Chi bộ Đại đội 5")
    return AwardTree(
        region, region_standing, division, division_standing, brigade, cell, other_brigade,
        other_cell,
    )  # fmt: skip


def kind(code: str) -> AwardKind:
    return AwardKind.objects.get(code=code)


def _round(body: Body, year: int) -> RatingRound:
    r, _ = RatingRound.objects.get_or_create(
        body=body,
        year=year,
        quarter=None,
        defaults=dict(
            opened_on=dt.date(year, 11, 1),
            self_due=dt.date(year, 11, 20),
            review_due=dt.date(year, 12, 1),
            decide_due=dt.date(year, 12, 15),
        ),
    )
    return r


def rate(
    *,
    person: Person | None = None,
    body: Body | None = None,
    years: Iterable[int],
    level: str = "htxsnv",
    at: Body | None = None,
    step: str = RatingSheet.Step.DECIDED,
) -> list[RatingSheet]:
    """Decided yearly sheets of ``person`` (rated at ``at``, their body unless given) or of
    ``body``, one per year, at ``level``."""
    rated_at = at or (person.body if person is not None else body)
    root = Body.objects.filter(path=rated_at.path[:4]).get()
    decider = Body.objects.get_parent(rated_at) or rated_at
    sheets = [
        RatingSheet(
            round=_round(root, y),
            subject=Subject.PERSON if person is not None else Subject.BODY,
            person=person,
            body=body,
            rated_at=rated_at,
            decider=decider,
            year=y,
            step=step,
            decided_level=level if step == RatingSheet.Step.DECIDED else "",
            proposed_level=level,
        )
        for y in years
    ]
    return RatingSheet.objects.bulk_create(sheets)


def discipline(*, person: Person | None = None, body: Body | None = None, on: dt.date,
               withdrawn_on: dt.date | None = None) -> Discipline:  # fmt: skip
    at = person.body if person is not None else body
    return Discipline.objects.create(
        subject=Subject.PERSON if person is not None else Subject.BODY,
        person=person,
        body=body,
        at=at,
        form="khien_trach",
        decided_on=on,
        decided_by=Body.objects.get_parent(at) or at,
        withdrawn_on=withdrawn_on,
    )


def make_members(body: Body, n: int, *, years=range(2021, 2026), level="htxsnv") -> list[Person]:
    """``n`` members of ``body``, each rated ``level`` in each of ``years``."""
    people = [make_person(body=body) for _ in range(n)]
    for p in people:
        rate(person=p, years=years, level=level)
    return people
