"""The review report pages as each role: the officer starts a review and saves versions, a
viewer (the brigade's commander) reads without writing, a cell's secretary sees only its own
body's, an outsider gets 404; stale and double posts, tampered and huge input never fail."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from ctct.conferences.tests.factories import make_conference
from ctct.documents.tests.factories import make_document
from ctct.resolutions.models import Review, ReviewVersion
from ctct.resolutions.review_services import (
    MSG_REVIEW_DOCUMENT,
    MSG_REVIEW_NO_DATA,
    MSG_REVIEW_STALE,
)
from ctct.resolutions.tests.factories import make_review, make_review_version

pytestmark = pytest.mark.django_db


def _said(response, message, **params) -> bool:
    """The message is on the page, in English or Vietnamese (the test runs in either)."""
    page = unescape(response.content.decode())
    for lang in ("en", "vi"):
        with translation.override(lang):
            text = str(message) % params if params else str(message)
        if text in page:
            return True
    return False


@pytest.fixture
def review(org):
    return make_review(body=org.brigade)


def _staff(based_on=0, **fields):
    data = {
        "based_on": based_on,
        "strengths": "",
        "limitations": "",
        "causes": "",
        "lessons": "",
        "direction": "",
    }
    data.update(fields)
    return data


class TestReading:
    def test_the_home_page_lists_the_review_reports_of_the_users_own_bodies(
        self, org, users, login
    ):
        own = make_review(body=org.region)
        html = login(users.officer).get(reverse("home")).content.decode()
        assert 'id="home-reviews"' in html
        assert reverse("resolutions:review", args=[own.pk]) in html
        html = login(users.secretary).get(reverse("home")).content.decode()
        assert reverse("resolutions:review", args=[own.pk]) not in html

    def test_the_review_page_shows_the_assembled_facts_and_the_gaps(
        self, org, users, login, review
    ):
        r = login(users.officer).get(reverse("resolutions:review", args=[review.pk]))
        html = unescape(r.content.decode())
        assert r.status_code == 200
        assert review.title in html and 'id="gaps"' in html
        assert "Chưa viết phần “Ưu điểm”." in html
        assert reverse("resolutions:review_save", args=[review.pk]) in html

    def test_the_bodys_reviews_are_listed_and_linked_from_its_resolutions_page(
        self, org, users, login, review
    ):
        client = login(users.officer)
        listed = client.get(reverse("resolutions:review_list", args=[org.brigade.pk]))
        assert listed.status_code == 200 and review.title in listed.content.decode()
        page = client.get(reverse("resolutions:body", args=[org.brigade.pk])).content.decode()
        assert reverse("resolutions:review_list", args=[org.brigade.pk]) in page

    def test_the_body_page_lists_its_reviews_to_a_viewer(self, org, users, login, review):
        html = login(users.viewer).get(org.brigade.get_absolute_url()).content.decode()
        assert reverse("resolutions:review", args=[review.pk]) in html

    def test_a_viewer_reads_but_has_no_editor_and_cannot_save(self, org, users, login, review):
        client = login(users.viewer)
        r = client.get(reverse("resolutions:review", args=[review.pk]))
        assert r.status_code == 200
        assert reverse("resolutions:review_save", args=[review.pk]) not in r.content.decode()
        r = client.post(reverse("resolutions:review_save", args=[review.pk]), _staff(strengths="x"))
        assert r.status_code == 403
        assert not ReviewVersion.objects.exists()
        assert client.get(reverse("resolutions:review_create")).status_code == 404

    def test_a_cell_secretary_sees_only_the_cells_own_review(self, org, users, login, review):
        own = make_review(body=org.cell)
        client = login(users.secretary)
        assert client.get(reverse("resolutions:review", args=[own.pk])).status_code == 200
        assert client.get(reverse("resolutions:review", args=[review.pk])).status_code == 404
        r = client.get(reverse("resolutions:review_list", args=[org.brigade.pk]))
        assert r.status_code == 404

    @pytest.mark.parametrize("who", ["nobody", "provincial"])
    def test_an_outsider_gets_404(self, org, users, login, review, who):
        client = login(getattr(users, who))
        for url in (
            reverse("resolutions:review", args=[review.pk]),
            reverse("resolutions:review_list", args=[org.brigade.pk]),
        ):
            assert client.get(url).status_code == 404, url
        r = client.post(reverse("resolutions:review_save", args=[review.pk]), _staff())
        assert r.status_code == 404

    def test_an_old_version_is_shown_as_saved(self, org, users, login, review):
        make_review_version(review=review, strengths="Bản đầu")
        make_review_version(review=review, strengths="Bản sau")
        client = login(users.officer)
        old = client.get(reverse("resolutions:review", args=[review.pk]) + "?version=1")
        assert old.status_code == 200 and "Bản đầu" in old.content.decode()
        assert (
            "Bản sau"
            in client.get(reverse("resolutions:review", args=[review.pk])).content.decode()
        )

    @pytest.mark.parametrize("version", ["9", "0", "abc", "9" * 40, "-1", "１"])
    def test_a_bad_or_missing_version_is_404_not_500(self, users, login, review, version):
        url = reverse("resolutions:review", args=[review.pk]) + f"?version={version}"
        assert login(users.officer).get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/resolutions/reviews/99999999999999999999999/",
        "/resolutions/reviews/99999999999999999999999/?version=1",
        "/resolutions/bodies/99999999999999999999999/reviews/",
        "/resolutions/reviews/new/?body=99999999999999999999999",
        "/resolutions/reviews/new/?body=abc",
    ],
)
def test_huge_or_bad_ids_in_the_address_are_404_not_500(users, login, path):
    r = login(users.officer).get(path)
    assert r.status_code in (200, 404)


class TestCreating:
    url = staticmethod(lambda: reverse("resolutions:review_create"))

    def test_the_officer_starts_a_review_once(self, org, users, login):
        make_conference(body=org.brigade, held_on=dt.date(2025, 6, 20))
        client = login(users.officer)
        data = {
            "body": org.brigade.pk,
            "period": "năm 2025",
            "kind": "tong_ket",
            "place": "Cần Thơ",
            "form_token": "tok-review",
        }
        r = client.post(self.url(), data)
        review = Review.objects.get()
        assert r.status_code == 302 and r.url == reverse("resolutions:review", args=[review.pk])
        assert (review.period, review.place) == ("2025", "Cần Thơ")
        client.post(self.url(), data)
        assert Review.objects.count() == 1

    def test_a_period_with_no_data_is_refused_with_what_was_typed_kept(self, org, users, login):
        r = login(users.officer).post(
            self.url(),
            {"body": org.cell.pk, "period": "2024", "kind": "tong_ket", "title": "Giữ lại"},
        )
        assert r.status_code == 200
        assert _said(r, MSG_REVIEW_NO_DATA, body=org.cell.name, period="năm 2024")
        assert "Giữ lại" in r.content.decode()
        assert not Review.objects.exists()

    @pytest.mark.parametrize(
        "data",
        [
            {"body": "999999999999999999999", "period": "2025", "kind": "tong_ket"},
            {"body": "abc", "period": "2025", "kind": "tong_ket"},
            {"body": "BODY", "period": "x" * 5000, "kind": "tong_ket"},
            {"body": "BODY", "period": "2025", "kind": "dai_hoi"},
            {"body": "BODY", "period": "2025", "kind": "tong_ket", "dated": "2025-02-31"},
            {"body": "BODY", "period": "2025", "kind": "tong_ket", "document": "-5"},
            {"body": "BODY", "period": "2025", "kind": "tong_ket", "dated": "0001-01-01"},
            {"body": "BODY", "period": "2025", "kind": "tong_ket", "dated": "9999-12-31"},
        ],
    )
    def test_tampered_input_is_a_message_not_a_500(self, org, users, login, data):
        make_conference(body=org.brigade, held_on=dt.date(2025, 6, 20))
        data = {k: str(org.brigade.pk) if v == "BODY" else v for k, v in data.items()}
        r = login(users.officer).post(self.url(), data)
        assert r.status_code == 200
        assert not Review.objects.exists()

    def test_the_form_starts_from_a_body_outside_the_scope_as_404(self, org, users, login):
        r = login(users.officer).get(self.url() + f"?body={org.province.pk}")
        assert r.status_code == 404


class TestSaving:
    def save_url(self, review):
        return reverse("resolutions:review_save", args=[review.pk])

    def test_a_save_makes_a_version_and_a_second_post_of_the_form_makes_none(
        self, users, login, review
    ):
        client = login(users.officer)
        data = _staff(strengths="Đoàn kết", form_token="tok-v1")
        r = client.post(self.save_url(review), data)
        assert r.status_code == 302
        client.post(self.save_url(review), data)
        (version,) = ReviewVersion.objects.all()
        assert (version.number, version.strengths, version.saved_by) == (
            1,
            "Đoàn kết",
            users.officer,
        )

    def test_a_stale_save_is_refused_and_what_was_typed_is_kept(self, users, login, review):
        make_review_version(review=review, strengths="Người khác đã lưu")
        r = login(users.officer).post(
            self.save_url(review), _staff(based_on=0, strengths="Tôi vừa viết")
        )
        assert r.status_code == 400
        assert _said(r, MSG_REVIEW_STALE, number=1)
        html = unescape(r.content.decode())
        assert "Tôi vừa viết" in html and 'name="based_on" value="1"' in html
        assert ReviewVersion.objects.count() == 1

    def test_outcomes_of_the_previous_limitations_are_saved(self, org, users, login, review):
        earlier = make_review(body=org.brigade, period="2024", dated=dt.date(2024, 12, 20))
        make_review_version(review=earlier, limitations="Sinh hoạt chưa đều")
        client = login(users.officer)
        page = unescape(
            client.get(reverse("resolutions:review", args=[review.pk])).content.decode()
        )
        assert 'value="Sinh hoạt chưa đều"' in page
        data = _staff(carried_text=["Sinh hoạt chưa đều"], carried_outcome=["Đã khắc phục"])
        client.post(self.save_url(review), data)
        assert review.versions.get().carried == [
            {"text": "Sinh hoạt chưa đều", "outcome": "Đã khắc phục"}
        ]
        page = unescape(
            client.get(reverse("resolutions:review", args=[review.pk])).content.decode()
        )
        assert ">Đã khắc phục</textarea>" in page

    @pytest.mark.parametrize(
        "data",
        [
            _staff(based_on="abc"),
            _staff(based_on="9" * 40),
            _staff(based_on="-1"),
            _staff(strengths="x" * 60_000),
            {"strengths": "thiếu based_on"},
        ],
    )
    def test_tampered_or_huge_input_is_a_message_not_a_500(self, users, login, review, data):
        r = login(users.officer).post(self.save_url(review), data)
        assert r.status_code == 400
        assert not ReviewVersion.objects.exists()

    def test_a_get_of_the_save_url_is_not_allowed(self, users, login, review):
        assert login(users.officer).get(self.save_url(review)).status_code == 405


class TestNumberedReport:
    def url(self, review):
        return reverse("resolutions:review_document", args=[review.pk])

    def test_the_officer_links_the_report_the_body_issued_and_its_number_shows(
        self, org, users, login, review
    ):
        report = make_document(issuer=org.brigade, type_code="BC", title="Báo cáo tổng kết")
        client = login(users.officer)
        r = client.post(self.url(review), {"document": report.pk})
        assert r.status_code == 302
        review.refresh_from_db()
        assert review.document == report
        page = client.get(reverse("resolutions:review", args=[review.pk])).content.decode()
        assert report.number_display in unescape(page)

    def test_a_report_of_another_body_is_refused_and_nothing_changes(
        self, org, users, login, review
    ):
        other = make_document(issuer=org.region, type_code="BC")
        r = login(users.officer).post(self.url(review), {"document": other.pk})
        assert r.status_code == 400
        assert _said(r, MSG_REVIEW_DOCUMENT, body=org.brigade.name)
        review.refresh_from_db()
        assert review.document is None

    def test_a_viewer_cannot_link_and_a_tampered_id_is_no_500(self, org, users, login, review):
        report = make_document(issuer=org.brigade, type_code="BC")
        assert (
            login(users.viewer).post(self.url(review), {"document": report.pk}).status_code == 403
        )
        r = login(users.officer).post(self.url(review), {"document": "9" * 30})
        assert r.status_code == 400
        review.refresh_from_db()
        assert review.document is None
