"""Reading report files: .txt in legacy encodings, .html, .docx (tables, legacy fonts), .pdf, bad files."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from ctct.extract import ExtractError, extract_file, read_document
from ctct.extract.readers import MAX_BYTES
from ctct.extract.tests.conftest import print_to_pdf
from ctct.text.encodings import from_unicode

LEAD = "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025."
CHAIR = "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị."


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer in Helvetica, xref offsets computed by hand."""
    ops = ["BT", "/F1 11 Tf", "50 780 Td", "14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe}) Tj T*")
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class TestText:
    def test_it_reads_utf8_text(self, tmp_path: Path):
        path = tmp_path / "r.txt"
        path.write_text(LEAD, encoding="utf-8")
        assert read_document(path) == LEAD

    @pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii", "cp1258"])
    def test_it_reads_a_report_saved_in_a_legacy_encoding(self, tmp_path: Path, encoding: str):
        path = tmp_path / "r.txt"
        path.write_bytes(from_unicode(LEAD + "\n" + CHAIR, encoding, as_bytes=True))
        record = extract_file(path)
        assert record["event"]["organizer"] == "Đảng ủy Lữ đoàn 657"
        assert [p["name"] for p in record["people"]] == ["Bùi Hữu Ba"]


class TestHtml:
    def test_it_takes_the_main_text_of_a_news_page(self, tmp_path: Path):
        body = "".join(f"<p>{s}</p>" for s in [LEAD, CHAIR, "Tin, ảnh: KIM ANH"])
        page = (
            "<html><head><title>Tin</title></head><body><nav><a href='/'>Trang chủ</a> | "
            "<a href='/qp'>Quốc phòng</a></nav><article><h1>Lữ đoàn 657 sơ kết</h1>"
            f"{body}</article><footer>Bản quyền</footer></body></html>"
        )
        path = tmp_path / "r.html"
        path.write_text(page, encoding="utf-8")
        record = extract_file(path)
        assert record["event"]["kind"] == "so_ket"
        assert record["people"][0]["name"] == "Bùi Hữu Ba"
        assert record["byline"] == "KIM ANH"

    def test_it_falls_back_to_the_full_text_of_a_tiny_page(self, tmp_path: Path):
        path = tmp_path / "r.htm"
        path.write_text(f"<html><body><div>{CHAIR}</div></body></html>", encoding="utf-8")
        assert "Bùi Hữu Ba" in read_document(path)


class TestDocx:
    def test_it_reads_paragraphs_and_tables_in_document_order(self, tmp_path: Path):
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph(LEAD)
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Chủ trì"
        table.cell(0, 1).text = "Đại tá Bùi Hữu Ba"
        document.add_paragraph(CHAIR)
        path = tmp_path / "r.docx"
        document.save(path)
        text = read_document(path)
        assert text.index(LEAD) < text.index("Chủ trì") < text.index(CHAIR)

    def test_it_converts_runs_in_legacy_fonts(self, tmp_path: Path):
        docx = pytest.importorskip("docx")
        document = docx.Document()
        paragraph = document.add_paragraph()
        run = paragraph.add_run(from_unicode(LEAD, "tcvn3"))
        run.font.name = ".VnTime"
        paragraph = document.add_paragraph()
        run = paragraph.add_run(from_unicode(CHAIR, "vni"))
        run.font.name = "VNI-Times"
        path = tmp_path / "r.docx"
        document.save(path)
        record = extract_file(path)
        assert record["event"]["organizer"] == "Đảng ủy Lữ đoàn 657"
        assert record["people"][0]["name"] == "Bùi Hữu Ba"


class TestPdf:
    def test_it_reads_the_text_layer_of_a_pdf(self, tmp_path: Path):
        path = tmp_path / "r.pdf"
        path.write_bytes(
            _minimal_pdf(["Hoi nghi so ket 6 thang dau nam 2025", "Dai ta Bui Huu Ba chu tri"])
        )
        text = read_document(path)
        assert "Hoi nghi so ket" in text
        assert "Bui Huu Ba" in text

    def test_a_page_printed_by_a_browser_keeps_its_accented_words_whole(self, tmp_path: Path):
        page = tmp_path / "r.html"
        page.write_text(
            f"<!doctype html><meta charset='utf-8'><p>{LEAD}</p><p>{CHAIR}</p>", encoding="utf-8"
        )
        pdf = tmp_path / "r.pdf"
        if not print_to_pdf(page, pdf):
            pytest.skip("no chromium to print a page")
        record = extract_file(pdf)
        assert record["event"]["organizer"] == "Đảng ủy Lữ đoàn 657"
        assert [p["name"] for p in record["people"]] == ["Bùi Hữu Ba"]


class TestBadFiles:
    def test_an_empty_file_is_refused_with_a_reason(self, tmp_path: Path):
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        with pytest.raises(ExtractError, match="empty file"):
            read_document(path)

    def test_a_missing_file_is_refused_with_a_reason(self, tmp_path: Path):
        with pytest.raises(ExtractError, match="not found"):
            read_document(tmp_path / "nope.txt")

    def test_a_corrupt_docx_is_refused_with_a_reason(self, tmp_path: Path):
        path = tmp_path / "bad.docx"
        path.write_bytes(b"PK\x03\x04 this is not a real zip archive")
        with pytest.raises(ExtractError, match="corrupt or unreadable .docx"):
            read_document(path)

    def test_a_corrupt_pdf_is_refused_with_a_reason(self, tmp_path: Path):
        path = tmp_path / "bad.pdf"
        path.write_bytes(b"%PDF-1.4\n1 0 obj garbage with no xref at all")
        with pytest.raises(ExtractError, match="pdf"):
            read_document(path)

    def test_a_file_over_the_size_limit_is_refused_without_reading_it(self, tmp_path: Path):
        path = tmp_path / "huge.txt"
        with path.open("wb") as f:  # sparse: no 50 MB written to disk
            f.truncate(MAX_BYTES + 1)
        with pytest.raises(ExtractError, match="too large"):
            read_document(path)

    def test_binary_bytes_named_txt_are_refused_with_a_reason(self, tmp_path: Path):
        path = tmp_path / "image.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        with pytest.raises(ExtractError, match="not readable as text"):
            read_document(path)

    def test_an_unsupported_suffix_is_refused_with_a_reason(self, tmp_path: Path):
        path = tmp_path / "r.xlsx"
        path.write_bytes(b"PK\x03\x04")
        with pytest.raises(ExtractError, match="unsupported file type"):
            read_document(path)

    def test_the_error_carries_the_reason_and_the_path(self, tmp_path: Path):
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        with pytest.raises(ExtractError) as info:
            extract_file(path)
        assert info.value.reason == "empty file"
        assert info.value.path == str(path)


class TestPdfLines:
    def test_hard_wrapped_lines_of_a_pdf_join_back_into_paragraphs(self):
        from ctct.extract.readers import unwrap_lines

        wrapped = "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy\nLữ đoàn chủ trì hội nghị.\n- Mục một\n- Mục hai."
        assert unwrap_lines(wrapped) == (
            "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị.\n- Mục một\n- Mục hai."
        )

    def test_a_short_line_above_a_paragraph_is_not_a_wrap(self):
        from ctct.extract.readers import unwrap_lines

        text = (
            "Quốc phòng\nNgày 28-6, Đảng bộ xã Diên Phú (TP.\nPleiku) tổ chức Hội nghị ra nghị\n"
            "quyết lãnh đạo thực hiện nhiệm vụ;\nđồng chí Trần Văn A chủ trì hội nghị."
        )
        assert unwrap_lines(text) == (
            "Quốc phòng\nNgày 28-6, Đảng bộ xã Diên Phú (TP. Pleiku) tổ chức Hội nghị ra nghị "
            "quyết lãnh đạo thực hiện nhiệm vụ; đồng chí Trần Văn A chủ trì hội nghị."
        )
