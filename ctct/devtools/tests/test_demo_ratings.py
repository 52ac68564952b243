"""``ctct demo-data`` adds five years of ratings: decided years, a round in progress, a few
disciplined members and five-year streaks, within every quota."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from ctct.bodies.models import Body
from ctct.people.models import Person
from ctct.ratings import rules as rr
from ctct.ratings.models import Discipline, RatingRound, RatingSheet


@pytest.fixture
def demo(db):
    call_command("demo_data", bodies=300, seed=7, verbosity=0)


def test_every_member_and_body_is_rated_in_the_years_of_the_demo(demo):
    year = timezone.localdate().year
    assert set(RatingSheet.objects.values_list("year", flat=True)) == set(range(year - 4, year + 1))
    this_year = RatingSheet.objects.filter(year=year)
    assert this_year.filter(subject="person").count() == Person.objects.count()
    rated_bodies = set(this_year.filter(subject="body").values_list("body", flat=True))
    unrated = Body.objects.exclude(pk__in=rated_bodies).filter(merged_on__isnull=True)
    assert set(unrated.exclude(depth=1).values_list("kind", flat=True)) <= {
        "standing_committee",
        "political_agency",
    }
    assert (
        RatingRound.objects.filter(year=year, state="open").count()
        == Body.objects.filter(depth=1).count()
    )


def test_past_years_are_decided_and_this_years_round_is_in_progress(demo):
    year = timezone.localdate().year
    assert not RatingSheet.objects.filter(year__lt=year).exclude(step="decided").exists()
    steps = Counter(RatingSheet.objects.filter(year=year).values_list("step", flat=True))
    assert set(steps) == {"waiting", "self_rated", "reviewed", "decided"}
    assert steps["decided"] < sum(steps.values()) / 3  # few decided yet
    waiting = RatingSheet.objects.filter(step="waiting").first()
    assert (waiting.proposed_level, waiting.score, waiting.decided_level) == ("", None, "")


def test_levels_are_spread_realistically_within_each_quota_and_band(demo):
    rules = rr.current()
    decided = RatingSheet.objects.filter(step="decided")
    shares = Counter(decided.filter(subject="person").values_list("decided_level", flat=True))
    total = sum(shares.values())
    assert 0.6 < shares["httnv"] / total < 0.8
    assert 0.08 < shares["htxsnv"] / total < 0.2
    assert 0 < shares["khtnv"] / total < 0.05
    groups = defaultdict(list)
    for grassroots, year, subject, level in decided.values_list(
        "grassroots", "year", "subject", "decided_level"
    ):
        groups[(grassroots, year, subject)].append(level)
    assert all(rr.quota(rules, levels).over == 0 for levels in groups.values())
    for sheet in decided[:300]:
        assert rr.band_level(rules, sheet.score) == sheet.decided_level
        assert sum(map(float, sheet.scores.values())) == float(sheet.score)


def test_a_few_members_are_disciplined_and_rated_below_the_levels_it_bars(demo):
    rules = rr.current()
    disciplines = list(Discipline.objects.all())
    assert 0 < len(disciplines) < Person.objects.count() / 20
    barred = {lv.code for lv in rules.levels if lv.barred_by_discipline}
    for d in disciplines:
        sheet = RatingSheet.objects.get(person=d.person, year=d.decided_on.year)
        assert sheet.level not in barred
        assert d.at_id == d.person.body_id


def test_some_members_are_excellent_five_years_in_a_row(demo):
    rules = rr.current()
    year = timezone.localdate().year
    by_person = defaultdict(dict)
    for person, y, level in RatingSheet.objects.filter(
        subject="person", step="decided"
    ).values_list("person", "year", "decided_level"):
        by_person[person][y] = level
    streaks = Counter(rr.streak(rules, v, year, "htxsnv") for v in by_person.values())
    assert streaks[rules.streak_years] >= 1
    assert (
        RatingSheet.history.filter(year=year).count()
        == RatingSheet.objects.filter(year=year).count()
    )
