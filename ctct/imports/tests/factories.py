"""Builders of reports and import batches for tests, through ``import_paths`` (the command's
import) and ``upload_start`` (the page's)::

    item = import_report(root=region)  # a report of Lữ đoàn 657 that becomes its conference
    item = import_report(root=region, text=report_text(extra="Trung úy Nguyễn Văn An ..."))
    batch = make_upload(root=region, user=officer, texts=[report_text(), report_text()])
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from ctct.bodies.models import Body
from ctct.core.tests.factories import unique
from ctct.imports.bulk import import_paths
from ctct.imports.models import ImportBatch, ImportItem
from ctct.imports.tasks import upload_start

ORGANIZER = "Đảng ủy Lữ đoàn 657"
CHAIR = "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn"


def report_text(
    *, date: str | None = None, organizer: str = ORGANIZER, chair: str = CHAIR, extra: str = ""
) -> str:
    """A news report of an interim review held by ``organizer`` and chaired by ``chair``.

    By default each report is a conference of its own: on a day of the first half of 2024 the
    counter picks, in words of its own (the importer does not take it for a copy)."""
    n = unique()
    if date is None:
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n % 180)
        date = f"{day.day}/{day.month}/{day.year}"
    return f"""Hội nghị sơ kết công tác đảng

Ngày {date}, {organizer} tổ chức Hội nghị sơ kết 6 tháng đầu năm {date[-4:]} lãnh đạo \
thực hiện nhiệm vụ. {chair} chủ trì hội nghị. {extra}

Hội nghị lần thứ {n} đã đánh giá toàn diện kết quả lãnh đạo thực hiện nhiệm vụ chính trị \
của đơn vị và thống nhất phương hướng, nhiệm vụ {n} trong thời gian tới.

Tin: Thu Hà
"""


def import_report(
    *, root: Body, text: str | None = None, name: str | None = None, user=None
) -> ImportItem:
    """Import one report (``report_text()`` unless given) under ``root`` as ``ctct import``
    does; returns its item, in the batch of its own."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (name or f"report-{unique()}.txt")
        path.write_text(report_text() if text is None else text, encoding="utf-8")
        summary = import_paths([path], root=root, user=user, workers=1)
    return ImportItem.objects.filter(batch_id=summary.batch_id).latest("order")


def make_upload(*, root: Body, user, texts: Iterable[str] | None = None) -> ImportBatch:
    """A batch uploaded from the import page (one report unless ``texts`` are given), queued
    for the background workers. Needs ``settings.CTCT_IMPORT_DIR`` pointed at a test folder."""
    texts = [report_text()] if texts is None else list(texts)
    files = [
        SimpleUploadedFile(f"report-{unique()}.txt", text.encode("utf-8"), "text/plain")
        for text in texts
    ]
    return upload_start(root=root, user=user, files=files)
