"""Subtree and ancestor reads run a fixed number of queries whatever the depth."""

from __future__ import annotations

import pytest

from ctct.bodies import selectors
from ctct.bodies.services import body_create


def _chain(depth: int):
    parent = None
    made = []
    for i in range(depth):
        parent = body_create(parent=parent, name=f"Đảng bộ cấp {i}", kind="party_organization")
        made.append(parent)
    return made


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [2, 6, 12])
def test_ancestors_take_one_query_at_any_depth(depth, django_assert_num_queries):
    chain = _chain(depth)
    leaf = chain[-1]
    with django_assert_num_queries(1):
        found = selectors.ancestors(leaf)
    assert [b.pk for b in found] == [b.pk for b in chain[:-1]]


@pytest.mark.django_db
def test_root_has_no_ancestors_and_needs_no_query(django_assert_num_queries):
    root = _chain(1)[0]
    with django_assert_num_queries(0):
        assert selectors.ancestors(root) == []


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [3, 10])
def test_subtree_page_takes_two_queries_at_any_depth(depth, django_assert_num_queries):
    chain = _chain(depth)
    with django_assert_num_queries(2):
        page = selectors.subtree_page(chain[0], size=50)
    assert page.total == depth
    assert [b.pk for b in page.bodies] == [b.pk for b in chain]


def test_subtree_excludes_the_next_sibling_branch(org):
    ids = set(selectors.subtree_ids(org.brigade))
    assert ids == {org.brigade.pk, org.cell.pk, org.other_cell.pk}
    assert org.pol.pk not in ids and org.province.pk not in ids


def test_children_with_counts_sums_branches_in_two_queries(org, django_assert_num_queries):
    with django_assert_num_queries(2):
        kids = selectors.children_with_counts(org.region).items
    by_name = {k.body.name: k for k in kids}
    assert by_name["Đảng ủy Lữ đoàn 657"].bodies_below == 2
    # Bùi Hữu Ba (brigade) + An (cell 1) + Hoa (cell 2)
    assert by_name["Đảng ủy Lữ đoàn 657"].members == 3
    assert by_name["Đảng ủy Cục Chính trị"].members == 1
    assert max(k.share for k in kids) == 100


def test_search_finds_bodies_without_diacritics(org, users):
    from ctct.core.scopes import Scope

    scope = Scope.for_user(users.officer)
    assert [b.name for b in selectors.search_bodies(scope, "dang uy lu doan")] == [
        "Đảng ủy Lữ đoàn 657"
    ]
    assert [b.name for b in selectors.search_bodies(scope, "Lữ ĐOÀN 657")] == [
        "Đảng ủy Lữ đoàn 657"
    ]
    assert selectors.search_bodies(scope, "tay son") == []  # the province is outside the scope


def test_children_come_in_pages_by_name(org):
    from ctct.bodies.services import body_create

    for i in range(5):
        body_create(parent=org.cell, name=f"Tổ đảng {i}", kind="cell")
    org.cell.refresh_from_db()
    first = selectors.children_with_counts(org.cell, page=1, size=2)
    last = selectors.children_with_counts(org.cell, page=9, size=2)
    assert (first.total, first.pages) == (5, 3)
    assert [c.body.name for c in first.items] == ["Tổ đảng 0", "Tổ đảng 1"]
    assert last.page == 3 and [c.body.name for c in last.items] == ["Tổ đảng 4"]
