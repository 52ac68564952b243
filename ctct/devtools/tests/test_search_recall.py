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


def _scope_on(world, key, role):
    from ctct.accounts.tests.factories import make_user
    from ctct.core.scopes import Scope

    return Scope.for_user(make_user(username=f"{role}-{key}", role=role, on=world.get("body", key)))


def test_the_three_cells_of_the_same_name_come_first_for_their_name():
    from ctct.search import engine

    world = build_search_world()
    scope = _scope_on(world, "qk", "editor")
    cells = {("body", world.pk("body", k)) for k in ("d1c4", "d2c4", "e2c4")}
    for query in ("chi bo dai doi 4", "Chi bộ Đại đội 4"):
        hits = engine.search(scope, query, per_page=10).hits
        assert {(h.kind, h.object_id) for h in hits[:3]} == cells, query
        assert all(h.repeats and h.context for h in hits[:3])


def test_a_cell_secretary_finds_the_target_handed_to_the_cell_and_no_other():
    from ctct.search import engine

    world = build_search_world()
    hits = engine.search(_scope_on(world, "d1c4", "secretary"), "ket nap").hits
    assert [(h.kind, h.object_id) for h in hits] == [("target", world.pk("target", "kn"))]
    assert engine.search(_scope_on(world, "d2c5", "secretary"), "ket nap").hits == []


def test_the_renamed_cell_is_named_by_its_new_name_in_its_members_lines():
    from ctct.search import engine

    world = build_search_world()
    scope = _scope_on(world, "qk", "editor")
    (hit,) = engine.search(scope, "ta thi hue dai doi thong tin", kinds=["person"]).hits
    assert hit.object_id == world.pk("person", "hue")
    assert hit.detail.endswith("Chi bộ Đại đội Thông tin")
    assert engine.search(scope, "ta thi hue vo tuyen").hits == []
