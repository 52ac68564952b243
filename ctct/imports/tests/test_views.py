"""The import pages through the test client: upload, progress, the review queue, the review
of one report (edit, choose, confirm, discard), and the scope on every one of them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ctct.conferences.models import Conference, Participant
from ctct.imports.forms import MSG_ROWS_CHANGED, review_forms
from ctct.imports.models import BatchStatus, ImportBatch, ImportItem, ItemStatus
from ctct.imports.tests.factories import import_report

pytestmark = pytest.mark.django_db


def report(*, date="20/6/2025", organizer="Đảng ủy Lữ đoàn 657", extra="", chair=None):
    chair = chair or "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn"
    return f"""Hội nghị sơ kết công tác đảng

Ngày {date}, {organizer} tổ chức Hội nghị sơ kết 6 tháng đầu năm {date[-4:]} lãnh đạo \
thực hiện nhiệm vụ. {chair} chủ trì hội nghị. {extra}

Hội nghị đã đánh giá toàn diện kết quả lãnh đạo thực hiện nhiệm vụ chính trị của đơn vị \
trong 6 tháng đầu năm và thống nhất phương hướng, nhiệm vụ 6 tháng cuối năm, quán triệt \
Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của Ban Thường vụ Đảng ủy Quân khu.

Tin: Thu Hà
"""


SPEAKER = "Trung úy Nguyễn Văn An phát biểu tham luận tại hội nghị."


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    return settings.CTCT_IMPORT_DIR


def txt(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), "text/plain")


def zipped(name: str, members: dict[str, str]) -> SimpleUploadedFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for member, text in members.items():
            z.writestr(member, text)
    return SimpleUploadedFile(name, buf.getvalue(), "application/zip")


@pytest.fixture
def english(client, settings):
    """The interface in English (the language switch's cookie), to read the messages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def upload(client, org, *, files=(), text="", name="", token="t-1", root=None, **extra):
    return client.post(
        reverse("imports:index"),
        {
            "root": (root or org.region).pk,
            "files": list(files),
            "pasted_text": text,
            "pasted_name": name,
            "form_token": token,
        },
        **extra,
    )


@pytest.fixture
def twin(org):
    """A second Trung úy Nguyễn Văn An (the first is in Đại đội 1): a report naming him cannot
    tell them apart."""
    from ctct.people.services import person_create

    return person_create(
        full_name="Nguyễn Văn An",
        body=org.other_cell,
        rank="Trung úy",
        rank_conferred_on=dt.date(2023, 1, 1),
    )


@pytest.fixture
def waiting(org, twin) -> ImportItem:
    """A report waiting for review: which Nguyễn Văn An spoke?"""
    item = import_report(root=org.region, text=report(extra=SPEAKER))
    assert item.status == ItemStatus.NEEDS_REVIEW
    return item


def person_index(item: ImportItem, name: str) -> int:
    return next(i for i, p in enumerate(item.record["people"]) if p["name"] == name)


def review_data(record: dict) -> dict:
    """The review form as the page sends it when nothing is changed."""
    event, people, documents = review_forms(record)
    data = {}
    for name, field in event.fields.items():
        value = event.initial.get(name, field.initial)
        data[event.add_prefix(name)] = "" if value is None else value
    for fs in (people, documents):
        mf = fs.management_form
        for name in mf.fields:
            data[mf.add_prefix(name)] = mf.initial.get(name, 0)
        for form in fs.forms:
            for name, field in form.fields.items():
                if name == "DELETE":
                    continue
                value = form.initial.get(name, field.initial)
                if value is None:
                    value = [] if name == "roles" else ""  # no box ticked: nothing sent
                data[form.add_prefix(name)] = value
    return data


# --- the upload and the list ----------------------------------------------------------------
def test_an_upload_of_two_text_files_and_a_zip_creates_one_queued_batch_and_the_worker_reads_it(
    run_worker, client, org, users
):
    from django_tasks_db.models import DBTaskResult

    client.force_login(users.officer)
    files = [
        txt("one.txt", report()),
        txt("two.txt", report(organizer="Chi bộ Đại đội 1", date="19/6/2025")),
        zipped(
            "more.zip",
            {
                "a.txt": report(organizer="Chi bộ Đại đội 2", date="18/6/2025"),
                "b.txt": report(organizer="Đảng ủy Cục Chính trị", date="17/6/2025"),
            },
        ),
    ]
    r = upload(client, org, files=files)
    batch = ImportBatch.objects.get()
    assert r.status_code == 302 and r["Location"] == batch.get_absolute_url()
    assert (batch.status, batch.root, batch.created_by) == (
        BatchStatus.QUEUED,
        org.region,
        users.officer,
    )
    assert not batch.items.exists()  # the request did not read anything
    assert DBTaskResult.objects.count() == 1
    assert not Conference.objects.exists()

    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.processed) == (BatchStatus.DONE, 4, 4)
    page = client.get(batch.get_absolute_url()).content.decode()
    for name in ("one.txt", "two.txt", "more.zip/a.txt", "more.zip/b.txt"):
        assert name in page
    listing = client.get(reverse("imports:index")).content.decode()
    assert batch.get_absolute_url() in listing


def test_pasted_text_becomes_a_batch_of_one_report(run_worker, client, org, users):
    client.force_login(users.officer)
    r = upload(client, org, text=report(), name="Báo QĐND 21/6")
    batch = ImportBatch.objects.get()
    assert r.status_code == 302 and batch.source == "paste"
    run_worker()
    item = batch.items.get()
    assert item.filename == "Báo QĐND 21/6"
    assert item.status == ItemStatus.APPLIED


def test_a_double_post_of_the_upload_creates_one_batch(client, org, users):
    client.force_login(users.officer)
    first = upload(client, org, files=[txt("one.txt", report())], token="same")
    second = upload(client, org, files=[txt("one.txt", report())], token="same")
    assert ImportBatch.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_an_upload_with_neither_file_nor_text_is_refused_with_a_message(
    english, client, org, users
):
    client.force_login(users.officer)
    r = upload(client, org)
    assert r.status_code == 200
    assert "Choose at least one file or paste the text of a report." in r.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_refused_file_keeps_the_pasted_text_and_stores_nothing(
    english, client, org, users, settings
):
    settings.CTCT_MAX_UPLOAD_MB = 1
    client.force_login(users.officer)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * (2 * 1024 * 1024), "application/pdf")
    bad = txt("notes.exe", "x")
    r = client.post(
        reverse("imports:index"),
        {
            "root": org.region.pk,
            "files": [big, bad],
            "pasted_text": "Ngày 20/6/2025, Chi bộ Đại đội 1 tổ chức hội nghị <b>x</b>",
            "pasted_name": "Bản tin",
            "form_token": "t",
        },
    )
    page = r.content.decode()
    assert r.status_code == 200
    assert "big.pdf" in page and "notes.exe" in page  # both named in the errors
    assert "Ngày 20/6/2025, Chi bộ Đại đội 1 tổ chức hội nghị &lt;b&gt;x&lt;/b&gt;" in page
    assert 'value="Bản tin"' in page
    assert not ImportBatch.objects.exists()


def test_a_body_outside_the_users_reach_cannot_be_chosen_as_the_import_root(client, org, users):
    client.force_login(users.officer)
    r = upload(client, org, text=report(), root=org.province)
    assert r.status_code == 200 and not ImportBatch.objects.exists()


# --- progress -------------------------------------------------------------------------------
def test_the_progress_block_polls_while_the_batch_runs_and_reloads_the_page_when_done(
    run_worker, client, org, users
):
    client.force_login(users.officer)
    upload(client, org, files=[txt("one.txt", report())])
    batch = ImportBatch.objects.get()
    url = reverse("imports:progress", args=[batch.pk])
    running = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert "HX-Refresh" not in running
    assert 'hx-trigger="every 2s"' in client.get(batch.get_absolute_url()).content.decode()

    run_worker()
    done = client.get(url + "?polling=1", HTTP_HX_REQUEST="true")
    assert "every 2s" not in done.content.decode()
    assert done["HX-Refresh"] == "true"
    assert 'aria-valuenow="100"' in done.content.decode()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "every 2s" not in page and "one.txt" in page


def test_the_batch_page_filters_by_status_and_shows_why_a_file_failed(
    english, run_worker, client, org, users
):
    client.force_login(users.officer)
    upload(
        client,
        org,
        files=[txt("one.txt", report()), SimpleUploadedFile("broken.docx", b"PK\x03\x04 no")],
    )
    run_worker()
    batch = ImportBatch.objects.get()
    failed = batch.items.get(status=ItemStatus.FAILED)
    assert failed.filename == "broken.docx"
    page = client.get(batch.get_absolute_url() + "?status=failed").content.decode()
    assert "<td>broken.docx</td>" in page and "<td>one.txt</td>" not in page
    assert "is not a Word document" in page  # the reason in words, not its code
    applied = client.get(batch.get_absolute_url() + "?status=applied").content.decode()
    conf = batch.items.get(status=ItemStatus.APPLIED).conference
    assert "<td>one.txt</td>" in applied and conf.get_absolute_url() in applied


# --- scope ------------------------------------------------------------------------------------
def test_a_user_of_another_branch_gets_404_on_every_page_and_post_of_an_import(
    client, org, users, waiting
):
    client.force_login(users.provincial)
    batch = waiting.batch
    before = (waiting.record, waiting.matches, waiting.status)
    for url in (
        reverse("imports:batch", args=[batch.pk]),
        reverse("imports:progress", args=[batch.pk]),
        reverse("imports:item", args=[waiting.pk]),
    ):
        assert client.get(url).status_code == 404, url
    data = {**review_data(waiting.record), "kind": "people", "index": 0, "choice": "new"}
    for name in ("item", "choose", "confirm", "discard"):
        url = reverse(f"imports:{name}", args=[waiting.pk])
        assert client.post(url, data).status_code == 404, url
    waiting.refresh_from_db()
    assert (waiting.record, waiting.matches, waiting.status) == before
    assert not Conference.objects.exists()
    # the province's own lists do not show the region's import
    assert batch.get_absolute_url() not in client.get(reverse("imports:index")).content.decode()
    queue = client.get(reverse("imports:review")).content.decode()
    assert waiting.get_absolute_url() not in queue


def test_a_viewer_has_no_import_pages_and_no_menu_link(client, org, users):
    client.force_login(users.viewer)
    assert client.get(reverse("imports:index")).status_code == 404
    assert client.get(reverse("imports:review")).status_code == 404
    assert reverse("imports:index") not in client.get(reverse("home")).content.decode()
    client.force_login(users.officer)
    assert reverse("imports:index") in client.get(reverse("home")).content.decode()


def test_a_cell_secretary_sees_only_the_imports_of_the_cell(client, org, users, waiting):
    client.force_login(users.secretary)
    assert client.get(waiting.get_absolute_url()).status_code == 404  # imported for the region
    r = upload(client, org, text=report(organizer="Chi bộ Đại đội 1"), root=org.cell)
    assert r.status_code == 302
    own = ImportBatch.objects.get(root=org.cell)
    assert client.get(own.get_absolute_url()).status_code == 200


# --- the review queue -------------------------------------------------------------------------
def test_the_review_queue_lists_the_reports_waiting_in_the_users_reach(client, org, users, waiting):
    client.force_login(users.officer)
    page = client.get(reverse("imports:review")).content.decode()
    assert waiting.get_absolute_url() in page
    listing = client.get(reverse("imports:index")).content.decode()
    assert reverse("imports:review") in listing


# --- the review of one report ---------------------------------------------------------------
def test_the_review_page_marks_every_extracted_item_in_the_text_and_links_it_to_its_row(
    client, org, users, waiting
):
    client.force_login(users.officer)
    page = client.get(waiting.get_absolute_url()).content.decode()
    an = person_index(waiting, "Nguyễn Văn An")
    for cls in ("hl-person", "hl-rank", "hl-position", "hl-organizer", "hl-date", "hl-document"):
        assert f'<mark class="hl {cls}' in page, cls
    assert f'<a href="#person-{an}"' in page and f'id="person-{an}"' in page
    assert 'href="#event-organizer"' in page and 'id="event-organizer"' in page
    assert 'href="#document-0"' in page and 'id="document-0"' in page
    # the candidates for the uncertain mention, with why
    assert 'name="choice"' in page
    assert "Đại đội 1" in page and "Đại đội 2" in page


def test_the_review_page_marks_the_fields_the_reader_was_unsure_of_and_its_notes(
    client, org, users, waiting
):
    from ctct.imports.templatetags.imports import MSG_NOT_READ, MSG_UNCERTAIN, NOTE_TEXTS

    record = dict(waiting.record)
    record["event"] = {
        **record["event"],
        "confidence": {"date": 1.0, "kind": 0.95, "period": 0.0, "organizer": 0.6},
    }
    record["notes"] = [{"code": "year_uncertain", "message": "the year is not certain"}]
    ImportItem.objects.filter(pk=waiting.pk).update(record=record)
    client.force_login(users.officer)
    with translation.override("en"):
        page = client.get(waiting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        organizer = page.split('id="event-organizer"', 1)[1].split("</div>", 1)[0]
        assert str(MSG_UNCERTAIN % {"percent": 60}) in organizer
        period = page.split('id="event-period"', 1)[1].split("</div>", 1)[0]
        assert str(MSG_NOT_READ) in period
        date = page.split('id="event-date"', 1)[1].split("</div>", 1)[0]
        assert 'class="uncertain"' not in date
        assert str(NOTE_TEXTS["year_uncertain"]) in page


def test_the_review_page_escapes_what_the_report_says(client, org, users):
    text = report(extra="Trung úy Lê Văn <script>x</script> dự.")
    item = import_report(root=org.region, text=text)
    client.force_login(users.officer)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_saving_the_review_corrects_a_person_and_matches_again_without_touching_the_records(
    client, org, users, waiting
):
    client.force_login(users.officer)
    an = person_index(waiting, "Nguyễn Văn An")
    data = review_data(waiting.record)
    data[f"people-{an}-name"] = "Lê Thị Hoa"
    data[f"people-{an}-rank"] = "Thượng úy"
    data[f"people-{an}-positions"] = "Trợ lý Tuyên huấn"
    data[f"people-{an}-roles"] = ["spoke"]
    r = client.post(waiting.get_absolute_url(), data)
    assert r.status_code == 302
    waiting.refresh_from_db()
    hoa = waiting.record["people"][an]
    assert (hoa["name"], hoa["rank"], hoa["positions"], hoa["roles"]) == (
        "Lê Thị Hoa",
        "Thượng úy",
        ["Trợ lý Tuyên huấn"],
        ["spoke"],
    )
    assert hoa["spans"] == []  # the name is not in the text: nothing to mark
    # the matcher ran again on the corrected mention
    assert waiting.matches["people"][an]["decision"] != "review" or {
        c["id"] for c in waiting.matches["people"][an]["candidates"]
    } == {org.other_member.pk}
    assert waiting.status == ItemStatus.NEEDS_REVIEW
    assert not Conference.objects.exists() and not Participant.objects.exists()


def test_saving_the_review_adds_and_removes_people_and_documents(client, org, users, waiting):
    client.force_login(users.officer)
    record = waiting.record
    an = person_index(waiting, "Nguyễn Văn An")
    n_people = len(record["people"])
    data = review_data(record)
    data[f"people-{an}-DELETE"] = "on"
    data[f"people-{n_people}-name"] = "Bùi Hữu Ba"  # first empty row
    data[f"people-{n_people}-roles"] = ["attended"]
    data["documents-0-DELETE"] = "on"
    n_docs = len(record["documents"])
    data[f"documents-{n_docs}-type"] = "Nghị quyết"
    data[f"documents-{n_docs}-number"] = "88"
    data[f"documents-{n_docs}-symbol"] = "NQ/ĐU"
    data[f"documents-{n_docs}-date"] = "02/01/2025"
    r = client.post(waiting.get_absolute_url(), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    waiting.refresh_from_db()
    names = [p["name"] for p in waiting.record["people"]]
    assert "Nguyễn Văn An" not in names and names.count("Bùi Hữu Ba") == 2
    added = waiting.record["people"][-1]
    assert added["spans"] and added["roles"] == ["attended"]  # found in the text
    assert [(d["type"], d["number"], d["date"]) for d in waiting.record["documents"]] == [
        ("Nghị quyết", "88", "2025-01-02")
    ]
    assert len(waiting.matches["people"]) == len(waiting.record["people"])


def test_an_impossible_date_is_refused_with_the_field_and_nothing_changes(
    english, client, org, users, waiting
):
    client.force_login(users.officer)
    before = (waiting.record, waiting.matches)
    data = review_data(waiting.record)
    data["event-date"] = "31/02/2025"
    data["documents-0-date"] = "2024-02-30"
    r = client.post(waiting.get_absolute_url(), data)
    assert r.status_code == 400
    page = r.content.decode()
    assert page.count("Enter a real date") == 2  # the conference's and the document's
    assert 'value="31/02/2025"' in page  # what the user typed is kept
    waiting.refresh_from_db()
    assert (waiting.record, waiting.matches) == before


def test_a_wrong_period_is_refused_on_its_field(client, org, users, waiting):
    client.force_login(users.officer)
    data = review_data(waiting.record)
    data["event-period"] = "2025-H3"
    r = client.post(waiting.get_absolute_url(), data)
    assert r.status_code == 400 and "2025-H3" in r.content.decode()


def test_choosing_a_candidate_records_it_and_the_htmx_post_swaps_the_matches(
    client, org, users, twin, waiting
):
    client.force_login(users.officer)
    an = person_index(waiting, "Nguyễn Văn An")
    url = reverse("imports:choose", args=[waiting.pk])
    r = client.post(url, {"kind": "people", "index": an, "choice": twin.pk}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.lstrip().startswith('<section class="card decisions" id="decisions">')
    waiting.refresh_from_db()
    m = waiting.matches["people"][an]
    assert (m["decision"], m["object_id"], m["by"]) == ("matched", twin.pk, "user")
    # a candidate not shown is refused, the choice stays
    r = client.post(url, {"kind": "people", "index": an, "choice": org.commissar.pk})
    assert r.status_code == 302
    waiting.refresh_from_db()
    assert waiting.matches["people"][an]["object_id"] == twin.pk


def test_confirming_records_the_conference_and_lands_on_it(
    english, client, org, users, twin, waiting
):
    client.force_login(users.officer)
    an = person_index(waiting, "Nguyễn Văn An")
    confirm = reverse("imports:confirm", args=[waiting.pk])
    # a choice is still missing: nothing is recorded and the page says what
    r = client.post(confirm)
    assert r.status_code == 400 and "Nguyễn Văn An" in r.content.decode()
    assert not Conference.objects.exists()

    client.post(
        reverse("imports:choose", args=[waiting.pk]),
        {"kind": "people", "index": an, "choice": twin.pk},
    )
    r = client.post(confirm)
    waiting.refresh_from_db()
    conf = Conference.objects.get()
    assert waiting.status == ItemStatus.APPLIED and waiting.conference == conf
    assert r.status_code == 302 and r["Location"] == conf.get_absolute_url()
    assert conf.participants.get(role="spoke").person == twin
    # a second click goes to the same conference and records nothing twice
    again = client.post(confirm)
    assert again["Location"] == conf.get_absolute_url() and Conference.objects.count() == 1
    # the report's page now shows what was recorded from it, read only
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert conf.get_absolute_url() in page and twin.get_absolute_url() in page
    assert 'name="people-TOTAL_FORMS"' not in page


def test_choosing_the_holding_body_that_was_not_found(client, org, users):
    text = report(organizer="Đảng ủy Lữ đoàn Công binh 657")
    item = import_report(root=org.region, text=text)
    assert item.matches["organizer"]["decision"] == "unresolved"
    client.force_login(users.officer)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'name="other_body"' in page and f'value="{org.brigade.pk}"' in page
    url = reverse("imports:choose", args=[item.pk])
    client.post(url, {"kind": "organizer", "other_body": org.province.pk})  # not below the root
    item.refresh_from_db()
    assert item.matches["organizer"]["decision"] == "unresolved"
    client.post(url, {"kind": "organizer", "other_body": org.brigade.pk})
    item.refresh_from_db()
    assert item.matches["organizer"]["object_id"] == org.brigade.pk
    r = client.post(reverse("imports:confirm", args=[item.pk]))
    assert Conference.objects.get().body == org.brigade
    assert r["Location"] == Conference.objects.get().get_absolute_url()


def test_discarding_a_report_records_nothing_and_returns_to_its_batch(client, org, users, waiting):
    client.force_login(users.officer)
    r = client.post(reverse("imports:discard", args=[waiting.pk]))
    assert r.status_code == 302 and r["Location"] == waiting.batch.get_absolute_url()
    waiting.refresh_from_db()
    assert waiting.status == ItemStatus.DISCARDED and not Conference.objects.exists()
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert 'name="people-TOTAL_FORMS"' not in page  # read only now
    assert client.post(waiting.get_absolute_url(), review_data(waiting.record)).status_code == 302


# --- a review form whose row counts were tampered with -----------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"people-TOTAL_FORMS": "-1"},
        {"people-TOTAL_FORMS": "0", "people-INITIAL_FORMS": "0"},
        {"people-TOTAL_FORMS": "501"},
        {"people-TOTAL_FORMS": "1000000000"},
        {"people-TOTAL_FORMS": "lots"},
        {"people-INITIAL_FORMS": "-5"},
        {"documents-TOTAL_FORMS": "-1"},
        {"documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0"},
        {"documents-INITIAL_FORMS": "99"},
    ],
    ids=[
        "negative",
        "fewer rows than the record",
        "above the maximum",
        "far above the maximum",
        "not a number",
        "negative initial rows",
        "negative documents",
        "no documents",
        "more initial documents than the record",
    ],
)
def test_a_review_form_with_tampered_row_counts_is_refused_and_changes_nothing(
    english, client, org, users, waiting, change
):
    client.force_login(users.officer)
    before = (waiting.record, waiting.matches, waiting.status)
    data = {**review_data(waiting.record), **change}
    r = client.post(waiting.get_absolute_url(), data)
    assert r.status_code == 400
    page = r.content.decode()
    assert str(MSG_ROWS_CHANGED) in page
    # the page offers the report's rows again, as they are on record
    assert page.count('name="people-') >= len(waiting.record["people"])
    waiting.refresh_from_db()
    assert (waiting.record, waiting.matches, waiting.status) == before


@pytest.mark.parametrize("prefix", ["people", "documents"])
def test_a_review_form_without_its_management_form_is_refused_and_changes_nothing(
    english, client, org, users, waiting, prefix
):
    client.force_login(users.officer)
    before = (waiting.record, waiting.matches)
    data = {
        k: v
        for k, v in review_data(waiting.record).items()
        if "_FORMS" not in k or not k.startswith(prefix)
    }
    r = client.post(waiting.get_absolute_url(), data)
    assert r.status_code == 400 and str(MSG_ROWS_CHANGED) in r.content.decode()
    waiting.refresh_from_db()
    assert (waiting.record, waiting.matches) == before
