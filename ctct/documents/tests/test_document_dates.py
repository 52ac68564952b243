"""A document's number starts at 1 and its issue date lies within the Party's life."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctct.core.dates import MSG_BEFORE_PARTY, MSG_IN_FUTURE
from ctct.documents import services
from ctct.documents.models import Document, NumberSeries


@pytest.mark.parametrize("citation", ["Chỉ thị số 0-CT/ĐU", "Số 00-KH/ĐU", "Số: 0/QĐ-UBND"])
def test_a_document_numbered_0_is_not_registered(org, citation):
    with pytest.raises(ValidationError) as e:
        services.document_register(citation=citation, issuer=org.pol)
    assert e.value.message_dict == {"citation": [services.MSG_NUMBER_ZERO % {"text": citation}]}
    assert not Document.objects.exists()


def test_a_document_issued_in_1800_is_not_registered(org):
    with pytest.raises(ValidationError) as e:
        services.document_register(
            citation="Chỉ thị số 5-CT/ĐU", issuer=org.pol, issued_on=dt.date(1800, 3, 1)
        )
    assert e.value.message_dict == {"issued_on": [MSG_BEFORE_PARTY % {"date": "01/03/1800"}]}
    assert not Document.objects.exists()


def test_a_date_read_from_the_citation_is_checked_on_the_citation(org):
    with pytest.raises(ValidationError) as e:
        services.document_register(citation="Số 12-CT/ĐU ngày 1/1/2099", issuer=org.pol)
    assert e.value.message_dict == {"citation": [MSG_IN_FUTURE % {"date": "01/01/2099"}]}


def test_issuing_in_1800_takes_no_number(org):
    with pytest.raises(ValidationError) as e:
        services.document_issue(
            issuer=org.region, type_code="CT", issued_on=dt.date(1800, 1, 1), title="a"
        )
    assert set(e.value.error_dict) == {"issued_on"}
    assert not Document.objects.exists()
    assert not NumberSeries.objects.filter(last_number__gt=0).exists()


def test_the_register_form_shows_why_a_number_0_is_refused(org, users, client):
    client.force_login(users.officer)
    response = client.post(
        reverse("documents:register"),
        {"citation": "Chỉ thị số 0-CT/TW", "issuer_name": "Bộ Chính trị", "security_level": 0},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["citation"]
    assert not Document.objects.exists()


def test_a_deadline_years_away_is_refused_on_its_field(org):
    from ctct.core.dates import MSG_TOO_FAR
    from ctct.documents.models import Distribution

    doc = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 9, 1), title="a"
    )
    with pytest.raises(ValidationError) as e:
        services.distribution_create(
            document=doc, subtree_of=org.region, reported_by=dt.date(2205, 1, 1)
        )
    assert e.value.message_dict == {
        "reported_by": [MSG_TOO_FAR % {"date": "01/01/2205", "years": 2}]
    }
    assert not Distribution.objects.exists()
