"""The ratings builders go through the services: a made sheet has its steps, scores in its
band and history; a history over years is decided each year."""

from __future__ import annotations

import pytest

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.tests.factories import make_person
from ctct.ratings import rules as rl
from ctct.ratings.selectors import person_history
from ctct.ratings.tests.factories import make_round, make_sheet, rate_years, scores_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("level", rl.build().codes)
def test_scores_for_a_level_fall_in_its_band(level):
    rules = rl.build()
    scores = scores_for(level, rules)
    assert set(scores) == {c.code for c in rules.criteria}
    assert rl.band_level(rules, sum(scores.values())) == level
    assert all(0 <= scores[c.code] <= c.max for c in rules.criteria)


def test_a_made_sheet_goes_through_the_steps_asked(org):
    rnd = make_round(body=org.brigade)
    sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv", upto="decided")
    assert (sheet.step, sheet.proposed_level, sheet.reviewed_level, sheet.decided_level) == (
        "decided",
        "httnv",
        "httnv",
        "httnv",
    )
    assert sheet.history.count() == 4  # opened, self-rated, reviewed, decided


def test_rate_years_makes_a_decided_history(db):
    committee = make_body()
    member = make_person(body=make_cell(parent=committee))
    rate_years(person=member, levels={2023: "httnv", 2024: "httnv", 2025: "htnv"})
    history = person_history(member)
    assert history.levels_by_year == {2023: "httnv", 2024: "httnv", 2025: "htnv"}
    assert history.streak_at(2024, "httnv") == 2
