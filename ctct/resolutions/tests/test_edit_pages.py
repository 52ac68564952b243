"""The pages that correct and remove: each form posted valid and invalid, a confirmation
before each removal, roles that may not act refused (403), ids outside the scope 404."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from ctct.resolutions import services as sv
from ctct.resolutions.models import (
    FocusTask,
    ProgressEntry,
    Resolution,
    Target,
    TargetAssignment,
)

pytestmark = pytest.mark.django_db

JUNE = dt.date(2025, 6, 30)
HUGE = 10**20


def said(r, message, **params) -> bool:
    page = unescape(r.content.decode())
    for lang in ("en", "vi"):
        with translation.override(lang):
            text = translation.gettext(message) if isinstance(message, str) else str(message)
            if (text % params if params else text) in page:
                return True
    return False


@pytest.fixture
def handed(org, admissions):
    (brigade,) = sv.target_hand_down(target=admissions, values={org.brigade: 8})
    sv.target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=brigade)
    return admissions


@pytest.fixture
def entry(org, users, handed):
    return sv.progress_enter(
        target=handed, body=org.cell, value=2, on=JUNE, note="Sơ kết", user=users.secretary
    )


class TestResolution:
    def url(self, name, resolution):
        return reverse(f"resolutions:{name}", args=[resolution.pk])

    def test_the_officer_corrects_the_title_period_and_conference(
        self, org, users, login, resolution
    ):
        from ctct.conferences.tests.factories import make_conference

        conf = make_conference(body=org.region, kind="ra_nghi_quyet", held_on=dt.date(2025, 1, 5))
        client = login(users.officer)
        html = client.get(self.url("resolution_edit", resolution)).content.decode()
        assert resolution.title in html
        r = client.post(
            self.url("resolution_edit", resolution),
            {"title": "Nghị quyết năm 2025 (sửa)", "period": "năm 2025", "adopted_at": conf.pk},
        )
        assert r.status_code == 302
        resolution.refresh_from_db()
        assert resolution.title == "Nghị quyết năm 2025 (sửa)" and resolution.adopted_at == conf

    def test_a_period_that_leaves_a_target_out_is_refused_with_what_was_typed(
        self, users, login, resolution
    ):
        sv.target_add(
            resolution=resolution,
            title="Sơ kết",
            measure="count",
            target_value=1,
            rollup="sum",
            period="2025-H2",
        )
        r = login(users.officer).post(
            self.url("resolution_edit", resolution), {"title": "Tên mới", "period": "2026"}
        )
        assert r.status_code == 400 and 'value="Tên mới"' in r.content.decode()
        assert (
            said(
                r,
                sv.MSG_TARGET_OUTSIDE_NEW,
                target="Sơ kết",
                period="6 tháng cuối năm 2025",
                resolution="năm 2026",
            )
            or "Sơ kết" in r.content.decode()
        )
        resolution.refresh_from_db()
        assert resolution.period == "2025"

    def test_a_viewer_is_refused_and_an_outsider_or_a_huge_id_not_found(
        self, org, users, login, resolution
    ):
        brigade_res = sv.resolution_create(body=org.brigade, period="2025", title="Lữ đoàn")
        data = {"title": "x", "period": "2025"}
        assert (
            login(users.viewer).post(self.url("resolution_edit", brigade_res), data).status_code
            == 403
        )
        assert (
            login(users.viewer)
            .post(self.url("resolution_remove", brigade_res), {"confirmed": "1"})
            .status_code
            == 403
        )
        assert (
            login(users.secretary).post(self.url("resolution_edit", resolution), data).status_code
            == 404
        )
        assert (
            login(users.provincial).get(self.url("resolution_remove", resolution)).status_code
            == 404
        )
        r = login(users.officer).get(reverse("resolutions:resolution_edit", args=[HUGE]))
        assert r.status_code == 404
        assert Resolution.objects.filter(title="x").count() == 0

    def test_removal_asks_first_then_removes_once(self, org, users, login, resolution, handed):
        client = login(users.officer)
        url = self.url("resolution_remove", resolution)
        r = client.get(url)
        assert r.status_code == 200 and resolution.title in r.content.decode()
        assert client.post(url).status_code == 200 and Resolution.objects.exists()
        r = client.post(url, {"confirmed": "1"})
        assert r.status_code == 302 and r["Location"] == reverse(
            "resolutions:body", args=[org.region.pk]
        )
        assert not Resolution.objects.exists() and not TargetAssignment.objects.exists()
        r = client.post(url, {"confirmed": "1"}, follow=True)
        assert r.status_code == 200 and said(r, "It was already removed.")

    def test_a_resolution_with_entries_is_not_removed(self, users, login, resolution, entry):
        r = login(users.officer).post(self.url("resolution_remove", resolution), {"confirmed": "1"})
        assert r.status_code == 400 and said(r, sv.MSG_RESOLUTION_HAS_ENTRIES, count=1)
        assert Resolution.objects.exists()

    def test_the_page_offers_the_corrections_to_editors_only(
        self, org, users, login, resolution, handed
    ):
        sv.focus_task_add(resolution=resolution, text="Nhiệm vụ một")
        html = login(users.officer).get(self.url("detail", resolution)).content.decode()
        assert self.url("resolution_edit", resolution) in html
        assert reverse("resolutions:target_edit", args=[resolution.pk, handed.pk]) in html
        assert "/tasks/" in html
        brigade_res = sv.resolution_create(body=org.brigade, period="2025", title="Lữ đoàn")
        html = login(users.viewer).get(self.url("detail", brigade_res)).content.decode()
        assert self.url("resolution_edit", brigade_res) not in html


class TestParts:
    def test_a_task_is_corrected_moved_and_removed(self, users, login, resolution):
        one = sv.focus_task_add(resolution=resolution, text="Một")
        two = sv.focus_task_add(resolution=resolution, text="Hai")
        client = login(users.officer)
        args = [resolution.pk, "tasks"]
        edit = reverse("resolutions:part_edit", args=[*args, one.pk])
        assert "Một" in client.get(edit).content.decode()
        assert client.post(edit, {"text": ""}).status_code == 400
        assert client.post(edit, {"text": "Một (sửa)"}).status_code == 302
        move = reverse("resolutions:part_move", args=[*args, two.pk])
        assert client.post(move, {"direction": "up"}).status_code == 302
        assert list(FocusTask.objects.order_by("order").values_list("text", flat=True)) == [
            "Hai",
            "Một (sửa)",
        ]
        remove = reverse("resolutions:part_remove", args=[*args, two.pk])
        assert client.get(remove).status_code == 200
        assert client.post(remove, {"confirmed": "1"}).status_code == 302
        assert list(FocusTask.objects.values_list("order", "text")) == [(1, "Một (sửa)")]

    def test_an_unknown_list_or_another_resolutions_part_is_not_found(
        self, org, users, login, resolution
    ):
        other = sv.resolution_create(body=org.region, period="2026", title="2026")
        task = sv.focus_task_add(resolution=other, text="Khác")
        client = login(users.officer)
        for kind, pk in (("tasks", task.pk), ("things", task.pk), ("tasks", HUGE)):
            url = reverse("resolutions:part_edit", args=[resolution.pk, kind, pk])
            assert client.get(url).status_code == 404
        url = reverse("resolutions:part_move", args=[resolution.pk, "groups", task.pk])
        assert client.post(url, {"direction": "down"}).status_code == 404


class TestTargets:
    def form(self, target, **over):
        data = {
            "title": target.title,
            "measure": target.measure,
            "unit": target.unit,
            "comparison": target.comparison,
            "target_value": "12",
            "baseline_value": "",
            "rollup": target.rollup,
            "period": "",
            "entry_deadline": "2025-12-15",
        }
        return {**data, **over}

    def test_the_officer_corrects_a_target(self, users, login, resolution, admissions):
        url = reverse("resolutions:target_edit", args=[resolution.pk, admissions.pk])
        client = login(users.officer)
        assert 'value="12"' in client.get(url).content.decode()
        r = client.post(url, self.form(admissions, target_value="15", unit="người"))
        assert r.status_code == 302
        admissions.refresh_from_db()
        assert (admissions.target_value, admissions.unit) == (15, "người")

    def test_the_measure_is_refused_once_entries_exist(self, users, login, resolution, entry):
        url = reverse("resolutions:target_edit", args=[resolution.pk, entry.target_id])
        r = login(users.officer).post(
            url, self.form(entry.target, measure="percent", rollup="mean", target_value="90")
        )
        assert r.status_code == 400 and said(r, sv.MSG_FROZEN_BY_ENTRIES)
        assert 'value="90"' in r.content.decode()
        assert Target.objects.get().measure == "count"

    def test_a_target_is_removed_after_confirming(self, users, login, resolution, handed):
        url = reverse("resolutions:target_remove", args=[resolution.pk, handed.pk])
        client = login(users.officer)
        assert client.get(url).status_code == 200
        assert client.post(url, {"confirmed": "1"}).status_code == 302
        assert not Target.objects.exists()

    def test_a_target_with_entries_is_not_removed(self, users, login, resolution, entry):
        url = reverse("resolutions:target_remove", args=[resolution.pk, entry.target_id])
        r = login(users.officer).post(url, {"confirmed": "1"})
        assert r.status_code == 400 and said(r, sv.MSG_TARGET_HAS_ENTRIES, count=1)


class TestShares:
    def test_the_officer_changes_and_withdraws_a_cells_share(self, org, users, login, handed):
        share = TargetAssignment.objects.get(body=org.other_cell)
        client = login(users.officer)
        edit = reverse("resolutions:share_edit", args=[share.pk])
        assert client.post(edit, {"target_value": "bốn"}).status_code == 400
        r = client.post(edit, {"target_value": "5", "weight": "20"})
        assert r.status_code == 302
        assert r["Location"] == reverse("resolutions:target", args=[org.brigade.pk, handed.pk])
        share.refresh_from_db()
        assert (share.target_value, share.weight) == (5, 20)
        withdraw = reverse("resolutions:share_withdraw", args=[share.pk])
        assert client.get(withdraw).status_code == 200
        assert client.post(withdraw, {"confirmed": "1"}).status_code == 302
        assert not TargetAssignment.objects.filter(pk=share.pk).exists()

    def test_a_share_handed_on_is_not_withdrawn(self, org, users, login, handed):
        share = TargetAssignment.objects.get(body=org.brigade)
        r = login(users.officer).post(
            reverse("resolutions:share_withdraw", args=[share.pk]), {"confirmed": "1"}
        )
        assert r.status_code == 400 and TargetAssignment.objects.count() == 3

    def test_the_cell_may_not_change_its_own_share_and_outsiders_do_not_see_it(
        self, org, users, login, handed
    ):
        share = TargetAssignment.objects.get(body=org.cell)
        url = reverse("resolutions:share_edit", args=[share.pk])
        assert login(users.secretary).post(url, {"target_value": "1"}).status_code == 403
        assert login(users.provincial).post(url, {"target_value": "1"}).status_code == 404
        share.refresh_from_db()
        assert share.target_value == 4


class TestHandDownAnyDepth:
    def url(self, body, target):
        return reverse("resolutions:hand_down_any", args=[body.pk, target.pk])

    def test_the_region_hands_a_target_to_a_cell_two_levels_down(
        self, org, users, login, admissions
    ):
        client = login(users.officer)
        assert client.get(self.url(org.region, admissions)).status_code == 200
        data = {"body": org.cell.pk, "target_value": "3", "form_token": "tok-any"}
        r = client.post(self.url(org.region, admissions), data)
        assert r.status_code == 302
        share = TargetAssignment.objects.get()
        assert (share.body, share.parent, share.target_value) == (org.cell, None, 3)
        assert client.post(self.url(org.region, admissions), data).status_code == 302
        assert TargetAssignment.objects.count() == 1

    def test_the_picker_finds_the_body_by_its_name(self, org, users, login, admissions):
        r = login(users.officer).post(
            self.url(org.region, admissions),
            {"body": "", "body__q": "Đại đội 2", "target_value": "3"},
        )
        assert r.status_code == 302
        assert TargetAssignment.objects.get().body == org.other_cell

    def test_a_body_under_another_share_is_refused_on_the_form(self, org, users, login, handed):
        TargetAssignment.objects.filter(parent__isnull=False).delete()
        r = login(users.officer).post(
            self.url(org.region, handed), {"body": org.cell.pk, "target_value": "3"}
        )
        assert r.status_code == 200
        assert said(r, sv.MSG_UNDER_SHARE, body=org.cell.name, share=org.brigade.name)
        assert TargetAssignment.objects.count() == 1

    def test_a_body_outside_the_holders_branch_is_refused(self, org, users, login, handed):
        r = login(users.officer).post(
            self.url(org.brigade, handed), {"body": org.pol_cell.pk, "target_value": "3"}
        )
        assert r.status_code == 200 and not TargetAssignment.objects.filter(body=org.pol_cell)

    def test_a_viewer_may_not_hand_down(self, org, users, login, handed):
        r = login(users.viewer).post(
            self.url(org.brigade, handed), {"body": org.cell.pk, "target_value": "3"}
        )
        assert r.status_code == 403


class TestEntries:
    def test_the_one_who_entered_it_corrects_it(self, org, users, login, entry):
        url = reverse("resolutions:entry_edit", args=[entry.pk])
        client = login(users.secretary)
        assert 'value="2"' in client.get(url).content.decode()
        r = client.post(url, {"value": "3", "on": "2025-07-01", "note": "Sơ kết (sửa)"})
        assert r.status_code == 302
        entry.refresh_from_db()
        assert (entry.value, entry.on) == (3, dt.date(2025, 7, 1))

    def test_a_bad_value_and_a_bad_date_are_reported_together(self, users, login, entry):
        url = reverse("resolutions:entry_edit", args=[entry.pk])
        r = login(users.secretary).post(url, {"value": "ba", "on": "2025-02-30", "note": "x"})
        assert r.status_code == 400
        assert said(r, sv.MSG_NOT_A_NUMBER, value="ba")
        assert said(r, "Enter a real date (day/month/year), e.g. 2025-06-20.")

    def test_a_superior_secretary_corrects_it_and_a_fellow_secretary_may_not(
        self, org, users, login, entry
    ):
        from ctct.accounts.tests.factories import make_user

        fellow = make_user(username="fellow", role="secretary", on=org.cell)
        url = reverse("resolutions:entry_edit", args=[entry.pk])
        assert (
            login(fellow).post(url, {"value": "1", "on": "2025-06-30", "note": "x"}).status_code
            == 403
        )
        assert (
            login(users.officer)
            .post(url, {"value": "1", "on": "2025-06-30", "note": "x"})
            .status_code
            == 302
        )
        assert login(users.provincial).get(url).status_code == 404

    def test_an_entry_is_removed_with_a_reason(self, users, login, entry):
        url = reverse("resolutions:entry_remove", args=[entry.pk])
        client = login(users.secretary)
        assert client.get(url).status_code == 200
        r = client.post(url, {"confirmed": "1", "reason": ""})
        assert r.status_code == 400 and ProgressEntry.objects.exists()
        assert client.post(url, {"confirmed": "1", "reason": "Nhập nhầm"}).status_code == 302
        assert ProgressEntry.history.get(history_type="-").history_change_reason == "Nhập nhầm"

    def test_the_target_page_links_the_corrections_to_who_may_make_them(
        self, org, users, login, entry
    ):
        from ctct.accounts.tests.factories import make_user

        page = reverse("resolutions:target", args=[org.cell.pk, entry.target_id])
        edit = reverse("resolutions:entry_edit", args=[entry.pk])
        assert edit in login(users.secretary).get(page).content.decode()
        fellow = make_user(username="fellow", role="secretary", on=org.cell)
        assert edit not in login(fellow).get(page).content.decode()


class TestProgressForm:
    def test_a_bad_value_and_a_bad_date_are_reported_together(self, org, users, login, handed):
        url = reverse("resolutions:progress", args=[org.cell.pk, handed.pk])
        r = login(users.secretary).post(url, {"value": "140,5", "on": "2025-02-30", "note": "x"})
        assert r.status_code == 200 and not ProgressEntry.objects.exists()
        assert said(r, sv.MSG_COUNT_RANGE, value="140,5")
        assert said(r, "Enter a real date (day/month/year), e.g. 2025-06-20.")


def test_the_correcting_links_add_no_query_per_entry(org, users, login, handed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(users.officer)
    page = reverse("resolutions:target", args=[org.cell.pk, handed.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200
        return len(ctx)

    sv.progress_enter(target=handed, body=org.cell, value=1, on=JUNE, note="x")
    one = queries()
    for day in (1, 2, 3):
        sv.progress_enter(target=handed, body=org.cell, value=1, on=dt.date(2025, 7, day), note="x")
    html = client.get(page).content.decode()
    assert html.count("/resolutions/entries/") == 8  # correct and remove, for each of four
    assert queries() == one
