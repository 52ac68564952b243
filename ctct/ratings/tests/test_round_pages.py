"""The rating pages as each role: the officer opens a round and decides within the quota, the
cell's secretary enters self-ratings and reviews with the band shown live, a viewer reads, an
outsider gets 404; discipline only for those entitled; the person's and body's panels."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from ctct.ratings import rules as rating_rules
from ctct.ratings import services as sv
from ctct.ratings.models import Discipline, RatingRound, RatingSheet
from ctct.ratings.tests.factories import (
    make_discipline,
    make_round,
    make_sheet,
    rate_years,
    scores_for,
    sheet_of,
)
from ctct.ratings.tests.pages import said as _said
from ctct.ratings.tests.pages import text as _text
from ctct.ratings.tests.pages import url as _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(org):
    """The region's 2025 round: a sheet for every member and body below it."""
    return make_round(body=org.region, year=2025)


def _self_rating(level: str = "httnv", **extra) -> dict:
    scores = scores_for(level)
    data = {f"score_{k}": str(v) for k, v in scores.items()}
    return {"level": level, "assessment": "Hoàn thành tốt nhiệm vụ được giao", **data, **extra}


class TestABodysRatings:
    def test_the_body_page_lists_the_rounds_reaching_it_and_offers_opening_to_those_allowed(
        self, org, users, login, rnd
    ):
        client = login(users.officer)
        html = _text(client.get(_url("body", org.brigade.pk)))
        assert _url("round", org.brigade.pk, rnd.pk) in html
        assert _url("round_open", org.brigade.pk) in html
        client = login(users.viewer)
        html = _text(client.get(_url("body", org.brigade.pk)))
        assert _url("round", org.brigade.pk, rnd.pk) in html
        assert _url("round_open", org.brigade.pk) not in html

    def test_an_outsider_gets_404_and_a_viewer_may_not_open_a_round(self, org, users, login):
        client = login(users.provincial)
        assert client.get(_url("body", org.brigade.pk)).status_code == 404
        assert client.get(_url("round_open", org.brigade.pk)).status_code == 404
        client = login(users.viewer)
        assert client.get(_url("round_open", org.brigade.pk)).status_code == 403
        r = client.post(_url("round_open", org.brigade.pk), {"year": "2025"})
        assert r.status_code == 403 and not RatingRound.objects.exists()

    def test_opening_a_round_creates_its_sheets_and_leads_to_its_progress(self, org, users, login):
        client = login(users.officer)
        assert client.get(_url("round_open", org.brigade.pk)).status_code == 200
        r = client.post(
            _url("round_open", org.brigade.pk),
            {
                "year": "2025",
                "opened_on": "2025-12-01",
                "self_due": "2025-12-10",
                "review_due": "2025-12-20",
                "decide_due": "2026-01-10",
                "form_token": "open-once",
            },
        )
        rnd = RatingRound.objects.get()
        assert r.status_code == 302 and r["Location"] == _url("round", org.brigade.pk, rnd.pk)
        assert rnd.body == org.brigade and rnd.opened_by == users.officer
        assert RatingSheet.objects.filter(round=rnd, person=org.cell_member).exists()
        # The same form posted again writes nothing twice.
        again = client.post(
            _url("round_open", org.brigade.pk),
            {"year": "2025", "opened_on": "2025-12-01", "form_token": "open-once"},
        )
        assert again.status_code == 302 and RatingRound.objects.count() == 1

    def test_a_second_round_for_the_year_is_refused_with_what_was_typed_kept(
        self, org, users, login, rnd
    ):
        client = login(users.officer)
        r = client.post(
            _url("round_open", org.region.pk),
            {
                "year": "2025",
                "opened_on": "2025-12-02",
                "self_due": "2025-12-11",
                "review_due": "2025-12-21",
                "decide_due": "2026-01-11",
            },
        )
        assert r.status_code == 200 and 'class="errorlist' in _text(r)
        assert 'value="2025-12-11"' in _text(r)
        assert RatingRound.objects.count() == 1

    def test_due_dates_out_of_order_are_refused_by_the_form(self, org, users, login):
        from ctct.ratings.round_forms import MSG_DATES_ORDER

        client = login(users.officer)
        r = client.post(
            _url("round_open", org.brigade.pk),
            {
                "year": "2025",
                "opened_on": "2025-12-01",
                "self_due": "2025-12-20",
                "review_due": "2025-12-10",
                "decide_due": "2026-01-10",
            },
        )
        assert _said(r, MSG_DATES_ORDER) and not RatingRound.objects.exists()


class TestTheRoundsProgress:
    def test_the_round_page_counts_each_branchs_sheets_at_each_step(self, org, users, login, rnd):
        make_sheet(round=rnd, person=org.cell_member, level="httnv", upto="reviewed")
        client = login(users.officer)
        r = client.get(_url("round", org.region.pk, rnd.pk))
        assert r.status_code == 200
        html = _text(r)
        # The brigade's branch holds the cell member's reviewed sheet among its others.
        assert _url("round", org.brigade.pk, rnd.pk) in html and "<svg" in html
        brigade = client.get(_url("round", org.brigade.pk, rnd.pk))
        counts = brigade.context["r"]
        total = RatingSheet.objects.filter(
            round=rnd, rated_at__path__startswith=org.brigade.path
        ).count()
        assert counts.overall.total == total
        assert counts.overall.by_step["reviewed"] == 1
        cell = next(b for b in counts.branches if b.body == org.cell)
        assert cell.counts.by_step["reviewed"] == 1

    def test_sheets_past_their_due_date_are_flagged_late(self, org, users, login):
        today = timezone.localdate()
        start = today - dt.timedelta(days=20)
        rnd = make_round(
            body=org.brigade,
            year=start.year,
            opened_on=start,
            self_due=today - dt.timedelta(days=5),
            review_due=today + dt.timedelta(days=10),
            decide_due=today + dt.timedelta(days=20),
        )
        make_sheet(round=rnd, person=org.cell_member, level="httnv")
        client = login(users.officer)
        progress = client.get(_url("round", org.brigade.pk, rnd.pk)).context["r"]
        waiting = RatingSheet.objects.filter(round=rnd, step="waiting").count()
        assert progress.overall.late == waiting > 0
        late = {b.body: b.counts.late for b in progress.late_bodies}
        # The cell's member self-rated in time; the cell's own sheet waits, past its date.
        assert (
            late[org.cell]
            == RatingSheet.objects.filter(round=rnd, rated_at=org.cell, step="waiting").count()
        )
        assert org.other_cell in late

    def test_the_round_page_reads_a_fixed_number_of_queries(self, org, users, login, rnd):
        from ctct.bodies.tests.factories import make_cell
        from ctct.people.tests.factories import make_person

        client = login(users.officer)
        url = _url("round", org.region.pk, rnd.pk)
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        for i in range(6):
            cell = make_cell(parent=org.brigade, name=f"Chi bộ Trung đội {i}")
            make_person(full_name=f"Đảng viên {i}", body=cell)
        rnd.delete()
        rnd = make_round(body=org.region, year=2025)
        url = _url("round", org.region.pk, rnd.pk)
        client.get(url)
        with CaptureQueriesContext(connection) as large:
            client.get(url)
        assert len(large) == len(small)

    def test_a_round_not_reaching_the_body_is_not_found(self, org, users, login):
        rnd = make_round(body=org.brigade, year=2025)
        client = login(users.officer)
        assert client.get(_url("round", org.pol.pk, rnd.pk)).status_code == 404
        assert client.get(_url("round", org.cell.pk, rnd.pk)).status_code == 200


class TestSheets:
    def test_the_cell_secretary_enters_a_members_self_rating(self, org, users, login, rnd):
        sheet = sheet_of(round=rnd, person=org.cell_member)
        client = login(users.secretary)
        html = _text(client.get(_url("sheets", org.cell.pk, rnd.pk)))
        assert org.cell_member.full_name in html and _url("sheet", org.cell.pk, sheet.pk) in html
        page = client.get(_url("sheet", org.cell.pk, sheet.pk))
        for c in rating_rules.current().criteria:
            assert f'name="score_{c.code}"' in _text(page)
        assert f'hx-get="{_url("sheet_band", org.cell.pk, sheet.pk)}"' in _text(page)
        r = client.post(_url("sheet", org.cell.pk, sheet.pk), _self_rating("httnv"))
        assert r.status_code == 302 and r["Location"] == _url("sheets", org.cell.pk, rnd.pk)
        sheet.refresh_from_db()
        assert sheet.step == "self_rated" and sheet.proposed_level == "httnv"
        assert sheet.proposed_by == users.secretary
        assert sheet.self_assessment == "Hoàn thành tốt nhiệm vụ được giao"

    def test_a_bodys_sheet_asks_for_its_late_tasks_and_a_members_does_not(
        self, org, users, login, rnd
    ):
        client = login(users.secretary)
        member = sheet_of(round=rnd, person=org.cell_member)
        own = sheet_of(round=rnd, body=org.cell)
        assert 'name="late"' not in _text(client.get(_url("sheet", org.cell.pk, member.pk)))
        assert 'name="late"' in _text(client.get(_url("sheet", org.cell.pk, own.pk)))
        r = client.post(_url("sheet", org.cell.pk, own.pk), _self_rating("htnv", late="10"))
        assert r.status_code == 302
        own.refresh_from_db()
        assert own.step == "self_rated" and own.late_pct == 10

    def test_the_band_of_the_scores_typed_is_shown_live(self, org, users, login, rnd):
        sheet = sheet_of(round=rnd, person=org.cell_member)
        rules = rating_rules.current()
        client = login(users.secretary)
        best = rules.levels[0]
        top = {f"score_{c.code}": str(c.max) for c in rules.criteria}
        r = client.get(_url("sheet_band", org.cell.pk, sheet.pk), top)
        assert r.status_code == 200 and f'data-level="{best.code}"' in _text(r)
        low = {f"score_{c.code}": "0" for c in rules.criteria}
        r = client.get(_url("sheet_band", org.cell.pk, sheet.pk), low)
        assert f'data-level="{rules.levels[-1].code}"' in _text(r)
        r = client.get(_url("sheet_band", org.cell.pk, sheet.pk), {"score_general": "abc"})
        assert r.status_code == 200 and "data-level" not in _text(r)

    def test_a_level_above_the_band_is_refused_with_the_rule(self, org, users, login, rnd):
        sheet = sheet_of(round=rnd, person=org.cell_member)
        client = login(users.secretary)
        data = {**_self_rating("htnv"), "level": "htxsnv"}
        r = client.post(_url("sheet", org.cell.pk, sheet.pk), data)
        assert r.status_code == 400 and 'class="errorlist' in _text(r)
        assert 'value="Hoàn thành tốt nhiệm vụ được giao"' in _text(r) or (
            "Hoàn thành tốt nhiệm vụ được giao</textarea>" in _text(r)
        )
        sheet.refresh_from_db()
        assert sheet.step == "waiting" and sheet.proposed_level == ""

    def test_the_review_follows_the_self_rating(self, org, users, login, rnd):
        sheet = sheet_of(round=rnd, person=org.cell_member)
        client = login(users.secretary)
        r = client.post(_url("sheet_review", org.cell.pk, sheet.pk), {"level": "httnv"})
        assert r.status_code == 400
        sheet.refresh_from_db()
        assert sheet.step == "waiting"
        make_sheet(round=rnd, person=org.cell_member, level="httnv")
        r = client.post(
            _url("sheet_review", org.cell.pk, sheet.pk), {"level": "httnv", "note": "Nhất trí"}
        )
        assert r.status_code == 302
        sheet.refresh_from_db()
        assert sheet.step == "reviewed" and sheet.review_note == "Nhất trí"

    def test_the_body_above_reviews_a_cells_own_sheet_from_its_sheets_page(
        self, org, users, login, rnd
    ):
        from ctct.accounts.tests.factories import make_user

        sheet = make_sheet(round=rnd, body=org.cell, level="httnv")
        cell_page = _text(login(users.secretary).get(_url("sheet", org.cell.pk, sheet.pk)))
        assert _url("sheet_review", org.cell.pk, sheet.pk) not in cell_page
        above = make_user(username="brigade_secretary", role="secretary", on=org.brigade)
        client = login(above)
        listed = _text(client.get(_url("sheets", org.brigade.pk, rnd.pk)))
        assert 'id="to-review"' in listed and _url("sheet", org.brigade.pk, sheet.pk) in listed
        page = _text(client.get(_url("sheet", org.brigade.pk, sheet.pk)))
        assert _url("sheet_review", org.brigade.pk, sheet.pk) in page
        assert f'action="{_url("sheet", org.brigade.pk, sheet.pk)}"' not in page
        r = client.post(_url("sheet", org.brigade.pk, sheet.pk), _self_rating("htnv"))
        assert r.status_code == 403
        r = client.post(
            _url("sheet_review", org.brigade.pk, sheet.pk), {"level": "httnv", "note": "Nhất trí"}
        )
        assert r.status_code == 302
        sheet.refresh_from_db()
        assert sheet.step == "reviewed" and sheet.reviewed_by == above

    def test_a_decided_sheet_can_no_longer_be_edited(self, org, users, login, rnd):
        sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv", upto="decided")
        client = login(users.secretary)
        page = _text(client.get(_url("sheet", org.cell.pk, sheet.pk)))
        assert f'action="{_url("sheet", org.cell.pk, sheet.pk)}"' not in page
        r = client.post(_url("sheet", org.cell.pk, sheet.pk), _self_rating("htnv"))
        assert r.status_code == 400
        assert _said(r, sv.MSG_DECIDED, who=sv._who(sheet))
        sheet.refresh_from_db()
        assert sheet.proposed_level == "httnv" and sheet.decided_level == "httnv"

    def test_a_viewer_reads_the_sheets_but_may_not_rate(self, org, users, login, rnd):
        sheet = sheet_of(round=rnd, person=org.cell_member)
        client = login(users.viewer)
        assert client.get(_url("sheet", org.cell.pk, sheet.pk)).status_code == 200
        r = client.post(_url("sheet", org.cell.pk, sheet.pk), _self_rating())
        assert r.status_code == 403
        sheet.refresh_from_db()
        assert sheet.step == "waiting"

    def test_a_sheet_is_reached_only_through_the_body_keeping_it(self, org, users, login, rnd):
        sheet = sheet_of(round=rnd, person=org.cell_member)
        client = login(users.officer)
        assert client.get(_url("sheet", org.other_cell.pk, sheet.pk)).status_code == 404
        client = login(users.provincial)
        assert client.get(_url("sheet", org.cell.pk, sheet.pk)).status_code == 404


class TestDeciding:
    def _two_excellent(self, org, rnd):
        """The two company members proposed HTXSNV: 20% of 2 rated HTTNV or better allows
        none."""
        for person in (org.cell_member, org.other_member):
            make_sheet(round=rnd, person=person, level="htxsnv", upto="reviewed")
        return [sheet_of(round=rnd, person=p) for p in (org.cell_member, org.other_member)]

    def test_the_decide_page_shows_each_sheet_with_a_level_chooser_and_the_quota(
        self, org, users, login, rnd
    ):
        a, b = self._two_excellent(org, rnd)
        client = login(users.officer)
        r = client.get(_url("decide", org.brigade.pk, rnd.pk))
        assert r.status_code == 200
        html = _text(r)
        assert f'name="level_{a.pk}"' in html and f'name="level_{b.pk}"' in html
        assert f'hx-get="{_url("decide_quota", org.brigade.pk, rnd.pk)}"' in html
        # The companies' own sheets wait for their self-ratings: nothing to choose yet.
        waiting = sheet_of(round=rnd, body=org.cell)
        assert waiting.step == "waiting" and f'name="level_{waiting.pk}"' not in html
        (row,) = r.context["quotas"]
        assert row.grassroots == org.brigade and row.quota.allowed == 0 and row.quota.over

    def test_the_quota_is_recounted_live_as_levels_change(self, org, users, login, rnd):
        a, b = self._two_excellent(org, rnd)
        client = login(users.officer)
        url = _url("decide_quota", org.brigade.pk, rnd.pk)
        r = client.get(url, {f"level_{a.pk}": "htxsnv", f"level_{b.pk}": "httnv"})
        (row,) = r.context["quotas"]
        assert row.quota.used == 1 and row.quota.over == 1
        assert org.cell_member.full_name in _text(r)
        assert org.other_member.full_name not in _text(r)
        r = client.get(url, {f"level_{a.pk}": "httnv", f"level_{b.pk}": "httnv"})
        (row,) = r.context["quotas"]
        assert row.quota.used == 0 and not row.quota.over
        assert "data-used>0<" in r.content.decode()

    def test_deciding_over_the_quota_is_refused_with_the_rule(self, org, users, login, rnd):
        a, b = self._two_excellent(org, rnd)
        client = login(users.officer)
        r = client.post(
            _url("decide", org.brigade.pk, rnd.pk),
            {f"level_{a.pk}": "htxsnv", f"level_{b.pk}": "httnv"},
        )
        assert r.status_code == 400
        with translation.override("en"):
            start = str(sv.MSG_QUOTA).split("%")[0]
        assert start in _text(r) or r.context["form"].non_field_errors()
        assert not RatingSheet.objects.filter(round=rnd, step="decided").exists()
        # What was chosen is kept, and the quota shown is the one of the choice.
        assert r.context["quotas"][0].quota.used == 1

    def test_deciding_within_the_quota_decides_the_sheets(self, org, users, login, rnd):
        a, b = self._two_excellent(org, rnd)
        client = login(users.officer)
        r = client.post(
            _url("decide", org.brigade.pk, rnd.pk),
            {f"level_{a.pk}": "httnv", f"level_{b.pk}": "httnv", f"note_{a.pk}": "Hạ một bậc"},
        )
        assert r.status_code == 302
        a.refresh_from_db()
        assert a.step == "decided" and a.decided_level == "httnv"
        assert a.decision_note == "Hạ một bậc" and a.decided_by == users.officer

    def test_the_decide_page_and_its_quota_read_a_fixed_number_of_queries(self, org, users, login):
        from ctct.people.tests.factories import make_person

        def measure():
            rnd = make_round(body=org.brigade, year=2025)
            client = login(users.officer)
            counts = []
            for url in (
                _url("decide", org.brigade.pk, rnd.pk),
                _url("decide_quota", org.brigade.pk, rnd.pk),
            ):
                client.get(url)
                with CaptureQueriesContext(connection) as q:
                    assert client.get(url).status_code == 200
                counts.append(len(q))
            rnd.delete()
            return counts

        small = measure()
        for i in range(8):
            make_person(full_name=f"Đảng viên {i}", body=org.cell if i % 2 else org.other_cell)
        assert measure() == small

    def test_a_cell_secretary_may_not_decide_the_brigades_sheets(self, org, users, login, rnd):
        client = login(users.secretary)
        assert client.get(_url("decide", org.brigade.pk, rnd.pk)).status_code == 404
        assert client.get(_url("decide", org.cell.pk, rnd.pk)).status_code == 200
        client = login(users.viewer)
        assert client.get(_url("decide", org.brigade.pk, rnd.pk)).status_code == 403
        assert client.get(_url("decide_quota", org.brigade.pk, rnd.pk)).status_code == 403


class TestDiscipline:
    def test_the_list_is_for_those_who_may_see_discipline(self, org, users, login):
        make_discipline(person=org.cell_member, reason="Vi phạm chế độ sinh hoạt")
        make_discipline(person=org.civilian, decided_by=org.province)
        client = login(users.secretary)
        html = _text(client.get(_url("discipline")))
        assert org.cell_member.full_name in html and org.civilian.full_name not in html
        assert _url("discipline_record") not in html
        client = login(users.viewer)
        assert client.get(_url("discipline")).status_code == 403

    def test_an_officer_records_a_discipline_through_the_pickers(self, org, users, login):
        client = login(users.officer)
        page = _text(client.get(_url("discipline_record")))
        for f in rating_rules.current().discipline_forms:
            assert f'value="{f.code}"' in page
        r = client.post(
            _url("discipline_record"),
            {
                "person": org.cell_member.pk,
                "form": "khien_trach",
                "decided_on": "2025-05-01",
                "decided_by": org.brigade.pk,
                "reason": "Vi phạm",
            },
        )
        assert r.status_code == 302
        d = Discipline.objects.get()
        assert d.person == org.cell_member and d.form == "khien_trach"

    def test_a_secretary_may_not_record_and_an_outside_person_is_refused(self, org, users, login):
        client = login(users.secretary)
        assert client.get(_url("discipline_record")).status_code == 403
        client = login(users.officer)
        r = client.post(
            _url("discipline_record"),
            {
                "person": org.civilian.pk,
                "form": "khien_trach",
                "decided_on": "2025-05-01",
                "decided_by": org.brigade.pk,
            },
        )
        assert r.status_code == 200 and not Discipline.objects.exists()

    def test_one_of_member_or_organization(self, org, users, login):
        from ctct.ratings.round_forms import MSG_PERSON_OR_BODY

        client = login(users.officer)
        r = client.post(
            _url("discipline_record"),
            {"form": "khien_trach", "decided_on": "2025-05-01", "decided_by": org.brigade.pk},
        )
        assert _said(r, MSG_PERSON_OR_BODY) and not Discipline.objects.exists()


class TestPanels:
    def test_the_person_page_shows_the_ratings_by_year_and_the_run(self, org, users, login):
        rate_years(person=org.cell_member, levels={2023: "htnv", 2024: "httnv", 2025: "httnv"})
        client = login(users.secretary)
        r = client.get(org.cell_member.get_absolute_url())
        html = _text(r)
        assert 'id="ratings"' in html and "2023" in html and "HTTNV" in html
        run = next(ctx for p, ctx in _panels(r, "person") if p.name == "ratings")["run"]
        assert (run.level, run.years, run.last_year) == ("httnv", 2, 2025)

    def test_discipline_is_never_shown_without_see_discipline(self, org, users, login):
        make_discipline(person=org.cell_member, reason="Vi phạm chế độ sinh hoạt")
        client = login(users.secretary)
        html = _text(client.get(org.cell_member.get_absolute_url()))
        assert "Vi phạm" not in html  # the reason is never shown on the panel
        assert "disciplines" in html
        client = login(users.viewer)
        r = client.get(org.cell_member.get_absolute_url())
        assert 'class="disciplines"' not in _text(r)
        for _panel, ctx in _panels(r, "person"):
            assert not ctx.get("disciplines")

    def test_the_body_page_shows_its_ratings_and_the_open_round(self, org, users, login, rnd):
        make_sheet(round=rnd, body=org.cell, level="httnv", upto="decided", user=users.officer)
        client = login(users.secretary)
        html = _text(client.get(org.cell.get_absolute_url()))
        assert 'id="ratings"' in html and _url("round", org.cell.pk, rnd.pk) in html
        assert "HTTNV" in html


def _panels(response, page: str):
    from ctct.core import panels

    request = response.wsgi_request
    obj = response.context["person"] if page == "person" else response.context["body"]
    return panels.shown(page, request, obj)
