"""Import services through their public functions, on the shared small tree (conftest.org)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ctct.conferences.models import Conference, Participant
from ctct.documents.models import Document
from ctct.imports import bulk, review, tasks
from ctct.imports.models import BatchStatus, BodyAlias, ImportItem, ImportLink, ItemStatus
from ctct.people.models import Person, RankRecord

pytestmark = pytest.mark.django_db

BRIGADE_REPORT = """Sơ kết 6 tháng đầu năm 2025 công tác lãnh đạo

Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025 lãnh đạo \
thực hiện nhiệm vụ. Thiếu tướng Trần Chí Tâm, Ủy viên Đảng ủy Quân khu 8, Bí thư Đảng ủy Cục \
Chính trị, Phó Chủ nhiệm Chính trị Quân khu 8 dự và chỉ đạo hội nghị. Đại tá Bùi Hữu Ba, Bí \
thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị.

Thượng tá Lê Văn Mới, Phó Chính ủy Lữ đoàn trình bày báo cáo sơ kết. Báo cáo nêu rõ, 6 tháng \
đầu năm 2025, Đảng ủy Lữ đoàn đã lãnh đạo quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của \
Ban Thường vụ Đảng ủy Quân khu, hoàn thành tốt các chỉ tiêu, nhiệm vụ được giao.

Phát biểu chỉ đạo hội nghị, Thiếu tướng Trần Chí Tâm ghi nhận những kết quả đơn vị đạt được \
và yêu cầu Đảng ủy Lữ đoàn tiếp tục nâng cao chất lượng công tác đảng, công tác chính trị.

Tin, ảnh: Hoàng Nam
"""


def report(
    *,
    date="20/6/2025",
    organizer="Đảng ủy Lữ đoàn 657",
    chair="Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn",
    extra="",
):
    return f"""Hội nghị sơ kết công tác đảng

Ngày {date}, {organizer} tổ chức Hội nghị sơ kết 6 tháng đầu năm {date[-4:]} lãnh đạo \
thực hiện nhiệm vụ. {chair} chủ trì hội nghị. {extra}

Hội nghị đã đánh giá toàn diện kết quả lãnh đạo thực hiện nhiệm vụ chính trị của đơn vị \
trong 6 tháng đầu năm và thống nhất phương hướng, nhiệm vụ 6 tháng cuối năm.

Tin: Thu Hà
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(tmp_path, org, *files, user=None):
    return bulk.import_paths(files, root=org.region, user=user, workers=1)


def test_a_report_becomes_a_conference_with_people_matched_created_and_documents_registered(
    tmp_path, org
):
    summary = run(tmp_path, org, write(tmp_path, "a.txt", BRIGADE_REPORT))
    assert summary.items == {ItemStatus.APPLIED: 1}
    item = ImportItem.objects.get()
    conf = item.conference
    assert (conf.body, conf.kind, conf.held_on, conf.period) == (
        org.brigade,
        "so_ket",
        dt.date(2025, 6, 20),
        "2025-H1",
    )
    roles = {(p.full_name, p.role): p.person for p in conf.participants.all()}
    assert roles[("Bùi Hữu Ba", "chair")] == org.commissar
    assert roles[("Trần Chí Tâm", "directed")] == org.deputy
    new = roles[("Lê Văn Mới", "reported")]
    assert new is not None and new.body == org.brigade and new.rank == "Thượng tá"
    assert new.positions.get().title == "Phó Chính ủy"
    doc = Document.objects.get()
    assert doc.citation.startswith("Chỉ thị số 2889-CT/ĐU")
    assert doc.issued_on == dt.date(2024, 9, 10)
    links = set(ImportLink.objects.values_list("kind", "object_id", "action"))
    assert ("conference", conf.pk, "created") in links
    assert ("person", org.commissar.pk, "matched") in links
    assert ("person", new.pk, "created") in links
    assert ("document", doc.pk, "created") in links


def test_importing_the_same_report_twice_creates_nothing_new_and_says_so(tmp_path, org):
    path = write(tmp_path, "a.txt", BRIGADE_REPORT)
    run(tmp_path, org, path)
    counts = (Conference.objects.count(), Person.objects.count(), Participant.objects.count())
    again = run(tmp_path, org, path)
    assert again.skipped == 1 and sum(again.items.values()) == 0
    # the same article saved as a web page: a duplicate item pointing at the first
    html = "<html><head><title>QĐND</title></head><body><nav>Trang chủ | Tin tức</nav>"
    html += "".join(f"<p>{para}</p>" for para in BRIGADE_REPORT.split("\n\n"))
    html += "<footer>Bản quyền thuộc Báo Quân đội nhân dân</footer></body></html>"
    third = run(tmp_path, org, write(tmp_path, "a.html", html))
    assert third.items == {ItemStatus.DUPLICATE: 1}
    dup = ImportItem.objects.get(status=ItemStatus.DUPLICATE)
    assert dup.duplicate_of.status == ItemStatus.APPLIED
    assert dup.conference == dup.duplicate_of.conference
    assert counts == (
        Conference.objects.count(),
        Person.objects.count(),
        Participant.objects.count(),
    )


def test_a_promotion_between_reports_still_matches_the_same_person(tmp_path, org):
    later = report(
        date="22/12/2026",
        chair="Thiếu tướng Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657",
    )
    summary = run(tmp_path, org, write(tmp_path, "b.txt", later))
    assert summary.items == {ItemStatus.APPLIED: 1}
    chair = Participant.objects.get(role="chair")
    assert chair.person == org.commissar
    assert chair.rank == "Thiếu tướng"
    org.commissar.refresh_from_db()
    assert org.commissar.rank == "Thiếu tướng"
    assert RankRecord.objects.filter(person=org.commissar, rank="Thiếu tướng").exists()


def test_a_rank_the_person_had_already_passed_means_a_namesake(tmp_path, org):
    # Bùi Hữu Ba has been a colonel since 2021: a captain of that name in 2024 is someone else.
    text = report(date="20/6/2024", chair="Đại úy Bùi Hữu Ba, Bí thư Chi bộ Đại đội 1")
    run(tmp_path, org, write(tmp_path, "c.txt", text))
    chair = Participant.objects.get(role="chair")
    assert chair.person is not None and chair.person != org.commissar
    m = ImportItem.objects.get().matches["people"][0]
    assert m["decision"] == "new"
    assert [r["code"] for r in m["reasons"]][0] == "all_conflict"


def import_with_namesake(tmp_path, org):
    """A report naming Trung úy Nguyễn Văn An when two people of that rank carry the name:
    the summary, the item, the mention's index and the second namesake."""
    from ctct.people.services import person_create

    twin = person_create(
        full_name="Nguyễn Văn An",
        body=org.other_cell,
        rank="Trung úy",
        rank_conferred_on=dt.date(2023, 1, 1),
    )
    text = report(extra="Trung úy Nguyễn Văn An phát biểu tham luận tại hội nghị.")
    summary = run(tmp_path, org, write(tmp_path, "d.txt", text))
    item = ImportItem.objects.get()
    index = next(i for i, p in enumerate(item.record["people"]) if p["name"] == "Nguyễn Văn An")
    return summary, item, index, twin


def test_namesakes_the_report_cannot_tell_apart_wait_for_a_person_to_choose(tmp_path, org):
    summary, item, index, twin = import_with_namesake(tmp_path, org)
    assert summary.items == {ItemStatus.NEEDS_REVIEW: 1}
    assert not Conference.objects.exists()  # nothing touches the records until confirmed
    m = item.matches["people"][index]
    assert m["decision"] == "review"
    assert {c["id"] for c in m["candidates"]} == {org.cell_member.pk, twin.pk}
    with pytest.raises(ValidationError):
        review.item_confirm(item=item, user=None)
    review.item_choose(item=item, kind="people", index=index, choice=twin.pk, user=None)
    item = review.item_confirm(item=item, user=None)
    assert item.status == ItemStatus.APPLIED
    assert Participant.objects.get(role="spoke").person == twin


def test_an_organizer_not_in_the_tree_is_chosen_once_and_learned_as_an_alias(tmp_path, org):
    text = report(organizer="Đảng ủy Lữ đoàn Công binh 657")
    run(tmp_path, org, write(tmp_path, "e.txt", text))
    item = ImportItem.objects.get()
    assert item.status == ItemStatus.NEEDS_REVIEW
    assert item.matches["organizer"]["decision"] == "unresolved"
    with pytest.raises(ValidationError):  # a body outside the import's root
        review.item_choose(item=item, kind="organizer", index=0, choice=org.province.pk, user=None)
    review.item_choose(item=item, kind="organizer", index=0, choice=org.brigade.pk, user=None)
    assert review.item_confirm(item=item, user=None).conference.body == org.brigade
    assert BodyAlias.objects.filter(body=org.brigade).exists()
    # the next report written that way finds the brigade by itself
    run(
        tmp_path,
        org,
        write(
            tmp_path, "f.txt", report(organizer="Đảng ủy Lữ đoàn Công binh 657", date="20/12/2025")
        ),
    )
    assert ImportItem.objects.order_by("-id").first().status == ItemStatus.APPLIED


def test_a_bad_file_gets_its_reason_and_never_stops_the_batch(tmp_path, org):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("good.txt", BRIGADE_REPORT)
        z.writestr("../../etc/passwd.txt", "root:x:0:0")
        z.writestr("broken.docx", b"PK\x03\x04 not a real docx")
        z.writestr(
            "flood.txt",
            "Bộ đội giúp dân khắc phục hậu quả lũ lụt\n\nSáng nay, hàng trăm cán bộ, chiến sĩ "
            "đã giúp người dân dọn dẹp nhà cửa, trường học sau trận lũ lịch sử vừa qua.",
        )
    archive = tmp_path / "batch.zip"
    archive.write_bytes(buf.getvalue())
    summary = run(tmp_path, org, archive)
    assert summary.items[ItemStatus.APPLIED] == 1
    assert summary.items[ItemStatus.FAILED] == 3
    reasons = {name.rsplit("/", 1)[-1]: code for name, code, _p in summary.failures}
    assert reasons["broken.docx"] == "bad_docx"
    assert reasons["flood.txt"] == "not_conference"
    assert any(code == "unsafe_path" for code in reasons.values())
    # the failed items hold nothing half-made
    assert Conference.objects.count() == 1


def test_an_interrupted_import_resumes_with_nothing_lost_or_duplicated(tmp_path, org, monkeypatch):
    files = [
        write(tmp_path, f"r{i}.txt", report(date=f"{10 + i}/6/2025", organizer=org_name))
        for i, org_name in enumerate(
            ["Đảng ủy Lữ đoàn 657", "Chi bộ Đại đội 1", "Chi bộ Đại đội 2", "Lữ đoàn 657"]
        )
    ]
    real_ingest = bulk.ingest
    calls = {"n": 0}

    def crash_on_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the process dies in the middle of a report
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(bulk, "ingest", crash_on_third)
    monkeypatch.setattr(bulk, "CHUNK", 1)  # commit each report: the first two stay
    with pytest.raises(KeyboardInterrupt):
        bulk.import_paths([tmp_path], root=org.region, workers=1)
    assert Conference.objects.count() == 2
    monkeypatch.setattr(bulk, "ingest", real_ingest)
    summary = bulk.import_paths([tmp_path], root=org.region, workers=1)
    assert summary.skipped == 2 and summary.items == {ItemStatus.APPLIED: 2}
    assert Conference.objects.count() == 4
    assert ImportItem.objects.count() == len(files)


def test_an_upload_runs_as_a_background_job_and_the_request_does_not_wait(
    org, users, settings, tmp_path, run_worker
):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("2025/one.txt", BRIGADE_REPORT)
        z.writestr("2025/two.txt", report(organizer="Chi bộ Đại đội 1", date="19/6/2025"))
    files = [SimpleUploadedFile("reports.zip", buf.getvalue(), "application/zip")]
    batch = tasks.upload_start(root=org.region, user=users.officer, files=files)
    assert batch.status == BatchStatus.QUEUED and not batch.items.exists()
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.processed) == (BatchStatus.DONE, 2, 2)
    assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.APPLIED}
    assert batch.items.get(order=0).filename == "reports.zip/2025/one.txt"


def test_a_pasted_report_keeps_its_name_whatever_it_holds(
    org, users, settings, tmp_path, run_worker
):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    name = "Báo QĐND 21/6 — " + "rất dài " * 60
    tasks.upload_start(
        root=org.region, user=users.officer, files=[], pasted_text=BRIGADE_REPORT, pasted_name=name
    )
    run_worker()
    item = ImportItem.objects.get()
    assert item.filename == " ".join(name.split())[:255]
    assert item.status == ItemStatus.APPLIED


def test_an_upload_over_the_limit_is_refused_before_anything_is_stored(
    org, users, settings, tmp_path
):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    settings.CTCT_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * (2 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError):
        tasks.upload_start(root=org.region, user=users.officer, files=[big])
    with pytest.raises(ValidationError):
        tasks.upload_start(root=org.region, user=users.officer, files=[])
    assert not (tmp_path / "imports").exists() or not any((tmp_path / "imports").iterdir())


def test_an_award_read_from_a_report_lands_in_ratings_announced_at_the_conference(tmp_path, org):
    from ctct.ratings.models import Award, AwardDecision

    extra = "Dịp này, Ban Thường vụ Đảng ủy Quân khu tặng Bằng khen cho 12 tổ chức đảng, đảng viên."
    run(tmp_path, org, write(tmp_path, "a.txt", report(extra=extra)))
    item = ImportItem.objects.get(status=ItemStatus.APPLIED)
    award = Award.objects.select_related("decision").get()
    d = award.decision
    assert (d.conference, d.state, d.year) == (
        item.conference,
        AwardDecision.State.ANNOUNCED,
        2025,
    )
    assert d.giver_name.endswith("Ban Thường vụ Đảng ủy Quân khu") and d.kind_name == "Bằng khen"
    assert d.giver is None and d.kind is None
    assert award.source == Award.Source.IMPORTED and "12 tổ chức đảng" in award.recipient_name
    links = set(ImportLink.objects.values_list("kind", "object_id", "action"))
    assert ("award", award.pk, "created") in links
