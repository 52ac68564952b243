"""Racing writes make one result: two decisions of the same sheet, two openings of the same
round, two decisions that would together break a quota. Threads on PostgreSQL (SQLite runs
one writer at a time by design)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections  # noqa: F401 - the skipif condition reads it

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.tests.factories import make_person
from ctct.ratings import services as sv
from ctct.ratings.models import RatingRound, RatingSheet
from ctct.ratings.tests.factories import make_round, make_sheet

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks are PostgreSQL's"),
]


def race(*calls) -> list:
    """Run the calls at the same moment, each in its own thread and connection; their
    results or the ValidationErrors they raised."""
    barrier = threading.Barrier(len(calls))
    out: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            out[i] = call()
        except ValidationError as e:
            out[i] = e
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def refused(results) -> list[str]:
    return [
        e.code
        for r in results
        if isinstance(r, ValidationError)
        for errors in r.error_dict.values()
        for e in errors
    ]


def test_two_racing_decisions_of_a_sheet_make_one(org):
    rnd = make_round(body=org.brigade, year=2025)
    sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv")
    decide = lambda: sv.sheets_decide(  # noqa: E731
        decider=org.brigade, round=rnd, levels={sheet.pk: "httnv"}
    )
    results = race(decide, decide)
    assert refused(results) == ["decided"]
    assert RatingSheet.history.filter(id=sheet.pk, step="decided").count() == 1


def test_two_racing_openings_of_a_round_make_one(org):
    open_ = lambda: make_round(body=org.brigade, year=2025)  # noqa: E731
    results = race(open_, open_)
    assert refused(results) == ["round_exists"]
    assert RatingRound.objects.count() == 1
    assert RatingSheet.objects.count() == 5


def test_two_racing_decisions_cannot_together_break_the_quota(db, monkeypatch):
    committee = make_body()
    cells = [make_cell(parent=committee) for _ in range(2)]
    people = [make_person(body=cells[i % 2]) for i in range(7)]
    round_of = {cell.pk: make_round(body=cell, year=2025) for cell in cells}
    for p in people[:5]:
        make_sheet(round=round_of[p.body_id], person=p, level="httnv", upto="decided")
    hopefuls = [
        (round_of[p.body_id], make_sheet(round=round_of[p.body_id], person=p, level="htxsnv"))
        for p in people[5:]
    ]
    # 6 at HTTNV or better allow 1 at HTXSNV, 7 still 1: each decision alone passes, the two
    # racing ones (in two rounds of the same organization) cannot both. Each dawdles after
    # reading the quota, so that without a lock both would read it before either writes.
    real = sv.quota_for

    def slow_quota_for(**kwargs):
        view = real(**kwargs)
        time.sleep(0.3)
        return view

    monkeypatch.setattr(sv, "quota_for", slow_quota_for)
    results = race(
        *(
            (lambda r=r, s=s: sv.sheets_decide(decider=committee, round=r, levels={s.pk: "htxsnv"}))
            for r, s in hopefuls
        )
    )
    assert refused(results) == ["quota"]
    assert RatingSheet.objects.filter(decided_level="htxsnv").count() == 1


def test_two_racing_background_openings_of_a_round_make_one(org):
    """Two openings queued at once (each form checked before the other was saved) run in two
    workers: one opens the round, the other fails naming it; no sheet is written twice."""
    import datetime as dt

    from ctct.ratings import tasks
    from ctct.ratings.models import RoundOpening

    dates = {
        "opened_on": dt.date(2025, 12, 1),
        "self_due": dt.date(2025, 12, 10),
        "review_due": dt.date(2025, 12, 20),
        "decide_due": dt.date(2026, 1, 10),
    }
    openings = [
        RoundOpening.objects.create(body=org.brigade, year=2025, expected=5, **dates)
        for _ in range(2)
    ]
    results = race(*((lambda o=o: tasks.round_opening_run(o.pk)) for o in openings))
    statuses = sorted(r.status for r in results)
    assert statuses == [RoundOpening.Status.DONE, RoundOpening.Status.FAILED]
    assert RatingRound.objects.count() == 1
    assert RatingSheet.objects.count() == 5
    done = RoundOpening.objects.get(status=RoundOpening.Status.DONE)
    assert done.written == 5 and done.round == RatingRound.objects.get()
    assert RoundOpening.objects.get(status=RoundOpening.Status.FAILED).error


def test_a_background_opening_reports_the_sheets_written_while_it_writes(org, monkeypatch):
    """The progress is written beside the opening's transaction: another connection reads
    it while the round itself is not visible yet."""
    import datetime as dt

    from ctct.ratings import tasks
    from ctct.ratings.models import RoundOpening

    monkeypatch.setattr(sv, "WRITE_CHUNK", 2)
    opening = RoundOpening.objects.create(
        body=org.brigade,
        year=2025,
        expected=5,
        opened_on=dt.date(2025, 12, 1),
        self_due=dt.date(2025, 12, 10),
        review_due=dt.date(2025, 12, 20),
        decide_due=dt.date(2026, 1, 10),
    )
    seen = []
    real = tasks._Progress.__call__

    def report(progress, written, total):
        real(progress, written, total)
        opening_id = progress.opening_id
        other = connections.create_connection("default")
        try:
            with other.cursor() as cur:
                cur.execute(
                    "SELECT o.written, (SELECT count(*) FROM ratings_ratinground)"
                    " FROM ratings_roundopening o WHERE o.id = %s",
                    [opening_id],
                )
                seen.append(cur.fetchone())
        finally:
            other.close()

    monkeypatch.setattr(tasks._Progress, "__call__", report)
    assert tasks.round_opening_run(opening.pk).status == RoundOpening.Status.DONE
    assert seen == [(2, 0), (4, 0), (5, 0)]
