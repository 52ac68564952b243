"""The import builders import reports through ``import_paths`` and queue uploads through
``upload_start``."""

from __future__ import annotations

import pytest

from ctct.imports.models import BatchStatus, ItemStatus
from ctct.imports.tests.factories import import_report, make_upload, report_text

pytestmark = pytest.mark.django_db


def test_an_imported_report_becomes_a_conference_of_the_brigade_chaired_by_its_commissar(org):
    item = import_report(root=org.region)
    assert item.status == ItemStatus.APPLIED and item.batch.status == BatchStatus.DONE
    conf = item.conference
    assert (conf.body, conf.kind) == (org.brigade, "so_ket")
    assert conf.participants.get(role="chair").person == org.commissar


def test_default_reports_are_distinct_conferences_not_copies(org):
    first, second = import_report(root=org.region), import_report(root=org.region)
    assert {first.status, second.status} == {ItemStatus.APPLIED}
    assert first.batch != second.batch and first.conference != second.conference


def test_a_report_as_given_is_imported_as_it_is(org):
    item = import_report(root=org.region, text=report_text(date="20/6/2025"), name="a.txt")
    assert item.filename == "a.txt" and str(item.conference.held_on) == "2025-06-20"


def test_an_upload_is_queued_for_the_workers_who_apply_it(
    org, users, settings, tmp_path, run_worker
):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    batch = make_upload(root=org.region, user=users.officer, texts=[report_text(), report_text()])
    assert batch.status == BatchStatus.QUEUED and batch.created_by == users.officer
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.total) == (BatchStatus.DONE, 2)
    assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.APPLIED}
