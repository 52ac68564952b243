"""A conference and the resolution it adopted: the link service and its refusals, the link and
start pages (404 outside the scope, 403 for a role that may not edit resolutions), and the
conference page's panel (the forms when none is linked, the period's resolutions on a review)."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ctct.conferences.tests.factories import make_conference
from ctct.resolutions.models import Resolution
from ctct.resolutions.selectors import resolutions_reviewed
from ctct.resolutions.services import (
    MSG_LINK_ALREADY,
    MSG_LINK_KIND,
    MSG_LINK_OTHER_BODY,
    MSG_LINK_TAKEN,
    progress_enter,
    resolution_create,
    resolution_link_conference,
    target_add,
)

pytestmark = pytest.mark.django_db


def _said(html: str, message, **params) -> bool:
    page = unescape(html)
    for lang in ("en", "vi"):
        with translation.override(lang):
            text = str(message) % params if params else str(message)
        if text in page:
            return True
    return False


def _code(error: ValidationError) -> str:
    return next(e.code for es in error.error_dict.values() for e in es)


@pytest.fixture
def adopting(org):
    """The brigade's resolution conference for the year 2026, nothing linked yet."""
    return make_conference(
        body=org.brigade,
        kind="ra_nghi_quyet",
        held_on=dt.date(2025, 12, 19),
        period="2026",
        title="Hội nghị ra nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2026",
    )


@pytest.fixture
def brigade_2026(org):
    return resolution_create(
        body=org.brigade, period="2026", title="Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2026"
    )


class TestLinkService:
    def test_a_resolution_conference_is_linked_to_its_bodys_resolution(
        self, adopting, brigade_2026, users
    ):
        resolution_link_conference(resolution=brigade_2026, conference=adopting, user=users.officer)
        brigade_2026.refresh_from_db()
        assert brigade_2026.adopted_at == adopting
        assert brigade_2026.history.latest().history_user == users.officer

    def test_a_congress_adopts_a_resolution_too(self, org, brigade_2026):
        congress = make_conference(body=org.brigade, kind="dai_hoi", held_on=dt.date(2025, 5, 1))
        resolution_link_conference(resolution=brigade_2026, conference=congress)
        assert Resolution.objects.get(pk=brigade_2026.pk).adopted_at == congress

    def test_a_resolution_of_another_body_is_refused_and_nothing_changes(self, org, adopting):
        other = resolution_create(body=org.region, period="2026", title="NQ Quân khu 2026")
        with pytest.raises(ValidationError) as e:
            resolution_link_conference(resolution=other, conference=adopting)
        assert e.value.error_dict["resolution"][0].message == MSG_LINK_OTHER_BODY
        assert _code(e.value) == "other_body"
        assert Resolution.objects.get(pk=other.pk).adopted_at is None

    def test_a_review_conference_adopts_nothing(self, org, brigade_2026):
        review = make_conference(body=org.brigade, kind="so_ket", period="2025-H1")
        with pytest.raises(ValidationError) as e:
            resolution_link_conference(resolution=brigade_2026, conference=review)
        assert e.value.error_dict["conference"][0].message == MSG_LINK_KIND
        assert Resolution.objects.get(pk=brigade_2026.pk).adopted_at is None

    def test_a_resolution_already_linked_is_refused(self, org, adopting, brigade_2026):
        first = make_conference(
            body=org.brigade, kind="ra_nghi_quyet", held_on=dt.date(2025, 12, 1)
        )
        resolution_link_conference(resolution=brigade_2026, conference=first)
        with pytest.raises(ValidationError) as e:
            resolution_link_conference(resolution=brigade_2026, conference=adopting)
        assert e.value.error_dict["resolution"][0].message == MSG_LINK_ALREADY
        assert Resolution.objects.get(pk=brigade_2026.pk).adopted_at == first

    def test_a_conference_already_linked_to_another_resolution_is_refused(
        self, org, adopting, brigade_2026
    ):
        other = resolution_create(body=org.brigade, period="2026", title="Một nghị quyết khác")
        resolution_link_conference(resolution=other, conference=adopting)
        with pytest.raises(ValidationError) as e:
            resolution_link_conference(resolution=brigade_2026, conference=adopting)
        assert e.value.error_dict["conference"][0].message == MSG_LINK_TAKEN
        assert Resolution.objects.get(pk=brigade_2026.pk).adopted_at is None


class TestLinkPages:
    def test_the_officer_links_the_resolution_chosen_with_the_picker(
        self, users, login, adopting, brigade_2026
    ):
        url = reverse("resolutions:link_conference", args=[adopting.pk])
        r = login(users.officer).post(
            url, {"resolution__q": "nhiệm vụ năm 2026", "form_token": "tok-link"}
        )
        assert r.status_code == 302 and r["Location"].startswith(adopting.get_absolute_url())
        assert Resolution.objects.get(pk=brigade_2026.pk).adopted_at == adopting

    def test_a_refusal_is_shown_on_the_form_with_the_choice_kept(
        self, org, users, login, brigade_2026
    ):
        review = make_conference(body=org.brigade, kind="tong_ket", period="2025")
        url = reverse("resolutions:link_conference", args=[review.pk])
        r = login(users.officer).post(url, {"resolution": brigade_2026.pk})
        html = r.content.decode()
        assert r.status_code == 200 and _said(html, MSG_LINK_KIND, kind=review.get_kind_display())
        assert brigade_2026.title in html
        assert Resolution.objects.get(pk=brigade_2026.pk).adopted_at is None

    def test_a_resolution_of_another_branch_is_not_offered(self, org, users, login, adopting):
        other = resolution_create(body=org.pol, period="2026", title="NQ Cục Chính trị 2026")
        url = reverse("resolutions:link_conference", args=[adopting.pk])
        r = login(users.officer).post(url, {"resolution": other.pk})
        assert r.status_code == 200 and Resolution.objects.get(pk=other.pk).adopted_at is None

    def test_the_start_form_is_filled_in_from_the_conference(self, org, users, login, adopting):
        client = login(users.officer)
        url = reverse("resolutions:start_from_conference", args=[adopting.pk])
        html = unescape(client.get(url).content.decode())
        assert adopting.title in html and org.brigade.name in html and "2026" in html
        r = client.post(
            url,
            {
                "body": org.brigade.pk,
                "period": "2026",
                "title": adopting.title,
                "adopted_at": adopting.pk,
                "form_token": "tok-start",
            },
        )
        res = Resolution.objects.get()
        assert r.status_code == 302 and res.adopted_at == adopting and res.period == "2026"

    def test_a_viewer_of_the_body_is_refused_with_403(self, users, login, adopting):
        client = login(users.viewer)
        for name in ("link_conference", "start_from_conference"):
            assert client.get(reverse(f"resolutions:{name}", args=[adopting.pk])).status_code == 403

    @pytest.mark.parametrize("who", ["nobody", "provincial", "secretary"])
    def test_a_conference_outside_the_scope_is_not_found(self, users, login, adopting, who):
        client = login(getattr(users, who))
        for name in ("link_conference", "start_from_conference"):
            assert client.get(reverse(f"resolutions:{name}", args=[adopting.pk])).status_code == 404

    def test_a_bad_conference_number_is_not_found(self, users, login):
        client = login(users.officer)
        for pk in (987654321, 10**20):
            for name in ("link_conference", "start_from_conference"):
                url = reverse(f"resolutions:{name}", args=[pk])
                assert client.get(url).status_code == 404
                assert client.post(url, {"resolution": "1"}).status_code == 404


class TestConferencePanel:
    def test_a_resolution_conference_without_one_offers_to_link_or_start_it(
        self, users, login, adopting
    ):
        html = login(users.officer).get(adopting.get_absolute_url()).content.decode()
        assert reverse("resolutions:link_conference", args=[adopting.pk]) in html
        assert reverse("resolutions:start_from_conference", args=[adopting.pk]) in html

    def test_a_viewer_sees_no_forms(self, users, login, adopting):
        html = login(users.viewer).get(adopting.get_absolute_url()).content.decode()
        assert reverse("resolutions:link_conference", args=[adopting.pk]) not in html

    def test_once_linked_the_panel_shows_the_resolution_instead(
        self, users, login, adopting, brigade_2026
    ):
        resolution_link_conference(resolution=brigade_2026, conference=adopting)
        html = login(users.officer).get(adopting.get_absolute_url()).content.decode()
        assert reverse("resolutions:detail", args=[brigade_2026.pk]) in html
        assert reverse("resolutions:link_conference", args=[adopting.pk]) not in html

    def test_a_review_shows_the_resolutions_of_its_period_with_their_standing(
        self, org, users, login, django_assert_num_queries
    ):
        year = resolution_create(body=org.brigade, period="2025", title="NQ năm 2025")
        half = resolution_create(body=org.brigade, period="2025-H1", title="NQ 6 tháng đầu 2025")
        later = resolution_create(body=org.brigade, period="2026", title="NQ năm 2026")
        t = target_add(
            resolution=year, title="Kết nạp", measure="count", target_value=4, rollup="sum"
        )
        progress_enter(target=t, body=org.brigade, value=4, on=dt.date(2025, 6, 1), note="x")
        review = make_conference(
            body=org.brigade, kind="so_ket", held_on=dt.date(2025, 6, 20), period="2025-H1"
        )
        with django_assert_num_queries(4):
            rows = resolutions_reviewed(review)
        assert [r.resolution for r in rows] == [half, year]
        assert rows[1].counts["met"] == 1 and rows[1].targets == 1
        html = login(users.viewer).get(review.get_absolute_url()).content.decode()
        assert year.title in html and half.title in html and later.title not in html
        assert reverse("resolutions:detail", args=[year.pk]) in html
        assert 'class="badge standing-met"' in html

    def test_a_review_without_a_period_or_resolutions_shows_no_panel(self, org, users, login):
        review = make_conference(body=org.brigade, kind="so_ket", period="2024-H1")
        html = login(users.officer).get(review.get_absolute_url()).content.decode()
        assert 'id="resolutions"' not in html
