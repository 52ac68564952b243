"""A cell's secretary enters a member's self-rating alone, in headless Chromium: from the
cell's page to the open round, the cell's sheets, the member's sheet; the scores typed show the
band's best level live (htmx), the level proposed and the self-assessment are saved.

Screenshots land in var/screenshots/ratings-*.png.
"""

from __future__ import annotations

import os

import pytest

from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser


def test_a_cell_secretary_enters_a_self_rating_alone(live_server, org, users):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.ratings import rules as rating_rules
    from ctct.ratings.models import RatingSheet
    from ctct.ratings.tests.factories import make_round, sheet_of

    rnd = make_round(body=org.region, year=2025)
    sheet = sheet_of(round=rnd, person=org.cell_member)
    rules = rating_rules.current()
    # Full marks in every group but the last, which loses 15 points: the band of the sum.
    last = len(rules.criteria) - 1
    typed = {c.code: c.max - (15 if i == last else 0) for i, c in enumerate(rules.criteria)}
    expected = rating_rules.band_level(rules, sum(typed.values()))

    def scenario(page, out):
        errors, missing = [], []
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
        page.click(f"#ratings a[href='/ratings/bodies/{org.cell.pk}/rounds/{rnd.pk}/']")
        page.click(f"a[href='/ratings/bodies/{org.cell.pk}/rounds/{rnd.pk}/sheets/']")
        page.click(f"a[href='/ratings/bodies/{org.cell.pk}/sheets/{sheet.pk}/']")
        for code, value in typed.items():
            page.fill(f"input[name=score_{code}]", str(value))
        page.wait_for_selector(f"#band [data-level='{expected}']")
        out["band"] = page.locator("#band").inner_text()
        shot(page, "ratings-1-band")
        page.select_option("select[name=level]", expected)
        page.fill("textarea[name=assessment]", "Hoàn thành nhiệm vụ được giao")
        page.click("#self-rating button[type=submit]")
        page.wait_for_selector("#sheets")
        out["url"] = page.url
        out["sheets"] = page.locator("#sheets").inner_text()
        shot(page, "ratings-2-saved")
        out["errors"] = errors
        out["missing"] = missing

    out = _in_browser_thread(scenario)
    assert rules.level(expected).short in out["band"]
    assert out["url"].endswith(f"/ratings/bodies/{org.cell.pk}/rounds/{rnd.pk}/sheets/")
    assert org.cell_member.full_name in out["sheets"]
    assert out["errors"] == [] and out["missing"] == []
    sheet = RatingSheet.objects.get(pk=sheet.pk)
    assert sheet.step == "self_rated" and sheet.proposed_level == expected
    assert sheet.self_assessment == "Hoàn thành nhiệm vụ được giao"
