"""Entry deadlines of targets in the "Đến hạn" list: due at the holder and at each body the
target was handed to until it enters a value, seen by that body and the bodies above it and
by nobody else, overdue ones marked, on the list page and in ``ctct remind``."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ctct.core.scopes import Scope
from ctct.documents import due
from ctct.resolutions import services as sv
from ctct.resolutions.due import TargetEntriesDue, entries_due_in

BEFORE = dt.date(2025, 12, 10)  # five days before the entries are due (15/12/2025)
AFTER = dt.date(2025, 12, 20)  # five days after
SUPER = Scope(user_id=None, is_superuser=True)


def enter(target, body, value, on=dt.date(2025, 11, 30)):
    return sv.progress_enter(target=target, body=body, value=value, on=on, note="Báo cáo")


def entries(scope, today=BEFORE, **kwargs):
    return due.due_list(scope, today=today, kinds=["entries"], **kwargs)


def bodies(found):
    return [i.body for i in found.items]


@pytest.fixture
def to_cell(org, admissions):
    """The region's target handed straight to Chi bộ Đại đội 1."""
    [share] = sv.target_hand_down(target=admissions, values={org.cell: 2})
    return share


@pytest.fixture
def handed(org, admissions):
    """Region 12 = brigade 8 (cells 4 + 4) + political agency 4."""
    shares = {
        a.body: a
        for a in sv.target_hand_down(target=admissions, values={org.brigade: 8, org.pol: 4})
    }
    sv.target_hand_down(
        target=admissions, values={org.cell: 4, org.other_cell: 4}, via=shares[org.brigade]
    )
    return shares


class TestRegistered:
    def test_resolutions_register_target_entries_after_directive_steps(self):
        kinds = {s.name: s for s in due.sources()}
        assert isinstance(kinds["entries"], TargetEntriesDue)
        assert kinds["entries"].order > kinds["steps"].order


class TestScope:
    def test_an_entry_is_listed_for_the_holder_and_every_body_above_it(
        self, org, users, admissions, to_cell
    ):
        for user in (users.secretary, users.viewer, users.officer, users.superuser):
            found = entries(Scope.for_user(user))
            assert (org.cell, admissions.title) in [(i.body, i.title) for i in found.items]

    def test_an_entry_is_hidden_from_bodies_outside(self, org, users, admissions, to_cell):
        assert entries(Scope.for_user(users.provincial)).items == []
        assert entries(Scope.for_user(users.nobody)).items == []
        assert entries(Scope.for_user(users.secretary)).total == 1  # not the region's own

    def test_each_body_sees_its_own_and_its_branch(self, org, users, admissions, handed):
        everything = entries(Scope.for_user(users.officer))
        assert bodies(everything) == [
            org.region,
            org.pol,
            org.brigade,
            org.cell,
            org.other_cell,
        ]
        assert bodies(entries(Scope.for_user(users.viewer))) == [
            org.brigade,
            org.cell,
            org.other_cell,
        ]
        assert bodies(entries(Scope.for_user(users.secretary))) == [org.cell]

    def test_a_branch_narrows_the_list(self, org, admissions, handed):
        assert bodies(entries(SUPER, under=org.pol)) == [org.pol]

    def test_an_entry_made_takes_it_off(self, org, users, admissions, handed):
        enter(admissions, org.cell, 3)
        assert bodies(entries(Scope.for_user(users.viewer))) == [org.brigade, org.other_cell]


class TestWindow:
    def test_entries_due_later_than_the_window_wait(self, org, admissions, to_cell):
        assert entries(SUPER, today=dt.date(2025, 12, 1)).items == []
        assert len(entries(SUPER, today=dt.date(2025, 12, 1), within_days=14).items) == 2

    def test_overdue_entries_are_marked(self, org, admissions, to_cell):
        [held, share] = entries(SUPER, today=AFTER).items
        assert (held.body, share.body) == (org.region, org.cell)
        assert share.overdue and share.days_late == 5 and share.kind == "entries"
        assert share.source.assignment == to_cell
        [soon, _] = entries(SUPER).items
        assert not soon.overdue and soon.days_left == 5

    def test_the_limit_keeps_the_soonest_and_counts_all(self, org, admissions, handed):
        found = entries(SUPER, limit=2)
        assert bodies(found) == [org.region, org.pol] and found.total == 5


class TestTogether:
    def test_entries_and_directive_steps_share_one_list_by_deadline(self, org, admissions, to_cell):
        from ctct.documents import services as docs

        directive = docs.document_issue(
            issuer=org.region, type_code="CT", issued_on=dt.date(2025, 12, 1), title="Đại hội"
        )
        docs.distribution_create(
            document=directive, bodies=[org.cell], received_by=dt.date(2025, 12, 12)
        )
        found = due.due_list(SUPER, today=BEFORE, under=org.cell)
        assert [(i.kind, i.deadline) for i in found.items] == [
            ("steps", dt.date(2025, 12, 12)),
            ("entries", dt.date(2025, 12, 15)),
        ]
        assert found.totals == {"steps": 1, "entries": 1, "congress": 0}


@pytest.mark.parametrize("cells", [2, 6])
def test_queries_do_not_grow_with_the_bodies(
    org, users, admissions, cells, django_assert_num_queries
):
    from ctct.bodies.services import body_create

    more = [
        body_create(parent=org.brigade, name=f"Chi bộ Đại đội {i + 3}", kind="cell")
        for i in range(cells)
    ]
    sv.target_hand_down(target=admissions, values={b: 1 for b in more})
    scope = Scope.for_user(users.officer)
    scope.paths()  # the grants, read once per request by the middleware
    with django_assert_num_queries(4):
        rows, total = entries_due_in(scope, today=BEFORE)
    assert total == cells + 1 and len(rows) == cells + 1


class TestPage:
    def test_the_list_shows_a_target_entry_with_its_kind_to_the_holder(
        self, org, users, client, admissions, to_cell
    ):
        client.force_login(users.secretary)
        html = client.get(reverse("documents:reminders")).content.decode()
        assert admissions.title in html and "due-entries late" in html  # due 15/12/2025
        assert str(TargetEntriesDue.label) in html

    def test_the_list_hides_it_from_others(self, org, users, client, admissions, to_cell):
        client.force_login(users.provincial)
        assert admissions.title not in client.get(reverse("documents:reminders")).content.decode()

    def test_a_body_branch_outside_the_scope_is_not_found(self, org, users, client, to_cell):
        client.force_login(users.secretary)
        url = reverse("documents:reminders")
        assert client.get(url, {"body": org.brigade.pk}).status_code == 404
        assert client.get(url, {"body": "x"}).status_code == 404
        assert client.get(url, {"body": org.cell.pk}).status_code == 200

    def test_an_entry_soon_is_not_marked_late(self, org, users, client):
        year = timezone.localdate().year
        resolution = sv.resolution_create(body=org.brigade, period=str(year), title="NQ")
        soon = min(timezone.localdate() + dt.timedelta(days=3), dt.date(year, 12, 31))
        target = sv.target_add(
            resolution=resolution,
            title="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
            measure="percent",
            target_value=90,
            rollup="mean",
            entry_deadline=soon,
        )
        client.force_login(users.viewer)
        html = client.get(reverse("documents:reminders")).content.decode()
        assert target.title in html and "due-entries late" not in html


class TestRemindCommand:
    def test_it_lists_entries_under_their_bodies_and_counts_them(self, org, admissions, to_cell):
        out = io.StringIO()
        call_command("remind", today="2025-12-20", stdout=out)
        lines = out.getvalue().splitlines()
        cell = lines.index("Chi bộ Đại đội 1")
        assert "OVERDUE 5 d" in lines[cell + 1] and admissions.title in lines[cell + 1]
        assert str(TargetEntriesDue.label) in lines[cell + 1]
        assert lines[-2:] == [
            "0 steps due within 7 days or overdue (0 overdue).",
            "2 target entries due within 7 days or overdue (2 overdue).",
        ]

    def test_a_body_limits_it_to_the_branch(self, org, admissions, to_cell):
        out = io.StringIO()
        call_command("remind", today="2025-12-10", body=org.brigade.pk, stdout=out)
        text = out.getvalue()
        assert "Chi bộ Đại đội 1" in text and "Đảng ủy Quân khu 8" not in text
        assert "due in 5 d" in text
        assert text.strip().endswith("1 target entries due within 7 days or overdue (0 overdue).")
