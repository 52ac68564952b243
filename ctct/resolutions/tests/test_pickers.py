"""The target and resolution pickers offer only what the user may act on: the targets held by
or handed to the user's bodies, never one outside them, and a branch narrows them further."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ctct.core import pickers
from ctct.core.scopes import Scope
from ctct.resolutions.services import resolution_create, target_add, target_hand_down

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.scope = Scope.for_user(user)
    return request


def _titles(user, kind: str, query: str, *, action=None, within=None) -> set[str]:
    return {c.label for c in pickers.suggest(_request(user), kind, query, action, within=within)}


@pytest.fixture
def targets(org, admissions):
    """The region's admissions target handed to the brigade and on to cell 1; a target the
    region keeps; one of the province."""
    (share,) = target_hand_down(target=admissions, values={org.brigade: 8})
    target_hand_down(target=admissions, values={org.cell: 4}, via=share)
    kept = target_add(
        resolution=admissions.resolution,
        title="Kết nạp cán bộ chủ chốt",
        measure="count",
        target_value=3,
        rollup="sum",
    )
    province = resolution_create(body=org.province, period="2025", title="NQ Tỉnh ủy 2025")
    theirs = target_add(
        resolution=province,
        title="Kết nạp đảng viên tỉnh",
        measure="count",
        target_value=9,
        rollup="sum",
    )
    return admissions, kept, theirs


class TestTargetPicker:
    def test_the_cells_secretary_is_offered_only_what_the_cell_was_handed(self, users, targets):
        admissions, kept, theirs = targets
        assert _titles(users.secretary, "target", "kết nạp") == {admissions.title}

    def test_the_officer_of_the_region_is_offered_the_regions_targets_not_the_provinces(
        self, users, targets
    ):
        admissions, kept, theirs = targets
        assert _titles(users.officer, "target", "kết nạp") == {admissions.title, kept.title}

    def test_a_branch_narrows_to_the_targets_held_or_handed_inside_it(self, org, users, targets):
        admissions, kept, theirs = targets
        assert _titles(users.officer, "target", "ket nap", within=org.brigade.pk) == {
            admissions.title
        }
        assert _titles(users.officer, "target", "ket nap", within=org.pol.pk) == set()
        assert _titles(users.officer, "target", "ket nap", within=987654321) == set()

    def test_a_branch_outside_the_scope_widens_nothing(self, org, users, targets):
        assert _titles(users.secretary, "target", "kết nạp", within=org.province.pk) == set()

    def test_a_viewer_may_not_enter_progress_so_is_offered_nothing(self, users, targets):
        assert _titles(users.viewer, "target", "kết nạp") == set()
        assert _titles(users.viewer, "target", "kết nạp", action="view")

    def test_a_target_outside_the_scope_cannot_be_got_by_its_number(self, users, targets):
        admissions, kept, theirs = targets
        kind = pickers.get_kind("target")
        request = _request(users.secretary)
        assert kind.get(request, theirs.pk, action="enter_progress") is None
        assert kind.get(request, kept.pk, action="enter_progress") is None
        choice = kind.get(request, admissions.pk, action="enter_progress")
        assert choice is not None and admissions.resolution.title in choice.detail

    def test_the_suggestions_name_the_resolution_and_body(self, users, login, targets):
        admissions, kept, theirs = targets
        r = login(users.secretary).get(
            reverse("pickers:target"), {"q": "kết nạp", "format": "json"}
        )
        (row,) = r.json()["results"]
        assert row["label"] == admissions.title
        assert admissions.resolution.title in row["detail"]
        assert admissions.resolution.body.name in row["detail"]


class TestResolutionPicker:
    def test_resolutions_are_offered_within_the_scope_and_the_branch(self, org, users, targets):
        mine = resolution_create(body=org.brigade, period="2026", title="NQ Lữ đoàn 2026")
        assert "NQ Tỉnh ủy 2025" not in _titles(users.officer, "resolution", "nq")
        assert _titles(users.officer, "resolution", "nq", within=org.brigade.pk) == {mine.title}
        assert _titles(users.viewer, "resolution", "nq") == set()
