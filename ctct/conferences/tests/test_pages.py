"""The conference pages: forms that keep what was typed, roles, photos, news and export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctct.conferences.models import Article, Conference, Photo
from ctct.conferences.services import MSG_NOT_IMAGE
from ctct.conferences.tests.images import png_bytes


def _new(body):
    return reverse("conferences:create", args=[body.pk])


class TestCreatePage:
    def test_an_editor_records_a_conference_once_even_if_the_form_is_posted_twice(
        self, org, users, login
    ):
        client = login(users.officer)
        data = {
            "kind": "so_ket",
            "held_on": "2025-06-20",
            "part_of_day": "sang",
            "period": "2025-H1",
            "place": "Hội trường",
            "form_token": "tok-1",
        }
        r = client.post(_new(org.brigade), data)
        conf = Conference.objects.get()
        assert r.status_code == 302 and r["Location"] == conf.get_absolute_url()
        r = client.post(_new(org.brigade), data)
        assert r.status_code == 302 and Conference.objects.count() == 1

    def test_an_impossible_date_is_refused_and_everything_typed_is_kept(self, org, users, login):
        client = login(users.officer)
        r = client.post(
            _new(org.brigade),
            {
                "kind": "so_ket",
                "held_on": "2025-02-30",
                "period": "2025-H1",
                "place": "Hội trường Quyết Thắng",
                "minutes": "Biên bản dài",
            },
        )
        html = r.content.decode()
        assert r.status_code == 200 and not Conference.objects.exists()
        assert "Enter a real date" in html or "Nhập một ngày" in html
        assert "Hội trường Quyết Thắng" in html and "Biên bản dài" in html

    def test_a_review_dated_before_its_period_is_explained_on_the_form(self, org, users, login):
        r = login(users.officer).post(
            _new(org.brigade), {"kind": "so_ket", "held_on": "2024-06-20", "period": "2025-H1"}
        )
        assert r.status_code == 200 and not Conference.objects.exists()
        assert "6 tháng đầu năm 2025" in r.content.decode()

    def test_a_viewer_cannot_record_a_conference(self, org, users, login):
        assert login(users.viewer).get(_new(org.brigade)).status_code == 404

    def test_a_secretary_records_the_cells_conference(self, org, users, login):
        assert login(users.secretary).get(_new(org.cell)).status_code == 200


class TestRecordPage:
    def test_a_second_chair_is_refused_on_the_page_with_the_form_kept(
        self, conference, users, login, org
    ):
        r = login(users.officer).post(
            reverse("conferences:participant_add", args=[conference.pk]),
            {"person": org.other_member.pk, "role": "chair", "titles": "Chính trị viên"},
        )
        html = r.content.decode()
        assert r.status_code == 400
        assert "one chair" in html or "một người chủ trì" in html
        assert 'value="Chính trị viên"' in html
        assert conference.participants.filter(role="chair").count() == 1

    def test_an_outsider_without_the_guest_mark_is_refused_and_then_added_as_guest(
        self, conference, users, login, org
    ):
        client = login(users.superuser)
        url = reverse("conferences:participant_add", args=[conference.pk])
        r = client.post(url, {"person": org.civilian.pk, "role": "attended"})
        assert r.status_code == 400 and "Phan Văn Bình" in r.content.decode()
        r = client.post(url, {"person": org.civilian.pk, "role": "attended", "is_guest": "on"})
        assert r.status_code == 302
        assert conference.participants.get(person=org.civilian).is_guest

    def test_a_person_is_found_by_name(self, conference, users, login, org):
        r = login(users.officer).post(
            reverse("conferences:participant_add", args=[conference.pk]),
            {"person__q": "le thi hoa", "role": "spoke"},
        )
        assert r.status_code == 302
        assert conference.participants.filter(person=org.other_member, role="spoke").exists()

    def test_the_record_page_shows_participants_with_their_titles(self, conference, users, login):
        html = login(users.viewer).get(conference.get_absolute_url()).content.decode()
        assert "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657" in html
        assert reverse("conferences:participant_add", args=[conference.pk]) not in html

    def test_a_requirement_is_assigned_and_marked_done(self, conference, users, login, org):
        client = login(users.officer)
        client.post(
            reverse("conferences:conclusion_add", args=[conference.pk]),
            {"text": "Rà soát chỉ tiêu", "assignee": org.cell.pk, "due_on": "2025-09-30"},
        )
        c = conference.conclusions.get()
        assert c.assignee == org.cell
        client.post(
            reverse("conferences:conclusion_done", args=[conference.pk]), {"conclusion": c.pk}
        )
        c.refresh_from_db()
        assert c.done_on is not None


class TestPhotos:
    def _post(self, client, conference, upload):
        return client.post(
            reverse("conferences:photo_add", args=[conference.pk]),
            {"image": upload, "caption": "Quang cảnh hội nghị"},
        )

    def test_an_image_is_kept_with_its_caption_and_served_to_those_in_reach(
        self, conference, users, login
    ):
        client = login(users.officer)
        r = self._post(client, conference, SimpleUploadedFile("a.png", png_bytes()))
        assert r.status_code == 302
        photo = Photo.objects.get()
        assert photo.content_type == "image/png" and photo.caption == "Quang cảnh hội nghị"
        r = client.get(reverse("conferences:photo", args=[photo.pk]))
        assert r.status_code == 200 and r["Content-Type"] == "image/png"
        client.force_login(users.provincial)
        assert client.get(reverse("conferences:photo", args=[photo.pk])).status_code == 404

    def test_a_photo_is_shown_inline_with_its_exact_bytes_and_never_sniffed(
        self, conference, users, login
    ):
        client = login(users.officer)
        content = png_bytes()
        self._post(client, conference, SimpleUploadedFile("Quang cảnh.png", content))
        r = client.get(reverse("conferences:photo", args=[Photo.objects.get().pk]))
        assert b"".join(r.streaming_content) == content
        assert r["Content-Disposition"].startswith("inline;")
        assert r["X-Content-Type-Options"] == "nosniff"

    def test_a_script_bearing_svg_is_not_a_photo(self, conference, users, login):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        r = self._post(login(users.officer), conference, SimpleUploadedFile("anh.svg", svg))
        assert r.status_code == 400 and not Photo.objects.exists()
        assert str(MSG_NOT_IMAGE % {"name": "anh.svg"}) in r.content.decode()

    def test_a_file_that_is_not_an_image_is_refused_with_the_caption_kept(
        self, conference, users, login
    ):
        r = self._post(
            login(users.officer),
            conference,
            SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"),
        )
        html = r.content.decode()
        assert r.status_code == 400 and not Photo.objects.exists()
        assert "anh.jpg" in html and "Quang cảnh hội nghị" in html

    def test_a_50_mb_photo_is_refused_naming_the_limit(self, conference, users, login, settings):
        big = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (50 * 1024 * 1024))
        r = self._post(login(users.officer), conference, big)
        html = r.content.decode()
        assert r.status_code == 400 and not Photo.objects.exists()
        assert f"{settings.CTCT_MAX_UPLOAD_MB} MB" in html


class TestNewsPage:
    def test_an_editor_drafts_edits_and_publishes(self, conference, users, login):
        client = login(users.officer)
        url = reverse("conferences:news", args=[conference.pk])
        client.post(url, {"action": "draft", "byline": "Kim Anh"})
        article = Article.objects.get()
        assert "Sáng 20/6/2025" in client.get(url).content.decode()
        client.post(url, {"action": "save", "text": article.text + "\nSửa.", "byline": "Kim Anh"})
        client.post(url, {"action": "publish"})
        article.refresh_from_db()
        assert article.status == "published" and article.text.endswith("Sửa.")
        assert article.history.count() == 3

    def test_a_secretary_drafts_but_cannot_publish(self, org, users, login):
        from ctct.conferences import services

        conf = services.conference_create(
            body=org.cell, kind="thuong_ky", held_on=dt.date(2025, 5, 5)
        )
        client = login(users.secretary)
        url = reverse("conferences:news", args=[conf.pk])
        client.post(url, {"action": "draft"})
        assert client.post(url, {"action": "publish"}).status_code == 404
        assert Article.objects.get().status == "draft"

    def test_a_viewer_reads_but_cannot_draft(self, conference, users, login):
        client = login(users.viewer)
        url = reverse("conferences:news", args=[conference.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"action": "draft"}).status_code == 404


def test_the_body_page_shows_its_conferences_and_what_it_owes(conference, users, login, org):
    html = login(users.viewer).get(org.brigade.get_absolute_url()).content.decode()
    assert conference.get_absolute_url() in html
    assert reverse("conferences:create", args=[org.brigade.pk]) not in html


@pytest.mark.parametrize(
    "month", ["2025-06", "bad", "", "0001-01", "9999-12", "1930-01", "2025-13", "١٩٩٠-٠١"]
)
def test_the_calendar_page_answers_for_any_month(conference, users, login, month):
    r = login(users.officer).get(reverse("conferences:calendar"), {"month": month})
    assert r.status_code == 200
    if month == "2025-06":
        assert conference.get_absolute_url() in r.content.decode()


class TestCalendarPage:
    def _get(self, client, **params):
        r = client.get(reverse("conferences:calendar"), params)
        assert r.status_code == 200
        return r.content.decode()

    def test_a_month_before_the_party_shows_the_first_month_and_says_why(self, users, login):
        from ctct.conferences.views import MSG_MONTH_TOO_EARLY

        html = self._get(login(users.officer), month="0001-01")
        assert str(MSG_MONTH_TOO_EARLY % {"month": "02/1930"}) in html
        assert 'rel="prev"' not in html and "?month=1930-03" in html

    def test_a_month_far_ahead_shows_the_last_month_and_says_why(self, users, login):
        from ctct.conferences.views import MSG_MONTH_TOO_LATE

        last = dt.date.today().year + 2
        html = self._get(login(users.officer), month="9999-12")
        assert str(MSG_MONTH_TOO_LATE % {"month": f"12/{last}", "years": 2}) in html
        assert 'rel="next"' not in html and f"?month={last}-11" in html

    def test_an_empty_month_links_to_the_months_of_the_nearest_conferences(
        self, conference, users, login
    ):
        html = self._get(login(users.officer), month="2025-01")
        assert 'id="nearest-after"' in html and 'id="nearest-before"' not in html
        assert conference.get_absolute_url() in html and "?month=2025-06" in html

    def test_a_cell_shows_a_readable_name_with_the_full_name_in_its_title(self, org, users, login):
        from ctct.bodies.tests.factories import make_body
        from ctct.conferences.tests.factories import make_conference

        cct = make_body(
            parent=org.region,
            name="Đảng ủy Cục Chính trị Quân khu 8",
            unit_name="Cục Chính trị Quân khu 8",
            short_name="ĐU CCT QK8",
        )
        make_conference(body=cct, kind="quan_triet", held_on=dt.date(2025, 6, 3))
        html = self._get(login(users.officer), month="2025-06")
        assert 'title="Đảng ủy Cục Chính trị Quân khu 8">' in html
        assert "— Đảng ủy Cục Chính trị</a>" in html
        assert "ĐU CCT QK8" not in html

    def test_a_body_number_out_of_range_is_not_found(self, users, login):
        r = login(users.officer).get(reverse("conferences:calendar"), {"body": "9" * 30})
        assert r.status_code == 404


class TestDocumentsOnThePage:
    @pytest.fixture
    def directive(self, org):
        from ctct.documents import services as doc_services

        doc = doc_services.document_issue(
            issuer=org.region, type_code="CT", issued_on=dt.date(2025, 3, 10), title="Đại hội"
        )
        doc_services.distribution_create(document=doc, subtree_of=org.region)
        return doc

    def test_a_directive_typed_by_its_number_is_disseminated(
        self, conference, directive, users, login, org
    ):
        from ctct.documents.models import Recipient, Step

        r = login(users.officer).post(
            reverse("conferences:document_add", args=[conference.pk]),
            {"citation": directive.number_display},
        )
        assert r.status_code == 302
        assert Recipient.objects.get(document=directive, body=org.brigade).step == Step.DISSEMINATED

    def test_an_unknown_number_is_refused_with_what_was_typed_kept(self, conference, users, login):
        r = login(users.officer).post(
            reverse("conferences:document_add", args=[conference.pk]), {"citation": "999-CT/ĐU"}
        )
        assert r.status_code == 400 and 'value="999-CT/ĐU"' in r.content.decode()
        assert not conference.documents.exists()

    def test_the_report_presented_is_linked_by_its_number(self, org, users, login, directive):
        r = login(users.officer).post(
            _new(org.brigade),
            {
                "kind": "quan_triet",
                "held_on": "2025-06-20",
                "report_citation": directive.number_display,
            },
        )
        assert r.status_code == 302
        assert Conference.objects.get().report == directive


class TestEditing:
    def test_an_editor_changes_the_place_and_a_bad_period_keeps_what_was_typed(
        self, conference, users, login
    ):
        client = login(users.officer)
        url = reverse("conferences:edit", args=[conference.pk])
        assert client.get(url).status_code == 200
        data = {
            "kind": "so_ket",
            "held_on": "2025-06-20",
            "period": "6/2025",
            "place": "Hội trường C",
        }
        r = client.post(url, data)
        assert r.status_code == 200 and 'value="Hội trường C"' in r.content.decode()
        conference.refresh_from_db()
        assert conference.place == "Hội trường Lữ đoàn"
        r = client.post(url, {**data, "period": "2025-H1"})
        assert r.status_code == 302
        conference.refresh_from_db()
        assert conference.place == "Hội trường C"

    def test_titles_are_corrected_and_a_participant_removed_on_the_page(
        self, conference, users, login
    ):
        client = login(users.officer)
        chair = conference.participants.get(role="chair")
        client.post(
            reverse("conferences:participant_titles", args=[conference.pk]),
            {"participant": chair.pk, "titles": "Chính ủy Lữ đoàn 657"},
        )
        chair.refresh_from_db()
        assert chair.titles == "Chính ủy Lữ đoàn 657"
        client.post(
            reverse("conferences:participant_remove", args=[conference.pk]),
            {"participant": chair.pk},
        )
        assert not conference.participants.filter(role="chair").exists()

    def test_a_secretary_of_another_branch_cannot_edit(self, conference, users, login):
        client = login(users.secretary)
        assert client.get(reverse("conferences:edit", args=[conference.pk])).status_code == 404
        r = client.post(
            reverse("conferences:participant_remove", args=[conference.pk]),
            {"participant": conference.participants.first().pk},
        )
        assert r.status_code == 404 and conference.participants.count() == 3


def test_the_assigned_cell_marks_a_requirement_done_from_its_own_page(
    conference, users, login, org
):
    from ctct.conferences import services

    c = services.conclusion_add(conference=conference, text="Rà soát", assignee=org.cell)
    client = login(users.secretary)
    html = client.get(org.cell.get_absolute_url()).content.decode()
    assert "Rà soát" in html and conference.get_absolute_url() not in html
    r = client.post(reverse("conferences:task_done", args=[org.cell.pk]), {"conclusion": c.pk})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.done_on is not None


def test_a_body_cannot_mark_done_what_was_assigned_to_another(conference, users, login, org):
    from ctct.conferences import services

    c = services.conclusion_add(conference=conference, text="Rà soát", assignee=org.other_cell)
    r = login(users.secretary).post(
        reverse("conferences:task_done", args=[org.cell.pk]), {"conclusion": c.pk}
    )
    assert r.status_code == 404
    c.refresh_from_db()
    assert c.done_on is None
