"""The recall set over its small world: the search finds what users look for, typed the ways
they type it (``ctct bench search`` measures the same set at army scale)."""

from __future__ import annotations

import pytest

from ctct.devtools.searchworld import RECALL, build_search_world, recall_at_10

pytestmark = pytest.mark.django_db


def test_the_recall_set_is_large_and_names_only_records_of_its_world():
    world = build_search_world()
    assert len(RECALL) >= 50
    wanted = {pair for _query, pairs in RECALL for pair in pairs}
    assert wanted <= set(world.records)
    # the names that repeat are there to be told apart
    cells = [world.get("body", k) for k in ("d1c4", "d2c4", "e2c4")]
    assert len({c.name for c in cells}) == 1 and len({c.pk for c in cells}) == 3


def test_the_search_finds_at_least_95_percent_of_the_recall_set_in_its_first_ten():
    from ctct.accounts.tests.factories import make_user
    from ctct.core.scopes import Scope
    from ctct.search import engine

    world = build_search_world()
    officer = make_user(username="region-officer", role="editor", on=world.root)
    scope = Scope.for_user(officer)

    def ranked(query):
        return [
            (h.kind, h.object_id) for h in engine.search(scope, query, page=1, per_page=10).hits
        ]

    result = recall_at_10(world, ranked)
    assert result.queries >= 50
    assert result.at_10 >= 0.95, "\n".join(f"{q!r} -> {k} {key}" for q, k, key in result.misses)
