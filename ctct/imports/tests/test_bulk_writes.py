"""A bulk import writes a chunk of reports together; what it stores must be what importing the
same reports one at a time stores (``ingest.ingest`` alone writes each report at once)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from ctct.conferences.models import Conference, ConferenceDocument, Participant
from ctct.documents import services as doc_services
from ctct.documents.models import Recipient, Step
from ctct.imports import matching
from ctct.imports.bulk import import_paths
from ctct.imports.ingest import ingest
from ctct.imports.models import ImportBatch, ImportItem, ImportLink, ItemStatus
from ctct.imports.prepare import prepare
from ctct.imports.review import item_choose, item_confirm
from ctct.imports.tests.test_services import (
    BRIGADE_REPORT,
    import_with_namesake,
    report,
    write,
)
from ctct.people.models import Person

pytestmark = pytest.mark.django_db


def _stored() -> dict:
    """What the import left in the records, without ids that differ between runs."""
    return {
        "items": sorted(ImportItem.objects.values_list("filename", "status")),
        "conferences": sorted(Conference.objects.values_list("body_id", "kind", "held_on")),
        "participants": sorted(
            Participant.objects.values_list("conference__held_on", "full_name", "role", "is_guest")
        ),
        "people": Person.objects.count(),
        "links": sorted(
            ImportLink.objects.values_list("item__filename", "kind", "action").distinct()
        ),
        "conference_of_copy": sorted(
            ImportItem.objects.filter(status=ItemStatus.DUPLICATE).values_list(
                "filename", "conference__held_on", "duplicate_of__filename"
            )
        ),
    }


def _as_html(text: str) -> str:
    body = "".join(f"<p>{para}</p>" for para in text.split("\n\n"))
    return f"<html><head><title>QĐND</title></head><body>{body}</body></html>"


@pytest.fixture
def archive(tmp_path):
    return [
        write(tmp_path, "1.txt", BRIGADE_REPORT),
        write(tmp_path, "2.html", _as_html(BRIGADE_REPORT)),  # the same article, in one chunk
        write(tmp_path, "3.txt", report(date="12/12/2025", extra="Đại úy Ngô Văn Lâm phát biểu.")),
        write(tmp_path, "4.txt", report(date="12/12/2025")),  # 3 without its last sentence
        write(tmp_path, "5.txt", report(date="2/7/2024", organizer="Đảng ủy Vùng Đất Lạ")),
    ]


def test_a_bulk_import_stores_what_importing_report_by_report_stores(archive, org):
    with transaction.atomic():
        summary = import_paths(archive, root=org.region, workers=1)
        bulk = _stored()
        transaction.set_rollback(True)
    assert summary.items == {
        ItemStatus.APPLIED: 2,
        ItemStatus.DUPLICATE: 2,
        ItemStatus.NEEDS_REVIEW: 1,  # an organizer not in the tree
    }
    batch = ImportBatch.objects.create(root=org.region, source="command")
    for order, path in enumerate(archive):
        matcher = matching.Matcher(org.region)
        p = prepare(path.name, path.read_bytes())
        ingest(p, batch=batch, order=order, matcher=matcher)
    assert _stored() == bulk
    # the copy read in the same chunk as its original points at it and at its conference
    copy = ImportItem.objects.get(filename="2.html")
    assert copy.duplicate_of.filename == "1.txt"
    assert copy.conference == copy.duplicate_of.conference is not None


def test_a_quan_triet_inside_a_chunk_completes_the_cascade_and_keeps_the_reports_around_it(
    tmp_path, org
):
    directive = doc_services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 3, 10), title="Đại hội"
    )
    doc_services.distribution_create(document=directive, subtree_of=org.region)
    quan_triet = f"""Quán triệt chỉ thị của Ban Thường vụ Đảng ủy Quân khu

Ngày 15/4/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị quán triệt {directive.citation} của \
Ban Thường vụ Đảng ủy Quân khu 8. Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì \
hội nghị.

Hội nghị đã quán triệt sâu sắc nội dung chỉ thị và thống nhất kế hoạch thực hiện.

Tin: Thu Hà
"""
    files = [
        write(tmp_path, "a.txt", report(date="10/1/2025")),
        write(tmp_path, "b.txt", quan_triet),
        write(tmp_path, "c.txt", report(date="12/12/2025")),
    ]
    summary = import_paths(files, root=org.region, workers=1)
    assert summary.items == {ItemStatus.APPLIED: 3}
    recipient = Recipient.objects.get(document=directive, body=org.brigade)
    assert recipient.step == Step.DISSEMINATED
    link = ConferenceDocument.objects.get(document=directive)
    assert link.recipient == recipient and link.conference.kind == "quan_triet"
    for item in ImportItem.objects.all():  # every report keeps its links, before and after
        assert item.links.filter(kind="conference").count() == 1
        assert item.conference is not None


def test_a_person_chosen_then_deleted_is_refused_on_confirm_and_nothing_is_written(tmp_path, org):
    _summary, item, index, twin = import_with_namesake(tmp_path, org)
    item_choose(item=item, kind="people", index=index, choice=twin.pk, user=None)
    Person.objects.filter(pk=twin.pk).delete()
    with pytest.raises(ValidationError) as refused:
        item_confirm(item=item, user=None)
    assert "Nguyễn Văn An" in refused.value.messages[0]
    assert not Conference.objects.exists() and not Participant.objects.exists()
    item.refresh_from_db()
    assert item.status == ItemStatus.NEEDS_REVIEW
