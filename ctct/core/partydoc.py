"""The page of a Party paper (Hướng dẫn 36-HD/VPTW, DOMAIN.md) as python-docx building blocks,
shared by every writer of a Party document (the conference record, the review report).

A4, Times New Roman 14, black text and no Word heading styles; top left the superior body
(caps), the issuing body (bold caps), "*" and the number; top right "ĐẢNG CỘNG SẢN VIỆT NAM"
(15, bold, ruled below) over the italic date line "Place, ngày dd tháng mm năm yyyy"; at the
end "Nơi nhận" on the left and the signature block on the right. The words are Vietnamese
whatever the language of the pages. Nothing here knows a model: callers pass plain strings.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ctct.text.dates import PartialDate, format_date

FONT = "Times New Roman"
BODY_PT = 14
PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
DOTS = "…………"
# Characters XML 1.0 cannot hold (control characters pasted from old files, lone surrogates):
# python-docx refuses them, so they are dropped from the text.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# On whose behalf (T/M) a paper is signed, by the kind of the issuing body.
SIGNING_FOR = {
    "party_committee": "ĐẢNG ỦY",
    "party_organization": "ĐẢNG ỦY",
    "political_agency": "ĐẢNG ỦY",
    "cell": "CHI BỘ",
    "standing_committee": "BAN THƯỜNG VỤ",
    "provincial_committee": "TỈNH ỦY",
    "district_committee": "HUYỆN ỦY",
}


def signing_for(body_kind: str) -> str:
    """ "T/M ĐẢNG ỦY", "T/M CHI BỘ", ... for a body of that kind (a committee by default)."""
    return f"T/M {SIGNING_FOR.get(body_kind, 'ĐẢNG ỦY')}"


def date_line(place: str, day: dt.date) -> str:
    """ "Cần Thơ, ngày 03 tháng 02 năm 2026": the locality is the last part of the place
    ("Hội trường Lữ đoàn 657, Cần Thơ"); without a place, dots to fill in by hand."""
    where = (place or "").rsplit(",", 1)[-1].strip() or DOTS
    return f"{where}, {format_date(PartialDate(day.year, day.month, day.day))}"


# --- the page -----------------------------------------------------------------------------
def new_document():
    """An A4 page with 36-HD margins, Times New Roman 14 everywhere, black."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    return doc


def text(paragraph, words: str, *, bold=False, italic=False, size: int | None = None):
    """A run of ``words`` at the end of ``paragraph`` (characters XML cannot hold dropped)."""
    run = paragraph.add_run(NOT_XML.sub("", words))
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return run


def centered(container, words: str = "", **style):
    """A new centered paragraph (empty: a blank line) in a document or a table cell."""
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = 0
    if words:
        text(p, words, **style)
    return p


def first(cell, words: str, **style):
    """The cell's own first paragraph, centered, with ``words``."""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = 0
    text(p, words, **style)
    return p


def rule_below(paragraph) -> None:
    """The thin line under "ĐẢNG CỘNG SẢN VIỆT NAM" (a bottom border on the paragraph)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def section(doc, title: str) -> None:
    """A bold line that opens a part of the paper (no Word heading style)."""
    p = doc.add_paragraph()
    p.paragraph_format.space_before = p.paragraph_format.space_after
    text(p, title, bold=True)


def body(doc, words: str, *, prefix: str = "") -> None:
    """A justified paragraph of body text, its first line indented."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)
    text(p, prefix + words)


def save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the header and the signature ---------------------------------------------------------
def header(doc, *, superior: str, issuer: str, dated: str, number: str | None = None) -> None:
    """The two columns at the top: left the superior body (caps; none at the top of the
    tree), the issuing body (bold caps), "*" and, when given, the number line ("Số 12-BC/ĐU");
    right the Party's name (15 bold, ruled below), a blank line and the italic date line."""
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    if superior:
        first(left, superior.upper())
        centered(left, issuer.upper(), bold=True)
    else:
        first(left, issuer.upper(), bold=True)
    centered(left, "*")
    if number is not None:
        centered(left, number)
    rule_below(first(right, PARTY_HEADER, bold=True, size=15))
    centered(right)
    centered(right, dated, italic=True)


def signature(doc, *, recipients: list[str], lines: list[str], signer: str) -> None:
    """The last two columns: "Nơi nhận:" and its list (12) on the left; the signature lines
    in bold, room to sign and the signer's name on the right."""
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    text(p, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in recipients:
        text(left.add_paragraph(), line, size=12)
    first(right, lines[0], bold=True)
    for line in lines[1:]:
        centered(right, line, bold=True)
    for _ in range(3):
        centered(right)
    centered(right, signer, bold=True)
