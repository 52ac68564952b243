"""The kinds of files kept, checked by their content, and how a stored file is served."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from ctct.core import files
from ctct.core.files import (
    MSG_CONTENT_MISMATCH,
    MSG_EMPTY,
    MSG_KIND_REFUSED,
    MSG_TOO_BIG,
    PHOTO_EXTENSIONS,
    check_upload,
    file_response,
)

SCRIPT_PAGE = (
    b"<!DOCTYPE html><html><body><script>fetch('/accounts/logout/')</script></body></html>"
)


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def docx_bytes() -> bytes:
    import docx

    out = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Chỉ thị số 2889-CT/ĐU về đại hội đảng các cấp")
    d.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.add_worksheet().write(0, 0, "Chi bộ Đại đội 1")
    book.close()
    return out.getvalue()


def open_document_bytes(mimetype: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's declared type is deliberately wrong: it is never trusted.
    return SimpleUploadedFile(name, content, content_type="text/html")


def refusal(name: str, content: bytes, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as e:
        check_upload(upload(name, content), **kwargs)
    return e.value


ACCEPTED = [
    ("Chỉ thị 2889.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "application/pdf"),
    ("Nghị quyết.doc", files.OLE2_MAGIC + b"\0" * 504, "application/msword"),
    ("Báo cáo.xls", files.OLE2_MAGIC + b"\0" * 504, "application/vnd.ms-excel"),
    (
        "Kế hoạch.docx",
        docx_bytes(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "Danh sách.xlsx",
        xlsx_bytes(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "Hướng dẫn.odt",
        open_document_bytes("application/vnd.oasis.opendocument.text"),
        "application/vnd.oasis.opendocument.text",
    ),
    (
        "Thống kê.ods",
        open_document_bytes("application/vnd.oasis.opendocument.spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    ("Thông báo.rtf", b"{\\rtf1\\ansi Thong bao}", "application/rtf"),
    ("Ghi chú.txt", "Hội nghị sơ kết 6 tháng đầu năm 2025".encode(), "text/plain"),
    ("Ghi chú UTF-16.TXT", "\ufeffHội nghị".encode("utf-16"), "text/plain"),
    # TCVN3 (a legacy single-byte encoding) is still text.
    ("Ghi chú TCVN3.txt", "Héi nghÞ".encode("cp1252"), "text/plain"),
    ("Quang cảnh.JPG", image_bytes("JPEG"), "image/jpeg"),
    ("Quang cảnh.png", image_bytes("PNG"), "image/png"),
    ("Quang cảnh.gif", image_bytes("GIF"), "image/gif"),
    ("Quang cảnh.webp", image_bytes("WEBP"), "image/webp"),
    ("Bản quét.tiff", image_bytes("TIFF"), "image/tiff"),
]


class TestWhatIsAccepted:
    @pytest.mark.parametrize(("name", "content", "content_type"), ACCEPTED)
    def test_every_kind_a_party_office_sends_is_accepted_and_served_as_its_kind(
        self, name, content, content_type
    ):
        checked = check_upload(upload(name, content))
        assert checked.content_type == content_type

    def test_only_verified_web_images_may_be_shown_inline(self):
        assert check_upload(upload("a.png", image_bytes("PNG"))).inline
        assert not check_upload(upload("a.tif", image_bytes("TIFF"))).inline
        assert not check_upload(upload("a.pdf", b"%PDF-1.4\n")).inline

    def test_an_image_named_for_another_web_format_is_served_as_what_it_is(self):
        assert check_upload(upload("anh.jpg", image_bytes("PNG"))).content_type == "image/png"


class TestWhatIsRefused:
    def test_a_script_bearing_html_page_is_refused_by_its_kind(self):
        e = refusal("trang.html", SCRIPT_PAGE)
        assert e.message == MSG_KIND_REFUSED and e.params == {"name": "trang.html"}

    @pytest.mark.parametrize("name", ["Chỉ thị.pdf", "Chỉ thị.docx", "Chỉ thị.rtf", "anh.png"])
    def test_an_html_page_renamed_to_an_accepted_kind_is_refused_by_its_content(self, name):
        e = refusal(name, SCRIPT_PAGE)
        assert e.message == MSG_CONTENT_MISMATCH and e.params["name"] == name

    @pytest.mark.parametrize(
        "content",
        [
            SCRIPT_PAGE,
            b"Ghi chu\n<svg onload=alert(1)>",
            b"Xem anh: <img src=x onerror=alert(1)>",
            b"<?xml version='1.0'?><x/>",
        ],
    )
    def test_markup_saved_as_text_is_refused(self, content):
        assert refusal("ghi-chu.txt", content).message == MSG_CONTENT_MISMATCH

    def test_text_with_angle_brackets_is_still_text(self):
        content = "Chỉ tiêu: tỷ lệ <5% và >90% đạt yêu cầu".encode()
        assert check_upload(upload("ghi-chu.txt", content)).content_type == "text/plain"

    @pytest.mark.parametrize("name", ["a.svg", "a.exe", "a.js", "a.htm", "a", "a.pdf.html"])
    def test_kinds_a_party_office_does_not_send_are_refused(self, name):
        assert refusal(name, b"%PDF-1.4\n").message == MSG_KIND_REFUSED

    def test_a_zip_archive_renamed_docx_is_refused(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("index.html", SCRIPT_PAGE)
        assert refusal("Kế hoạch.docx", out.getvalue()).message == MSG_CONTENT_MISMATCH

    def test_a_spreadsheet_renamed_as_a_text_document_is_refused(self):
        e = refusal(
            "Hướng dẫn.odt", open_document_bytes("application/vnd.oasis.opendocument.spreadsheet")
        )
        assert e.message == MSG_CONTENT_MISMATCH

    def test_a_broken_image_is_refused(self):
        assert refusal("anh.png", image_bytes("PNG")[:40]).message == MSG_CONTENT_MISMATCH

    def test_a_document_is_not_a_photo(self):
        e = refusal("Chỉ thị.pdf", b"%PDF-1.4\n", extensions=PHOTO_EXTENSIONS)
        assert e.message == MSG_KIND_REFUSED

    def test_a_file_over_the_limit_is_refused_naming_it(self, settings):
        settings.CTCT_MAX_UPLOAD_MB = 1
        e = refusal("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024))
        assert e.message == MSG_TOO_BIG and e.params == {"name": "big.pdf", "size": 1.0, "limit": 1}

    def test_an_empty_file_is_refused(self):
        assert refusal("trống.pdf", b"").message == MSG_EMPTY


class TestServing:
    CONTENT = b"%PDF-1.7\n" + bytes(range(256)) * 300

    def _stored(self, tmp_path, content=CONTENT):
        path = tmp_path / "stored.bin"
        path.write_bytes(content)
        return File(open(path, "rb"), name=str(path))  # noqa: SIM115 - the response closes it

    def test_a_file_is_streamed_as_a_download_with_its_kind_and_exact_bytes(self, tmp_path):
        r = file_response(self._stored(tmp_path), filename="Chỉ thị 2889-CT/ĐU.pdf")
        assert r.streaming and b"".join(r.streaming_content) == self.CONTENT
        assert r["Content-Type"] == "application/pdf"
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''" in r["Content-Disposition"]
        assert "sandbox" in r["Content-Security-Policy"]
        assert "no-store" in r["Cache-Control"]

    def test_a_stored_file_of_a_kind_not_accepted_is_a_plain_download(self, tmp_path):
        r = file_response(self._stored(tmp_path, SCRIPT_PAGE), filename="trang.html")
        assert r["Content-Type"] == "application/octet-stream"
        assert r["Content-Disposition"].startswith("attachment;")

    def test_only_browser_images_are_shown_inline(self, tmp_path):
        png = file_response(
            self._stored(tmp_path, image_bytes("PNG")), filename="a.png", inline=True
        )
        assert png["Content-Disposition"].startswith("inline;")
        assert png["X-Content-Type-Options"] == "nosniff"
        pdf = file_response(self._stored(tmp_path), filename="a.pdf", inline=True)
        assert pdf["Content-Disposition"].startswith("attachment;")

    def test_a_file_missing_from_the_disk_answers_404(self, tmp_path):
        with pytest.raises(Http404):
            file_response(File(None, name=str(tmp_path / "gone.pdf")), filename="gone.pdf")


class TestNoPublicFolder:
    def _served_by_static(self, patterns) -> list:
        from django.urls import URLResolver
        from django.views.static import serve

        out = []
        for p in patterns:
            if isinstance(p, URLResolver):
                out += self._served_by_static(p.url_patterns)
            elif p.callback is serve:
                out.append(str(p.pattern))
        return out

    def test_no_url_serves_the_uploaded_files_even_in_debug(self, settings):
        import importlib

        import ctct.urls

        settings.DEBUG = True
        try:
            assert self._served_by_static(importlib.reload(ctct.urls).urlpatterns) == []
        finally:
            settings.DEBUG = False
            importlib.reload(ctct.urls)

    def test_a_stored_file_is_not_reachable_under_the_media_url(
        self, settings, tmp_path, users, client
    ):
        settings.MEDIA_ROOT = tmp_path
        (tmp_path / "documents" / "1").mkdir(parents=True)
        (tmp_path / "documents" / "1" / "a.pdf").write_bytes(b"%PDF-1.4\n")
        client.force_login(users.superuser)
        assert client.get(f"/{settings.MEDIA_URL}documents/1/a.pdf").status_code == 404
