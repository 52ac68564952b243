"""``ctct review-report``: a saved review's latest version or a draft assembled from the
records, as .docx or PDF; a clear one-line error and no file for bad input."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from ctct.resolutions import review_export
from ctct.resolutions.tests.factories import make_review, make_review_version

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("review_report", *args, stdout=out)
    return out.getvalue()


def _texts(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_a_saved_review_is_written_from_its_latest_version(org, tmp_path):
    review = make_review(body=org.brigade)
    make_review_version(review=review, strengths="Bản đầu.")
    make_review_version(review=review, strengths="Bản sau.")
    out = tmp_path / "bao-cao.docx"
    said = _run("--body", str(org.brigade.pk), "--period", "2025", "--out", str(out))
    texts = _texts(out)
    assert "Bản sau." in texts and "Bản đầu." not in texts
    assert "Tổng kết công tác lãnh đạo năm 2025" in texts
    assert "saved review, version 2" in said


def test_without_a_saved_review_a_draft_is_assembled_without_staff_sections(org, tmp_path):
    from ctct.conferences.services import conference_create

    conference_create(body=org.brigade, kind="thuong_ky", held_on=dt.date(2025, 7, 1))
    out = tmp_path / "so-ket.docx"
    said = _run(
        "--body", str(org.brigade.pk), "--period", "6 tháng cuối năm 2025", "--out", str(out)
    )
    texts = _texts(out)
    assert "Sơ kết công tác lãnh đạo 6 tháng cuối năm 2025" in texts
    assert texts[texts.index("1. Ưu điểm") + 1] == "…………"
    assert "no staff sections" in said


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--body", "999999", "--period", "2025"], "no body with id 999999"),
        (["--period", "tháng mười ba", "--body", "{brigade}"], "--period"),
        (["--period", "2031", "--body", "{brigade}"], "has nothing recorded for năm 2031"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(org, tmp_path, args, error):
    out = tmp_path / "x.docx"
    args = [a.format(brigade=org.brigade.pk) for a in args]
    with pytest.raises(CommandError, match=error):
        _run(*args, "--out", str(out))
    assert list(tmp_path.iterdir()) == []


def test_an_output_neither_docx_nor_pdf_is_refused(org, tmp_path):
    with pytest.raises(CommandError, match="must end in .docx or .pdf"):
        _run("--body", str(org.brigade.pk), "--period", "2025", "--out", str(tmp_path / "x.txt"))
    with pytest.raises(CommandError, match="no such folder"):
        _run("--body", "1", "--period", "2025", "--out", str(tmp_path / "no" / "x.docx"))


def test_without_libreoffice_the_pdf_is_refused_and_nothing_written(org, tmp_path, monkeypatch):
    make_review(body=org.brigade)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="LibreOffice"):
        _run("--body", str(org.brigade.pk), "--period", "2025", "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
def test_the_pdf_is_written(org, tmp_path):
    if review_export.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    make_review(body=org.brigade)
    out = tmp_path / "bao-cao.pdf"
    _run("--body", str(org.brigade.pk), "--period", "2025", "--kind", "tong_ket", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
