"""A political officer records a conference and drafts its news report, in headless Chromium.

Screenshots land in var/screenshots/conferences-*.png. The browser runs in a thread of its
own: Playwright's sync API keeps an event loop running, and the core browser tests hold one
for the whole session in the main thread of the same worker.
"""

from __future__ import annotations

import os
import threading

import pytest

from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser


def _in_browser_thread(scenario) -> dict:
    """Run ``scenario(page)`` in a fresh Chromium on a thread; return what it collected."""
    out: dict = {}

    def run():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                b = p.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                context = b.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
                page = context.new_page()
                page.set_default_timeout(10000)
                scenario(page, out)
                b.close()
        except BaseException as e:  # re-raised in the test's thread
            out["error"] = e

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=120)
    if "error" in out:
        raise out["error"]
    return out


def test_an_officer_records_a_conference_and_drafts_the_news(live_server, org, users):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.conferences.models import Article, Conference

    def scenario(page, out):
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
        out["url"] = page.url

        form = page.locator("#participants form.part-form")
        form.locator("input[name=person__q]").fill("bui huu ba")
        form.locator("select[name=role]").select_option("chair")
        form.locator("button[type=submit]").click()
        page.wait_for_selector("input[name=titles][value='Bí thư Đảng ủy, Chính ủy Lữ đoàn 657']")

        form = page.locator("#participants form.part-form")
        form.locator("input[name=person__q]").fill("le thi hoa")
        form.locator("select[name=role]").select_option("chair")
        form.locator("button[type=submit]").click()
        page.wait_for_selector("#participants .errorlist")
        out["kept"] = page.locator("#participants input[name=person__q]").input_value()
        shot(page, "conferences-2-two-chairs")

        page.goto(out["url"] + "news/")
        page.fill("input[name=byline]", "Kim Anh")
        page.locator("form.inline button[type=submit]").click()
        page.wait_for_selector("textarea[name=text]")
        out["text"] = page.locator("textarea[name=text]").input_value()
        shot(page, "conferences-3-news")

        page.goto(f"{live_server.url}{org.brigade.get_absolute_url()}")
        page.wait_for_selector("#conferences")
        shot(page, "conferences-4-body-page")

        page.goto(f"{live_server.url}/conferences/?month=2025-06")
        page.wait_for_selector(f"a[href='{out['url'].removeprefix(live_server.url)}']")
        shot(page, "conferences-5-calendar")

    out = _in_browser_thread(scenario)
    conf = Conference.objects.get()
    assert out["url"].endswith(conf.get_absolute_url())
    # The person the typed name found stays chosen while the error is corrected.
    assert out["kept"] == "Thượng úy Lê Thị Hoa"
    assert conf.participants.filter(role="chair").count() == 1
    assert out["text"].startswith("Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết")
    assert (
        "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657 chủ trì hội nghị." in out["text"]
    )
    assert Article.objects.get().byline == "Kim Anh"
