"""A political officer records a conference and drafts its news report, in headless Chromium.

Screenshots land in var/screenshots/conferences-*.png.
"""

from __future__ import annotations

import pytest

from ctct.core.tests.test_browser import browser, log_in, page, shot  # noqa: F401

pytestmark = pytest.mark.browser


def test_an_officer_records_a_conference_and_drafts_the_news(page, live_server, org, users):  # noqa: F811
    from ctct.conferences.models import Article, Conference

    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}{org.brigade.get_absolute_url()}")
    page.click(f"a[href='/conferences/bodies/{org.brigade.pk}/new/']")
    page.select_option("select[name=kind]", "so_ket")
    page.fill("input[name=held_on]", "2025-06-20")
    page.select_option("select[name=part_of_day]", "sang")
    page.fill("input[name=period]", "2025-H1")
    page.fill("input[name=place]", "Hội trường Lữ đoàn")
    shot(page, "conferences-1-new")
    page.click("form button[type=submit]")
    page.wait_for_selector("#participants")
    conf = Conference.objects.get()

    form = page.locator("#participants form.part-form")
    form.locator("input[name=person_query]").fill("bui huu ba")
    form.locator("select[name=role]").select_option("chair")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("input[name=titles][value='Bí thư Đảng ủy, Chính ủy Lữ đoàn 657']")

    form = page.locator("#participants form.part-form")
    form.locator("input[name=person_query]").fill("le thi hoa")
    form.locator("select[name=role]").select_option("chair")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#participants .errorlist")
    assert page.locator("#participants input[name=person_query]").input_value() == "le thi hoa"
    shot(page, "conferences-2-two-chairs")

    page.goto(f"{live_server.url}/conferences/{conf.pk}/news/")
    page.fill("input[name=byline]", "Kim Anh")
    page.locator("form.inline button[type=submit]").click()
    page.wait_for_selector("textarea[name=text]")
    text = page.locator("textarea[name=text]").input_value()
    assert text.startswith("Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết")
    assert "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657 chủ trì hội nghị." in text
    shot(page, "conferences-3-news")
    assert Article.objects.get().byline == "Kim Anh"

    page.goto(f"{live_server.url}/conferences/?month=2025-06")
    page.wait_for_selector(f"a[href='/conferences/{conf.pk}/']")
    shot(page, "conferences-4-calendar")
