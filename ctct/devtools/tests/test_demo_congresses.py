"""The demo's congress round: a few months in."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from ctct.congresses import rules as r
from ctct.congresses.models import Congress, CongressRound, Preparation, Review


@pytest.fixture
def demo(db):
    call_command("demo_data", bodies=200, seed=11, verbosity=0)


def test_the_demo_round_is_a_few_months_in(demo):
    rnd = CongressRound.objects.get()
    today = timezone.localdate()
    preps = Preparation.objects.filter(round=rnd)
    pilots = preps.filter(pilot=True)
    assert pilots.count() == 2
    assert all(p.stage >= r.REPORTED for p in pilots)
    cells = preps.filter(level=r.CELL)
    done = cells.filter(stage__gte=r.REPORTED).count()
    assert done > cells.count() / 2, (done, cells.count())
    late = preps.filter(level__in=[r.CELL, r.GRASSROOTS], next_deadline__lt=today).exclude(
        stage=r.DONE
    )
    assert late.exists()
    returned = Review.objects.get(approved=False)
    assert returned.comments and returned.preparation.stage == r.PAPERS
    assert Congress.objects.filter(body__kind="cell").count() == done
    # Upper levels have not held theirs yet.
    assert not preps.filter(level__in=[r.UPPER, r.TOP], stage__gte=r.REPORTED).exists()


def test_the_demo_secretarys_cell_owes_its_papers_so_the_walk_can_go_on(demo):
    from ctct.accounts.models import RoleGrant

    cell = RoleGrant.objects.get(user__username="bithu").body
    prep = Preparation.objects.get(body=cell)
    assert prep.stage == r.PAPERS
    assert prep.steps.get(kind=r.PLAN).done_on is not None
