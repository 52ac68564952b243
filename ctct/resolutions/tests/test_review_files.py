"""The review report downloaded as .docx and PDF from its page: scoped like the page, a
version chosen with ``?version=N``, a Vietnamese file name, and a clear page (never a 500)
when the PDF cannot be made."""

from __future__ import annotations

import io
from html import unescape
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from ctct.resolutions import review_export
from ctct.resolutions.review_export import MSG_PDF_NO_SOFFICE
from ctct.resolutions.review_files import file_name
from ctct.resolutions.tests.factories import make_review, make_review_version
from ctct.resolutions.tests.review_drafts import review_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(org):
    return make_review(body=org.brigade, place="Cần Thơ")


def _docx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_review_page_links_both_downloads(users, login, review):
    page = login(users.viewer).get(reverse("resolutions:review", args=[review.pk]))
    html = page.content.decode()
    assert reverse("resolutions:review_docx", args=[review.pk]) in html
    assert reverse("resolutions:review_pdf", args=[review.pk]) in html


def test_a_viewer_of_the_body_downloads_the_docx_with_a_vietnamese_name(users, login, review):
    r = login(users.viewer).get(reverse("resolutions:review_docx", args=[review.pk]))
    doc = _docx(r)
    texts = _texts(doc)
    assert "BÁO CÁO" in texts and "Tổng kết công tác lãnh đạo năm 2025" in texts
    header = doc.tables[0].rows[0].cells[0].text
    assert "LỮ ĐOÀN 657" in header and "Số …………" in header
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Báo cáo tổng kết công tác lãnh đạo năm 2025 - Đảng ủy Lữ đoàn 657.docx" in unquote(
        disposition
    )


def test_a_saved_version_is_chosen_with_version(users, login, review):
    make_review_version(review=review, strengths="Bản đầu.")
    make_review_version(review=review, strengths="Bản sau.")
    client = login(users.officer)
    url = reverse("resolutions:review_docx", args=[review.pk])
    assert "Bản sau." in _texts(_docx(client.get(url)))
    first = client.get(url, {"version": 1})
    assert "Bản đầu." in _texts(_docx(first))
    assert "(bản 1).docx" in unquote(first["Content-Disposition"])


@pytest.mark.parametrize("version", ["9", "0", "-1", "abc", "9" * 40, "١"])
def test_a_version_never_saved_or_malformed_is_not_found(users, login, review, version):
    make_review_version(review=review, strengths="Bản đầu.")
    client = login(users.officer)
    for name in ("resolutions:review_docx", "resolutions:review_pdf"):
        assert client.get(reverse(name, args=[review.pk]), {"version": version}).status_code == 404


def test_outside_the_scope_the_files_are_not_found(users, login, review):
    for user in (users.secretary, users.provincial):
        client = login(user)
        for name in ("resolutions:review_docx", "resolutions:review_pdf"):
            assert client.get(reverse(name, args=[review.pk])).status_code == 404
    assert login(users.officer).get(reverse("resolutions:review_docx", args=[999999])).status_code == 404  # fmt: skip


def test_without_login_the_files_ask_to_log_in(client, review):
    r = client.get(reverse("resolutions:review_docx", args=[review.pk]))
    assert r.status_code == 302 and "login" in r["Location"]


def test_without_libreoffice_the_pdf_page_says_so(users, login, review, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    r = login(users.viewer).get(reverse("resolutions:review_pdf", args=[review.pk]))
    assert r.status_code == 503
    page = unescape(r.content.decode())
    said = []
    for lang in ("en", "vi"):
        with translation.override(lang):
            said.append(str(MSG_PDF_NO_SOFFICE) in page)
    assert any(said)


@pytest.mark.slow
def test_the_pdf_is_downloaded(users, login, review):
    if review_export.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    r = login(users.viewer).get(reverse("resolutions:review_pdf", args=[review.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert unquote(r["Content-Disposition"]).endswith("Đảng ủy Lữ đoàn 657.pdf")


def test_file_names_drop_what_a_file_system_refuses():
    draft = review_draft(title='Báo cáo: "sơ kết" 6/2025', body_name="Chi bộ A\\B", version=0)
    assert file_name(draft, "pdf") == "Báo cáo sơ kết 6 2025 - Chi bộ A B.pdf"
    assert (
        file_name(review_draft(title="...", body_name="///", version=0), "docx") == "bao-cao.docx"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/resolutions/reviews/99999999999999999999999/docx/",
        "/resolutions/reviews/99999999999999999999999/pdf/?version=1",
    ],
)
def test_huge_ids_in_the_address_are_not_found(users, login, path):
    assert login(users.officer).get(path).status_code == 404
