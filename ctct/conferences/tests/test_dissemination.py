"""A conference that disseminates a document completes the holding body's "disseminated" step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.conferences import services
from ctct.conferences.evidence import ConferenceEvidence
from ctct.conferences.models import ConferenceDocument
from ctct.core.scopes import Scope
from ctct.documents import evidence
from ctct.documents import services as doc_services
from ctct.documents.models import Recipient, Step


@pytest.fixture
def directive(org):
    doc = doc_services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 3, 10), title="Đại hội"
    )
    doc_services.distribution_create(document=doc, subtree_of=org.region)
    return doc


def _recipient(doc, body):
    return Recipient.objects.get(document=doc, body=body)


def test_a_received_directive_becomes_disseminated_with_the_conference_named(
    conference, directive, org, users
):
    r = doc_services.recipient_advance(
        recipient=_recipient(directive, org.brigade), step=Step.RECEIVED
    )
    link = services.conference_document_add(
        conference=conference, document=directive, user=users.officer
    )
    r.refresh_from_db()
    assert r.step == Step.DISSEMINATED
    assert r.disseminated_user == users.officer
    assert "20/06/2025" in r.dissemination_note
    assert link.recipient == r


def test_a_directive_not_yet_marked_received_is_received_then_disseminated(
    conference, directive, org
):
    services.conference_document_add(conference=conference, document=directive)
    r = _recipient(directive, org.brigade)
    assert r.step == Step.DISSEMINATED
    assert r.received_at is not None
    assert r.history.count() == 3  # addressed, received, disseminated


def test_a_recipient_already_past_dissemination_is_linked_and_left_alone(
    conference, directive, org
):
    r = _recipient(directive, org.brigade)
    doc_services.recipient_advance(recipient=r, step=Step.RECEIVED)
    doc_services.recipient_advance(recipient=r, step=Step.DISSEMINATED, conference_note="Trước")
    services.conference_document_add(conference=conference, document=directive)
    r.refresh_from_db()
    assert r.step == Step.DISSEMINATED and r.dissemination_note == "Trước"


def test_only_documents_addressed_to_the_holding_body_can_be_disseminated(org, conference):
    other = doc_services.document_issue(
        issuer=org.province, type_code="NQ", issued_on=dt.date(2025, 3, 1), title="Tỉnh"
    )
    with pytest.raises(ValidationError) as e:
        services.conference_document_add(conference=conference, document=other)
    assert e.value.code == "not_addressed"
    assert not conference.documents.exists()


def test_a_future_conference_cannot_complete_the_step(org, directive):
    future = services.conference_create(
        body=org.brigade, kind="quan_triet", held_on=dt.date.today() + dt.timedelta(days=10)
    )
    with pytest.raises(ValidationError) as e:
        services.conference_document_add(conference=future, document=directive)
    assert e.value.code == "future"
    assert _recipient(directive, org.brigade).step == Step.ADDRESSED


def test_a_document_is_recorded_once_per_conference(conference, directive):
    services.conference_document_add(conference=conference, document=directive)
    with pytest.raises(ValidationError) as e:
        services.conference_document_add(conference=conference, document=directive)
    assert e.value.code == "twice"


def test_a_document_marked_not_applicable_is_refused(conference, directive, org):
    doc_services.recipient_advance(
        recipient=_recipient(directive, org.brigade), step=Step.NOT_APPLICABLE, reason="Giải thể"
    )
    with pytest.raises(ValidationError) as e:
        services.conference_document_add(conference=conference, document=directive)
    assert e.value.code == "not_applicable"


def test_a_directive_issued_after_the_conference_cannot_have_been_disseminated_by_it(
    conference, org
):
    later = doc_services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 7, 1), title="Sau hội nghị"
    )
    doc_services.distribution_create(document=later, subtree_of=org.region)
    with pytest.raises(ValidationError) as e:
        services.conference_document_add(conference=conference, document=later)
    assert e.value.code == "issued_after"
    assert e.value.message == services.MSG_ISSUED_AFTER
    assert e.value.params == {"document": later.citation, "date": "20/06/2025"}
    assert not conference.documents.exists()
    assert _recipient(later, org.brigade).step == Step.ADDRESSED


def test_a_directive_issued_on_the_day_of_the_conference_can_be_disseminated(conference, org):
    same_day = doc_services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 6, 20), title="Cùng ngày"
    )
    doc_services.distribution_create(document=same_day, subtree_of=org.region)
    services.conference_document_add(conference=conference, document=same_day)
    assert _recipient(same_day, org.brigade).step == Step.DISSEMINATED


def test_the_page_explains_why_a_later_directive_is_refused(conference, org, users, login):
    from django.urls import reverse

    later = doc_services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 7, 1), title="Sau hội nghị"
    )
    doc_services.distribution_create(document=later, subtree_of=org.region)
    r = login(users.officer).post(
        reverse("conferences:document_add", args=[conference.pk]),
        {"citation": later.number_display},
    )
    assert r.status_code == 400 and not conference.documents.exists()
    assert "20/06/2025" in r.content.decode()


class TestTheEvidenceOfTheStep:
    """The app registers its conferences as the evidence of the "disseminated" step, which the
    step page of documents offers, links and shows without importing this app."""

    def test_the_conferences_are_the_registered_evidence_of_dissemination(self):
        assert isinstance(evidence.for_step(Step.DISSEMINATED), ConferenceEvidence)

    def test_the_candidates_are_the_bodys_conferences_since_the_document_latest_first(
        self, org, conference, directive
    ):
        sooner = services.conference_create(
            body=org.brigade, kind="quan_triet", held_on=dt.date(2025, 4, 2)
        )
        services.conference_create(body=org.brigade, kind="so_ket", held_on=dt.date(2025, 1, 5))
        services.conference_create(body=org.cell, kind="so_ket", held_on=dt.date(2025, 6, 20))
        r = _recipient(directive, org.brigade)
        assert ConferenceEvidence().candidates(r, today=dt.date(2025, 7, 1)) == [conference, sooner]
        assert ConferenceEvidence().candidates(r, today=dt.date(2025, 5, 1)) == [sooner]

    def test_linking_gives_an_earlier_link_its_recipient_with_history(
        self, org, users, conference, directive
    ):
        ConferenceDocument.objects.create(conference=conference, document=directive)
        r = _recipient(directive, org.brigade)
        note = ConferenceEvidence().link(recipient=r, record=conference, user=users.officer)
        assert note == str(conference)
        link = ConferenceDocument.objects.get()
        assert link.recipient == r
        assert link.history.first().history_user == users.officer

    def test_linking_twice_leaves_the_first_link_alone(self, org, conference, directive):
        r = _recipient(directive, org.brigade)
        first = services.conference_document_link(conference=conference, recipient=r)
        again = services.conference_document_link(conference=conference, recipient=r)
        assert again == first and ConferenceDocument.objects.count() == 1
        assert first.history.count() == 1

    def test_the_document_page_shows_the_conferences_its_viewer_may_open(
        self, org, users, conference, directive
    ):
        r = _recipient(directive, org.brigade)
        services.conference_document_link(conference=conference, recipient=r)
        shown = ConferenceEvidence().shown(directive, scope=Scope.for_user(users.officer))
        assert shown == [
            evidence.Shown(
                url=conference.get_absolute_url(), text=f"20/06/2025 · {org.brigade.name}"
            )
        ]
        assert ConferenceEvidence().shown(directive, scope=Scope.for_user(users.secretary)) == []
