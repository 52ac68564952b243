"""A cell secretary takes all four steps of a directive alone, in headless Chromium:
received, disseminated at the cell's own conference, concretized by the cell's own plan,
reported by the cell's own report, each on the day it happened."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

# A fresh Chromium on a thread of its own: the core browser tests hold one for the session.
from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def recent_directive(org):
    from ctct.documents import services

    issued = timezone.localdate() - dt.timedelta(days=20)
    directive = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=issued, title="Về đại hội đảng bộ các cấp"
    )
    services.distribution_create(document=directive, subtree_of=org.region)
    return directive


def _record(pg, live_server, cell, step: int, **fields) -> None:
    """From the cell's inbox, open the directive's step page and record ``step``."""
    pg.goto(f"{live_server.url}/documents/bodies/{cell.pk}/")
    pg.click("main a[href*='/step/']")
    pg.wait_for_selector("select[name=step]")
    pg.select_option("select[name=step]", str(step))
    for name, value in fields.items():
        if name == "conference":
            pg.select_option("select[name=conference]", index=1)
        elif name in ("implementing", "report"):  # a picker: typed in its search box,
            pg.fill(f"[name={name}__q]", value)  # found among the cell's own documents
        else:
            pg.fill(f"[name={name}]", value)
    shot(pg, f"secretary-cascade-step-{step}")
    pg.click("section.card form button[type=submit]")
    pg.wait_for_url(f"{live_server.url}/documents/bodies/{cell.pk}/")


def _issue_from_the_step_page(pg, live_server, cell, which: str, title: str) -> str:
    pg.goto(f"{live_server.url}/documents/bodies/{cell.pk}/")
    pg.click("main a[href*='/step/']")
    pg.click(f"a[href*='body={cell.pk}'][href*='type={which}']")
    pg.wait_for_selector("input[name=title]")
    assert pg.input_value("input[name=issuer]") == str(cell.pk)
    pg.fill("input[name=title]", title)
    pg.click("section.card form button[type=submit]")
    pg.wait_for_selector("h1")
    return pg.locator("h1").inner_text()


def test_a_cell_secretary_takes_every_step_of_a_directive_alone(
    live_server, org, users, recent_directive
):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from ctct.documents.models import Recipient, Step

    today = timezone.localdate()
    received_on = today - dt.timedelta(days=18)
    held_on = today - dt.timedelta(days=15)
    cell = org.cell

    def scenario(page, out):
        log_in(page, live_server, "secretary")

        # 1. Received, on the day it arrived.
        _record(page, live_server, cell, Step.RECEIVED, on=received_on.isoformat())
        shot(page, "secretary-cascade-1-received")

        # 2. The cell holds its dissemination conference, then names it from its records.
        page.goto(f"{live_server.url}/conferences/bodies/{cell.pk}/new/")
        page.select_option("select[name=kind]", "quan_triet")
        page.fill("input[name=held_on]", held_on.isoformat())
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/conferences/*/")
        _record(page, live_server, cell, Step.DISSEMINATED, conference=True)
        shot(page, "secretary-cascade-2-disseminated")

        # 3. The cell issues its own plan and links it.
        out["plan"] = _issue_from_the_step_page(page, live_server, cell, "KH", "Kế hoạch")
        _record(page, live_server, cell, Step.CONCRETIZED, implementing="01-KH/CB")
        shot(page, "secretary-cascade-3-concretized")

        # 4. The cell issues its report and links it.
        out["report"] = _issue_from_the_step_page(page, live_server, cell, "BC", "Báo cáo")
        _record(page, live_server, cell, Step.REPORTED, report="01-BC/CB")
        shot(page, "secretary-cascade-4-reported")

    out = _in_browser_thread(scenario)
    assert "01-KH/CB" in out["plan"] and "01-BC/CB" in out["report"]
    r = Recipient.objects.get(document=recent_directive, body=cell)
    assert r.step == Step.REPORTED
    assert r.received_user == r.disseminated_user == r.reported_user == users.secretary
    assert timezone.localdate(r.received_at) == received_on
    assert timezone.localdate(r.disseminated_at) == held_on
    assert r.implementing_document.issuer == r.report_document.issuer == cell
    assert r.conference_links.get().conference.held_on == held_on
