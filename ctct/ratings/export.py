"""The rating results of a year's round for a body's subtree as files: a workbook (.xlsx) and
the report in the Party layout (.docx, ``ctct.core.partydoc``).

Both are written from ``results.results(body, year)``: "Kết quả đánh giá, xếp loại chất
lượng tổ chức đảng và đảng viên năm 2025" with, per body directly below (its subtree counted)
and for the body's own members, the members at each level and their shares of those decided;
then the members of each level by name, and the Party organizations of each level. Like every
Party paper, the words of the files are Vietnamese whatever the language of the pages; the
level names and short names come from the rules in force.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from ctct.core import partydoc
from ctct.ratings.results import UNDECIDED, Results, Row

TITLE = "Kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {year}"
UNDECIDED_WORDS = "Chưa xếp loại"
# A level's list in the .docx names at most this many members; the workbook names them all.
LISTED = 1000
TABLE_PT = 11
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
NAME_LIMIT = 150
# Characters a worksheet cell cannot hold (control characters from old files).
NOT_IN_CELLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def title(year: int) -> str:
    return TITLE.format(year=year)


def file_name(results: Results, extension: str) -> str:
    """ "Kết quả xếp loại chất lượng năm 2025 - Đảng ủy Lữ đoàn 657.xlsx"."""
    name = f"Kết quả xếp loại chất lượng năm {results.year} - {results.body.name}"
    name = " ".join(NOT_IN_NAMES.sub(" ", name).split())[:NAME_LIMIT].strip(" .-")
    return f"{name or 'ket-qua-xep-loai'}.{extension}"


def percent(value: Decimal) -> str:
    """ "12,5%": the Vietnamese decimal comma."""
    return f"{value:.1f}".replace(".", ",") + "%"


def _head(results: Results) -> list[str]:
    head = ["TT", "Tổ chức đảng", "Tổng số đảng viên", "Đã xếp loại"]
    for lv in results.levels:
        head += [f"{lv.short} (số lượng)", f"{lv.short} (tỷ lệ)"]
    return [*head, UNDECIDED_WORDS]


def _row_values(results: Results, row: Row, number: str, name: str = "") -> list:
    name = name or (f"{row.name} (đảng viên trực thuộc)" if row.own else row.name)
    out: list = [number, name, row.total, row.decided]
    for lv in results.levels:
        out += [row.count(lv.code), row.share(lv.code)]
    return [*out, row.count(UNDECIDED)]


# --- the workbook ---------------------------------------------------------------------------
def results_xlsx(results: Results) -> bytes:
    """Three worksheets: the counts and shares per body, the members by level, the Party
    organizations by level. Written row by row (XlsxWriter's constant-memory mode, as the
    cascade's status list): a whole army's members fit without holding every cell."""
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": True})
    bold = wb.add_format({"bold": True})
    big = wb.add_format({"bold": True, "font_size": 13})
    head = wb.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter"})
    share = wb.add_format({"num_format": "0.0"})
    bold_share = wb.add_format({"bold": True, "num_format": "0.0"})

    def plain(value):
        return NOT_IN_CELLS.sub("", value) if isinstance(value, str) else value

    def row_out(ws, r: int, values, fmt=None, fmt_share=None):
        for c, v in enumerate(values):
            if isinstance(v, Decimal):
                ws.write_number(r, c, float(v), fmt_share or share)
            elif v is None:
                ws.write_blank(r, c, None, fmt)
            else:
                ws.write(r, c, plain(v), fmt)

    ws = wb.add_worksheet("Tổng hợp")
    ws.set_column(1, 1, 44)
    ws.write(0, 0, plain(title(results.year).upper()), big)
    ws.write(1, 0, plain(results.body.name))
    row_out(ws, 3, _head(results), head)
    r = 4
    for i, row in enumerate(results.rows, 1):
        row_out(ws, r, _row_values(results, row, str(i)))
        r += 1
    row_out(ws, r, _row_values(results, results.total, "", name="Cộng"), bold, bold_share)

    people = wb.add_worksheet("Đảng viên")
    for col, width in ((1, 28), (3, 40), (4, 34)):
        people.set_column(col, col, width)
    row_out(people, 0, ["TT", "Họ và tên", "Cấp bậc", "Nơi sinh hoạt", "Xếp loại"], bold)
    n = 0
    for code, label in _labels(results):
        for m in results.members.get(code, []):
            n += 1
            row_out(people, n, [n, m.name, m.rank, m.body, label])

    orgs = wb.add_worksheet("Tổ chức đảng")
    for col, width in ((1, 48), (2, 34)):
        orgs.set_column(col, col, width)
    row_out(orgs, 0, ["TT", "Tổ chức đảng", "Xếp loại"], bold)
    n = 0
    for code, label in _labels(results):
        for o in results.organizations.get(code, []):
            n += 1
            row_out(orgs, n, [n, o.name, label])

    wb.close()
    return out.getvalue()


def _labels(results: Results) -> list[tuple[str, str]]:
    """(level code, its name) best first, then the not decided."""
    return [(lv.code, lv.name) for lv in results.levels] + [(UNDECIDED, UNDECIDED_WORDS)]


# --- the Party paper --------------------------------------------------------------------------
def _summary(results: Results, row: Row, what: str, unit: str) -> str:
    parts = [
        f"{lv.name}: {row.count(lv.code)} {unit} ({percent(row.share(lv.code))})"
        for lv in results.levels
    ]
    text = f"Tổng số {what} được đánh giá, xếp loại: {row.total}; trong đó " + "; ".join(parts)
    if row.count(UNDECIDED):
        text += f"; chưa xếp loại: {row.count(UNDECIDED)} {unit}"
    return text + "."


def results_docx(results: Results, *, superior: str = "", today: dt.date | None = None) -> bytes:
    """The report: the header, the title, I. the members (summary, table per body, the names
    by level), II. the Party organizations (summary, the names by level), the signature."""
    today = today or dt.date.today()
    body = results.body
    doc = partydoc.new_document()
    partydoc.header(
        doc,
        superior=superior,
        issuer=body.name,
        dated=partydoc.date_line("", today),
        number=f"Số {partydoc.DOTS}",
    )
    partydoc.centered(doc)
    partydoc.centered(doc, "BÁO CÁO", bold=True, size=16)
    partydoc.centered(doc, title(results.year), bold=True)
    partydoc.centered(doc, "-----")
    partydoc.centered(doc)

    partydoc.section(doc, "I. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI ĐẢNG VIÊN")
    partydoc.body(doc, _summary(results, results.total, "đảng viên", "đồng chí"))
    if results.rows:
        _table(doc, results)
        partydoc.centered(doc)
    for code, label in _labels(results):
        members = results.members.get(code, [])
        if not members:
            continue
        partydoc.section(doc, f"{label}: {len(members)} đồng chí")
        # one line per body (members come in tree order): "- Chi bộ Đại đội 1 (3): ..."
        by_body: dict[str, list[str]] = {}
        for m in members[:LISTED]:
            by_body.setdefault(m.body, []).append(f"{m.rank} {m.name}".strip())
        for at, names in by_body.items():
            partydoc.body(doc, f"{at} ({len(names)}): " + ", ".join(names) + ".", prefix="- ")
        if len(members) > LISTED:
            partydoc.body(
                doc, f"và {len(members) - LISTED} đồng chí khác (xem danh sách kèm theo)."
            )

    partydoc.section(doc, "II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI TỔ CHỨC ĐẢNG")
    orgs = results.organization_total
    if orgs is not None and orgs.total:
        partydoc.body(doc, _summary(results, orgs, "tổ chức đảng", "tổ chức"))
        for code, label in _labels(results):
            named = results.organizations.get(code, [])
            if not named:
                continue
            partydoc.body(
                doc,
                f"{label} ({len(named)}): " + "; ".join(o.name for o in named[:LISTED]) + ".",
                prefix="- ",
            )
    else:
        partydoc.body(doc, "Chưa có tổ chức đảng được đánh giá, xếp loại.")

    partydoc.centered(doc)
    recipients = [f"- {superior} (để báo cáo),"] if superior else []
    partydoc.signature(
        doc,
        recipients=[*recipients, "- Lưu."],
        lines=[partydoc.signing_for(body.kind), "BÍ THƯ"],
        signer=partydoc.DOTS,
    )
    return partydoc.save(doc)


def _table(doc, results: Results) -> None:
    """One row per body: the members, then each level's count and share, and the total."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import _Cell

    head = ["TT", "Tổ chức đảng", "Tổng số"] + [lv.short for lv in results.levels]
    table = doc.add_table(rows=0, cols=len(head))
    table.style = "Table Grid"

    def add(values, *, bold=False):
        row = table.add_row()
        for i, (tc, value) in enumerate(zip(row._tr.tc_lst, values, strict=True)):
            p = _Cell(tc, table).paragraphs[0]
            p.paragraph_format.space_after = 0
            if i != 1:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            partydoc.text(p, str(value), bold=bold, size=TABLE_PT)

    add(head, bold=True)

    def values(row: Row, number: str, name: str = "") -> list[str]:
        name = name or (f"{row.name} (đảng viên trực thuộc)" if row.own else row.name)
        cells = [f"{row.count(lv.code)} ({percent(row.share(lv.code))})" for lv in results.levels]
        return [number, name, str(row.total), *cells]

    for i, row in enumerate(results.rows, 1):
        add(values(row, str(i)))
    add(values(results.total, "", name="Cộng"), bold=True)
