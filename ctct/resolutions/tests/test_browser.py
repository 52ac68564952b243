"""A cell's secretary enters the cell's progress on a target handed down to it, in headless
Chromium: from the cell's page to the target, a wrong value refused with what was typed kept,
then the value saved and shown as the cell's standing.

Screenshots land in var/screenshots/resolutions-*.png.
"""

from __future__ import annotations

import os

import pytest

from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser


def test_a_secretary_enters_the_cells_progress(live_server, org, users, admissions):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.resolutions.models import ProgressEntry
    from ctct.resolutions.services import target_hand_down

    (share,) = target_hand_down(target=admissions, values={org.brigade: 8})
    target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=share)

    def scenario(page, out):
        errors, missing = [], []
        # A refused script or style (CSP) or a file not found (the stylesheet) is a failure;
        # the browser's own favicon request is not the page's.
        page.on(
            "console",
            lambda m: (
                errors.append(m.text)
                if m.type == "error" and "Failed to load resource" not in m.text
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                missing.append(r.url)
                if r.status >= 400 and not r.url.endswith("/favicon.ico")
                else None
            ),
        )
        log_in(page, live_server, "secretary")
        page.goto(f"{live_server.url}{org.cell.get_absolute_url()}")
        page.click(f"#resolutions a[href='/resolutions/bodies/{org.cell.pk}/']")
        page.click(f"a[href='/resolutions/bodies/{org.cell.pk}/targets/{admissions.pk}/']")
        page.click(f"a[href='/resolutions/bodies/{org.cell.pk}/targets/{admissions.pk}/progress/']")
        page.fill("input[name=value]", "ba")
        page.fill("input[name=on]", "2025-06-30")
        page.fill("textarea[name=note]", "Báo cáo sơ kết 6 tháng")
        page.click("form button[type=submit]")
        page.wait_for_selector(".errorlist")
        out["kept"] = page.locator("textarea[name=note]").input_value()
        shot(page, "resolutions-1-wrong-value")
        page.fill("input[name=value]", "3")
        page.click("form button[type=submit]")
        page.wait_for_selector("#entries")
        out["url"] = page.url
        out["entries"] = page.locator("#entries").inner_text()
        out["meters"] = page.locator("meter").count()
        shot(page, "resolutions-2-entered")
        out["errors"] = errors
        out["missing"] = missing

    out = _in_browser_thread(scenario)
    assert out["kept"] == "Báo cáo sơ kết 6 tháng"
    assert out["url"].endswith(f"/resolutions/bodies/{org.cell.pk}/targets/{admissions.pk}/")
    assert "3" in out["entries"] and out["meters"] >= 1
    assert out["errors"] == []
    # The refused value answered 200 with the form; nothing else failed to load.
    assert out["missing"] == []
    entry = ProgressEntry.objects.get()
    assert entry.body == org.cell and entry.value == 3
