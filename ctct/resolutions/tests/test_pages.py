"""The resolution pages as each role: the officer writes resolutions and hands targets down,
the cell's secretary enters its progress, a viewer reads, an outsider gets 404; every form
posted valid and invalid, scope refusals and double posts."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from ctct.resolutions.models import (
    FocusTask,
    ProgressEntry,
    Resolution,
    SolutionGroup,
    Target,
    TargetAssignment,
)
from ctct.resolutions.services import (
    MSG_CONFERENCE_BODY,
    MSG_NO_BODIES,
    MSG_NO_EVIDENCE,
    MSG_NOT_A_NUMBER,
    MSG_PERCENT_RANGE,
    MSG_ROLLUP_MEASURE,
    progress_enter,
    target_hand_down,
)

pytestmark = pytest.mark.django_db


def _text(r) -> str:
    return r.content.decode()


def _said(html: str, message, **params) -> bool:
    """The message is on the page, in English or Vietnamese (the test runs in either)."""
    page = unescape(html)
    for lang in ("en", "vi"):
        with translation.override(lang):
            text = str(message) % params if params else str(message)
        if text in page:
            return True
    return False


@pytest.fixture
def handed(org, admissions):
    """The admissions target handed to the brigade (8), passed on to its two cells (4 each)."""
    (brigade,) = target_hand_down(target=admissions, values={org.brigade: 8})
    target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=brigade)
    return admissions


class TestReading:
    def test_the_officer_sees_the_region_resolutions_and_targets(
        self, org, users, login, handed, resolution
    ):
        client = login(users.officer)
        html = _text(client.get(reverse("resolutions:body", args=[org.region.pk])))
        assert resolution.title in html and handed.title in html and "<meter" in html
        r = client.get(reverse("resolutions:detail", args=[resolution.pk]))
        assert r.status_code == 200 and handed.title in _text(r)
        assert reverse("resolutions:target_add", args=[resolution.pk]) in _text(r)

    def test_the_target_page_shows_the_subtree_and_who_is_behind(self, org, users, login, handed):
        progress_enter(target=handed, body=org.cell, value=4, on=dt.date(2025, 3, 1), note="x")
        r = login(users.officer).get(reverse("resolutions:target", args=[org.region.pk, handed.pk]))
        html = _text(r)
        assert r.status_code == 200
        for body in (org.brigade, org.cell, org.other_cell):
            assert body.name in html
        assert "<progress" in html and "<meter" in html

    def test_a_secretary_sees_the_cells_share_but_not_the_region_resolution(
        self, org, users, login, handed, resolution
    ):
        client = login(users.secretary)
        r = client.get(reverse("resolutions:target", args=[org.cell.pk, handed.pk]))
        assert r.status_code == 200
        assert reverse("resolutions:progress", args=[org.cell.pk, handed.pk]) in _text(r)
        assert client.get(reverse("resolutions:detail", args=[resolution.pk])).status_code == 404
        r = client.get(reverse("resolutions:target", args=[org.brigade.pk, handed.pk]))
        assert r.status_code == 404

    def test_a_viewer_reads_without_buttons(self, org, users, login, handed):
        client = login(users.viewer)
        r = client.get(reverse("resolutions:target", args=[org.brigade.pk, handed.pk]))
        html = _text(r)
        assert r.status_code == 200
        assert reverse("resolutions:progress", args=[org.brigade.pk, handed.pk]) not in html
        assert reverse("resolutions:hand_down", args=[org.brigade.pk, handed.pk]) not in html
        assert client.get(reverse("resolutions:create")).status_code == 404

    @pytest.mark.parametrize("who", ["nobody", "provincial"])
    def test_an_outsider_gets_404(self, org, users, login, handed, resolution, who):
        client = login(getattr(users, who))
        for url in (
            reverse("resolutions:body", args=[org.region.pk]),
            reverse("resolutions:detail", args=[resolution.pk]),
            reverse("resolutions:target", args=[org.region.pk, handed.pk]),
            reverse("resolutions:progress", args=[org.cell.pk, handed.pk]),
            reverse("resolutions:hand_down", args=[org.region.pk, handed.pk]),
        ):
            assert client.get(url).status_code == 404, url

    def test_a_target_not_handed_to_a_body_is_not_found_there(self, org, users, login, admissions):
        r = login(users.officer).get(
            reverse("resolutions:target", args=[org.cell.pk, admissions.pk])
        )
        assert r.status_code == 404

    def test_the_index_lists_what_the_user_reaches(self, users, login, resolution):
        assert resolution.title in _text(login(users.officer).get(reverse("resolutions:index")))
        assert resolution.title not in _text(login(users.viewer).get(reverse("resolutions:index")))

    def test_a_secretary_finds_the_targets_handed_to_the_cell_in_the_list(
        self, org, users, login, handed, resolution
    ):
        progress_enter(target=handed, body=org.cell, value=4, on=dt.date(2025, 6, 2), note="x")
        html = _text(login(users.secretary).get(reverse("resolutions:index")))
        assert 'id="handed"' in html and handed.title in html
        assert reverse("resolutions:target", args=[org.cell.pk, handed.pk]) in html
        assert resolution.title not in html  # the region's resolution stays out of reach

    def test_the_officer_whose_body_holds_the_target_sees_no_handed_list(
        self, users, login, handed
    ):
        assert 'id="handed"' not in _text(login(users.officer).get(reverse("resolutions:index")))


class TestPanels:
    def test_the_cells_page_lists_the_targets_handed_to_it_even_when_met(
        self, org, users, login, handed
    ):
        progress_enter(target=handed, body=org.cell, value=4, on=dt.date(2025, 6, 2), note="x")
        html = _text(login(users.secretary).get(org.cell.get_absolute_url()))
        assert 'id="resolutions"' in html and handed.title in html
        assert reverse("resolutions:target", args=[org.cell.pk, handed.pk]) in html

    def test_the_body_page_lists_resolutions_and_targets_behind(
        self, org, users, login, handed, resolution
    ):
        # Late in the year, nothing entered: every share is behind.
        progress_enter(target=handed, body=org.cell, value=0, on=dt.date(2025, 1, 2), note="x")
        html = _text(login(users.officer).get(org.region.get_absolute_url()))
        assert 'id="resolutions"' in html and resolution.title in html

    def test_the_home_page_shows_targets_at_risk(self, org, users, login, handed):
        progress_enter(target=handed, body=org.cell, value=0, on=dt.date(2025, 1, 2), note="x")
        html = _text(login(users.officer).get(reverse("home")))
        assert 'id="targets-at-risk"' in html and handed.title in html

    def test_the_conference_page_links_the_resolution_it_adopted(self, org, users, login):
        from ctct.conferences.tests.factories import make_conference
        from ctct.resolutions.services import resolution_create

        conf = make_conference(body=org.brigade, kind="ra_nghi_quyet", held_on=dt.date(2025, 1, 5))
        res = resolution_create(
            body=org.brigade, period="2025", title="NQ năm 2025", adopted_at=conf
        )
        html = _text(login(users.officer).get(conf.get_absolute_url()))
        assert reverse("resolutions:detail", args=[res.pk]) in html


class TestCreate:
    url = staticmethod(lambda: reverse("resolutions:create"))

    def test_the_officer_records_a_resolution_once_even_if_posted_twice(self, org, users, login):
        client = login(users.officer)
        data = {
            "body": org.brigade.pk,
            "period": "6 tháng cuối năm 2025",
            "title": "Nghị quyết lãnh đạo 6 tháng cuối năm 2025",
            "form_token": "tok-res",
        }
        r = client.post(self.url(), data)
        res = Resolution.objects.get()
        assert r.status_code == 302 and r["Location"] == reverse(
            "resolutions:detail", args=[res.pk]
        )
        assert res.period == "2025-H2" and res.body == org.brigade
        r = client.post(self.url(), data)
        assert r.status_code == 302 and Resolution.objects.count() == 1

    def test_the_body_is_chosen_by_typing_its_name(self, org, users, login):
        r = login(users.officer).post(
            self.url(), {"body__q": "Lữ đoàn 657", "period": "2025", "title": "NQ năm 2025"}
        )
        assert r.status_code == 302 and Resolution.objects.get().body == org.brigade

    def test_a_missing_period_is_refused_with_the_title_kept(self, org, users, login):
        r = login(users.officer).post(
            self.url(), {"body": org.brigade.pk, "period": "", "title": "Tiêu đề giữ lại"}
        )
        assert r.status_code == 200 and not Resolution.objects.exists()
        assert "Tiêu đề giữ lại" in _text(r)

    def test_a_conference_of_another_body_is_refused_on_the_form(self, org, users, login):
        from ctct.conferences.tests.factories import make_conference

        conf = make_conference(body=org.region, kind="ra_nghi_quyet", held_on=dt.date(2025, 1, 5))
        r = login(users.officer).post(
            self.url(),
            {
                "body": org.brigade.pk,
                "period": "2025",
                "title": "NQ giữ lại",
                "adopted_at": conf.pk,
            },
        )
        html = _text(r)
        assert r.status_code == 200 and not Resolution.objects.exists()
        assert _said(html, MSG_CONFERENCE_BODY, body=org.brigade.name) and "NQ giữ lại" in html

    def test_a_secretary_cannot_choose_a_body_above_its_cell(self, org, users, login):
        client = login(users.secretary)
        assert client.get(self.url() + f"?body={org.cell.pk}").status_code == 200
        r = client.post(self.url(), {"body": org.brigade.pk, "period": "2025", "title": "X"})
        assert r.status_code == 200 and not Resolution.objects.exists()
        assert client.get(self.url() + f"?body={org.brigade.pk}").status_code == 404

    def test_the_previous_period_is_copied(self, users, login, handed, resolution):
        from ctct.resolutions.services import focus_task_add

        focus_task_add(resolution=resolution, text="Xây dựng chi bộ trong sạch vững mạnh")
        url = reverse("resolutions:copy", args=[resolution.pk])
        client = login(users.officer)
        assert client.get(url).status_code == 200
        r = client.post(url, {"period": "năm 2026", "title": "", "form_token": "tok-copy"})
        new = Resolution.objects.get(period="2026")
        assert r.status_code == 302 and new.previous == resolution
        assert new.targets.count() == 1 and new.focus_tasks.count() == 1
        client.post(url, {"period": "năm 2026", "title": "", "form_token": "tok-copy"})
        assert Resolution.objects.filter(period="2026").count() == 1
        r = client.post(url, {"period": "ngày mai", "title": ""})
        assert r.status_code == 200 and Resolution.objects.count() == 2

    def test_a_viewer_cannot_copy(self, users, login, resolution):
        url = reverse("resolutions:copy", args=[resolution.pk])
        assert login(users.viewer).post(url, {"period": "2026"}).status_code == 404


class TestParts:
    def test_focus_tasks_and_solution_groups_are_added_once(self, users, login, resolution):
        client = login(users.officer)
        for name, model, prefix in (
            ("resolutions:task_add", FocusTask, "task"),
            ("resolutions:group_add", SolutionGroup, "group"),
        ):
            url = reverse(name, args=[resolution.pk])
            data = {f"{prefix}-text": "Nâng cao chất lượng sinh hoạt", "form_token": f"t-{prefix}"}
            assert client.post(url, data).status_code == 302
            assert client.post(url, data).status_code == 302
            assert model.objects.count() == 1
            r = client.post(url, {f"{prefix}-text": "   "})
            assert r.status_code == 400 and model.objects.count() == 1

    def test_a_viewer_cannot_add_a_task(self, users, login, resolution):
        url = reverse("resolutions:task_add", args=[resolution.pk])
        assert login(users.viewer).post(url, {"task-text": "x"}).status_code == 404
        assert not FocusTask.objects.exists()

    def _target(self, **over):
        data = {
            "title": "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
            "measure": "percent",
            "unit": "%",
            "comparison": "at_least",
            "target_value": "90",
            "baseline_value": "85",
            "rollup": "mean",
            "period": "",
            "entry_deadline": "2025-12-15",
        }
        return {**data, **over}

    def test_a_target_is_added(self, users, login, resolution):
        url = reverse("resolutions:target_add", args=[resolution.pk])
        client = login(users.officer)
        assert client.get(url).status_code == 200
        r = client.post(url, self._target(form_token="tok-t"))
        assert r.status_code == 302
        t = Target.objects.get()
        assert t.period == "2025" and t.baseline_value == 85
        client.post(url, self._target(form_token="tok-t"))
        assert Target.objects.count() == 1

    @pytest.mark.parametrize(
        ("over", "message", "params"),
        [
            ({"target_value": "chín mươi"}, MSG_NOT_A_NUMBER, {"value": "chín mươi"}),
            ({"target_value": "140"}, MSG_PERCENT_RANGE, {"value": "140"}),
            (
                {"measure": "yes_no", "target_value": "1", "baseline_value": "", "rollup": "mean"},
                MSG_ROLLUP_MEASURE,
                None,
            ),
        ],
    )
    def test_a_bad_target_is_refused_with_what_was_typed(
        self, users, login, resolution, over, message, params
    ):
        url = reverse("resolutions:target_add", args=[resolution.pk])
        r = login(users.officer).post(url, self._target(**over))
        html = _text(r)
        assert r.status_code == 200 and not Target.objects.exists()
        assert "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ" in html
        if params:
            assert _said(html, message, **params)

    def test_a_target_outside_the_period_is_refused(self, users, login, resolution):
        url = reverse("resolutions:target_add", args=[resolution.pk])
        r = login(users.officer).post(url, self._target(period="năm 2026"))
        assert r.status_code == 200 and not Target.objects.exists()


class TestHandDown:
    def test_the_officer_hands_a_target_to_chosen_bodies_with_their_values(
        self, org, users, login, admissions
    ):
        url = reverse("resolutions:hand_down", args=[org.region.pk, admissions.pk])
        client = login(users.officer)
        html = _text(client.get(url))
        assert org.brigade.name in html and org.pol.name in html
        data = {"how": "chosen", f"value_{org.brigade.pk}": "8", "form_token": "tok-h"}
        r = client.post(url, data)
        assert r.status_code == 302
        assert TargetAssignment.objects.get().target_value == 8
        assert client.post(url, data).status_code == 302 and TargetAssignment.objects.count() == 1

    def test_a_bad_value_is_refused_and_kept(self, org, users, login, admissions):
        url = reverse("resolutions:hand_down", args=[org.region.pk, admissions.pk])
        r = login(users.officer).post(url, {"how": "chosen", f"value_{org.brigade.pk}": "tám"})
        assert r.status_code == 400 and not TargetAssignment.objects.exists()
        assert 'value="tám"' in _text(r)

    def test_nothing_chosen_is_refused(self, org, users, login, admissions):
        url = reverse("resolutions:hand_down", args=[org.region.pk, admissions.pk])
        r = login(users.officer).post(url, {"how": "chosen"})
        assert r.status_code == 400 and not TargetAssignment.objects.exists()
        assert _said(_text(r), MSG_NO_BODIES)

    def test_the_brigade_passes_its_share_to_a_whole_level(self, org, users, login, admissions):
        target_hand_down(target=admissions, values={org.brigade: 8})
        url = reverse("resolutions:hand_down", args=[org.brigade.pk, admissions.pk])
        r = login(users.officer).post(url, {"how": "level", "level": "1", "value": "4"})
        assert r.status_code == 302
        assert set(
            TargetAssignment.objects.filter(parent__isnull=False).values_list("body", flat=True)
        ) == {
            org.cell.pk,
            org.other_cell.pk,
        }
        r = login(users.officer).post(url, {"how": "level", "level": "0", "value": "4"})
        assert r.status_code == 400

    def test_a_secretary_or_viewer_cannot_hand_the_regions_target_down(
        self, org, users, login, handed
    ):
        for user, body in ((users.secretary, org.region), (users.viewer, org.brigade)):
            url = reverse("resolutions:hand_down", args=[body.pk, handed.pk])
            assert (
                login(user).post(url, {"how": "level", "level": "1", "value": "1"}).status_code
                == 404
            )


class TestProgress:
    def _url(self, org, target):
        return reverse("resolutions:progress", args=[org.cell.pk, target.pk])

    def test_the_secretary_enters_the_cells_progress_once(self, org, users, login, handed):
        client = login(users.secretary)
        assert client.get(self._url(org, handed)).status_code == 200
        data = {"value": "3", "on": "2025-06-30", "note": "Báo cáo sơ kết", "form_token": "tok-p"}
        r = client.post(self._url(org, handed), data)
        assert r.status_code == 302
        assert r["Location"] == reverse("resolutions:target", args=[org.cell.pk, handed.pk])
        entry = ProgressEntry.objects.get()
        assert entry.value == 3 and entry.body == org.cell and entry.entered_by == users.secretary
        assert client.post(self._url(org, handed), data).status_code == 302
        assert ProgressEntry.objects.count() == 1

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"value": "ba", "on": "2025-06-30", "note": "x"}, MSG_NOT_A_NUMBER),
            ({"value": "3", "on": "2025-06-30", "note": ""}, MSG_NO_EVIDENCE),
            ({"value": "3", "on": "2025-02-30", "note": "x"}, None),
        ],
    )
    def test_bad_progress_is_refused_with_what_was_typed(
        self, org, users, login, handed, data, message
    ):
        r = login(users.secretary).post(self._url(org, handed), data)
        html = _text(r)
        assert r.status_code == 200 and not ProgressEntry.objects.exists()
        assert f'value="{data["value"]}"' in html
        if message is MSG_NOT_A_NUMBER:
            assert _said(html, message, value="ba")
        elif message is not None:
            assert _said(html, message)

    def test_a_document_is_picked_as_evidence(self, org, users, login, handed):
        from ctct.documents.tests.factories import make_document

        doc = make_document(issuer=org.cell)
        r = login(users.secretary).post(
            self._url(org, handed), {"value": "2", "on": "2025-06-30", "document": doc.pk}
        )
        assert r.status_code == 302 and ProgressEntry.objects.get().document == doc

    def test_a_viewer_cannot_enter_progress(self, org, users, login, handed):
        url = reverse("resolutions:progress", args=[org.brigade.pk, handed.pk])
        r = login(users.viewer).post(url, {"value": "1", "on": "2025-06-30", "note": "x"})
        assert r.status_code == 404 and not ProgressEntry.objects.exists()


class TestFigures:
    def test_the_resolution_page_says_the_same_period_figure(self, org, users, login, resolution):
        from ctct.resolutions.services import target_add

        target = target_add(
            resolution=resolution,
            title="Khối lượng hàng hóa vận chuyển",
            measure="count",
            unit="tấn",
            target_value=1000,
            baseline_value=1000,
            rollup="sum",
        )
        progress_enter(
            target=target, body=org.region, value=920, on=dt.date(2025, 6, 30), note="Sơ kết"
        )
        html = _text(login(users.officer).get(reverse("resolutions:detail", args=[resolution.pk])))
        assert "đạt 92% so với cùng kỳ năm 2024" in html

    def test_a_conference_of_the_cell_is_picked_as_evidence(self, org, users, login, handed):
        from ctct.conferences.tests.factories import make_conference

        conf = make_conference(body=org.cell, kind="so_ket", held_on=dt.date(2025, 6, 28))
        url = reverse("resolutions:progress", args=[org.cell.pk, handed.pk])
        r = login(users.secretary).post(
            url, {"value": "2", "on": "2025-06-30", "conference": conf.pk}
        )
        assert r.status_code == 302 and ProgressEntry.objects.get().conference == conf

    def test_a_conference_of_another_body_is_not_offered(self, org, users, login, handed):
        from ctct.conferences.tests.factories import make_conference

        conf = make_conference(body=org.other_cell, kind="so_ket", held_on=dt.date(2025, 6, 28))
        url = reverse("resolutions:progress", args=[org.cell.pk, handed.pk])
        r = login(users.officer).post(
            url, {"value": "2", "on": "2025-06-30", "conference": conf.pk}
        )
        assert r.status_code == 200 and not ProgressEntry.objects.exists()

    def test_a_figure_too_large_for_its_column_is_refused(self, org, users, login, handed):
        from ctct.resolutions.forms import MSG_TOO_LARGE

        url = reverse("resolutions:progress", args=[org.cell.pk, handed.pk])
        r = login(users.secretary).post(
            url, {"value": "1" + "0" * 15, "on": "2025-06-30", "note": "x"}
        )
        assert r.status_code == 200 and not ProgressEntry.objects.exists()
        assert _said(_text(r), MSG_TOO_LARGE, value="1" + "0" * 15)

    def test_the_conference_picker_suggests_the_bodys_conferences(self, org, users, login):
        from ctct.conferences.tests.factories import make_conference

        make_conference(body=org.cell, kind="so_ket", held_on=dt.date(2025, 6, 28))
        make_conference(body=org.province, kind="so_ket", held_on=dt.date(2025, 6, 28))
        r = login(users.secretary).get("/pick/conference/?q=so+ket&format=json")
        assert r.status_code == 200
        details = [row["detail"] for row in r.json()["results"]]
        assert details == [org.cell.name]
