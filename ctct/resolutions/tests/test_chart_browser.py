"""The charts drawn in headless Chromium (Debian's package) under the strict CSP: the standing
bars on a resolution's page, the progress line on a target's page and the heat map page, with
nothing refused in the console.

Screenshots land in var/screenshots/charts-*.png.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser

# Counts the canvas's painted pixels: a blank canvas has none.
PAINTED = """c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
  return n;
}"""


def test_the_charts_are_drawn_with_no_csp_violation(
    live_server, org, users, resolution, admissions
):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.resolutions.services import progress_enter, target_hand_down

    (share,) = target_hand_down(target=admissions, values={org.brigade: 8})
    target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=share)
    for value, on in ((1, dt.date(2025, 3, 1)), (3, dt.date(2025, 6, 30))):
        progress_enter(target=admissions, body=org.cell, value=value, on=on, note="Báo cáo")

    def scenario(page, out):
        errors = []
        page.on(
            "console",
            lambda m: (
                errors.append(m.text)
                if m.type == "error" and "Failed to load resource" not in m.text
                else None
            ),
        )
        log_in(page, live_server, "officer")
        page.goto(f"{live_server.url}/resolutions/{resolution.pk}/")
        bars = page.locator("canvas[data-chart][data-drawn=true]")
        bars.wait_for()
        out["bars"] = bars.evaluate(PAINTED)
        out["table"] = page.locator("figure.chart.drawn .chart-data").bounding_box()
        shot(page, "charts-1-bars")
        page.goto(f"{live_server.url}/resolutions/bodies/{org.region.pk}/targets/{admissions.pk}/")
        line = page.locator("#progress-chart canvas[data-drawn=true]")
        line.wait_for()
        out["line"] = line.evaluate(PAINTED)
        shot(page, "charts-2-line")
        page.click("a[href$='/map/']")
        page.wait_for_selector("table.standing-map")
        page.select_option("select[name=level]", "2")
        page.click(".map-level button[type=submit]")
        page.wait_for_url("**level=2")
        out["cells"] = page.locator("td.map-cell").count()
        out["title"] = page.locator("tbody td.map-cell").first.get_attribute("title")
        shot(page, "charts-3-map")
        out["errors"] = errors

    out = _in_browser_thread(scenario)
    assert out["bars"] > 500 and out["line"] > 500
    assert out["table"]["width"] <= 1  # kept for screen readers and printing, off the screen
    assert out["cells"] == 3  # the region's own cell, then the two cells below the brigade
    assert out["title"].startswith("3 / 4")
    assert out["errors"] == []
