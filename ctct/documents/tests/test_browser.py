"""A political officer attaches a file to a directive, downloads it back, and follows the
cascade on the dashboard, in headless Chromium (screenshots in var/screenshots/documents-*)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from ctct.conferences.tests.test_browser import _in_browser_thread
from ctct.core.tests.test_browser import CHROMIUM, log_in, shot

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n% Chi thi ve dai hoi dang cac cap\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"


def test_an_officer_attaches_downloads_and_follows_the_cascade(
    live_server, org, users, settings, tmp_path
):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.MEDIA_ROOT = tmp_path / "media"
    from ctct.documents import services
    from ctct.documents.models import Recipient, Step

    doc = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 9, 10), title="Về đại hội"
    )
    services.distribution_create(
        document=doc, subtree_of=org.region, received_by=dt.date(2025, 9, 20)
    )
    services.recipient_advance(recipient=Recipient.objects.get(body=org.cell), step=Step.RECEIVED)
    pdf_path = tmp_path / "Chỉ thị 2889.pdf"
    pdf_path.write_bytes(PDF)
    page_path = tmp_path / "trang.html"
    page_path.write_bytes(b"<html><script>alert(1)</script></html>")

    def scenario(page, out):
        log_in(page, live_server, "officer")
        page.goto(f"{live_server.url}{doc.get_absolute_url()}")
        page.set_input_files("input[name=file]", str(page_path))
        page.click("form[enctype] button")
        out["refused"] = page.locator(".messages .error").inner_text()
        page.set_input_files("input[name=file]", str(pdf_path))
        page.click("form[enctype] button")
        with page.expect_download() as download:
            page.click("a[download]")
        out["downloaded"] = download.value.path().read_bytes()
        out["filename"] = download.value.suggested_filename
        page.goto(f"{live_server.url}{doc.get_absolute_url()}dashboard/")
        out["stacks"] = page.locator("svg.stack").count()
        out["steps"] = page.locator("table.steps thead th").all_inner_texts()
        shot(page, "documents-dashboard")

    out = _in_browser_thread(scenario)
    assert "trang.html" in out["refused"]
    assert out["downloaded"] == PDF and out["filename"] == "Chỉ thị 2889.pdf"
    assert out["stacks"] == 2  # the political agency and the brigade
    assert [str(Step(s).label) for s in (1, 2, 3, 4)] == out["steps"][2:6]
