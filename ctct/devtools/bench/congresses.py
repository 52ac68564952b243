"""``ctct bench congresses --bodies N``: a congress round over the whole tree.

Builds the demo organization (``--bodies``, one tree under its root) in the scratch database,
issues the directive that orders the round and opens it for the root's subtree, then moves the
preparations along as a round a few months in looks (most cells held, some bodies late).
Prints:

- ``round_open_s``: opening the round: a preparation and five steps with their deadlines for
  every body (target <= 3 s at 20,000 bodies);
- ``dashboard_ms`` and ``dashboard_queries``: the round's dashboard of the whole tree (counts
  per level, branch and stage, the late and the pilots), median of ``--repeat`` runs (target
  <= 150); ``dashboard_queries_small`` the same for the subtree of a body of the second
  level: the count does not grow with the tree (the run fails if the two differ);
- ``due_ms`` and ``due_queries``: a cell's own "Đến hạn" list of congress steps, as its
  secretary sees it (target <= 20).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.core.management.base import CommandError
from django.db import connection, transaction

from ctct.devtools.bench.util import count_queries, emit, median_ms


def add_arguments(parser) -> None:
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument("--people-per-body", type=float, default=1.0, help="people matter little")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)


def run(cmd, *, bodies: int, people_per_body: float, repeat: int, seed: int, **_):
    from ctct.bodies.models import Body, BodyKind
    from ctct.congresses import rules as r
    from ctct.congresses import services
    from ctct.congresses.models import Preparation
    from ctct.congresses.selectors import round_dashboard
    from ctct.core.bulk import analyze
    from ctct.core.scopes import Scope
    from ctct.devtools.demo import build_demo
    from ctct.documents import due
    from ctct.documents.services import document_issue

    if bodies < 10:
        raise CommandError("need --bodies >= 10")
    emit(cmd.stdout, "database", connection.vendor)
    t0 = time.perf_counter()
    build_demo(bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0)
    emit(cmd.stdout, "demo_data_s", time.perf_counter() - t0)
    root = Body.objects.filter(depth=1).order_by("path").first()
    emit(cmd.stdout, "bodies", Body.objects.count())

    directive = document_issue(
        issuer=root,
        type_code="CT",
        issued_on=dt.date(2024, 9, 10),
        title="Về đại hội đảng các cấp nhiệm kỳ 2025-2030 (bench)",
    )
    rng = random.Random(seed)
    second = list(Body.objects.filter(depth=2, path__startswith=root.path).order_by("path"))
    cells = list(
        Body.objects.filter(path__startswith=root.path, kind=BodyKind.CELL)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    pilots = Body.objects.filter(pk__in=rng.sample(cells, min(len(cells), 20)))
    t0 = time.perf_counter()
    rnd, reached = services.round_open(
        body=root,
        directive=directive,
        term_label="2025-2030",
        opened_on=dt.date(2024, 11, 3),
        pilots=list(pilots),
    )
    emit(cmd.stdout, "round_open_s", time.perf_counter() - t0)
    emit(cmd.stdout, "preparations", reached)

    # A round a few months in: most cells held, the levels above behind, some bodies late.
    today = dt.date(2025, 5, 5)
    share = {r.CELL: 0.8, r.GRASSROOTS: 0.3, r.UPPER: 0.05, r.TOP: 0.0}
    with transaction.atomic():
        preps = list(Preparation.objects.filter(round=rnd).values_list("pk", "level"))
        by_stage: dict[int, list[int]] = {}
        for pk, level in preps:
            roll = rng.random()
            if roll < share[level]:
                stage = rng.choice([r.REPORTED, r.DONE, r.DONE])
            else:
                stage = rng.choice([r.PLAN, r.PAPERS, r.REVIEW, r.HELD])
            by_stage.setdefault(stage, []).append(pk)
        _move(by_stage, today)
    analyze()

    scope = Scope(user_id=None, is_superuser=True)

    def board():
        d = round_dashboard(rnd, scope, today=today)
        assert d.total.total == reached

    emit(cmd.stdout, "dashboard_ms", median_ms(board, repeat=repeat))
    queries = count_queries(board)
    emit(cmd.stdout, "dashboard_queries", queries)
    at = second[0] if second else root
    small = count_queries(lambda: round_dashboard(rnd, scope, today=today, at=at))
    emit(cmd.stdout, "dashboard_queries_small", small)
    if small != queries:
        raise CommandError(f"the dashboard's queries grow with the tree: {small} != {queries}")

    cell = Body.objects.get(pk=cells[len(cells) // 2]) if cells else root
    secretary = Scope(user_id=0, grants=[(cell.path, "secretary")])

    def own_due():
        due.due_list(secretary, today=today, within_days=30, under=cell, kinds=["congress"])

    emit(cmd.stdout, "due_ms", median_ms(own_due, repeat=repeat * 2))
    emit(cmd.stdout, "due_queries", count_queries(own_due))


def _move(by_stage: dict[int, list[int]], today: dt.date) -> None:
    """Put each preparation at its stage: the steps before it done, its next deadline set."""
    from django.db.models import OuterRef, Subquery

    from ctct.congresses import rules as r
    from ctct.congresses.models import Preparation, PreparationStep

    for stage, ids in by_stage.items():
        for i in range(0, len(ids), 5000):
            chunk = ids[i : i + 5000]
            PreparationStep.objects.filter(preparation_id__in=chunk, kind__lt=stage).update(
                done_on=today - dt.timedelta(days=10)
            )
            if stage == r.DONE:
                Preparation.objects.filter(pk__in=chunk).update(stage=stage, next_deadline=None)
                continue
            deadline = PreparationStep.objects.filter(
                preparation_id=OuterRef("pk"), kind=stage
            ).values("deadline")[:1]
            Preparation.objects.filter(pk__in=chunk).update(
                stage=stage, next_deadline=Subquery(deadline)
            )
