"""The conference record and its minutes, and the news article, as .docx (python-docx).

The record follows the layout of Party papers (Hướng dẫn 36-HD/VPTW, DOMAIN.md): A4, Times
New Roman, black text and no Word heading styles; top left the superior body (caps), the
holding body (bold caps) and "*"; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15, bold, ruled
below) over the italic date line "Place, ngày dd tháng mm năm yyyy"; the title in bold caps;
body text 14; the chair listed first; "Nơi nhận" and the signature block ("T/M ĐẢNG ỦY /
BÍ THƯ") at the end. The words are Vietnamese whatever the language of the pages.
"""

from __future__ import annotations

import io

from ctct.conferences.models import Article, Conference, Role
from ctct.conferences.news import conference_name, date_phrase
from ctct.text.dates import PartialDate, format_date

FONT = "Times New Roman"
BODY_PT = 14
PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
# The order participants are listed in: the chair first, then who directed and reported.
ROLE_ORDER = [
    Role.CHAIR,
    Role.DIRECTED,
    Role.REPORTED,
    Role.SPOKE,
    Role.ATTENDED,
    Role.AWARDED,
]
ROLE_WORDS = {
    Role.CHAIR: "Chủ trì",
    Role.DIRECTED: "Dự và chỉ đạo",
    Role.REPORTED: "Trình bày báo cáo",
    Role.SPOKE: "Tham luận",
    Role.ATTENDED: "Tham dự",
    Role.AWARDED: "Trao, nhận khen thưởng",
}
# On whose behalf (T/M) the chair signs, by the kind of the holding body.
SIGNING_FOR = {
    "party_committee": "ĐẢNG ỦY",
    "party_organization": "ĐẢNG ỦY",
    "political_agency": "ĐẢNG ỦY",
    "cell": "CHI BỘ",
    "standing_committee": "BAN THƯỜNG VỤ",
    "provincial_committee": "TỈNH ỦY",
    "district_committee": "HUYỆN ỦY",
}
DOTS = "…………"


# --- the page -----------------------------------------------------------------------------
def _new_document():
    """An A4 page with 36-HD margins, Times New Roman 14 everywhere, black."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

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


def _text(paragraph, text: str, *, bold=False, italic=False, size: int | None = None):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return run


def _centered(container, text: str = "", **style):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = 0
    if text:
        _text(p, text, **style)
    return p


def _first(cell, text: str, **style):
    """The cell's own first paragraph, centered, with ``text``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = 0
    _text(p, text, **style)
    return p


def _rule_below(paragraph) -> None:
    """The thin line under "ĐẢNG CỘNG SẢN VIỆT NAM" (a bottom border on the paragraph)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _section(doc, title: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_before = p.paragraph_format.space_after
    _text(p, title, bold=True)


def _body(doc, text: str, *, prefix: str = "") -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)
    _text(p, prefix + text)


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the record ---------------------------------------------------------------------------
def date_line(place: str, day) -> str:
    """ "Cần Thơ, ngày 03 tháng 02 năm 2026": the locality is the last part of the place
    ("Hội trường Lữ đoàn 657, Cần Thơ"); without a place, dots to fill in by hand."""
    where = (place or "").rsplit(",", 1)[-1].strip() or DOTS
    return f"{where}, {format_date(PartialDate(day.year, day.month, day.day))}"


def signature_lines(body_kind: str, chair_titles: list[str]) -> list[str]:
    """ "T/M ĐẢNG ỦY / BÍ THƯ" when the chair is the secretary (and when no chair is recorded:
    the secretary signs), "T/M ĐẢNG ỦY / K/T BÍ THƯ / PHÓ BÍ THƯ" for a deputy, and
    "CHỦ TRÌ HỘI NGHỊ" for a chair who holds neither post."""
    collective = f"T/M {SIGNING_FOR.get(body_kind, 'ĐẢNG ỦY')}"
    titles = [t.casefold() for t in chair_titles]
    if any(t.startswith("phó bí thư") for t in titles):
        return [collective, "K/T BÍ THƯ", "PHÓ BÍ THƯ"]
    if titles and not any(t.startswith("bí thư") for t in titles):
        return ["CHỦ TRÌ HỘI NGHỊ"]
    return [collective, "BÍ THƯ"]


def _ordered(participants) -> list:
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    return sorted(participants, key=lambda p: (rank.get(p.role, len(rank)), p.order, p.id))


def _superior(conf: Conference):
    from ctct.bodies.models import Body

    return Body.objects.get_parent(conf.body)


def _header(doc, conf: Conference, superior) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    if superior is not None:
        _first(left, superior.name.upper())
        _centered(left, conf.body.name.upper(), bold=True)
    else:
        _first(left, conf.body.name.upper(), bold=True)
    _centered(left, "*")
    _rule_below(_first(right, PARTY_HEADER, bold=True, size=15))
    _centered(right)
    _centered(right, date_line(conf.place, conf.held_on), italic=True)


def _signature(doc, conf: Conference, superior, chair) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _text(p, "Nơi nhận:", bold=True, italic=True, size=12)
    if superior is not None:
        _text(left.add_paragraph(), f"- {superior.name} (để báo cáo),", size=12)
    _text(left.add_paragraph(), "- Lưu.", size=12)
    lines = signature_lines(conf.body.kind, chair.title_list if chair else [])
    _first(right, lines[0], bold=True)
    for line in lines[1:]:
        _centered(right, line, bold=True)
    for _ in range(3):
        _centered(right)
    _centered(right, f"{chair.rank} {chair.full_name}".strip() if chair else "", bold=True)


def conference_docx(conference: Conference) -> bytes:
    from ctct.conferences.selectors import news_input

    conf = conference
    doc = _new_document()
    superior = _superior(conf)
    _header(doc, conf, superior)

    _centered(doc)
    _centered(doc, "BIÊN BẢN", bold=True, size=16)
    name = conference_name(news_input(conf))
    _centered(doc, name[:1].upper() + name[1:], bold=True)
    _centered(doc)

    def line(label: str, value: str) -> None:
        if value:
            p = doc.add_paragraph()
            _text(p, f"{label}: ", bold=True)
            _text(p, value)

    line("Thời gian", date_phrase(conf.held_on, conf.part_of_day))
    line("Địa điểm", conf.place)
    line("Đơn vị tổ chức", conf.body.name)
    line("Nội dung", conf.title)
    if conf.report_id:
        line("Báo cáo", conf.report.citation)

    participants = _ordered(conf.participants.all())
    if participants:
        _section(doc, "THÀNH PHẦN")
        t = doc.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for cell, head in zip(t.rows[0].cells, ("Họ tên", "Chức vụ", "Vai trò"), strict=True):
            _text(cell.paragraphs[0], head, bold=True)
        for p in participants:
            row = t.add_row().cells
            row[0].text = f"{p.rank} {p.full_name}".strip() + (" (khách mời)" if p.is_guest else "")
            row[1].text = p.titles
            row[2].text = ROLE_WORDS.get(p.role, p.role)
    docs = list(conf.documents.select_related("document").order_by("id"))
    if docs:
        _section(doc, "VĂN BẢN QUÁN TRIỆT")
        for link in docs:
            _body(doc, link.document.citation, prefix="- ")
    if conf.results:
        _section(doc, "KẾT QUẢ")
        for para in conf.results.splitlines():
            if para.strip():
                _body(doc, para.strip())
    if conf.direction:
        _section(doc, "PHƯƠNG HƯỚNG")
        for para in conf.direction.splitlines():
            if para.strip():
                _body(doc, para.strip())
    conclusions = list(conf.conclusions.select_related("assignee"))
    if conclusions:
        _section(doc, "KẾT LUẬN, YÊU CẦU")
        for i, c in enumerate(conclusions, 1):
            extra = []
            if c.assignee:
                extra.append(c.assignee.name)
            if c.due_on:
                extra.append(f"hạn {c.due_on:%d/%m/%Y}")
            if c.done_on:
                extra.append(f"xong {c.done_on:%d/%m/%Y}")
            _body(doc, c.text + (f" ({'; '.join(extra)})" if extra else ""), prefix=f"{i}. ")
    awards = list(conf.awards.all())
    if awards:
        _section(doc, "KHEN THƯỞNG")
        for a in awards:
            _body(
                doc,
                f"{a.issuer} tặng {a.award_name}: {a.recipient_name}"
                + (f" — {a.reason}" if a.reason else ""),
                prefix="- ",
            )
    if conf.minutes:
        _section(doc, "DIỄN BIẾN HỘI NGHỊ")
        for para in conf.minutes.splitlines():
            if para.strip():
                _body(doc, para.strip())
    _centered(doc)
    chair = next((p for p in participants if p.role == Role.CHAIR), None)
    _signature(doc, conf, superior, chair)
    return _save(doc)


# --- the news article ---------------------------------------------------------------------
def article_docx(article: Article) -> bytes:
    """The news article as written: headline, paragraphs, byline; Times New Roman 14."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _new_document()
    if article.headline:
        _centered(doc, article.headline, bold=True, size=16)
        _centered(doc)
    for para in article.text.splitlines():
        if para.strip():
            _body(doc, para.strip())
    if article.byline:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _text(p, article.byline, bold=True, italic=True)
    return _save(doc)
