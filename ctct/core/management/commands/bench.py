"""``ctct bench AREA``: measure the figures the issues name, as ``name=value`` lines.

Areas that need the database build their own data in a scratch database (a temporary SQLite
file, or a scratch database on the PostgreSQL server DATABASE_URL points at), so a benchmark
never touches real records. Plain-Python areas (``text``, ``extract``) are dispatched by the
``ctct`` command before Django loads.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext


def median_ms(fn: Callable[[], object], *, repeat: int = 25, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


class ScratchDatabase:
    """Point the default connection at a fresh, migrated scratch database, then drop it."""

    def __enter__(self):
        settings_dict = connection.settings_dict
        self.old_name = settings_dict["NAME"]
        if connection.vendor == "sqlite":
            self.tmp = tempfile.TemporaryDirectory(prefix="ctct-bench-")
            name = str(Path(self.tmp.name) / "bench.sqlite3")
        else:
            self.tmp = None
            name = "ctct_bench_scratch"
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": name, "MIGRATE": True}
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        return self

    def __exit__(self, *exc):
        connection.creation.destroy_test_db(self.old_name, verbosity=0)
        if self.tmp is not None:
            self.tmp.cleanup()


class Command(BaseCommand):
    help = (
        "Benchmarks: `ctct bench tree --bodies N` (also `ctct bench text`, `ctct bench extract`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("area", choices=["tree"])
        parser.add_argument("--bodies", type=int, default=20000)
        parser.add_argument("--people-per-body", type=float, default=15.0)
        parser.add_argument("--repeat", type=int, default=25)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, area, **opts):
        with ScratchDatabase():
            getattr(self, f"bench_{area}")(**opts)

    def emit(self, name: str, value) -> None:
        if isinstance(value, float):
            value = f"{value:.2f}"
        self.stdout.write(f"{name}={value}")
        self.stdout.flush()

    def bench_tree(self, *, bodies: int, people_per_body: float, repeat: int, seed: int, **_):
        from django.conf import settings
        from django.test import Client

        from ctct.accounts.models import RoleGrant, User
        from ctct.bodies import selectors
        from ctct.bodies.models import Body
        from ctct.core.demo import build_demo

        if bodies < 10:
            raise CommandError("--bodies must be at least 10")
        self.emit("database", connection.vendor)
        t0 = time.perf_counter()
        # All bodies under one root: the figures are for "the root of a 20,000-body tree".
        result = build_demo(
            bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0
        )
        self.emit("demo_data_s", time.perf_counter() - t0)
        self.emit("bodies", result.bodies)
        self.emit("people", result.people)

        root = Body.objects.get(
            path=Body.objects.filter(depth=1).order_by("path").values_list("path", flat=True)[0]
        )
        deepest = Body.objects.order_by("-depth", "path").first()
        self.emit("root_subtree_size", selectors.subtree(root).count())
        self.emit("max_depth", deepest.depth)

        def subtree_first_page():
            page = selectors.subtree_page(root, page=1, size=50)
            assert len(page.bodies) == min(50, page.total)

        self.emit("subtree_ms", median_ms(subtree_first_page, repeat=repeat))
        self.emit("subtree_queries", count_queries(subtree_first_page))
        self.emit("ancestors_ms", median_ms(lambda: selectors.ancestors(deepest), repeat=repeat))
        self.emit("ancestors_queries", count_queries(lambda: selectors.ancestors(deepest)))
        shallow = Body.objects.filter(depth=2).first()
        self.emit("ancestors_queries_depth2", count_queries(lambda: selectors.ancestors(shallow)))

        ids_qs = selectors.subtree(root).values_list("id", flat=True)
        sql, params = ids_qs.query.sql_with_params()

        def raw_ids():
            with connection.cursor() as cur:
                cur.execute(sql, params)
                return [r[0] for r in cur.fetchall()]

        n_ids = len(list(ids_qs))
        assert n_ids == len(raw_ids())
        self.emit("subtree_ids", n_ids)
        self.emit("subtree_ids_ms", median_ms(lambda: list(ids_qs.all()), repeat=repeat))
        self.emit("raw_subtree_ids_ms", median_ms(raw_ids, repeat=repeat))

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        user = User.objects.create(username="bench-officer")
        RoleGrant.objects.create(user=user, body=root, role="editor")
        client = Client()
        client.force_login(user)
        biggest = max(Body.objects.filter(depth=2), key=lambda b: b.numchild)

        def get(url):
            def go():
                r = client.get(url)
                assert r.status_code == 200, (url, r.status_code)

            return go

        self.emit(
            "body_page_ms", median_ms(get(root.get_absolute_url()), repeat=max(repeat // 2, 5))
        )
        self.emit(
            "body_page_big_ms",
            median_ms(get(biggest.get_absolute_url()), repeat=max(repeat // 2, 5)),
        )
        self.emit("body_page_queries", count_queries(get(biggest.get_absolute_url())))
        self.emit("tree_page_ms", median_ms(get("/bodies/"), repeat=max(repeat // 2, 5)))
        self.emit(
            "children_fragment_ms",
            median_ms(get(f"/bodies/{biggest.pk}/children/"), repeat=max(repeat // 2, 5)),
        )
        self.emit(
            "search_ms",
            median_ms(get("/bodies/search/?q=dang+uy+lu+doan"), repeat=max(repeat // 2, 5)),
        )
