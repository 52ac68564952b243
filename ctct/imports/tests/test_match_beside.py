"""Matching beside the extraction: a worker's copy of the run's matcher decides ahead, and the
writing process keeps those decisions only where its own matcher has not changed since."""

from __future__ import annotations

import copy
import os

import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from ctct.conferences.models import Participant
from ctct.imports import bulk, ingest, match_beside, matching, tasks, upload
from ctct.imports.apply import Writer
from ctct.imports.models import ImportBatch, ImportItem, ItemStatus
from ctct.imports.prepare import prepare
from ctct.imports.tests.test_bulk_writes import _as_html, _stored
from ctct.imports.tests.test_services import BRIGADE_REPORT, report, write
from ctct.people.models import Person

pytestmark = pytest.mark.django_db

# Names Lê Văn Mới, whom BRIGADE_REPORT introduces (nobody of that name is on record before).
LATER_REPORT = report(
    date="12/12/2025",
    extra="Thượng tá Lê Văn Mới, Phó Chính ủy Lữ đoàn trình bày báo cáo tổng hợp.",
)


def _matcher(org) -> matching.Matcher:
    matcher = matching.Matcher(org.region)
    matcher.preload_people()
    matcher.preload_documents()
    return matcher


def _people(matches: dict) -> dict[str, dict]:
    return {m["key"].split("|")[0]: m for m in matches["people"]}


def test_a_decision_made_ahead_is_kept_for_untouched_names_and_made_again_for_changed_ones(
    tmp_path, org
):
    live = _matcher(org)
    snapshot = copy.deepcopy(live)  # what a worker process forked now holds
    later = prepare("later.txt", LATER_REPORT.encode())
    ahead = ingest.match_ahead(later.record, snapshot, text=later.text)
    assert _people(ahead)["Lê Văn Mới"]["decision"] == matching.NEW  # nobody on record yet

    # the run applies the first report, which creates Lê Văn Mới
    batch = ImportBatch.objects.create(root=org.region, source="command")
    writer = Writer(remember=True)
    with transaction.atomic():
        first = prepare("first.txt", BRIGADE_REPORT.encode())
        ingest.ingest(first, batch=batch, order=0, matcher=live, writer=writer)
        writer.flush()
    created = Person.objects.get(full_name="Lê Văn Mới")
    assert live.is_changed("Lê Văn Mới") and not live.is_changed("Bùi Hữu Ba")

    got = ingest.match_record(later.record, live, text=later.text, ahead=ahead)
    people = _people(got)
    assert people["Lê Văn Mới"]["decision"] == matching.MATCHED
    assert people["Lê Văn Mới"]["object_id"] == created.pk
    assert people["Bùi Hữu Ba"] is _people(ahead)["Bùi Hữu Ba"]  # kept as decided ahead
    assert got == ingest.match_record(later.record, live, text=later.text)


def test_only_a_forked_worker_matches_ahead_and_only_after_the_run_starts(org, monkeypatch):
    data = BRIGADE_REPORT.encode()
    assert match_beside.prepare_and_match("a.txt", data).ahead is None  # no run
    match_beside.start(_matcher(org))
    try:
        # the importing process matches for itself
        assert match_beside.prepare_and_match("a.txt", data).ahead is None
        monkeypatch.setattr(match_beside, "_importer_pid", os.getpid() + 1)  # as in a worker
        p = match_beside.prepare_and_match("a.txt", data)
    finally:
        match_beside.stop()
    assert p.ahead["organizer"]["object_id"] == org.brigade.pk
    assert _people(p.ahead)["Bùi Hữu Ba"]["object_id"] == org.commissar.pk
    assert len(p.ahead["people"]) == len(p.record["people"])
    # a refused file is not matched
    match_beside.start(_matcher(org))
    try:
        assert match_beside.prepare_and_match("b.txt", b"").ahead is None
    finally:
        match_beside.stop()


def test_a_bulk_import_in_two_worker_processes_stores_what_one_process_stores(tmp_path, org):
    files = [
        write(tmp_path, "1.txt", BRIGADE_REPORT),
        write(tmp_path, "2.html", _as_html(BRIGADE_REPORT)),
        write(tmp_path, "3.txt", LATER_REPORT),  # names the person report 1 creates
        write(tmp_path, "4.txt", report(date="2/7/2024", organizer="Đảng ủy Vùng Đất Lạ")),
    ]
    stored = []
    for workers in (1, 2):
        with transaction.atomic():
            summary = bulk.import_paths(files, root=org.region, workers=workers)
            stored.append((summary.items, _stored()))
            transaction.set_rollback(True)
    assert stored[0] == stored[1]
    assert stored[0][0] == {
        ItemStatus.APPLIED: 2,
        ItemStatus.DUPLICATE: 1,
        ItemStatus.NEEDS_REVIEW: 1,
    }


def test_a_bulk_import_reads_back_nothing_of_its_own_items(tmp_path, org, monkeypatch):
    """Items written by earlier chunks of the same run are known in memory: the duplicate
    check asks the database for none of their sentences."""
    monkeypatch.setattr(bulk, "CHUNK", 1)
    paras = BRIGADE_REPORT.split("\n\n")
    # shares half of 1's sentences: a candidate to compare, but not a copy
    near = [
        *paras[:2],
        "Hội nghị đã thảo luận, đóng góp nhiều ý kiến tâm huyết vào dự thảo báo cáo. Các đại "
        "biểu thống nhất cao với phương hướng, nhiệm vụ 6 tháng cuối năm của Lữ đoàn.",
        "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được khen thưởng. Lữ đoàn "
        "cũng phát động đợt thi đua cao điểm chào mừng các ngày lễ lớn.",
        paras[-1],
    ]
    files = [
        write(tmp_path, "1.txt", BRIGADE_REPORT),
        write(tmp_path, "2.txt", LATER_REPORT),
        write(tmp_path, "3.txt", "\n\n".join(near)),
        write(tmp_path, "4.html", _as_html(BRIGADE_REPORT)),  # a copy of 1, chunks later
    ]
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        summary = bulk.import_paths(files, root=org.region, workers=1)
    assert summary.items == {ItemStatus.APPLIED: 3, ItemStatus.DUPLICATE: 1}
    assert ImportItem.objects.get(filename="4.html").duplicate_of.filename == "1.txt"
    selects = [q["sql"].split(" FROM ")[0] for q in ctx.captured_queries]
    assert not [s for s in selects if s.startswith("SELECT") and "sentence_hashes" in s]
    assert (
        Participant.objects.filter(full_name="Lê Văn Mới").values("person").distinct().count() == 1
    )


def _upload(org, users, tmp_path, members: dict[str, str]):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    files = [SimpleUploadedFile("reports.zip", buf.getvalue(), "application/zip")]
    return tasks.upload_start(root=org.region, user=users.officer, files=files)


def test_background_tasks_write_their_reports_together_and_know_the_copies_among_them(
    org, users, settings, tmp_path, run_worker, monkeypatch
):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    monkeypatch.setattr(upload, "QUEUE_CHUNK", 3)
    batch = _upload(
        org,
        users,
        tmp_path,
        {
            "1.txt": BRIGADE_REPORT,
            "2.html": _as_html(BRIGADE_REPORT),  # a copy, in the same task
            "3.txt": LATER_REPORT,  # names the person 1 creates
            "4.txt": report(date="2/7/2024"),  # the next task
        },
    )
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.processed) == ("done", 4, 4)
    status = dict(batch.items.values_list("filename", "status"))
    assert status == {
        "reports.zip/1.txt": "applied",
        "reports.zip/2.html": "duplicate",
        "reports.zip/3.txt": "applied",
        "reports.zip/4.txt": "applied",
    }
    assert batch.items.get(filename="reports.zip/2.html").duplicate_of.filename.endswith("1.txt")
    assert Person.objects.filter(full_name="Lê Văn Mới").count() == 1


def test_a_report_that_breaks_its_task_fails_alone_and_the_others_are_written(
    org, users, settings, tmp_path, run_worker, monkeypatch
):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    from ctct.imports import apply

    real = apply.apply_item

    def breaks_on_3(item, **kwargs):
        if item.filename.endswith("3.txt"):
            raise RuntimeError("boom")
        return real(item, **kwargs)

    monkeypatch.setattr(ingest, "apply_item", breaks_on_3)
    batch = _upload(
        org,
        users,
        tmp_path,
        {"1.txt": BRIGADE_REPORT, "3.txt": LATER_REPORT, "4.txt": report(date="2/7/2024")},
    )
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.processed) == ("done", 3)
    status = dict(batch.items.values_list("filename", "status"))
    assert status == {
        "reports.zip/1.txt": "applied",
        "reports.zip/3.txt": "failed",
        "reports.zip/4.txt": "applied",
    }
    assert batch.items.get(filename="reports.zip/3.txt").matches["error"]["params"] == {
        "error": "boom"
    }
