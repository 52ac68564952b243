"""prepare: every kind of file becomes a Prepared (text, record, hashes) or a coded refusal."""

from __future__ import annotations

import io
import os
import pickle
import random

import docx
import pytest
from django.utils import translation
from pypdf import PdfWriter

from ctct.conferences.news import draft
from ctct.conferences.roundtrip import generate
from ctct.extract import extract_text
from ctct.imports import archive, reasons
from ctct.imports import prepare as prepare_module
from ctct.imports.archive import Rejected, Source
from ctct.imports.fingerprint import sentence_hashes, similarity, sketch, text_hash
from ctct.imports.prepare import (
    CODES,
    MAX_BYTES,
    Prepared,
    WorkersFailed,
    is_conference,
    prepare,
    prepare_many,
    prepare_text,
)
from ctct.imports.reasons import reason_text
from ctct.imports.tests.test_fingerprint import SEEDS, article_page, needs_seeds
from ctct.text.encodings import from_unicode

# Not about a conference: a flood relief story (it even says the unit will "tổng kết") and a
# football result.
FLOOD = """Bộ đội giúp dân vùng lũ khắc phục hậu quả mưa bão
Những ngày qua, mưa lớn kéo dài do ảnh hưởng của cơn bão số 3 đã gây ngập lụt nghiêm trọng tại nhiều xã ven sông Thao thuộc tỉnh Yên Bái. Nước lên nhanh trong đêm khiến hàng trăm hộ dân không kịp di chuyển tài sản.
Ngay khi nhận được tin báo, lực lượng vũ trang tỉnh đã huy động hơn 500 cán bộ, chiến sĩ cùng nhiều xuồng máy và phương tiện cơ giới đến các điểm xung yếu. Các tổ công tác chia nhau sơ tán người già, trẻ em và người bệnh ra khỏi vùng nguy hiểm.
Sau khi nước rút, bộ đội tiếp tục ở lại giúp bà con dọn bùn đất, sửa lại nhà cửa và vệ sinh trường học để học sinh sớm trở lại lớp.
Bà Nguyễn Thị Lan, một người dân thôn Đồng Bến, cho biết nhà bà bị ngập sâu gần hai mét và mất toàn bộ lúa giống chuẩn bị cho vụ mới.
Sau đợt cứu trợ, đơn vị sẽ tổng kết, rút kinh nghiệm công tác phòng chống thiên tai để sẵn sàng cho mùa mưa bão tới.
Minh Anh
"""
MATCH = """Đội tuyển Việt Nam thắng kịch tính trước Nepal
Tối 15/10, trên sân vận động Thống Nhất, đội tuyển bóng đá Việt Nam đã giành chiến thắng với tỉ số 3-2 trước đội tuyển Nepal trong khuôn khổ vòng loại giải vô địch châu Á.
Phút thứ 12, tiền đạo Nguyễn Tiến Linh đánh đầu mở tỉ số sau một quả phạt góc được thực hiện chính xác.
Nepal bất ngờ gỡ hòa ở cuối hiệp một sau một pha phản công nhanh khi hàng thủ Việt Nam mất tập trung.
Với kết quả này, đội tuyển Việt Nam tạm thời vươn lên dẫn đầu bảng đấu và nắm lợi thế lớn trong cuộc đua giành vé dự vòng chung kết.
Hoàng Hải
"""


def seed_bytes(i: int = 0) -> bytes:
    return SEEDS[i].read_bytes()


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password, "owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def generated_reports(n: int, seed: int = 0) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    return [(f"gen/{i:03d}.txt", draft(generate(rng)).encode()) for i in range(n)]


# --- conference reports ---------------------------------------------------------------------


@needs_seeds
@pytest.mark.parametrize("index", range(5))
def test_every_seed_is_a_conference_report(index: int):
    p = prepare(SEEDS[index].name, seed_bytes(index))
    assert p.error is None, p.error
    assert p.ok
    assert p.record["source"] == SEEDS[index].name
    assert p.text == p.record["text"]
    assert p.record["event"]["organizer"]


@needs_seeds
def test_spans_point_into_the_prepared_text():
    p = prepare("r.txt", seed_bytes(0))
    event = p.record["event"]
    a, b = event["spans"]["organizer"]
    assert p.text[a:b] == event["organizer"]
    for person in p.record["people"]:
        assert any(p.text[s:e] == person["name"] for s, e in person["spans"])


@needs_seeds
def test_the_hashes_are_those_of_the_cleaned_text():
    p = prepare("r.txt", seed_bytes(1))
    assert p.content_hash == prepare_module.content_hash(seed_bytes(1))
    assert p.text_hash == text_hash(p.text)
    assert p.sentence_hashes == sentence_hashes(p.text)
    assert p.sketch == sketch(p.sentence_hashes)
    assert len(p.sketch) == 8


@needs_seeds
def test_a_prepared_report_survives_pickling():
    p = prepare("r.txt", seed_bytes(2))
    assert pickle.loads(pickle.dumps(p)) == p


@needs_seeds
def test_a_report_saved_in_tcvn3_reads_like_its_unicode_original():
    unicode_ = prepare("a.txt", seed_bytes(0))
    legacy = prepare(
        "a.txt", from_unicode(SEEDS[0].read_text(), "tcvn3", as_bytes=True, errors="replace")
    )
    assert legacy.error is None
    assert legacy.content_hash != unicode_.content_hash
    assert legacy.record["event"] == unicode_.record["event"]
    assert similarity(legacy.sentence_hashes, unicode_.sentence_hashes) >= 0.9


@needs_seeds
def test_a_report_as_a_web_page_and_as_text_is_found_the_same():
    body = SEEDS[3].read_text()
    title = "Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2025"
    page = prepare("a.html", article_page(title, body.split("\n")))
    text = prepare("a.txt", f"{title}\n{body}".encode())
    assert page.error is None and text.error is None
    assert similarity(page.sentence_hashes, text.sentence_hashes) >= 0.8
    assert page.record["event"]["kind"] == text.record["event"]["kind"] == "tong_ket"


@needs_seeds
def test_a_docx_report_is_read():
    p = prepare("bao-cao.DOCX", docx_bytes(SEEDS[0].read_text()))
    assert p.error is None
    assert p.record["event"]["organizer"] == "Đảng ủy Lữ đoàn 657"
    assert p.text_hash == prepare("r.txt", seed_bytes(0)).text_hash


@needs_seeds
def test_pasted_text_reads_like_the_file():
    text = SEEDS[4].read_text()
    pasted = prepare_text("pasted", text)
    from_file = prepare("r.txt", seed_bytes(4))
    assert pasted.error is None
    assert pasted.record["event"] == from_file.record["event"]
    assert pasted.text_hash == from_file.text_hash
    assert prepare_text("pasted", " \n\t ").error == ("empty", {})


def test_generated_reports_are_conference_reports():
    for name, data in generated_reports(20):
        p = prepare(name, data)
        assert p.error is None, (name, p.record["event"])


# --- not a conference report ----------------------------------------------------------------


@pytest.mark.parametrize("story", [FLOOD, MATCH], ids=["flood", "football"])
def test_a_news_story_that_is_not_about_a_conference_keeps_its_text(story: str):
    p = prepare("tin.txt", story.encode())
    assert p.error == ("not_conference", {})
    assert not p.ok
    assert p.text and p.record["text"] == p.text
    assert p.sentence_hashes


def test_is_conference_reads_the_event_of_the_record():
    assert is_conference(extract_text("Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị."))
    # a conference kind outside any lead counts when the report names a meeting
    rec = {"event": {"kind": "so_ket", "spans": {}}, "text": "Hội nghị đã sơ kết ..."}
    assert is_conference(rec)
    rec = {"event": {"kind": "tong_ket", "spans": {}}, "text": "đơn vị sẽ tổng kết"}
    assert not is_conference(rec)
    assert not is_conference({"event": {"kind": "other", "spans": {"date": [0, 5]}}})


# --- files that cannot be read --------------------------------------------------------------


def test_a_corrupt_docx_is_bad_docx():
    p = prepare("r.docx", b"PK\x03\x04 not really a document")
    assert p.error[0] == "bad_docx"
    assert p.error[1]["detail"]
    assert p.content_hash  # kept: the same broken file uploaded again is recognized


def test_a_pdf_without_a_text_layer_is_pdf_no_text():
    assert prepare("scan.pdf", pdf_bytes()).error == ("pdf_no_text", {})


def test_a_password_protected_pdf_is_pdf_encrypted():
    assert prepare("secret.pdf", pdf_bytes(password="secret")).error[0] == "pdf_encrypted"


def test_random_bytes_are_not_text():
    data = random.Random(1).randbytes(20_000)
    code, params = prepare("r.txt", data).error
    assert code == "not_text"
    assert params["detail"]


def test_empty_and_unsupported_files():
    assert prepare("r.txt", b"").error == ("empty", {})
    assert prepare("r.doc", b"\xd0\xcf\x11\xe0").error == ("unsupported", {"suffix": ".doc"})
    assert prepare("r.html", b"<html><body><script>x()</script></body></html>").error[0] in (
        "no_text",
        "bad_html",
    )


def test_a_file_over_the_limit_is_refused_before_it_is_read(monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("the bytes were read")

    monkeypatch.setattr(prepare_module, "content_hash", must_not_run)
    monkeypatch.setattr(prepare_module, "read_bytes", must_not_run)
    p = prepare("big.txt", bytes(MAX_BYTES + 1))
    assert p.error == ("too_large", {"size": MAX_BYTES + 1, "limit": MAX_BYTES})
    assert prepare_text("big", "a" * (MAX_BYTES + 1)).error[0] == "too_large"


def test_an_unexpected_failure_is_internal_and_never_raises(monkeypatch):
    def broken(text, source=""):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(prepare_module, "extract_text", broken)
    p = prepare("r.txt", "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị.".encode())
    assert p.error == ("internal", {"error": "RuntimeError: engine exploded"})
    assert p.content_hash
    assert prepare_text("pasted", "Hội nghị").error[0] == "internal"


# --- many files -----------------------------------------------------------------------------


def _crash_on_boom(name: str, data: bytes) -> Prepared:
    """A reader that kills its worker process on one file (picklable: module level)."""
    if name == "boom.txt":
        os._exit(1)
    return prepare(name, data)


def test_prepare_many_keeps_the_input_order_in_one_and_in_two_processes():
    items = [
        *generated_reports(10),
        Rejected("up.zip/bomb.txt", "zip_bomb", {"why": "ratio"}),
        Source("flood.txt", FLOOD.encode()),
        *generated_reports(7, seed=5),
    ]
    one = list(prepare_many(items, workers=1))
    two = list(prepare_many(items, workers=2, chunksize=3))
    assert [p.name for p in one] == [
        i.name if isinstance(i, (Source, Rejected)) else i[0] for i in items
    ]
    assert one == two
    assert one[10].error == ("zip_bomb", {"why": "ratio"})
    assert one[11].error == ("not_conference", {})


def test_a_worker_that_dies_loses_only_its_file():
    items = [*generated_reports(6), ("boom.txt", b"x"), *generated_reports(6, seed=9)]
    out = list(prepare_many(items, workers=2, chunksize=2, func=_crash_on_boom))
    assert [p.name for p in out] == [name for name, _ in items]
    assert [p.name for p in out if p.error] == ["boom.txt"]
    assert out[6].error[0] == "internal"


def _always_crash(name: str, data: bytes) -> Prepared:
    os._exit(1)


def test_workers_that_keep_dying_stop_the_run_instead_of_looping():
    items = generated_reports(30)
    out = []
    with pytest.raises(WorkersFailed):
        for p in prepare_many(items, workers=2, chunksize=2, func=_always_crash):
            out.append(p)
    assert len(out) <= prepare_module.MAX_RESTARTS


# --- messages -------------------------------------------------------------------------------

ALL_CODES = sorted(set(archive.CODES) | set(CODES))
EXAMPLE_PARAMS = {
    "size": 60 * 1024 * 1024,
    "limit": 50 * 1024 * 1024,
    "packed": 61_000,
    "ratio": 1031,
    "count": 120_000,
    "suffix": ".doc",
}


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("code", ALL_CODES)
def test_every_code_has_its_own_message(code: str, language: str):
    with translation.override(language):
        generic = reason_text("no_such_code", {})
        text = reason_text(code, EXAMPLE_PARAMS)
    assert text and text != generic
    assert "%(" not in text and "?" not in text.replace("(OCR)", "")


@pytest.mark.parametrize(
    ("code", "variants"),
    [
        ("zip_bomb", [{"why": "ratio"}, {"why": "size"}, {"why": "total"}]),
        ("unsafe_path", [{"why": "symlink"}, {"why": "parent"}]),
        ("too_many", [{"count": 12, "limit": 10}, {"limit": 10}]),
        ("unsupported", [{"suffix": ".doc"}, {"suffix": ""}]),
    ],
)
def test_variants_of_a_code_have_distinct_messages(code: str, variants: list[dict]):
    with translation.override("en"):
        texts = {reason_text(code, params) for params in variants}
    assert len(texts) == len(variants)


def test_messages_show_sizes_and_details_and_never_fail_on_missing_params():
    with translation.override("en"):
        text = reason_text("too_large", {"size": 60 * 1024 * 1024, "limit": 52428800})
        assert "60.0\xa0MB" in text and "50.0\xa0MB" in text
        assert "File is not a zip file" in reason_text(
            "bad_docx", {"detail": "File is not a zip file"}
        )
        assert reason_text("too_large", {}).count("?") == 2
        assert "xyz" in reason_text("xyz", {})
    assert reasons.reason_text("empty", None)
