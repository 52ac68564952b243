"""Builders of rating rounds, sheets and discipline records for tests, through the ratings
services::

    rnd = make_round(body=brigade, year=2025)
    sheet = make_sheet(round=rnd, person=member, level="htxsnv", upto="decided")
    make_discipline(person=member, decided_on=dt.date(2025, 5, 1))
    rate_years(person=member, levels={2021: "htxsnv", 2022: "htxsnv"})  # a history
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ctct.bodies.models import Body
from ctct.core.treepaths import parent_path
from ctct.people.models import Person
from ctct.ratings import rules as rl
from ctct.ratings.models import Discipline, RatingRound, RatingSheet
from ctct.ratings.services import (
    discipline_record,
    round_open,
    sheet_review,
    sheet_self_rate,
    sheets_decide,
)

YEAR = 2025
STEPS = ("self_rated", "reviewed", "decided")


def make_round(
    *, body: Body, year: int = YEAR, quarter: int | None = None, **fields
) -> RatingRound:
    """A round of ``body``'s subtree, opened in December of ``year`` (decisions due in January)."""
    fields.setdefault("opened_on", dt.date(year, 12, 1))
    fields.setdefault("self_due", dt.date(year, 12, 15))
    fields.setdefault("review_due", dt.date(year, 12, 25))
    fields.setdefault("decide_due", dt.date(year + 1, 1, 15))
    return round_open(body=body, year=year, quarter=quarter, **fields)


def scores_for(level: str, rules: rl.Rules | None = None) -> dict[str, Decimal]:
    """Scores per criteria group whose sum lies in the middle of ``level``'s band."""
    rules = rules or rl.current()
    lv = rules.level(level)
    rank = rules.rank(level)
    top = rules.max_score if rank == 0 else rules.levels[rank - 1].min_score
    total = (lv.min_score + top) / 2
    out: dict[str, Decimal] = {}
    left = total
    for c in rules.criteria[:-1]:
        out[c.code] = (total * c.max / rules.max_score).quantize(Decimal("0.1"))
        left -= out[c.code]
    out[rules.criteria[-1].code] = left.quantize(Decimal("0.1"))
    return out


def sheet_of(*, round: RatingRound, person: Person | None = None, body: Body | None = None):  # noqa: A002
    """The sheet of ``person`` (or ``body``) in ``round``."""
    if person is not None:
        return RatingSheet.objects.get(round=round, person=person)
    return RatingSheet.objects.get(round=round, body=body)


def reviewer_of(sheet: RatingSheet) -> Body:
    """The body that reviews ``sheet``: the cell keeping a member's, the body above a body."""
    if sheet.body_id is not None:
        return Body.objects.get(path=parent_path(sheet.body.path))
    return Body.objects.get(pk=sheet.rated_at_id)


def make_sheet(
    *,
    round: RatingRound,  # noqa: A002
    person: Person | None = None,
    body: Body | None = None,
    level: str = "httnv",
    upto: str = "self_rated",
    scores: dict | None = None,
    on_time=100,
    beyond=50,
    late=0,
    user=None,
) -> RatingSheet:
    """The sheet of ``person`` (or ``body``) in ``round``, taken through the steps ``upto``
    ("self_rated", "reviewed" or "decided") at ``level``, with scores in its band."""
    sheet = sheet_of(round=round, person=person, body=body)
    scores = scores or scores_for(level)
    sheet = sheet_self_rate(
        sheet=sheet,
        scores=scores,
        level=level,
        on_time=on_time,
        beyond=beyond,
        late=late if body is not None else None,
        user=user,
    )
    if STEPS.index(upto) >= 1:
        sheet = sheet_review(sheet=sheet, at=reviewer_of(sheet), level=level, user=user)
    if STEPS.index(upto) >= 2:
        decider = Body.objects.get(pk=sheet.decider_id)
        [sheet] = sheets_decide(decider=decider, round=round, levels={sheet.pk: level}, user=user)
    return sheet


def rate_years(*, person: Person, levels: dict[int, str], body: Body | None = None) -> None:
    """Decided levels of ``person`` for several years: a round of their body (or ``body``)
    each year, the person's sheet decided at the level given."""
    for year, level in sorted(levels.items()):
        rnd = make_round(body=body or person.body, year=year)
        make_sheet(round=rnd, person=person, level=level, upto="decided")


def make_discipline(
    *,
    person: Person | None = None,
    body: Body | None = None,
    form: str = "khien_trach",
    decided_on: dt.date = dt.date(YEAR, 6, 1),
    decided_by: Body | None = None,
    **fields,
) -> Discipline:
    """A khiển trách of ``person`` (decided by their body) or of ``body`` (by its parent)."""
    if decided_by is None:
        decided_by = (
            person.body if person is not None else Body.objects.get(path=parent_path(body.path))
        )
    return discipline_record(
        person=person, body=body, form=form, decided_on=decided_on, decided_by=decided_by, **fields
    )
