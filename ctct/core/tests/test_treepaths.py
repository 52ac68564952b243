"""Tree-path arithmetic: steps, depth, ancestors, subtree bounds (no database)."""

from __future__ import annotations

import doctest

import pytest
from django.db.models import Q
from hypothesis import given
from hypothesis import strategies as st

from ctct.bodies.models import Body
from ctct.core import treepaths
from ctct.core.treepaths import (
    ALPHABET,
    STEPLEN,
    ancestor_paths,
    depth,
    minimal_paths,
    parent_path,
    path_upper_bound,
    prefix_at,
    step,
    subtree_q,
)

steps = st.text(alphabet=ALPHABET, min_size=STEPLEN, max_size=STEPLEN)
#: A body's path: one to six levels.
paths = st.lists(steps, min_size=1, max_size=6).map("".join)
#: Any path or prefix of one, as grants and bounds meet them.
any_paths = st.text(alphabet=ALPHABET, min_size=1, max_size=24)


def test_the_constants_are_the_ones_the_tree_model_uses():
    assert Body.steplen == STEPLEN
    assert Body.alphabet == ALPHABET
    assert list(ALPHABET) == sorted(ALPHABET)


def test_the_docstring_examples_hold():
    result = doctest.testmod(treepaths)
    assert result.attempted > 0 and result.failed == 0


class TestStep:
    @pytest.mark.parametrize(
        ("n", "written"), [(1, "0001"), (9, "0009"), (10, "000A"), (36, "0010"), (37, "0011")]
    )
    def test_the_nth_child_is_written_in_base_36(self, n, written):
        assert step(n) == written

    @given(st.integers(1, 36**STEPLEN - 1), st.integers(1, 36**STEPLEN - 1))
    def test_steps_sort_as_their_numbers(self, a, b):
        assert len(step(a)) == STEPLEN
        assert (step(a) < step(b)) == (a < b)


class TestLevels:
    def test_a_root_has_depth_one_and_no_parent(self):
        assert depth("0001") == 1 and parent_path("0001") == ""
        assert ancestor_paths("0001") == []

    def test_a_deep_path_names_every_ancestor_root_first(self):
        path = "00010003000A0002"
        assert depth(path) == 4
        assert parent_path(path) == "00010003000A"
        assert ancestor_paths(path) == ["0001", "00010003", "00010003000A"]
        assert ancestor_paths(path, include_self=True)[-1] == path
        assert ancestor_paths(path, below="0001") == ["00010003", "00010003000A"]
        assert prefix_at(path, 2) == "00010003" and prefix_at(path, 9) == path

    @given(paths)
    def test_ancestors_are_the_proper_prefixes_at_each_level(self, path):
        above = ancestor_paths(path)
        assert len(above) == depth(path) - 1
        assert [depth(a) for a in above] == list(range(1, depth(path)))
        assert all(path.startswith(a) and a != path for a in above)
        assert above == sorted(above)
        assert (above[-1] if above else "") == parent_path(path)

    @given(paths, st.integers(0, 6))
    def test_ancestors_below_one_of_them_are_the_tail_of_the_list(self, path, level):
        top = prefix_at(path, min(level, depth(path)))
        below = ancestor_paths(path, below=top)
        assert below == [a for a in ancestor_paths(path) if len(a) > len(top)]
        with_self = ancestor_paths(path, below=top, include_self=True)
        assert with_self == ([*below, path] if top != path else [])

    @given(paths)
    def test_each_parent_is_one_step_up(self, path):
        assert path.startswith(parent_path(path))
        assert depth(parent_path(path)) == depth(path) - 1


class TestUpperBound:
    @pytest.mark.parametrize(
        ("path", "upper"), [("0001", "0002"), ("000Z", "0010"), ("0ZZZ", "1000"), ("ZZZZ", None)]
    )
    def test_the_bound_is_the_next_path_of_the_same_length(self, path, upper):
        assert path_upper_bound(path) == upper

    @given(steps.flatmap(lambda p: st.tuples(st.just(p), paths)))
    def test_the_bound_is_greater_than_every_extension(self, pair):
        path, tail = pair
        upper = path_upper_bound(path)
        assert upper is None or path <= path + tail < upper

    @given(any_paths, st.text(alphabet=ALPHABET, max_size=12))
    def test_nothing_below_the_bound_lies_outside_the_subtree(self, path, other):
        """Minimal: every string from ``path`` up to the bound starts with ``path``."""
        upper = path_upper_bound(path)
        if upper is None:
            assert set(path) == {ALPHABET[-1]}
            return
        assert len(upper) == len(path) and upper > path
        assert not upper.startswith(path)
        if path <= other < upper:
            assert other.startswith(path)


class TestSubtreeQ:
    def test_a_subtree_is_a_range_of_paths(self):
        assert subtree_q("0001") == Q(path__gte="0001") & Q(path__lt="0002")

    def test_the_related_field_is_prefixed(self):
        assert subtree_q("0001", "body__") == Q(body__path__gte="0001") & Q(body__path__lt="0002")

    def test_the_last_subtree_has_no_upper_bound(self):
        assert subtree_q("ZZZZ") == Q(path__gte="ZZZZ")


class TestMinimalPaths:
    def test_paths_inside_another_are_dropped(self):
        assert minimal_paths(["00010002", "0001", "0002", "00020001", "0001"]) == ["0001", "0002"]

    def test_no_paths_give_none(self):
        assert minimal_paths([]) == []

    @given(st.lists(paths, max_size=8))
    def test_every_path_lies_under_exactly_one_kept_path(self, given_paths):
        kept = minimal_paths(given_paths)
        assert kept == sorted(set(kept))
        for p in given_paths:
            assert sum(p.startswith(k) for k in kept) == 1
        for k in kept:
            assert k in given_paths
