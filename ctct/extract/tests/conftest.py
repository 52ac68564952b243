"""Shared paths for the extraction tests (plain pytest: no Django needed)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

CASES = Path(__file__).with_name("cases")
REPO = Path(__file__).resolve().parents[3]
# shared/ sits beside the repository (CI: a fresh clone with shared/ beside it).
SHARED_CANDIDATES = (REPO.parent / "shared", Path("/work/shared"))


def shared_dir() -> Path | None:
    for d in SHARED_CANDIDATES:
        if (d / "seeds").is_dir() and (d / "dev").is_dir():
            return d
    return None


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def report() -> str:
    return (
        "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025. "
        "Đại tá Phạm Ngọc Sơn, Bí thư Đảng ủy, Chính ủy Cục Hậu cần-Kỹ thuật dự, phát biểu chỉ đạo. "
        "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị.\n"
        "Hội nghị quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của Ban Thường vụ Đảng ủy Quân khu.\n"
        "Quang cảnh hội nghị.\n"
        "Tin, ảnh: KIM ANH\n"
    )


def print_to_pdf(page: Path, pdf: Path) -> bool:
    """``page`` (.html) printed to ``pdf`` by headless Chromium, as a browser saves a page;
    False when no Chromium is installed or it printed nothing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return False
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=False,
        capture_output=True,
        timeout=180,
    )
    return pdf.exists()
