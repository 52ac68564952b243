"""``ctct bench cascade --bodies N``: addressing a directive to a whole tree, its roll-up,
and document numbers issued concurrently from several processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import time
from itertools import pairwise

from django.core.management.base import CommandError
from django.db import connection, connections

from ctct.devtools.bench.util import count_queries, emit, median_ms


def add_arguments(parser) -> None:
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument(
        "--people-per-body", type=float, default=2.0, help="people matter little here"
    )
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--numbers", type=int, default=1000, help="document numbers to issue concurrently"
    )
    parser.add_argument("--processes", type=int, default=8)


def _issue_numbers(issuer_id: int, count: int, worker: int, out) -> None:
    """A worker process: issue ``count`` documents of one body, type and period."""
    connections.close_all()  # never share the parent's connection
    from ctct.bodies.models import Body
    from ctct.documents.services import document_issue

    issuer = Body.objects.get(pk=issuer_id)
    numbers = []
    for i in range(count):
        doc = document_issue(
            issuer=issuer, type_code="TB", issued_on=dt.date(2025, 10, 1), title=f"w{worker}-{i}"
        )
        numbers.append(doc.number)
    connections.close_all()
    out.put(numbers)


def run(
    cmd,
    *,
    bodies: int,
    people_per_body: float,
    repeat: int,
    seed: int,
    numbers: int,
    processes: int,
    **_,
):
    from django.conf import settings
    from django.test import Client

    from ctct.accounts.models import RoleGrant, User
    from ctct.bodies.models import Body
    from ctct.devtools.demo import build_demo
    from ctct.documents import services
    from ctct.documents.models import Recipient, Step
    from ctct.documents.selectors import rollup

    if bodies < 10 or processes < 1 or numbers < processes:
        raise CommandError("need --bodies >= 10, --processes >= 1 and --numbers >= --processes")
    emit(cmd.stdout, "database", connection.vendor)
    build_demo(bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0)
    root = Body.objects.filter(depth=1).order_by("path").first()
    emit(cmd.stdout, "bodies", Body.objects.count())

    directive = services.document_issue(
        issuer=root, type_code="CT", issued_on=dt.date(2025, 9, 10), title="Bench"
    )
    t0 = time.perf_counter()
    _dist, added = services.distribution_create(
        document=directive,
        subtree_of=root,
        received_by=dt.date(2025, 9, 20),
        disseminated_by=dt.date(2025, 10, 15),
        concretized_by=dt.date(2025, 11, 15),
        reported_by=dt.date(2026, 1, 15),
    )
    emit(cmd.stdout, "recipients", added)
    emit(cmd.stdout, "recipients_create_s", time.perf_counter() - t0)

    # Spread the recipients over the steps, as a cascade a month in looks.
    rng = random.Random(seed)
    ids = list(Recipient.objects.filter(document=directive).values_list("id", flat=True))
    rng.shuffle(ids)
    cut = [
        0,
        int(len(ids) * 0.15),
        int(len(ids) * 0.55),
        int(len(ids) * 0.85),
        int(len(ids) * 0.97),
        len(ids),
    ]
    for step, (a, b) in zip(
        [Step.ADDRESSED, Step.RECEIVED, Step.DISSEMINATED, Step.CONCRETIZED, Step.REPORTED],
        pairwise(cut),
        strict=True,
    ):
        for i in range(a, b, 5000):
            Recipient.objects.filter(pk__in=ids[i : min(b, i + 5000)]).update(step=step)
    today = dt.date(2025, 10, 20)

    def roll():
        r = rollup(directive, root, today=today)
        assert r.overall.total == added

    emit(cmd.stdout, "rollup_ms", median_ms(roll, repeat=repeat))
    emit(cmd.stdout, "rollup_queries", count_queries(roll))

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.create(username="bench-officer")
    RoleGrant.objects.create(user=user, body=root, role="editor")
    client = Client()
    client.force_login(user)
    url = f"/documents/{directive.pk}/dashboard/"

    def page():
        assert client.get(url).status_code == 200

    emit(cmd.stdout, "dashboard_ms", median_ms(page, repeat=max(repeat // 2, 5)))
    emit(cmd.stdout, "dashboard_queries", count_queries(page))

    # The .xlsx status list of the whole tree: parent chains, deadlines, dates of each step.
    from ctct.documents.export import cascade_xlsx

    def export():
        assert cascade_xlsx(directive, root)

    emit(cmd.stdout, "export_ms", median_ms(export, repeat=max(repeat // 5, 3), warmup=1))
    emit(cmd.stdout, "export_queries", count_queries(export))

    # Numbers under concurrency: N processes issue documents of one body, type and period.
    per = numbers // processes
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    t0 = time.perf_counter()
    workers = [
        ctx.Process(target=_issue_numbers, args=(root.pk, per, w, out)) for w in range(processes)
    ]
    for w in workers:
        w.start()
    issued = [n for _ in workers for n in out.get(timeout=600)]
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - t0
    if any(w.exitcode for w in workers):
        raise CommandError("a numbering worker failed")
    expected = set(range(1, per * processes + 1))
    emit(cmd.stdout, "numbers_issued", len(issued))
    emit(cmd.stdout, "numbers_processes", processes)
    emit(cmd.stdout, "numbers_s", elapsed)
    emit(cmd.stdout, "numbers_gaps", len(expected - set(issued)))
    emit(cmd.stdout, "numbers_duplicates", len(issued) - len(set(issued)))
