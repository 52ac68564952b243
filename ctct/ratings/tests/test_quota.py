"""The quota of a grassroots organization: shown with the pending levels applied, enforced at
the decision with the list of who is over."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.tests.factories import make_person
from ctct.ratings import rules as rl
from ctct.ratings import services as sv
from ctct.ratings.models import RatingSheet
from ctct.ratings.selectors import quota_for
from ctct.ratings.tests.factories import make_round, make_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    """A grassroots committee with one cell of ten members: three propose HTXSNV (scores 99,
    95, 91), seven HTTNV."""
    committee = make_body()
    cell = make_cell(parent=committee)
    people = [make_person(body=cell, full_name=f"Đảng viên {i}") for i in range(10)]
    rnd = make_round(body=committee, year=2025)
    sheets = []
    for i, person in enumerate(people):
        if i < 3:
            score = {"general": 29, "results": [70, 66, 62][i]}
            sheets.append(make_sheet(round=rnd, person=person, level="htxsnv", scores=score))
        else:
            sheets.append(make_sheet(round=rnd, person=person, level="httnv"))
    return committee, rnd, sheets


def test_the_quota_enforced_counts_decisions_and_the_expected_one_proposals(unit):
    committee, rnd, sheets = unit
    view = quota_for(grassroots=committee, year=2025)
    assert (view.quota.base, view.quota.allowed, view.quota.used) == (0, 0, 0)
    assert (view.expected.base, view.expected.allowed, view.expected.used) == (10, 2, 3)
    assert view.over == []


def test_the_pending_levels_show_who_would_be_over(unit):
    committee, rnd, sheets = unit
    pending = {s.pk: s.proposed_level for s in sheets}
    view = quota_for(grassroots=committee, year=2025, pending=pending)
    assert view.quota.used == 3
    assert [ln.name for ln in view.over] == ["Đảng viên 2"]  # the lowest score of the three
    assert view.is_over


def test_a_decision_that_breaks_the_quota_is_refused_with_who_is_over(unit):
    committee, rnd, sheets = unit
    levels = {s.pk: s.proposed_level for s in sheets}
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=committee, round=rnd, levels=levels)
    [error] = exc.value.error_dict["levels"]
    assert error.code == rl.RULE_QUOTA
    assert error.message == sv.MSG_QUOTA
    assert error.params["names"] == "Đảng viên 2"
    assert (error.params["allowed"], error.params["used"]) == (2, 3)
    assert not RatingSheet.objects.filter(step="decided").exists()


def test_within_the_quota_the_decision_goes_through(unit):
    committee, rnd, sheets = unit
    levels = {s.pk: s.proposed_level for s in sheets}
    levels[sheets[2].pk] = "httnv"
    decided = sv.sheets_decide(decider=committee, round=rnd, levels=levels)
    assert len(decided) == 10
    assert quota_for(grassroots=committee, year=2025).quota.used == 2


def test_the_excellent_are_decided_with_or_after_those_they_are_a_share_of(unit):
    committee, rnd, sheets = unit
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=committee, round=rnd, levels={sheets[0].pk: "htxsnv"})
    assert exc.value.error_dict["levels"][0].params["allowed"] == 0
    sv.sheets_decide(decider=committee, round=rnd, levels={s.pk: "httnv" for s in sheets[3:]})
    sv.sheets_decide(decider=committee, round=rnd, levels={sheets[0].pk: "htxsnv"})
    assert quota_for(grassroots=committee, year=2025).quota.allowed == 1


def test_decided_sheets_hold_their_places_in_the_quota(unit):
    committee, rnd, sheets = unit
    sv.sheets_decide(decider=committee, round=rnd, levels={s.pk: "httnv" for s in sheets[3:]})
    sv.sheets_decide(decider=committee, round=rnd, levels={sheets[2].pk: "htxsnv"})
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=committee, round=rnd, levels={sheets[1].pk: "htxsnv"})
    # Đảng viên 1 scored more than Đảng viên 2, who was decided first and keeps the place
    assert exc.value.error_dict["levels"][0].params["names"] == "Đảng viên 1"
    sv.sheets_decide(decider=committee, round=rnd, levels={sheets[1].pk: "httnv"})


def test_a_decision_that_does_not_make_the_quota_worse_goes_through(unit, settings):
    committee, rnd, sheets = unit
    settings.CTCT_RATINGS = {"quota_share": "0.25"}
    levels = {s.pk: s.proposed_level for s in sheets[:-1]}
    levels[sheets[2].pk] = "httnv"
    sv.sheets_decide(decider=committee, round=rnd, levels=levels)
    # a stricter regulation arrives: the two decided exceed its cap, yet deciding the last
    # one adds no one at the cap and is not refused
    settings.CTCT_RATINGS = {"quota_share": "0.10"}
    sv.sheets_decide(decider=committee, round=rnd, levels={sheets[-1].pk: "httnv"})
    view = quota_for(grassroots=committee, year=2025)
    assert (view.quota.allowed, view.quota.used) == (1, 2)
    assert [ln.name for ln in view.over] == ["Đảng viên 1"]


def test_the_quota_share_is_a_setting(unit, settings):
    committee, rnd, sheets = unit
    settings.CTCT_RATINGS = {"quota_share": "0.30"}
    levels = {s.pk: s.proposed_level for s in sheets}
    sv.sheets_decide(decider=committee, round=rnd, levels=levels)
    assert quota_for(grassroots=committee, year=2025).quota.allowed == 3


def test_members_of_another_organization_do_not_count(unit, org):
    committee, rnd, sheets = unit
    other = make_round(body=org.brigade, year=2025)
    make_sheet(round=other, person=org.cell_member, level="httnv")
    assert quota_for(grassroots=committee, year=2025).expected.base == 10
    assert quota_for(grassroots=org.brigade, year=2025).expected.base == 1


def test_scores_keep_one_decimal(unit):
    committee, rnd, sheets = unit
    assert RatingSheet.objects.get(pk=sheets[0].pk).score == Decimal("99.0")
