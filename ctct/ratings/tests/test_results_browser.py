"""The rating charts drawn in headless Chromium under the strict CSP: the levels per body as
stacked bars and the trend across the years as lines, with nothing refused in the console.

Screenshots land in var/screenshots/ratings-*.png.
"""

from __future__ import annotations

import os

import pytest

from ctct.accounts.tests.factories import make_user
from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot
from ctct.ratings.tests.test_results_export import YEAR, org  # noqa: F401 (a fixture)
from ctct.resolutions.tests.test_chart_browser import PAINTED

pytestmark = pytest.mark.browser


def test_the_rating_charts_are_drawn_with_no_csp_violation(live_server, org):  # noqa: F811
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    make_user(role="viewer", on=org.regiment, username="xemxet")

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
        log_in(page, live_server, "xemxet")
        page.goto(f"{live_server.url}/ratings/export/{org.regiment.pk}/charts/?year={YEAR}")
        bars = page.locator("#rating-bars canvas[data-drawn=true]")
        bars.wait_for()
        out["bars"] = bars.evaluate(PAINTED)
        line = page.locator("#rating-trend canvas[data-drawn=true]")
        line.wait_for()
        out["line"] = line.evaluate(PAINTED)
        out["table"] = page.locator("figure.chart.drawn .chart-data").first.bounding_box()
        shot(page, "ratings-1-charts")
        out["errors"] = errors

    out = _in_browser_thread(scenario)
    assert out["bars"] > 500 and out["line"] > 500
    assert out["table"]["width"] <= 1  # kept for screen readers and printing, off the screen
    assert out["errors"] == []
