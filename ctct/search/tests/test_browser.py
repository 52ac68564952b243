"""Typing in the header's search box and opening a result with the keyboard, in headless
Chromium (screenshots in var/screenshots/search-*)."""

from __future__ import annotations

import os

import pytest

from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser


def test_an_officer_types_in_the_header_box_and_opens_a_result_with_the_keyboard(
    live_server, org, users
):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.documents.tests.factories import make_document

    plan = make_document(
        issuer=org.brigade, type_code="KH", title="Kế hoạch phòng cháy, chữa cháy rừng mùa khô"
    )

    def scenario(page, out):
        log_in(page, live_server, "officer")
        box = page.locator("#searchbox-q")
        box.click()
        box.press_sequentially("phong chay rung", delay=40)
        page.wait_for_selector("#searchbox-list [role=option] >> text=phòng cháy")
        out["expanded"] = box.get_attribute("aria-expanded")
        shot(page, "search-1-suggestions")
        box.press("Escape")
        out["closed"] = page.locator("#searchbox-list").is_hidden()
        box.press("ArrowDown")
        out["active"] = box.get_attribute("aria-activedescendant")
        with page.expect_navigation():
            box.press("Enter")
        out["url"] = page.url
        shot(page, "search-2-opened")
        # Enter with no suggestion chosen opens the results page
        box = page.locator("#searchbox-q")
        box.fill("phong chay")
        with page.expect_navigation():
            box.press("Enter")
        out["results_url"] = page.url
        out["marks"] = page.locator("ol.results mark").count()
        shot(page, "search-3-results")

    out = _in_browser_thread(scenario)
    assert out["expanded"] == "true" and out["closed"]
    assert out["active"] == "searchbox-list-0"
    assert out["url"].endswith(plan.get_absolute_url())
    assert "/search/?q=phong+chay" in out["results_url"] and out["marks"] >= 1
