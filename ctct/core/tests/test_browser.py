"""The pages people use, driven in headless Chromium (Debian's package) against a live server.

Screenshots of each step land in var/screenshots/ for a human look.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ctct.conftest import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(os.environ.get("CTCT_SCREENSHOTS", "var/screenshots"))


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_a_political_officer_browses_the_tree_and_finds_a_body_by_typing(
    page, live_server, org, users
):
    log_in(page, live_server, "officer")
    assert page.locator("h1").first.inner_text() == "Tổ chức đảng của đồng chí"
    shot(page, "officer-1-home")

    page.click("header nav >> text=Tổ chức đảng")
    page.locator(".tree .toggle").first.click()
    page.wait_for_selector("text=Đảng ủy Lữ đoàn 657")
    shot(page, "officer-2-tree")

    page.fill(".search input[type=search]", "dang uy lu doan")
    page.wait_for_selector("#body-search-results >> text=Đảng ủy Lữ đoàn 657")
    page.click("#body-search-results >> text=Đảng ủy Lữ đoàn 657")
    page.wait_for_selector("h1:has-text('Đảng ủy Lữ đoàn 657')")
    assert page.locator("text=Bùi Hữu Ba").count() >= 1
    shot(page, "officer-3-body")

    page.click("text=Bùi Hữu Ba")
    page.wait_for_selector(".chain")
    assert page.locator(".chain").inner_text() == "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657"
    shot(page, "officer-4-person")


def test_a_cell_secretary_sees_only_the_cell(page, live_server, org, users):
    log_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/bodies/")
    assert page.locator(".tree a").all_inner_texts() == ["Chi bộ Đại đội 1"]
    assert "Lữ đoàn" not in page.locator(".tree").inner_text()
    shot(page, "secretary-1-tree")

    page.goto(f"{live_server.url}/bodies/{org.cell.pk}/")
    assert "1 đảng viên sinh hoạt tại đây" in page.content()
    assert page.locator("text=Thêm đảng viên").count() == 1  # a secretary may add members
    assert page.locator("text=Thêm tổ chức cấp dưới").count() == 0  # but not change the tree
    shot(page, "secretary-2-cell")

    response = page.goto(f"{live_server.url}/bodies/{org.brigade.pk}/")
    assert response.status == 404

    page.goto(f"{live_server.url}/people/?q=nguyen van")
    page.wait_for_selector("text=Nguyễn Văn An")
    assert "Lê Thị Hoa" not in page.content()
    shot(page, "secretary-3-people")


def test_the_interface_switches_to_english(page, live_server, org, users):
    log_in(page, live_server, "officer")
    page.select_option("header select[name=language]", "en")
    page.wait_for_selector("h1:has-text('Your bodies')")
    shot(page, "officer-5-english")


@pytest.fixture
def cascade(org):
    import datetime as dt

    from ctct.documents import services

    directive = services.document_issue(
        issuer=org.region,
        type_code="CT",
        issued_on=dt.date(2025, 9, 10),
        title="Về đại hội đảng bộ các cấp",
    )
    services.distribution_create(
        document=directive,
        subtree_of=org.region,
        received_by=dt.date(2025, 9, 20),
        reported_by=dt.date(2025, 12, 1),
    )
    return directive


def test_a_political_officer_follows_a_directive_down_the_tree(
    page, live_server, org, users, cascade
):
    log_in(page, live_server, "officer")
    page.click("header nav >> text=Văn bản")
    page.click(f"text={cascade.citation}")
    page.click("text=Theo dõi triển khai")
    page.wait_for_selector("text=Theo đơn vị trực thuộc")
    assert page.locator(".bar").count() >= 4
    shot(page, "officer-6-cascade")
    page.click("table.bars >> text=Đảng ủy Lữ đoàn 657")
    page.wait_for_selector("text=Chi bộ Đại đội 2")
    shot(page, "officer-7-cascade-brigade")


def test_a_cell_secretary_records_that_the_directive_was_received(
    page, live_server, org, users, cascade
):
    log_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/documents/bodies/{org.cell.pk}/")
    assert page.locator(".tag.late").count() == 1  # the receive-by date has passed
    shot(page, "secretary-4-inbox")
    page.click("text=Ghi nhận")
    page.select_option("select[name=step]", "1")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận.")
    shot(page, "secretary-5-recorded")
