"""The status list of a cascade as .xlsx (XlsxWriter, streamed row by row).

One row per recipient in tree order: the body, the bodies above it (names repeat across the
tree: "Chi bộ Đại đội 4"), where it stands, and for every step the deadline and the day it
was recorded, as Excel dates that sort, filter and compute.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from ctct.bodies.models import Body
from ctct.documents.models import Document, Step
from ctct.documents.selectors import status_rows

DATE_FORMAT = "dd/mm/yyyy"


def cascade_xlsx(document: Document, root: Body) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet(_("Status"))
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": DATE_FORMAT})
    headers = [
        _("Body"),
        _("Under"),
        _("Step"),
        _("Receive by"),
        _("Received"),
        _("Disseminate by"),
        _("Disseminated"),
        _("Concretize by"),
        _("Concretized"),
        _("Report by"),
        _("Reported"),
        _("Reason"),
    ]
    sheet.write_row(0, 0, headers, bold)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 2, 16)
    sheet.set_column(3, 10, 13)
    sheet.set_column(11, 11, 32)
    labels = dict(Step.choices)
    last = 0
    for i, row in enumerate(status_rows(document, root), start=1):
        sheet.write_string(i, 0, row.body)
        sheet.write_string(i, 1, row.chain)
        sheet.write_string(i, 2, str(labels[row.step]))
        for s, (deadline, done) in enumerate(zip(row.deadlines, row.done_on, strict=True)):
            for col, day in ((3 + 2 * s, deadline), (4 + 2 * s, done)):
                if day is not None:
                    sheet.write_datetime(i, col, day, date)
        if row.reason:
            sheet.write_string(i, 11, row.reason)
        last = i
    sheet.autofilter(0, 0, last, len(headers) - 1)
    book.close()
    return buf.getvalue()
