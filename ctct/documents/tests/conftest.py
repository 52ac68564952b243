"""Fixtures the steps' tests share: a directive of the region addressed down its whole tree,
and the cell's row of it."""

from __future__ import annotations

import datetime as dt

import pytest

from ctct.documents.tests.factories import make_document, recipient_of


@pytest.fixture
def directive(org):
    """A directive of the region, addressed down its tree."""
    return make_document(
        issuer=org.region, issued_on=dt.date(2025, 9, 10), title="Về đại hội", subtree_of=org.region
    )


@pytest.fixture
def cell_row(org, directive):
    return recipient_of(document=directive, body=org.cell)
