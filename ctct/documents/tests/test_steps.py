"""A body's steps on the day they happened, with its own evidence; a directive that goes
out only once its reach is confirmed, and deadlines set or changed after it went out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ctct.documents import services
from ctct.documents.models import Distribution, Recipient, Step

D = dt.date


class TestStepDates:
    def test_a_step_takes_the_day_it_happened(self, org, cell_row, users):
        r = services.recipient_advance(
            recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12), user=users.secretary
        )
        assert timezone.localdate(r.received_at) == D(2025, 9, 12)

    def test_a_step_in_the_future_is_refused(self, org, cell_row):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        with pytest.raises(ValidationError) as e:
            services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=tomorrow)
        assert e.value.message == services.MSG_STEP_IN_FUTURE
        cell_row.refresh_from_db()
        assert cell_row.step == Step.ADDRESSED

    def test_a_step_before_the_directive_is_refused(self, org, cell_row):
        with pytest.raises(ValidationError) as e:
            services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 1))
        assert e.value.message == services.MSG_STEP_BEFORE_ISSUE

    def test_a_step_before_the_previous_one_is_refused(self, org, cell_row):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 20))
        with pytest.raises(ValidationError) as e:
            services.recipient_advance(
                recipient=cell_row, step=Step.DISSEMINATED, on=D(2025, 9, 15), conference_note="x"
            )
        assert e.value.message == services.MSG_STEP_BEFORE_PREVIOUS

    def test_the_step_page_refuses_a_future_day_keeping_the_form(
        self, org, users, client, cell_row
    ):
        client.force_login(users.secretary)
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        url = reverse("documents:step", args=[cell_row.pk])
        r = client.post(url, {"step": Step.RECEIVED, "on": tomorrow.isoformat()})
        assert r.status_code == 200 and tomorrow.strftime("%d/%m/%Y") in r.content.decode()
        cell_row.refresh_from_db()
        assert cell_row.step == Step.ADDRESSED


class TestDisseminationByTheCellsConference:
    def test_the_step_page_offers_the_cells_own_conferences_only(
        self, org, users, client, cell_row
    ):
        from ctct.conferences import services as conferences

        own = conferences.conference_create(
            body=org.cell, kind="quan_triet", held_on=D(2025, 9, 22)
        )
        early = conferences.conference_create(body=org.cell, kind="so_ket", held_on=D(2025, 6, 20))
        other = conferences.conference_create(
            body=org.other_cell, kind="quan_triet", held_on=D(2025, 9, 22)
        )
        client.force_login(users.secretary)
        form = client.get(reverse("documents:step", args=[cell_row.pk])).context["form"]
        offered = [pk for pk, _label in form.fields["conference"].choices if pk]
        assert offered == [own.pk]
        assert early.pk not in offered and other.pk not in offered

    def test_choosing_the_conference_records_its_day_and_links_it(
        self, org, users, client, cell_row, directive
    ):
        from ctct.conferences import services as conferences

        conf = conferences.conference_create(
            body=org.cell, kind="quan_triet", held_on=D(2025, 9, 22)
        )
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12))
        client.force_login(users.secretary)
        url = reverse("documents:step", args=[cell_row.pk])
        r = client.post(url, {"step": Step.DISSEMINATED, "conference": conf.pk, "on": ""})
        assert r.status_code == 302
        cell_row.refresh_from_db()
        assert cell_row.step == Step.DISSEMINATED
        assert timezone.localdate(cell_row.disseminated_at) == D(2025, 9, 22)
        assert conf.documents.get().document == directive
        assert conf.documents.get().recipient == cell_row

    def test_a_conference_of_another_body_is_refused(self, org, cell_row):
        from ctct.conferences import services as conferences

        other = conferences.conference_create(
            body=org.other_cell, kind="quan_triet", held_on=D(2025, 9, 22)
        )
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12))
        with pytest.raises(ValidationError) as e:
            services.recipient_advance(recipient=cell_row, step=Step.DISSEMINATED, conference=other)
        assert e.value.message == services.MSG_CONFERENCE_BODY
        assert not other.documents.exists()


class TestTheCellsOwnDocuments:
    def test_the_report_must_be_the_bodys_own(self, org, cell_row):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED)
        services.recipient_advance(recipient=cell_row, step=Step.DISSEMINATED, conference_note="x")
        plan = services.document_register(citation="Kế hoạch số 2-KH/CB", issuer=org.cell)
        services.recipient_advance(
            recipient=cell_row, step=Step.CONCRETIZED, implementing_document=plan
        )
        theirs = services.document_register(citation="Báo cáo số 9-BC/CB", issuer=org.other_cell)
        with pytest.raises(ValidationError) as e:
            services.recipient_advance(
                recipient=cell_row, step=Step.REPORTED, report_document=theirs
            )
        assert e.value.message == services.MSG_REPORT_ISSUER

    def test_a_number_every_cell_writes_resolves_to_the_bodys_own(
        self, org, users, client, cell_row
    ):
        """Every cell's plan is "01-KH/CB": an officer above both links the cell's own."""
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED)
        services.recipient_advance(recipient=cell_row, step=Step.DISSEMINATED, conference_note="x")
        today = timezone.localdate()
        services.document_issue(issuer=org.other_cell, type_code="KH", issued_on=today, title="b")
        own = services.document_issue(issuer=org.cell, type_code="KH", issued_on=today, title="a")
        client.force_login(users.officer)
        r = client.post(
            reverse("documents:step", args=[cell_row.pk]),
            {"step": Step.CONCRETIZED, "implementing": "01-KH/CB"},
        )
        assert r.status_code == 302
        cell_row.refresh_from_db()
        assert cell_row.implementing_document == own


class TestConfirmingTheReach:
    def test_an_empty_form_sends_nothing_and_shows_the_count_and_the_missing_deadlines(
        self, org, users, client
    ):
        doc = services.document_issue(
            issuer=org.region, type_code="CT", issued_on=D(2025, 9, 10), title="x"
        )
        client.force_login(users.officer)
        url = reverse("documents:distribute", args=[doc.pk])
        r = client.post(url, {"form_token": "a"})
        assert r.status_code == 200 and not Recipient.objects.exists()
        assert r.context["confirm"]["count"] == 5 and r.context["confirm"]["no_deadlines"]
        html = r.content.decode()
        assert str(r.context["confirm"]["warning"]) in html
        assert f'name="confirm" value="{r.context["confirm"]["key"]}"' in html
        r = client.post(url, {"form_token": "a", "confirm": r.context["confirm"]["key"]})
        assert r.status_code == 302 and Recipient.objects.count() == 5

    def test_a_reach_changed_since_it_was_shown_is_asked_again(self, org, users, client):
        doc = services.document_issue(
            issuer=org.region, type_code="CT", issued_on=D(2025, 9, 10), title="x"
        )
        client.force_login(users.officer)
        url = reverse("documents:distribute", args=[doc.pk])
        key = client.post(url, {"form_token": "a"}).context["confirm"]["key"]
        r = client.post(url, {"form_token": "a", "confirm": key, "subtree_of": org.brigade.pk})
        assert r.status_code == 200 and r.context["confirm"]["count"] == 3
        assert not Recipient.objects.exists()


class TestDeadlinesLater:
    def test_the_issuer_sets_deadlines_after_sending_and_the_change_is_kept(
        self, org, users, client, directive
    ):
        dist = Distribution.objects.get(document=directive)
        client.force_login(users.officer)
        url = reverse("documents:deadlines", args=[directive.pk])
        assert (
            reverse("documents:deadlines", args=[directive.pk])
            in client.get(directive.get_absolute_url()).content.decode()
        )
        r = client.post(url, {"disseminated_by": "2025-10-01", "reported_by": "2025-12-01"})
        assert r.status_code == 302
        dist.refresh_from_db()
        assert (dist.disseminated_by, dist.reported_by) == (D(2025, 10, 1), D(2025, 12, 1))
        r = client.post(url, {"disseminated_by": "2025-10-15", "reported_by": "2025-12-01"})
        dist.refresh_from_db()
        assert dist.disseminated_by == D(2025, 10, 15)
        changes = list(dist.history.order_by("history_date"))
        assert [h.disseminated_by for h in changes] == [None, D(2025, 10, 1), D(2025, 10, 15)]
        assert changes[-1].history_user == users.officer
        assert "15/10/2025" in client.get(url).content.decode()

    def test_deadlines_out_of_order_are_refused_and_change_nothing(
        self, org, users, client, directive
    ):
        client.force_login(users.officer)
        r = client.post(
            reverse("documents:deadlines", args=[directive.pk]),
            {"disseminated_by": "2025-12-01", "reported_by": "2025-11-01"},
        )
        assert r.status_code == 200 and str(services.MSG_DEADLINE_ORDER) in r.content.decode()
        assert Distribution.objects.get(document=directive).reported_by is None

    def test_a_recipient_may_not_change_the_deadlines(self, org, users, client, directive):
        client.force_login(users.secretary)
        r = client.post(
            reverse("documents:deadlines", args=[directive.pk]), {"reported_by": "2026-12-01"}
        )
        assert r.status_code == 404
        assert Distribution.objects.get(document=directive).reported_by is None
