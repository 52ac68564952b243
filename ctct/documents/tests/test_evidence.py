"""The step-evidence registry: documents offers, links and shows the records of an app above
it only through the provider that app registered, never by importing it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils import timezone

from ctct.documents import evidence, services
from ctct.documents.models import Step

D = dt.date


@dataclass
class Meeting:
    """A stand-in for a higher app's record."""

    pk: int
    body_id: int
    held_on: dt.date
    name: str


@dataclass
class MeetingEvidence(evidence.StepEvidence):
    """A provider over an in-memory list, keeping what it was asked to link."""

    meetings: list[Meeting] = field(default_factory=list)
    linked: list[tuple] = field(default_factory=list)
    step: int = Step.DISSEMINATED

    def candidates(self, recipient, *, today=None, limit=50):
        return [m for m in self.meetings if m.body_id == recipient.body_id][:limit]

    def choice_label(self, record):
        return f"Họp {record.name}"

    def body_id(self, record):
        return record.body_id

    def day(self, record):
        return record.held_on

    def link(self, *, recipient, record, user=None):
        self.linked.append((recipient.pk, record.pk, user))
        return f"Họp {record.name} {record.held_on:%d/%m/%Y}"

    def shown(self, document, *, scope, limit=50):
        return [evidence.Shown(url=f"/meetings/{m.pk}/", text=m.name) for m in self.meetings]


@pytest.fixture
def meetings(org, monkeypatch):
    """The dissemination step's evidence replaced by meetings of the cell and another cell."""
    provider = MeetingEvidence(
        meetings=[
            Meeting(pk=7, body_id=org.cell.pk, held_on=D(2025, 9, 22), name="chi bộ"),
            Meeting(pk=8, body_id=org.other_cell.pk, held_on=D(2025, 9, 23), name="chi bộ khác"),
        ]
    )
    monkeypatch.setitem(evidence._BY_STEP, Step.DISSEMINATED, provider)
    return provider


@pytest.fixture
def no_evidence(monkeypatch):
    monkeypatch.delitem(evidence._BY_STEP, Step.DISSEMINATED, raising=False)


class TestTheRegistry:
    def test_a_registered_provider_is_found_by_its_step(self, monkeypatch):
        monkeypatch.setattr(evidence, "_BY_STEP", {})
        provider = evidence.register(MeetingEvidence())
        assert evidence.for_step(Step.DISSEMINATED) is provider
        assert evidence.for_step(Step.REPORTED) is None

    def test_a_provider_without_a_step_is_refused(self, monkeypatch):
        monkeypatch.setattr(evidence, "_BY_STEP", {})
        with pytest.raises(ValueError):
            evidence.register(MeetingEvidence(step=0))
        assert evidence._BY_STEP == {}

    def test_without_a_provider_there_is_nothing_to_offer_or_show(
        self, no_evidence, cell_row, directive, users
    ):
        assert evidence.candidates(cell_row, Step.DISSEMINATED) == []
        assert evidence.shown(directive, Step.DISSEMINATED, scope=None) == []

    def test_the_registry_asks_the_provider_for_the_recipients_records(
        self, meetings, cell_row, directive
    ):
        assert [m.pk for m in evidence.candidates(cell_row, Step.DISSEMINATED)] == [7]
        shown = evidence.shown(directive, Step.DISSEMINATED, scope=None)
        assert shown[0] == evidence.Shown(url="/meetings/7/", text="chi bộ")


class TestTheStepThroughTheProvider:
    def test_a_record_of_the_body_takes_its_day_and_is_linked_by_the_provider(
        self, meetings, cell_row, users
    ):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12))
        r = services.recipient_advance(
            recipient=cell_row,
            step=Step.DISSEMINATED,
            conference=meetings.meetings[0],
            user=users.secretary,
        )
        assert timezone.localdate(r.disseminated_at) == D(2025, 9, 22)
        assert r.dissemination_note == "Họp chi bộ 22/09/2025"
        assert meetings.linked == [(cell_row.pk, 7, users.secretary)]

    def test_a_record_of_another_body_is_refused_before_anything_is_linked(
        self, meetings, cell_row, org
    ):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12))
        with pytest.raises(ValidationError) as e:
            services.recipient_advance(
                recipient=cell_row, step=Step.DISSEMINATED, conference=meetings.meetings[1]
            )
        assert e.value.message == services.MSG_CONFERENCE_BODY
        assert e.value.params == {"body": org.cell.name}
        assert meetings.linked == []

    def test_naming_a_record_no_app_provides_is_a_setup_error(self, no_evidence, cell_row):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12))
        with pytest.raises(ImproperlyConfigured):
            services.recipient_advance(
                recipient=cell_row, step=Step.DISSEMINATED, conference=object()
            )

    def test_a_note_still_records_the_step_without_a_provider(self, no_evidence, cell_row):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED)
        r = services.recipient_advance(
            recipient=cell_row, step=Step.DISSEMINATED, conference_note="Hội nghị chi bộ"
        )
        assert r.step == Step.DISSEMINATED and r.dissemination_note == "Hội nghị chi bộ"


class TestTheStepPage:
    def test_the_page_offers_the_providers_records_with_its_labels(
        self, meetings, cell_row, users, client
    ):
        client.force_login(users.secretary)
        form = client.get(reverse("documents:step", args=[cell_row.pk])).context["form"]
        assert form.fields["conference"].choices == [("", "—"), (7, "Họp chi bộ")]

    def test_choosing_a_record_on_the_page_links_it(self, meetings, cell_row, users, client):
        services.recipient_advance(recipient=cell_row, step=Step.RECEIVED, on=D(2025, 9, 12))
        client.force_login(users.secretary)
        r = client.post(
            reverse("documents:step", args=[cell_row.pk]),
            {"step": Step.DISSEMINATED, "conference": 7, "on": ""},
        )
        assert r.status_code == 302
        assert meetings.linked == [(cell_row.pk, 7, users.secretary)]

    def test_without_a_provider_the_page_offers_no_record(
        self, no_evidence, cell_row, users, client
    ):
        client.force_login(users.secretary)
        form = client.get(reverse("documents:step", args=[cell_row.pk])).context["form"]
        assert form.fields["conference"].choices == [("", "—")]

    def test_the_document_page_lists_what_the_provider_shows(
        self, meetings, directive, users, client
    ):
        client.force_login(users.officer)
        html = client.get(reverse("documents:detail", args=[directive.pk])).content.decode()
        assert '<a href="/meetings/7/">chi bộ</a>' in html
