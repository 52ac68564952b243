"""``ctct bench tree --bodies N``: subtree and ancestor reads and the tree pages at scale."""

from __future__ import annotations

import time

from django.core.management.base import CommandError
from django.db import connection

from ctct.devtools.bench.util import count_queries, emit, median_ms


def add_arguments(parser) -> None:
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument("--people-per-body", type=float, default=15.0)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)


def run(cmd, *, bodies: int, people_per_body: float, repeat: int, seed: int, **_):
    from django.conf import settings
    from django.test import Client

    from ctct.accounts.models import RoleGrant, User
    from ctct.bodies import selectors
    from ctct.bodies.models import Body
    from ctct.devtools.demo import build_demo

    if bodies < 10:
        raise CommandError("--bodies must be at least 10")
    emit(cmd.stdout, "database", connection.vendor)
    t0 = time.perf_counter()
    # All bodies under one root: the figures are for "the root of a 20,000-body tree".
    result = build_demo(bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0)
    emit(cmd.stdout, "demo_data_s", time.perf_counter() - t0)
    emit(cmd.stdout, "bodies", result.bodies)
    emit(cmd.stdout, "people", result.people)

    root = Body.objects.get(
        path=Body.objects.filter(depth=1).order_by("path").values_list("path", flat=True)[0]
    )
    deepest = Body.objects.order_by("-depth", "path").first()
    emit(cmd.stdout, "root_subtree_size", selectors.subtree(root).count())
    emit(cmd.stdout, "max_depth", deepest.depth)

    def subtree_first_page():
        page = selectors.subtree_page(root, page=1, size=50)
        assert len(page.bodies) == min(50, page.total)

    emit(cmd.stdout, "subtree_ms", median_ms(subtree_first_page, repeat=repeat))
    emit(cmd.stdout, "subtree_queries", count_queries(subtree_first_page))
    emit(cmd.stdout, "ancestors_ms", median_ms(lambda: selectors.ancestors(deepest), repeat=repeat))
    emit(cmd.stdout, "ancestors_queries", count_queries(lambda: selectors.ancestors(deepest)))
    shallow = Body.objects.filter(depth=2).first()
    emit(
        cmd.stdout, "ancestors_queries_depth2", count_queries(lambda: selectors.ancestors(shallow))
    )

    ids_qs = selectors.subtree(root).values_list("id", flat=True)
    sql, params = ids_qs.query.sql_with_params()

    def raw_ids():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return [r[0] for r in cur.fetchall()]

    n_ids = len(list(ids_qs))
    assert n_ids == len(raw_ids())
    emit(cmd.stdout, "subtree_ids", n_ids)
    emit(cmd.stdout, "subtree_ids_ms", median_ms(lambda: list(ids_qs.all()), repeat=repeat))
    emit(cmd.stdout, "raw_subtree_ids_ms", median_ms(raw_ids, repeat=repeat))

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

    emit(
        cmd.stdout,
        "body_page_ms",
        median_ms(get(root.get_absolute_url()), repeat=max(repeat // 2, 5)),
    )
    emit(
        cmd.stdout,
        "body_page_big_ms",
        median_ms(get(biggest.get_absolute_url()), repeat=max(repeat // 2, 5)),
    )
    emit(cmd.stdout, "body_page_queries", count_queries(get(biggest.get_absolute_url())))
    emit(cmd.stdout, "tree_page_ms", median_ms(get("/bodies/"), repeat=max(repeat // 2, 5)))
    emit(
        cmd.stdout,
        "children_fragment_ms",
        median_ms(get(f"/bodies/{biggest.pk}/children/"), repeat=max(repeat // 2, 5)),
    )
    emit(
        cmd.stdout,
        "search_ms",
        median_ms(get("/bodies/search/?q=dang+uy+lu+doan"), repeat=max(repeat // 2, 5)),
    )
