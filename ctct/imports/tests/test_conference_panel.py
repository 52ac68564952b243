"""A conference's page names the imported reports it came from: a panel of this app
(``ctct.imports.panels``), linked for those who may open the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from ctct.imports.models import ImportBatch, ImportItem, ImportLink


@pytest.fixture
def conference(org):
    from ctct.conferences.services import conference_create

    return conference_create(
        body=org.brigade, kind="so_ket", held_on=dt.date(2025, 6, 20), period="2025-H1"
    )


def imported(conference, root, filename: str) -> ImportItem:
    batch = ImportBatch.objects.create(root=root, source="upload")
    item = ImportItem.objects.create(
        batch=batch, filename=filename, content_hash=filename, status="applied"
    )
    ImportLink.objects.create(
        item=item, kind="conference", object_id=conference.pk, action="created"
    )
    return item


@pytest.fixture
def page(client, conference):
    def get(user) -> str:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("conferences:detail", args=[conference.pk]))
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_a_conference_not_imported_has_no_such_section(users, page):
    assert "Imported from" not in page(users.officer)


def test_an_editor_of_the_branch_may_open_the_report(org, users, conference, page):
    item = imported(conference, org.brigade, "bao-cao-so-ket.txt")
    html = page(users.officer)
    assert "<h2>Imported from</h2>" in html
    assert f'<a href="{item.get_absolute_url()}">bao-cao-so-ket.txt</a> · Applied' in html


def test_a_viewer_sees_the_report_named_but_not_linked(org, users, conference, page):
    item = imported(conference, org.brigade, "bao-cao-so-ket.txt")
    html = page(users.viewer)
    assert "<li>bao-cao-so-ket.txt · Applied" in html
    assert item.get_absolute_url() not in html


def test_the_section_comes_before_the_history(org, users, conference, page):
    imported(conference, org.brigade, "bao-cao-so-ket.txt")
    html = page(users.officer)
    assert html.index("<h2>Imported from</h2>") < html.index("<h2>History</h2>")
