"""The reads of ratings: a round's progress, sheets by body and by decider, histories and
streaks across moves and mergers, task figures from what ctct holds, discipline visibility;
each with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctct.bodies.services import body_merge
from ctct.bodies.tests.factories import make_cell
from ctct.core.scopes import Scope
from ctct.documents.models import Step
from ctct.documents.tests.factories import advance_recipient, make_document, recipient_of
from ctct.people.services import person_transfer
from ctct.people.tests.factories import make_person
from ctct.ratings import selectors as sel
from ctct.ratings.models import RatingSheet
from ctct.ratings.tests.factories import (
    make_discipline,
    make_round,
    make_sheet,
    rate_years,
    sheet_of,
)

pytestmark = pytest.mark.django_db

D = dt.date


def queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


# --- progress and sheets -------------------------------------------------------------------
def test_round_progress_counts_each_bodys_sheets_by_step(org, users):
    rnd = make_round(body=org.region, year=2025)
    make_sheet(round=rnd, person=org.cell_member, level="httnv")
    make_sheet(round=rnd, body=org.cell, level="htnv", upto="reviewed")
    rows = {r.body_id: r for r in sel.round_progress(Scope.for_user(users.superuser), rnd)}
    cell = rows[org.cell.pk]
    assert cell.counts == {"waiting": 0, "self_rated": 1, "reviewed": 1, "decided": 0}
    assert cell.total == 2 and not cell.done
    assert sel.round_totals(rows.values())["waiting"] == 6


def test_round_progress_shows_only_the_bodies_in_scope(org, users):
    rnd = make_round(body=org.region, year=2025)
    rows = sel.round_progress(Scope.for_user(users.secretary), rnd)
    assert [r.body_id for r in rows] == [org.cell.pk]
    assert sel.round_progress(Scope.for_user(users.nobody), rnd) == []


def test_round_progress_takes_one_query_whatever_the_size(org, users):
    scope = Scope.for_user(users.superuser)
    small = make_round(body=org.cell, year=2025)
    for _ in range(5):
        make_cell(parent=org.other_cell)
        make_person(body=org.other_cell)
    big = make_round(body=org.brigade, year=2024)
    assert queries(lambda: sel.round_progress(scope, small))[0] == 1
    assert queries(lambda: sel.round_progress(scope, big))[0] == 1


def test_sheets_at_a_body_are_its_members_and_its_own(org, users):
    rnd = make_round(body=org.region, year=2025)
    scope = Scope.for_user(users.secretary)
    n, (sheets, names) = queries(
        lambda: (got := sel.sheets_at(scope, rnd, org.cell), [str(s) for s in got])
    )
    assert n == 1  # the person and the body come with the sheet
    assert names == [f"{org.cell} — 2025", f"{org.cell_member} — 2025"]  # its own first
    assert {(s.person_id, s.body_id) for s in sheets} == {
        (org.cell_member.pk, None),
        (None, org.cell.pk),
    }
    assert sel.sheets_at(scope, rnd, org.other_cell) == []


def test_sheets_to_decide_are_the_deciders_own(org, users):
    rnd = make_round(body=org.region, year=2025)
    scope = Scope.for_user(users.officer)
    sheets = sel.sheets_to_decide(scope, rnd, org.brigade)
    assert {s.person_id or s.body_id for s in sheets} == {
        org.cell_member.pk,
        org.other_member.pk,
        org.cell.pk,
        org.other_cell.pk,
    }
    assert sel.sheets_to_decide(Scope.for_user(users.secretary), rnd, org.brigade) == []
    deciders = {pk: (n, done) for pk, _name, n, done in sel.deciders_in(scope, rnd)}
    assert deciders[org.brigade.pk] == (4, 0)


def test_rounds_visible_are_those_of_bodies_in_scope(org, users):
    mine = make_round(body=org.brigade, year=2025)
    make_round(body=org.province, year=2025)
    assert list(sel.rounds_visible(Scope.for_user(users.viewer))) == [mine]


# --- facts ---------------------------------------------------------------------------------
def test_facts_for_a_list_take_a_fixed_number_of_queries(org):
    rnd = make_round(body=org.region, year=2025)
    make_discipline(person=org.cell_member, decided_on=D(2025, 2, 1))
    few = list(RatingSheet.objects.filter(round=rnd)[:2])
    every = list(RatingSheet.objects.filter(round=rnd))
    n_few, _ = queries(lambda: sel.facts_for(few))
    n_all, facts = queries(lambda: sel.facts_for(every))
    assert n_all <= 7 and n_few <= n_all
    disciplined = {pk for pk, f in facts.items() if f.disciplined}
    assert disciplined == {sheet_of(round=rnd, person=org.cell_member).pk}


def test_a_bodys_task_figures_come_from_its_directive_steps(org):
    directive = make_document(
        issuer=org.brigade,
        issued_on=D(2025, 1, 5),
        addressed_to=[org.cell, org.other_cell],
        received_by=D(2025, 1, 10),
        reported_by=D(2025, 6, 30),
    )
    on_time = recipient_of(document=directive, body=org.cell)
    advance_recipient(
        recipient=on_time, to=Step.RECEIVED, when=dt.datetime(2025, 1, 8, 9, tzinfo=dt.UTC)
    )
    late = recipient_of(document=directive, body=org.other_cell)
    advance_recipient(
        recipient=late, to=Step.RECEIVED, when=dt.datetime(2025, 1, 20, 9, tzinfo=dt.UTC)
    )
    rnd = make_round(body=org.brigade, year=2025)
    cell = sheet_of(round=rnd, body=org.cell)
    other = sheet_of(round=rnd, body=org.other_cell)
    facts = sel.facts_for([cell, other])
    # the cell: received on time, the report not made (its deadline passed): 50% on time
    assert (facts[cell.pk].on_time, facts[cell.pk].late) == (Decimal("50.0"), Decimal("50.0"))
    assert (facts[other.pk].on_time, facts[other.pk].late) == (Decimal(0), Decimal(100))
    assert facts[cell.pk].beyond is None  # no targets: nothing says beyond requirement


def test_figures_entered_on_a_bodys_sheet_win_over_what_ctct_holds(org):
    make_document(
        issuer=org.brigade,
        issued_on=D(2025, 1, 5),
        addressed_to=[org.cell],
        received_by=D(2025, 1, 10),
    )
    rnd = make_round(body=org.brigade, year=2025)
    sheet = make_sheet(round=rnd, body=org.cell, level="htnv", on_time=90, late=10)
    assert sel.facts_for([sheet])[sheet.pk].late == Decimal(10)


# --- histories -----------------------------------------------------------------------------
def test_a_persons_history_and_streak_across_moves_between_bodies(org):
    member = org.cell_member
    rate_years(person=member, levels={2021: "htnv", 2022: "httnv"})
    person_transfer(person=member, body=org.other_cell)
    member.refresh_from_db()
    rate_years(person=member, levels={2023: "httnv"})
    n, history = queries(lambda: sel.person_history(member))
    assert n == 1
    assert [(r.year, r.level, r.body_id) for r in history.rows] == [
        (2023, "httnv", org.other_cell.pk),
        (2022, "httnv", org.cell.pk),
        (2021, "htnv", org.cell.pk),
    ]
    assert history.streak == 0  # not one year at the best level
    assert history.streak_at(2023, "httnv") == 2
    assert history.streak_until == 2023


def test_a_gap_breaks_the_streak(org):
    rate_years(person=org.cell_member, levels={2021: "httnv", 2023: "httnv", 2024: "httnv"})
    history = sel.person_history(org.cell_member)
    assert history.streak_at(2024, "httnv") == 2
    assert history.streak_at(2021, "httnv") == 1


def test_a_bodys_history_follows_the_bodies_merged_into_it(org):
    old = make_cell(parent=org.brigade)
    for year in (2021, 2022):
        rnd = make_round(body=org.brigade, year=year)
        make_sheet(round=rnd, body=old, level="htxsnv", upto="decided")
    body_merge(body=old, successor=org.cell, on=D(2023, 1, 1))
    rnd = make_round(body=org.brigade, year=2023)
    assert not RatingSheet.objects.filter(round=rnd, body=old).exists()
    make_sheet(round=rnd, body=org.cell, level="htxsnv", upto="decided")
    n, history = queries(lambda: sel.body_history(org.cell))
    assert n == 2
    assert history.levels_by_year == {2021: "htxsnv", 2022: "htxsnv", 2023: "htxsnv"}
    assert (history.streak, history.streak_level, history.streak_until) == (3, "htxsnv", 2023)
    assert {r.body_id for r in history.rows if r.decided} == {old.pk, org.cell.pk}
    # the old cell's own history stays its own
    assert sel.body_history(old).streak == 2


def test_the_lowest_level_counts_when_two_merged_bodies_were_rated_the_same_year(org):
    a = make_cell(parent=org.brigade)
    b = make_cell(parent=org.brigade)
    rnd = make_round(body=org.brigade, year=2022)
    make_sheet(round=rnd, body=a, level="htxsnv", upto="decided")
    make_sheet(round=rnd, body=b, level="httnv", upto="decided")
    body_merge(body=a, successor=org.cell, on=D(2023, 1, 1))
    body_merge(body=b, successor=org.cell, on=D(2023, 1, 1))
    assert sel.body_history(org.cell).levels_by_year == {2022: "httnv"}


# --- discipline ----------------------------------------------------------------------------
def test_discipline_records_are_seen_only_by_those_entitled(org, users):
    record = make_discipline(person=org.cell_member, decided_on=D(2025, 2, 1))
    make_discipline(person=org.civilian, decided_on=D(2025, 2, 1))
    assert list(sel.disciplines_visible(Scope.for_user(users.secretary))) == [record]
    assert list(sel.disciplines_visible(Scope.for_user(users.viewer))) == []  # a viewer
    officer = Scope.for_user(users.officer)
    assert list(sel.disciplines_visible(officer, person=org.cell_member, year=2025)) == [record]
    assert list(sel.disciplines_visible(officer, year=2024)) == []
    assert list(sel.disciplines_visible(officer, below=org.brigade)) == [record]


def test_a_bodys_targets_of_the_year_count_met_beyond_and_missed(org):
    from ctct.resolutions.services import (
        progress_enter,
        resolution_create,
        target_add,
        target_hand_down,
    )

    resolution = resolution_create(body=org.brigade, period="2025", title="Nghị quyết năm 2025")
    targets = [
        target_add(
            resolution=resolution,
            title=f"Chỉ tiêu {i}",
            measure="percent",
            target_value=90,
            rollup="mean",
        )
        for i in range(4)
    ]
    for t in targets:
        target_hand_down(target=t, values={org.cell: 90})
    progress_enter(target=targets[0], body=org.cell, value=95, on=D(2025, 11, 1), note="x")
    progress_enter(target=targets[1], body=org.cell, value=90, on=D(2025, 11, 1), note="x")
    progress_enter(target=targets[2], body=org.cell, value=80, on=D(2025, 11, 1), note="x")
    # the last: nothing entered, the year is over: missed
    rnd = make_round(body=org.brigade, year=2025)
    sheet = sheet_of(round=rnd, body=org.cell)
    facts = sel.facts_for([sheet])[sheet.pk]
    assert facts.on_time == Decimal("50.0")  # two met of four
    assert facts.late == Decimal("50.0")
    assert facts.beyond == Decimal("25.0")  # one exceeded its target
