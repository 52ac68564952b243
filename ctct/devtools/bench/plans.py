"""``ctct bench plans --bodies N``: the roll-up of one target handed down the whole tree.

Builds the demo organization (``--bodies``, one tree under its root) in the scratch database,
gives the root a resolution with a count target summed up the tree, hands it down to every
active body (each level's share handed on to the level below) and enters a value for most of
the bodies at the bottom (``--entered``), as the demo does in bulk. Then prints:

- ``rollup_ms``: server time of ``target_standing`` over the whole tree, median of
  ``--repeat`` runs (target <= 200 at 20,000 bodies);
- ``rollup_cpu_ms``: the same in CPU time of this process (on SQLite the database's work
  too; on PostgreSQL without the server's), steadier than wall time on a busy machine;
- ``rollup_queries``: its queries, and ``rollup_queries_small`` the same over the subtree of
  a body of the second level: the count does not grow with the tree (the run fails if the two
  differ).

Then the annual review report of the body whose subtree is closest to ``--review-bodies``
(500) subordinate bodies, its year's data built by ``ctct.devtools.reviews`` (eight targets
handed down or entered quarterly, directives cascading, conferences and requirements, the
previous review's limitations and a saved version of this one):

- ``review_docx_s``: assembling the draft from the records and writing the .docx with its
  charts, as a download does; median of ``--review-repeat`` runs after a first one, printed
  as ``review_docx_first_s`` (matplotlib's import and font cache; target <= 2);
- ``review_pdf_s``: the same, then LibreOffice converting it (target <= 5); ``skipped`` when
  ``soffice`` is not installed;
- ``review_docx_cpu_s``, ``review_pdf_cpu_s``: the same in CPU time (LibreOffice's included),
  steadier than wall time on a busy machine;
- ``review_assemble_s`` and ``review_queries``: the assembling alone, and its queries.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from decimal import Decimal

from django.core.management.base import CommandError
from django.db import connection, transaction

from ctct.devtools.bench.util import count_queries, emit, median_ms


def add_arguments(parser) -> None:
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument("--people-per-body", type=float, default=1.0, help="people matter little")
    parser.add_argument("--entered", type=float, default=0.8, help="share of bodies that entered")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--review-bodies", type=int, default=500, help="subordinates of the reviewed body"
    )
    parser.add_argument("--review-repeat", type=int, default=3)


def _median_cpu_ms(fn, *, repeat: int) -> float:
    """CPU time of this process (with SQLite, the database's work too): on a shared, busy
    machine the wall time measures the neighbours as much as the code."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def run(
    cmd,
    *,
    bodies: int,
    people_per_body: float,
    entered: float,
    repeat: int,
    seed: int,
    review_bodies: int = 500,
    review_repeat: int = 3,
    **_,
):
    from ctct.bodies.models import Body
    from ctct.core.bulk import analyze
    from ctct.devtools.demo import build_demo
    from ctct.devtools.plans import plan_shares, sum_up, write_entries, write_shares
    from ctct.resolutions import services as res
    from ctct.resolutions.models import ProgressEntry, TargetAssignment
    from ctct.resolutions.selectors import target_standing

    if bodies < 10 or not 0 <= entered <= 1:
        raise CommandError("need --bodies >= 10 and --entered between 0 and 1")
    emit(cmd.stdout, "database", connection.vendor)
    t0 = time.perf_counter()
    build_demo(bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0)
    emit(cmd.stdout, "demo_data_s", time.perf_counter() - t0)
    root = Body.objects.filter(depth=1).order_by("path").first()
    emit(cmd.stdout, "bodies", Body.objects.count())

    rng = random.Random(seed)
    year = 2025
    today = dt.date(year, 10, 20)
    t0 = time.perf_counter()
    with transaction.atomic():
        resolution = res.resolution_create(
            body=root, period=str(year), title="Nghị quyết lãnh đạo năm 2025 (bench)"
        )
        shares = plan_shares(root)
        total = sum_up(shares, lambda s: Decimal(rng.randint(1, 5)))
        target = res.target_add(
            resolution=resolution,
            title="Kết nạp đảng viên mới",
            measure="count",
            target_value=total,
            rollup="sum",
        )
        write_shares(target, shares)
        days = (today - dt.date(year, 1, 1)).days
        write_entries(
            target,
            [
                (
                    s,
                    Decimal(rng.randint(0, int(s.value) + 1)),
                    dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(days)),
                )
                for s in shares
                if s.leaf and rng.random() < entered
            ],
            note="bench",
        )
    analyze()
    emit(cmd.stdout, "generate_s", time.perf_counter() - t0)
    emit(cmd.stdout, "shares", TargetAssignment.objects.filter(target=target).count())
    emit(cmd.stdout, "entries", ProgressEntry.objects.filter(target=target).count())

    def roll():
        result = target_standing(target, today=today)
        assert result is not None and len(result.rows) == len(shares) + 1

    emit(cmd.stdout, "rollup_ms", median_ms(roll, repeat=repeat))
    emit(cmd.stdout, "rollup_cpu_ms", _median_cpu_ms(roll, repeat=repeat))
    queries = count_queries(roll)
    emit(cmd.stdout, "rollup_queries", queries)

    second = next(s for s in shares if s.parent is None and s.children)
    at = Body.objects.get(pk=second.body_id)

    def roll_small():
        assert target_standing(target, at=at, today=today) is not None

    small = count_queries(roll_small)
    emit(cmd.stdout, "rollup_queries_small", small)
    emit(cmd.stdout, "rollup_small_bodies", Body.objects.filter(path__startswith=at.path).count())
    if small != queries:
        raise CommandError(f"the roll-up's queries grow with the tree: {small} then {queries}")
    # The review is written at the year's end, as the report is.
    review_day = dt.date(year, 12, 20)
    _review(cmd, year=year, today=review_day, seed=seed, about=review_bodies, repeat=review_repeat)


def _review(cmd, *, year: int, today: dt.date, seed: int, about: int, repeat: int) -> None:
    from ctct.devtools.reviews import body_with_subordinates, build_review_world
    from ctct.resolutions import review_export
    from ctct.resolutions.models import Review
    from ctct.resolutions.review_selectors import review_assemble

    body, below = body_with_subordinates(about)
    t0 = time.perf_counter()
    world = build_review_world(body, year, random.Random(seed))
    emit(cmd.stdout, "review_generate_s", time.perf_counter() - t0)
    emit(cmd.stdout, "review_body_subordinates", below)
    emit(cmd.stdout, "review_targets", world.targets)
    emit(cmd.stdout, "review_entries", world.entries)
    emit(cmd.stdout, "review_recipients", world.recipients)
    emit(cmd.stdout, "review_conferences", world.conferences)
    emit(cmd.stdout, "review_requirements", world.requirements)
    review = Review.objects.select_related("body", "document").get(pk=world.review_id)

    def assemble():
        return review_assemble(review, today=today)

    def docx():
        return review_export.review_docx(assemble())

    t0 = time.perf_counter()
    size = len(docx())
    emit(cmd.stdout, "review_docx_first_s", time.perf_counter() - t0)
    emit(cmd.stdout, "review_docx_kb", size // 1024)
    emit(cmd.stdout, "review_assemble_s", median_ms(assemble, repeat=repeat, warmup=1) / 1000)
    emit(cmd.stdout, "review_queries", count_queries(assemble))
    emit(cmd.stdout, "review_docx_s", median_ms(docx, repeat=repeat, warmup=0) / 1000)
    emit(cmd.stdout, "review_docx_cpu_s", _median_cpu_s(docx, repeat=repeat))
    if review_export.soffice_path() is None:
        emit(cmd.stdout, "review_pdf_s", "skipped (LibreOffice soffice not installed)")
        return

    def pdf():
        return review_export.review_pdf(assemble())

    emit(cmd.stdout, "review_pdf_s", median_ms(pdf, repeat=repeat, warmup=1) / 1000)
    emit(cmd.stdout, "review_pdf_cpu_s", _median_cpu_s(pdf, repeat=repeat))


def _median_cpu_s(fn, *, repeat: int) -> float:
    """CPU seconds of this process and of the processes it waited for (LibreOffice), so a
    busy machine's neighbours do not count."""
    import resource

    def used() -> float:
        me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    times = []
    for _ in range(repeat):
        t0 = used()
        fn()
        times.append(used() - t0)
    return statistics.median(times)
