"""A body chosen by typing in the issue form, with the keyboard, in headless Chromium.

Screenshots land in var/screenshots/pickers-*.png.
"""

from __future__ import annotations

import os

import pytest

from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser


def test_an_officer_chooses_the_issuing_body_by_typing_without_diacritics(live_server, org, users):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.documents.models import Document

    def scenario(page, out):
        log_in(page, live_server, "officer")
        page.goto(f"{live_server.url}/documents/issue/")
        box = page.locator("input[name=issuer__q]")
        box.click()
        box.press_sequentially("dai doi", delay=40)
        options = page.locator("#id_issuer-list [role=option]")
        options.first.wait_for()
        out["offered"] = options.all_inner_texts()
        shot(page, "pickers-1-suggestions")
        box.press("ArrowDown")
        box.press("ArrowDown")
        out["active"] = page.locator("#id_issuer-list [aria-selected=true]").inner_text()
        box.press("Enter")  # chooses; does not submit the form
        out["chosen_text"] = box.input_value()
        out["chosen_id"] = page.locator("input[name=issuer]").input_value()
        out["url_after_enter"] = page.url
        page.fill("input[name=type_code]", "KH")
        page.fill("input[name=title]", "Kế hoạch huấn luyện")
        shot(page, "pickers-2-chosen")
        page.click("form button[type=submit]")
        page.wait_for_url("**/documents/*/")
        out["done"] = page.locator("h1").first.inner_text()
        shot(page, "pickers-3-issued")

    out = _in_browser_thread(scenario)
    assert [o.split("\n")[0] for o in out["offered"]] == ["Chi bộ Đại đội 1", "Chi bộ Đại đội 2"]
    assert out["active"].startswith("Chi bộ Đại đội 2")
    assert out["chosen_text"] == "Chi bộ Đại đội 2"
    assert out["chosen_id"] == str(org.other_cell.pk)
    assert out["url_after_enter"].endswith("/documents/issue/")
    assert Document.objects.get().issuer == org.other_cell
