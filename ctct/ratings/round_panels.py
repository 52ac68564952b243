"""What rating rounds show on the pages of lower apps: on a person's page their levels by year
with the current run ("HTXSNV 3 năm liền") and, to those entitled, their discipline; on a
body's page its levels by year, the rounds open that reach it, and a link to its ratings page.

Discipline is never in the context of a user without ``see_discipline`` on the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from ctct.bodies.models import Body
from ctct.core import panels
from ctct.ratings import page_selectors
from ctct.ratings import rules as rating_rules
from ctct.ratings.models import Discipline, RatingRound, RatingSheet

# A page lists this many years (and quarters) of ratings, and this many discipline records.
HISTORY_SHOWN = 10
DISCIPLINE_SHOWN = 10


@dataclass
class Run:
    """The current run of years at a level or better, ending with the latest yearly rating."""

    level: str
    years: int
    last_year: int


def _run(rules, sheets: list[RatingSheet]) -> Run | None:
    decided = {
        s.year: s.decided_level
        for s in sheets
        if s.quarter is None and s.decided_level in rules.codes
    }
    if not decided:
        return None
    last = max(decided)
    floor = decided[last]
    return Run(level=floor, years=rating_rules.streak(rules, decided, last, floor), last_year=last)


def _history(qs) -> list[RatingSheet]:
    return list(
        qs.select_related("rated_at", "round").order_by("-year", "-quarter", "-pk")[
            : HISTORY_SHOWN * 5
        ]
    )


def person_section(request: HttpRequest, person) -> dict | None:
    rules = rating_rules.current()
    sheets = _history(RatingSheet.objects.filter(person=person))
    may_see = person.body is not None and request.scope.allows("see_discipline", person.body)
    disciplines = (
        list(
            Discipline.objects.filter(person=person)
            .select_related("decided_by", "document")
            .order_by("-decided_on")[:DISCIPLINE_SHOWN]
        )
        if may_see
        else []
    )
    if not sheets and not disciplines:
        return None
    return {
        "sheets": sheets[:HISTORY_SHOWN],
        "run": _run(rules, sheets),
        "streak_years": rules.streak_years,
        "disciplines": disciplines,
        "may_see_discipline": may_see,
        "forms": {f.code: f.name for f in rules.discipline_forms},
    }


def body_section(request: HttpRequest, body: Body) -> dict | None:
    rules = rating_rules.current()
    sheets = _history(RatingSheet.objects.filter(body=body))
    open_rounds = [
        r for r in page_selectors.rounds_reaching(body) if r.state == RatingRound.State.OPEN
    ]
    can_open = request.scope.allows("open_rating_rounds", body)
    if not sheets and not open_rounds and not can_open:
        return None
    return {
        "body": body,
        "sheets": sheets[:HISTORY_SHOWN],
        "run": _run(rules, sheets),
        "open_rounds": open_rounds,
        "can_open": can_open,
    }


def register_panels() -> None:
    panels.register(
        "person",
        name="ratings",
        order=40,
        template="ratings/_person_section.html",
        context=person_section,
    )
    panels.register(
        "body",
        name="ratings",
        order=45,
        template="ratings/_body_section.html",
        context=body_section,
    )
