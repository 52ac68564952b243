"""The import pages in headless Chromium (Debian's package) against a live server: upload a
real report, let the worker read it, review it with the highlights, choose, confirm.

Screenshots land in var/screenshots/ for a human look.
"""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest

from ctct.core.tests.test_browser import CHROMIUM, log_in, shot
from ctct.imports.tests.conftest import SEED_DIRS, seed_dir

pytestmark = pytest.mark.browser

SEEDS = seed_dir()


def _in_browser_thread(scenario, in_main_thread) -> dict:
    """Run ``scenario(page, out, pause)`` in a fresh Chromium on a thread of its own and
    return ``out``; ``pause()`` runs ``in_main_thread()`` on the test's thread meanwhile.

    Playwright's sync API keeps an event loop running, and the core browser tests hold one
    for the whole session in the main thread of the same worker (as in the conferences
    browser test); the database worker installs signal handlers, which only the main
    thread may do."""
    out: dict = {}
    paused, resume = threading.Event(), threading.Event()

    def pause() -> None:
        paused.set()
        if not resume.wait(timeout=120):
            raise TimeoutError("the main thread did not resume the browser")

    def run():
        from django.db import connections
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                b = p.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                context = b.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
                page = context.new_page()
                page.set_default_timeout(15000)
                scenario(page, out, pause)
                b.close()
        except BaseException as e:  # re-raised in the test's thread
            out["error"] = e
        finally:
            paused.set()
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    paused.wait(timeout=120)
    if "error" not in out and t.is_alive():
        try:
            in_main_thread()
        finally:
            resume.set()
    t.join(timeout=180)
    if "error" in out:
        raise out["error"]
    return out


@pytest.fixture
def namesake(org):
    """A Đại tá Phạm Ngọc Sơn already on record: the seed report's Phạm Ngọc Sơn may be him."""
    from ctct.people.services import person_create

    return person_create(
        full_name="Phạm Ngọc Sơn",
        body=org.pol,
        rank="Đại tá",
        rank_conferred_on=dt.date(2020, 1, 1),
    )


def test_a_political_officer_imports_a_report_reviews_the_highlights_and_confirms(
    live_server, org, users, namesake, settings, tmp_path, run_worker
):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    seeds = sorted(SEEDS.glob("000_*.txt")) if SEEDS else []
    if not seeds:
        pytest.skip(f"no seed report in {' or '.join(map(str, SEED_DIRS))}")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    from ctct.conferences.models import Conference
    from ctct.imports.models import ImportItem

    def scenario(page, out, pause):
        log_in(page, live_server, "officer")
        page.click("header nav >> a[href='/imports/']")
        page.wait_for_selector("h1")
        page.set_input_files("input[name=files]", str(seeds[0]))
        shot(page, "imports-1-upload")
        page.click("form[enctype] button[type=submit]")
        page.wait_for_selector("#progress")
        out["polling"] = page.locator("#progress[hx-trigger]").count()
        shot(page, "imports-2-queued")

        pause()  # the worker reads the upload (on the test's main thread)
        # the progress block notices the end and the page reloads with the report listed
        page.wait_for_selector("#progress:not([hx-trigger])", timeout=20000)
        page.wait_for_selector(f"td:has-text('{seeds[0].name}')")
        shot(page, "imports-3-done")

        page.click("a.button[href^='/imports/items/']")
        page.wait_for_selector(".report .text mark.hl")
        text = page.locator(".report .text")
        out["person"] = text.locator("mark.hl-person").first.inner_text()
        out["organizer"] = text.locator("mark.hl-organizer").first.inner_text()
        out["date"] = text.locator("mark.hl-date").first.inner_text()
        out["ranks"] = text.locator("mark.hl-rank").count()
        out["titles"] = text.locator("mark.hl-position").count()
        out["row"] = page.locator("#person-0 input[name=people-0-name]").input_value()
        shot(page, "imports-4-review")

        # a highlight leads to its row of the form
        text.locator("mark.hl-person a").first.click()
        out["anchor"] = page.url.rsplit("#", 1)[-1]

        # the uncertain mention: the candidate on record, with why; choose him (htmx swap)
        box = page.locator("#decisions .pending-box")
        out["candidates"] = box.inner_text()
        box.locator(f"input[name=choice][value='{namesake.pk}']").check()
        box.locator("button[type=submit]").click()
        page.wait_for_selector("#decisions:not(:has(.pending-box))")
        shot(page, "imports-5-chosen")

        page.click("#decisions form[action$='/confirm/'] button")
        page.wait_for_url(f"{live_server.url}/conferences/*/")
        out["landed"] = page.url
        out["participants"] = page.locator("#participants").inner_text()
        shot(page, "imports-6-conference")

        # the report's page now says what was recorded from it
        page.goto(f"{live_server.url}{ImportItem.objects.get().get_absolute_url()}")
        out["links"] = page.locator("#links").inner_html()
        shot(page, "imports-7-applied")

    out = _in_browser_thread(scenario, in_main_thread=run_worker)
    assert out["polling"] == 1  # the queued batch's page polled its progress
    assert (out["person"], out["organizer"], out["date"]) == (
        "Phạm Ngọc Sơn",
        "Đảng ủy Lữ đoàn 657",
        "Ngày 20/6",
    )
    assert out["ranks"] >= 2 and out["titles"] >= 4
    assert out["row"] == "Phạm Ngọc Sơn" and out["anchor"] == "person-0"
    assert "Đảng ủy Cục Chính trị" in out["candidates"]
    conf = Conference.objects.get()
    assert out["landed"] == f"{live_server.url}{conf.get_absolute_url()}"
    assert conf.body == org.brigade and conf.held_on == dt.date(2025, 6, 20)
    assert conf.participants.filter(person=namesake, role="directed").exists()
    assert "Bùi Hữu Ba" in out["participants"]
    assert conf.get_absolute_url() in out["links"]
    assert namesake.get_absolute_url() in out["links"]
