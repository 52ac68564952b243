"""``ctct bench conferences --n N``: the news round trip and the army-scale calendar.

- ``roundtrip_exact``: share of N generated conferences whose draft, read back by
  ``ctct.extract``, gives the date, kind, organizer and every participant's name, rank and key
  role (chair, directed, reported). Target 1.0.
- ``calendar_ms``: the month calendar of the whole tree (build_demo, 20,000 bodies, with
  conferences spread over the months), server time through the test client. Target <= 150.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import connection

from ctct.devtools.bench.util import count_queries, emit, median_ms


def add_arguments(parser) -> None:
    parser.add_argument("--n", type=int, default=1000, help="generated conferences to round-trip")
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument(
        "--conferences", type=int, default=40000, help="conferences spread over 24 months"
    )
    parser.add_argument("--people-per-body", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)


def _roundtrip(cmd, n: int, seed: int) -> None:
    from ctct.conferences.roundtrip import generate, roundtrip

    t0 = time.perf_counter()
    exact = 0
    failures = []
    for i in range(n):
        news = generate(random.Random(seed * 1_000_003 + i))
        wrong = roundtrip(news)
        if wrong:
            failures.append((i, wrong))
        else:
            exact += 1
    emit(cmd.stdout, "roundtrip_n", n)
    emit(cmd.stdout, "roundtrip_exact", exact / n if n else 1.0)
    emit(cmd.stdout, "roundtrip_ms_each", (time.perf_counter() - t0) * 1000 / max(n, 1))
    for i, wrong in failures[:5]:
        cmd.stdout.write(f"# roundtrip failure {i}: {'; '.join(wrong)}")


def _conferences(count: int, seed: int) -> None:
    """``count`` conferences of random bodies, spread over 2025 and 2026 (bulk rows)."""
    from ctct.bodies.models import Body
    from ctct.conferences.models import Conference, Kind

    rng = random.Random(seed)
    bodies = list(Body.objects.values_list("id", "path"))
    kinds = [k for k, _ in Kind.choices]
    start = dt.date(2025, 1, 1)
    rows = []
    for _ in range(count):
        body_id, path = rng.choice(bodies)
        rows.append(
            Conference(
                kind=rng.choice(kinds),
                body_id=body_id,
                body_path=path,
                held_on=start + dt.timedelta(days=rng.randrange(730)),
                part_of_day=rng.choice(["", "sang", "chieu"]),
                period="2025",
            )
        )
    Conference.objects.bulk_create(rows, batch_size=2000)


def run(
    cmd,
    *,
    n: int,
    bodies: int,
    conferences: int,
    people_per_body: float,
    repeat: int,
    seed: int,
    **_,
):
    from django.conf import settings
    from django.test import Client

    from ctct.accounts.models import RoleGrant, User
    from ctct.bodies.models import Body
    from ctct.conferences.models import Conference
    from ctct.devtools.demo import build_demo

    emit(cmd.stdout, "database", connection.vendor)
    _roundtrip(cmd, n, seed)

    build_demo(bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0)
    _conferences(conferences, seed)
    root = Body.objects.filter(depth=1).order_by("path").first()
    emit(cmd.stdout, "bodies", Body.objects.count())
    emit(cmd.stdout, "conferences", Conference.objects.count())

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.create(username="bench-officer")
    RoleGrant.objects.create(user=user, body=root, role="editor")
    client = Client()
    client.force_login(user)
    url = "/conferences/?month=2025-06"

    def page():
        assert client.get(url).status_code == 200

    emit(
        cmd.stdout,
        "calendar_month_conferences",
        Conference.objects.filter(held_on__year=2025, held_on__month=6).count(),
    )
    emit(cmd.stdout, "calendar_ms", median_ms(page, repeat=repeat))
    emit(cmd.stdout, "calendar_queries", count_queries(page))
