"""Every kind of page runs under the Content-Security-Policy without a violation.

Headless Chromium reports each blocked inline script, style attribute, eval or foreign source
on the console; the pages are walked (and their htmx parts used) with the console recorded.
"""

from __future__ import annotations

import pytest

from ctct.core.tests.test_browser import cascade, log_in  # noqa: F401 (a fixture)
from ctct.core.tests.test_url_walk import conferences, documents, imports  # noqa: F401

pytestmark = pytest.mark.browser


def _record_violations(page):  # noqa: F811
    seen: list[str] = []
    page.on(
        "console",
        lambda m: (
            seen.append(f"{page.url}: {m.text[:160]}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    # The DOM event catches what the console may word differently.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective"
        " + ' ' + e.blockedURI + ' ' + (e.sample || '')))"
    )
    return seen


def test_the_pages_break_no_rule_of_the_content_security_policy(
    page,  # noqa: F811
    live_server,
    org,
    users,
    documents,  # noqa: F811
    conferences,  # noqa: F811
    imports,  # noqa: F811
    cascade,  # noqa: F811
):
    directive = cascade
    conference = conferences[2]  # the brigade's
    item = imports[2]
    violations = _record_violations(page)
    log_in(page, live_server, "officer")
    response = page.goto(f"{live_server.url}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy

    # The tree: unfolding a node runs app.js and loads the children through htmx.
    page.goto(f"{live_server.url}/bodies/")
    page.locator(".tree .toggle").first.click()
    page.wait_for_selector("text=Đảng ủy Lữ đoàn 657")
    # Search as you type (htmx).
    page.fill(".search input[type=search]", "dai doi")
    page.wait_for_selector("#body-search-results >> text=Chi bộ Đại đội 1")

    urls = [
        f"/bodies/{org.brigade.pk}/",
        f"/people/{org.commissar.pk}/",
        "/people/?q=nguyen",
        "/documents/",
        directive.get_absolute_url(),
        f"{directive.get_absolute_url()}dashboard/",
        f"{directive.get_absolute_url()}distribute/",
        "/documents/issue/",
        "/documents/reminders/",
        f"/documents/bodies/{org.cell.pk}/",
        "/conferences/?month=2025-06",
        conference.get_absolute_url(),
        f"/conferences/{conference.pk}/news/",
        f"/conferences/bodies/{org.brigade.pk}/",
        "/imports/",
        "/imports/review/",
        f"/imports/{item.batch_id}/",
        f"/imports/items/{item.pk}/",
        "/no-such-page/",
    ]
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")

    # The dashboard draws its bars as SVG; other bars take their width from data-width
    # through app.js, not from a style attribute.
    page.goto(f"{live_server.url}{directive.get_absolute_url()}dashboard/")
    assert page.locator("svg.stack").count() > 0
    page.goto(f"{live_server.url}/imports/{item.batch_id}/")
    widths = page.eval_on_selector_all(
        ".bar span[data-width]", "els => els.map(e => [e.dataset.width, e.style.width])"
    )
    assert widths and all(style == f"{float(w):g}%" for w, style in widths), widths

    # The language switch submits its form from app.js.
    page.select_option("header select[name=language]", "en")
    page.wait_for_selector("html[lang=en]")
    assert violations == []
