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
from ctct.ratings import page_selectors, selectors
from ctct.ratings import rules as rating_rules
from ctct.ratings.models import RatingRound

# A page lists this many years (and quarters) of ratings, and this many discipline records.
HISTORY_SHOWN = 10
DISCIPLINE_SHOWN = 10


@dataclass
class Run:
    """The current run of years at a level or better, ending with the latest decided year:
    at the best level when there is one ("HTXSNV 3 năm liền"), else at that year's level."""

    level: str
    years: int
    last_year: int


def _run(rules, history: selectors.History) -> Run | None:
    until = history.streak_until
    if until is None:
        return None
    if history.streak:
        return Run(level=history.streak_level, years=history.streak, last_year=until)
    level = history.levels_by_year[until]
    return Run(level=level, years=history.streak_at(until, level, rules), last_year=until)


def person_section(request: HttpRequest, person) -> dict | None:
    rules = rating_rules.current()
    history = selectors.person_history(person, rules=rules)
    may_see = person.body is not None and request.scope.allows("see_discipline", person.body)
    disciplines = (
        list(selectors.disciplines_visible(request.scope, person=person)[:DISCIPLINE_SHOWN])
        if may_see
        else []
    )
    if not history.rows and not disciplines:
        return None
    return {
        "rows": history.rows[:HISTORY_SHOWN],
        "run": _run(rules, history),
        "disciplines": disciplines,
        "may_see_discipline": may_see,
        "forms": {f.code: f.name for f in rules.discipline_forms},
    }


def body_section(request: HttpRequest, body: Body) -> dict | None:
    rules = rating_rules.current()
    history = selectors.body_history(body, rules=rules)
    open_rounds = [
        r for r in page_selectors.rounds_reaching(body) if r.state == RatingRound.State.OPEN
    ]
    can_open = request.scope.allows("open_rating_rounds", body)
    if not history.rows and not open_rounds and not can_open:
        return None
    return {
        "body": body,
        "rows": history.rows[:HISTORY_SHOWN],
        "run": _run(rules, history),
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
