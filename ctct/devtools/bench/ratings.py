"""``ctct bench ratings --bodies N``: the quota while deciding, and the year's award lists.

Builds the demo organization (``--bodies``, about ``--people-per-body`` members per body: 20,000
bodies is about 300,000 people) in the scratch database with ``--years`` years of decided
ratings (``ctct.devtools.ratings``, quotas kept, five-year HTXSNV streaks, a few disciplined
members) and this year's round with every sheet reviewed, waiting for the decisions. Then
prints:

- ``quota_ms``: ``selectors.quota_for`` of the largest grassroots organization of the round
  with pending levels for all of its sheets (some raised to the capped level), as the
  deciding page asks it on every change; the 95th percentile of ``--repeat`` runs (target
  <= 50); ``quota_median_ms`` beside it, and ``quota_queries`` (the same at a small
  organization: ``quota_queries_small``; the run fails if the two differ);
- ``awards_s`` and ``awards_queries``: ``awards.awards_propose_all`` for last year (the last
  decided year, its five-year streaks) over the whole tree, once (target <= 10 s, queries that
  do not grow with the people);
- ``charts_root_ms`` and ``charts_queries``: the reads of the charts page at the root (last
  year's levels per body below, the trend across the years);
- ``export_read_ms``, ``export_xlsx_s``, ``export_docx_s``: last year's results of the body
  whose subtree is closest to ``--export-bodies`` (500) bodies, read, then written as .xlsx
  and .docx (``export_members`` named in them).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count

from ctct.devtools.bench.util import count_queries, emit, median_ms


def add_arguments(parser) -> None:
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument("--people-per-body", type=float, default=15.0)
    parser.add_argument("--years", type=int, default=5, help="decided years before this one")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--export-bodies", type=int, default=500, help="subordinates of the exported body"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database for the next run and reuse one kept by an earlier run of the "
        "same sizes (var/bench/*.sqlite3, or ctct_bench_ratings_* on the server); the year's "
        "proposed award lists are removed before they are proposed again",
    )


def scratch(options):
    """A fresh scratch database, or with ``--keep`` one kept by an earlier run of the same
    sizes (its world reused: only the measurements run again)."""
    from ctct.devtools.bench.util import KeptDatabase, ScratchDatabase

    if not options.get("keep"):
        return ScratchDatabase()
    name = f"ratings_{options['bodies']}_{options['people_per_body']:g}_{options['years']}"
    return KeptDatabase(f"{name}_{options['seed']}".replace(".", "_"))


def p95_ms(fn, *, repeat: int, warmup: int = 3) -> tuple[float, float]:
    """The 95th percentile and the median of ``repeat`` runs, in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], statistics.median(times)


def build_world(*, bodies: int, people_per_body: float, years: int, seed: int, today: dt.date):
    """The demo tree and its ratings: ``years`` decided years before ``today``'s, and this
    year's round with every sheet reviewed. Returns what ``write_ratings`` wrote."""
    from ctct.core.bulk import analyze
    from ctct.devtools.demo import build_demo
    from ctct.devtools.ratings import write_ratings

    t0 = time.perf_counter()
    build_demo(
        bodies=bodies,
        seed=seed,
        people_per_body=people_per_body,
        civil_share=0.0,
        with_documents=False,
        with_ratings=False,
        today=today,
    )
    demo_s = time.perf_counter() - t0
    with transaction.atomic():
        written = write_ratings(
            years=list(range(today.year - years, today.year)),
            current=today.year,
            rng=random.Random(seed),
            today=today,
            history=False,
            decided_share=0.0,
            step_spread=(("reviewed", 1.0),),
        )
    analyze()
    written.demo_s = demo_s
    return written


def deciding(year: int, *, largest: bool = True) -> tuple[int, dict[int, str]]:
    """A grassroots organization of the year's round (the largest, or a small one) and the
    pending levels of its sheets: as reviewed, a few raised to the capped level."""
    from ctct.ratings import rules as rr
    from ctct.ratings.models import RatingSheet

    rules = rr.current()
    sizes = (
        RatingSheet.objects.filter(
            year=year, quarter__isnull=True, grassroots__isnull=False, subject="person"
        )
        .values("grassroots")
        .annotate(n=Count("id"))
        .order_by("-n" if largest else "n", "grassroots")
    )
    pick = sizes.filter(n__gte=5).first() or sizes.first()
    if pick is None:
        raise CommandError("no grassroots organization in this year's round")
    grassroots = pick["grassroots"]
    sheets = RatingSheet.objects.filter(
        year=year, quarter__isnull=True, grassroots=grassroots, subject="person"
    )
    pending = dict(sheets.values_list("id", "reviewed_level"))
    for i, pk in enumerate(sorted(pending)):
        if i % 7 == 0:
            pending[pk] = rules.quota_level
    return grassroots, pending


def run(
    cmd,
    *,
    bodies: int,
    people_per_body: float,
    years: int,
    repeat: int,
    seed: int,
    export_bodies: int = 500,
    **_,
):
    from ctct.bodies.models import Body
    from ctct.people.models import Person
    from ctct.ratings.models import RatingSheet

    if bodies < 10 or years < 1 or repeat < 1:
        raise CommandError("need --bodies >= 10, --years >= 1 and --repeat >= 1")
    today = dt.date(2025, 12, 10)
    year = today.year
    emit(cmd.stdout, "database", connection.vendor)
    if Body.objects.exists():  # a kept world (--keep)
        emit(cmd.stdout, "generate_s", "reused")
        written = None
    else:
        t0 = time.perf_counter()
        written = build_world(
            bodies=bodies, people_per_body=people_per_body, years=years, seed=seed, today=today
        )
        emit(cmd.stdout, "generate_s", time.perf_counter() - t0)
        emit(cmd.stdout, "generate_tree_s", written.demo_s)
    emit(cmd.stdout, "bodies", Body.objects.count())
    emit(cmd.stdout, "people", Person.objects.count())
    emit(cmd.stdout, "sheets", RatingSheet.objects.count())
    if written is not None:
        emit(cmd.stdout, "disciplines", written.disciplines)
        emit(cmd.stdout, "streak_holders", written.stars)

    _quota(cmd, year=year, repeat=repeat)
    _awards(cmd, year=year - 1)
    _results(cmd, year=year - 1, about=export_bodies)


def _results(cmd, *, year: int, about: int) -> None:
    """The charts page's reads at the root, and the files of a body of about ``about``
    subordinate bodies."""
    from ctct.bodies.models import Body
    from ctct.devtools.reviews import body_with_subordinates
    from ctct.ratings import export, results

    root = Body.objects.filter(depth=1).order_by("path").first()

    def charts():
        results.distribution(root, year)
        results.trend(root)

    emit(cmd.stdout, "charts_root_ms", median_ms(charts, repeat=3, warmup=1))
    emit(cmd.stdout, "charts_queries", count_queries(charts))
    body, below = body_with_subordinates(about)
    found = results.results(body, year)
    emit(cmd.stdout, "export_body_subordinates", below)
    emit(cmd.stdout, "export_members", found.total.total)
    emit(cmd.stdout, "export_read_ms", median_ms(lambda: results.results(body, year), repeat=3))
    emit(
        cmd.stdout,
        "export_xlsx_s",
        median_ms(lambda: export.results_xlsx(found), repeat=1, warmup=0) / 1000,
    )
    emit(
        cmd.stdout,
        "export_docx_s",
        median_ms(lambda: export.results_docx(found), repeat=1, warmup=0) / 1000,
    )


def _quota(cmd, *, year: int, repeat: int) -> None:
    try:
        from ctct.ratings.selectors import quota_for
    except ImportError:
        emit(cmd.stdout, "quota_ms", "skipped (ratings.selectors.quota_for not available)")
        return
    grassroots, pending = deciding(year)
    emit(cmd.stdout, "quota_sheets", len(pending))

    def check():
        return quota_for(grassroots=grassroots, year=year, pending=pending)

    p95, median = p95_ms(check, repeat=repeat)
    emit(cmd.stdout, "quota_ms", p95)
    emit(cmd.stdout, "quota_median_ms", median)
    queries = count_queries(check)
    emit(cmd.stdout, "quota_queries", queries)
    small, small_pending = deciding(year, largest=False)
    few = count_queries(lambda: quota_for(grassroots=small, year=year, pending=small_pending))
    emit(cmd.stdout, "quota_queries_small", few)
    if few != queries:
        raise CommandError(f"the quota's queries grow with the organization: {few} then {queries}")


def _awards(cmd, *, year: int) -> None:
    try:
        from ctct.ratings.awards import awards_propose_all
    except ImportError:
        emit(cmd.stdout, "awards_s", "skipped (ratings.awards.awards_propose_all not available)")
        return
    from django.test.utils import CaptureQueriesContext

    from ctct.ratings.models import Award, AwardDecision

    # A kept world proposed them in an earlier run: measure the first proposal again.
    with transaction.atomic():
        Award.history.filter(decision__year=year).delete()
        Award.objects.filter(decision__year=year).delete()
        AwardDecision.history.filter(year=year).delete()
        AwardDecision.objects.filter(year=year).delete()
    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        awards_propose_all(year=year)
    emit(cmd.stdout, "awards_s", time.perf_counter() - t0)
    emit(cmd.stdout, "awards_queries", len(ctx.captured_queries))
    emit(cmd.stdout, "award_decisions", AwardDecision.objects.filter(year=year).count())
    emit(cmd.stdout, "awards", Award.objects.filter(decision__year=year).count())
