"""The document builders issue, register, address and advance documents through the
document services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.documents.models import Document, DocumentStatus, Recipient, Step
from ctct.documents.tests.factories import (
    ISSUED_ON,
    advance_recipient,
    make_document,
    make_registered_document,
    recipient_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    region = make_body()
    brigade = make_body(parent=region)
    return region, brigade, make_cell(parent=brigade)


def test_a_made_document_is_an_issued_directive_numbered_in_its_series(tree):
    region, _brigade, _cell = tree
    first, second = make_document(issuer=region), make_document(issuer=region)
    assert (first.type_code, first.status, first.issued_on) == ("CT", "issued", ISSUED_ON)
    assert (first.number, second.number) == (1, 2)
    assert first.title != second.title
    assert first.history.count() == 2  # drafted, then issued
    assert not Recipient.objects.exists()


def test_without_an_issue_date_it_stays_a_draft(tree):
    draft = make_document(issuer=tree[0], issued_on=None)
    assert draft.status == DocumentStatus.DRAFT and draft.number is None


def test_it_is_addressed_with_its_deadlines(tree):
    region, brigade, cell = tree
    doc = make_document(issuer=region, subtree_of=region, reported_by=dt.date(2025, 12, 1))
    rows = Recipient.objects.filter(document=doc)
    assert {r.body for r in rows} == {brigade, cell}
    assert doc.distributions.get().reported_by == dt.date(2025, 12, 1)
    named = make_document(issuer=region, addressed_to=[cell])
    assert recipient_of(document=named, body=cell).step == Step.ADDRESSED


def test_deadlines_without_an_addressing_are_a_mistake(tree):
    with pytest.raises(TypeError):
        make_document(issuer=tree[0], reported_by=dt.date(2025, 12, 1))


def test_a_registered_document_keeps_its_number(tree):
    region, _brigade, cell = tree
    external = make_registered_document(registered_in=cell)
    assert external.citation.startswith("Chỉ thị số ") and external.issuer is None
    assert external.issuer_name == "Ban Bí thư" and external.registered_in == cell
    old = make_registered_document(issuer=region)
    assert old.issuer == region and "-KH/ĐU" in old.citation
    assert make_registered_document().citation != external.citation


def test_a_recipient_is_advanced_step_by_step_with_its_evidence(tree):
    region, _brigade, cell = tree
    doc = make_document(issuer=region, addressed_to=[cell])
    r = advance_recipient(recipient=recipient_of(document=doc, body=cell), to=Step.REPORTED)
    assert r.step == Step.REPORTED and r.dissemination_note == "Hội nghị quán triệt"
    assert r.implementing_document.issuer == r.report_document.issuer == cell
    assert r.history.count() == 5  # addressed, then four steps
    assert Document.objects.filter(issuer=cell).count() == 2


def test_a_recipient_can_be_marked_not_applicable(tree):
    region, _brigade, cell = tree
    doc = make_document(issuer=region, addressed_to=[cell])
    r = advance_recipient(recipient=recipient_of(document=doc, body=cell), to=Step.NOT_APPLICABLE)
    assert r.step == Step.NOT_APPLICABLE and r.not_applicable_reason


def test_what_the_service_refuses_the_builder_refuses(tree):
    region = tree[0]
    with pytest.raises(ValidationError):
        make_document(issuer=region, addressed_to=[make_body()])  # outside its subtree
    assert not Recipient.objects.exists()
