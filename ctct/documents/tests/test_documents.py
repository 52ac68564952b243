"""Numbering, registering, relations: the registry's rules and its refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.documents import services
from ctct.documents.models import Document, DocumentRelation, NumberSeries, Term
from ctct.documents.selectors import chain_up, descendants, document_resolve, documents_visible

D = dt.date


def test_party_numbers_run_through_the_term_and_do_not_restart_in_january(org):
    Term.objects.create(body=org.region, label="2025-2030", starts_on=D(2025, 7, 20))
    a = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 12, 30), title="a"
    )
    b = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2026, 1, 2), title="b"
    )
    assert (a.number, b.number) == (1, 2)
    assert b.number_display == "02-CT/ĐU"
    assert b.citation == "Chỉ thị số 02-CT/ĐU ngày 2/1/2026"


def test_a_new_term_starts_a_new_series(org):
    Term.objects.create(
        body=org.region, label="2020-2025", starts_on=D(2020, 7, 1), ends_on=D(2025, 7, 19)
    )
    Term.objects.create(body=org.region, label="2025-2030", starts_on=D(2025, 7, 20))
    old = services.document_issue(
        issuer=org.region, type_code="NQ", issued_on=D(2025, 7, 1), title="x"
    )
    new = services.document_issue(
        issuer=org.region, type_code="NQ", issued_on=D(2025, 8, 1), title="y"
    )
    assert (old.number, new.number) == (1, 1)
    assert old.series.period == "2020-2025" and new.series.period == "2025-2030"


def test_each_type_has_its_own_series_but_a_congress_shares_one(org):
    ct = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 9, 1), title="x"
    )
    kh = services.document_issue(
        issuer=org.region, type_code="KH", issued_on=D(2025, 9, 1), title="x"
    )
    c1 = services.document_issue(
        issuer=org.region, type_code="NQ", issued_on=D(2025, 9, 1), title="x", congress=True
    )
    c2 = services.document_issue(
        issuer=org.region, type_code="BC", issued_on=D(2025, 9, 1), title="x", congress=True
    )
    assert (ct.number, kh.number, c1.number, c2.number) == (1, 1, 1, 2)


def test_state_numbers_restart_every_year(org):
    org.region.symbol = "BCH"
    org.region.save()
    a = services.document_issue(
        issuer=org.region, type_code="QĐ", style="state", issued_on=D(2025, 12, 31), title="x"
    )
    b = services.document_issue(
        issuer=org.region, type_code="QĐ", style="state", issued_on=D(2026, 1, 1), title="x"
    )
    assert (a.number, b.number) == (1, 1)
    assert b.number_display == "01/QĐ-BCH"


def test_an_unknown_document_type_is_refused_and_uses_no_number(org):
    with pytest.raises(ValidationError):
        services.document_issue(
            issuer=org.region, type_code="XYZ", issued_on=D(2025, 9, 1), title="x"
        )
    assert not NumberSeries.objects.exists()
    assert (
        services.document_issue(
            issuer=org.region, type_code="CT", issued_on=D(2025, 9, 1), title="x"
        ).number
        == 1
    )


def test_a_failed_issue_gives_its_number_back(org):
    with pytest.raises(ValidationError):
        services.document_issue(
            issuer=org.region, type_code="CT", issued_on=D(2025, 9, 1), title="x" * 600
        )
    assert (
        services.document_issue(
            issuer=org.region, type_code="CT", issued_on=D(2025, 9, 1), title="x"
        ).number
        == 1
    )


def test_the_same_document_cited_three_ways_resolves_to_one_record(org, users):
    from ctct.core.scopes import Scope

    doc = services.document_register(
        citation="Chỉ thị số 2889-CT/ĐU ngày 10/9/2024", issuer=org.region, title="Đại hội"
    )
    assert doc.issued_on == D(2024, 9, 10)
    scope = Scope.for_user(users.officer)
    for cited in ("Chỉ thị số 2889-CT/ĐU", "Số 2889 - CT/ĐU", "2889-CT/ĐU"):
        assert document_resolve(scope, cited) == [doc]


def test_registering_a_number_already_used_is_refused(org):
    services.document_register(citation="Kế hoạch số 1180-KH/ĐU", issuer=org.pol)
    with pytest.raises(ValidationError) as e:
        services.document_register(citation="Kế hoạch số 1180 - KH/ĐU", issuer=org.pol)
    assert "1180" in e.value.messages[0]
    assert Document.objects.count() == 1


def test_a_malformed_number_gets_a_clear_message(org):
    with pytest.raises(ValidationError) as e:
        services.document_register(citation="Chỉ thị số abc/??", issuer=org.pol)
    assert "abc" in e.value.messages[0]
    with pytest.raises(ValidationError):
        services.document_register(citation="Số 12-XYZ/ĐU", issuer=org.pol)
    assert not Document.objects.exists()


def test_external_documents_are_registered_without_a_body(org):
    doc = services.document_register(
        citation="Chỉ thị số 35-CT/TW ngày 14/6/2024", issuer_name="Bộ Chính trị"
    )
    assert doc.is_external and doc.issuer_name == "Bộ Chính trị"


def _cascade(org):
    ct35 = services.document_register(citation="Chỉ thị số 35-CT/TW", issuer_name="Bộ Chính trị")
    ct2889 = services.document_register(citation="Chỉ thị số 2889-CT/ĐU", issuer=org.region)
    hd = services.document_register(citation="Hướng dẫn số 4691/HD-CT", issuer=org.pol)
    kh = services.document_register(citation="Kế hoạch số 1180-KH/ĐU", issuer=org.pol)
    services.relation_add(source=ct2889, target=ct35, kind="concretizes")
    services.relation_add(source=hd, target=ct2889, kind="guides")
    services.relation_add(source=kh, target=hd, kind="implements")
    return ct35, ct2889, hd, kh


def test_a_document_shows_its_chain_to_the_origin_and_its_descendants(org):
    ct35, ct2889, hd, kh = _cascade(org)
    assert [(r.document, r.level) for r in chain_up(kh)] == [(hd, 1), (ct2889, 2), (ct35, 3)]
    assert [(r.document, r.level) for r in descendants(ct35)] == [(ct2889, 1), (hd, 2), (kh, 3)]


def test_a_relation_that_makes_a_cycle_is_refused(org):
    ct35, ct2889, hd, kh = _cascade(org)
    with pytest.raises(ValidationError):
        services.relation_add(source=ct35, target=kh, kind="implements")
    with pytest.raises(ValidationError):
        services.relation_add(source=kh, target=kh, kind="amends")
    assert DocumentRelation.objects.count() == 3


def test_replacing_marks_the_old_document_replaced(org):
    old = services.document_register(citation="Chỉ thị số 35-CT/TW", issuer_name="Bộ Chính trị")
    new = services.document_register(citation="Chỉ thị số 45-CT/TW", issuer_name="Bộ Chính trị")
    services.relation_add(source=new, target=old, kind="replaces")
    old.refresh_from_db()
    assert old.status == "replaced"


def test_secret_documents_are_invisible_without_clearance(org, users):
    from ctct.core.scopes import Scope

    secret = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 9, 1), title="x", security_level=2
    )
    scope = Scope.for_user(users.officer)
    assert secret not in documents_visible(scope)
    users.officer.clearance = 2
    users.officer.save()
    assert secret in documents_visible(Scope.for_user(users.officer))


def test_documents_of_other_trees_are_invisible(org, users):
    from ctct.core.scopes import Scope

    provincial = services.document_register(citation="Nghị quyết số 05-NQ/TU", issuer=org.province)
    assert provincial not in documents_visible(Scope.for_user(users.officer))
    assert provincial in documents_visible(Scope.for_user(users.provincial))


def test_a_draft_takes_its_number_only_when_issued(org):
    first = services.document_draft(issuer=org.region, type_code="CT", title="dự thảo")
    assert first.number is None and first.status == "draft"
    other = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 9, 1), title="x"
    )
    issued = services.document_publish(document=first, issued_on=D(2025, 9, 5))
    assert (other.number, issued.number, issued.status) == (1, 2, "issued")
    with pytest.raises(ValidationError):
        services.document_publish(document=issued, issued_on=D(2025, 9, 6))


def test_a_draft_is_cited_as_a_draft_not_with_an_empty_number(org):
    draft = services.document_draft(issuer=org.region, type_code="CT", title="dự thảo")
    assert draft.citation == "Chỉ thị (dự thảo)"
    issued = services.document_publish(document=draft, issued_on=D(2025, 9, 5))
    assert issued.citation.startswith("Chỉ thị số 01-CT/")


def test_a_draft_cannot_be_addressed(org):
    draft = services.document_draft(issuer=org.region, type_code="KH", title="x")
    with pytest.raises(ValidationError):
        services.distribution_create(document=draft, subtree_of=org.region)
