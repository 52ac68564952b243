"""Changing the tree: bad changes are refused with a clear message and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.models import Body
from ctct.bodies.services import MSG_CYCLE, body_create, body_merge, body_move, body_update


def _paths():
    return dict(Body.objects.values_list("pk", "path"))


def test_moving_a_body_under_its_own_subordinate_is_refused(org):
    before = _paths()
    with pytest.raises(ValidationError) as e:
        body_move(body=org.brigade, new_parent=org.cell)
    assert str(MSG_CYCLE) in e.value.messages
    assert _paths() == before


def test_moving_a_body_under_itself_is_refused(org):
    with pytest.raises(ValidationError):
        body_move(body=org.brigade, new_parent=org.brigade)


def test_moving_a_branch_carries_its_subtree_and_leaves_history(org):
    body_move(body=org.brigade, new_parent=org.pol, reason="tổ chức lại")
    org.cell.refresh_from_db()
    assert org.cell.path.startswith(Body.objects.get(pk=org.pol.pk).path)
    moved = Body.objects.get(pk=org.brigade.pk)
    assert Body.objects.get_parent(moved).pk == org.pol.pk
    assert moved.history.first().history_change_reason == "tổ chức lại"


def test_a_merged_body_keeps_its_history_and_points_to_its_successor(org):
    old = body_create(
        parent=org.region,
        name="Đảng ủy Cục Hậu cần",
        kind="party_committee",
        founded_on=dt.date(1990, 1, 1),
    )
    new = body_create(
        parent=org.region, name="Đảng ủy Cục Hậu cần-Kỹ thuật", kind="party_committee"
    )
    body_merge(body=old, successor=new, on=dt.date(2025, 3, 1))
    old.refresh_from_db()
    assert old.successor == new and not old.is_active
    assert list(new.predecessors.all()) == [old]
    assert old.history.count() == 2


def test_merging_into_a_subordinate_is_refused(org):
    with pytest.raises(ValidationError):
        body_merge(body=org.brigade, successor=org.cell, on=dt.date(2025, 1, 1))


def test_dissolution_before_founding_is_refused(org):
    org.cell.founded_on = dt.date(2020, 1, 1)
    org.cell.save()
    with pytest.raises(ValidationError):
        body_update(body=org.cell, dissolved_on=dt.date(2019, 1, 1))
    org.cell.refresh_from_db()
    assert org.cell.dissolved_on is None


def test_a_body_needs_a_name(db):
    with pytest.raises(ValidationError):
        body_create(parent=None, name="  ", kind="cell")
    assert Body.objects.count() == 0


def test_every_change_records_who_made_it(org, users):
    from simple_history.utils import update_change_reason  # noqa: F401

    org.cell._history_user = users.officer
    body_update(body=org.cell, short_name="CB C1")
    last = org.cell.history.first()
    assert last.history_user == users.officer
    assert last.short_name == "CB C1"
