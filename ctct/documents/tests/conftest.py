"""Fixtures the steps' tests share: a directive of the region addressed down its whole tree,
and the cell's row of it."""

from __future__ import annotations

import datetime as dt

import pytest

from ctct.documents import services
from ctct.documents.models import Recipient


@pytest.fixture
def directive(org):
    """A directive of the region, addressed down its tree."""
    doc = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 9, 10), title="Về đại hội"
    )
    services.distribution_create(document=doc, subtree_of=org.region)
    return doc


@pytest.fixture
def cell_row(org, directive):
    return Recipient.objects.get(document=directive, body=org.cell)
