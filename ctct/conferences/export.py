"""The conference record and its minutes, and the news article, as .docx (python-docx).

The record follows the layout of Party papers (Hướng dẫn 36-HD/VPTW, DOMAIN.md): A4, Times
New Roman, black text and no Word heading styles; top left the superior body (caps), the
holding body (bold caps) and "*"; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15, bold, ruled
below) over the italic date line "Place, ngày dd tháng mm năm yyyy"; the title in bold caps;
body text 14; the chair listed first; "Nơi nhận" and the signature block ("T/M ĐẢNG ỦY /
BÍ THƯ") at the end. The words are Vietnamese whatever the language of the pages. The page,
the header and the signature block are ``ctct.core.partydoc``'s, shared with other papers.
"""

from __future__ import annotations

from ctct.conferences import announced
from ctct.conferences.models import Article, Conference, Role
from ctct.conferences.news import conference_name, date_phrase
from ctct.core import partydoc
from ctct.core.partydoc import date_line, signing_for

__all__ = ["article_docx", "conference_docx", "date_line", "signature_lines"]

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


# --- the record ---------------------------------------------------------------------------
def signature_lines(body_kind: str, chair_titles: list[str]) -> list[str]:
    """ "T/M ĐẢNG ỦY / BÍ THƯ" when the chair is the secretary (and when no chair is recorded:
    the secretary signs), "T/M ĐẢNG ỦY / K/T BÍ THƯ / PHÓ BÍ THƯ" for a deputy, and
    "CHỦ TRÌ HỘI NGHỊ" for a chair who holds neither post."""
    collective = signing_for(body_kind)
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
    partydoc.header(
        doc,
        superior=superior.name if superior is not None else "",
        issuer=conf.body.name,
        dated=date_line(conf.place, conf.held_on),
    )


def _signature(doc, conf: Conference, superior, chair) -> None:
    recipients = [f"- {superior.name} (để báo cáo),"] if superior is not None else []
    partydoc.signature(
        doc,
        recipients=[*recipients, "- Lưu."],
        lines=signature_lines(conf.body.kind, chair.title_list if chair else []),
        signer=f"{chair.rank} {chair.full_name}".strip() if chair else "",
    )


def conference_docx(conference: Conference) -> bytes:
    from ctct.conferences.selectors import news_input

    conf = conference
    doc = partydoc.new_document()
    superior = _superior(conf)
    _header(doc, conf, superior)

    partydoc.centered(doc)
    partydoc.centered(doc, "BIÊN BẢN", bold=True, size=16)
    name = conference_name(news_input(conf))
    partydoc.centered(doc, name[:1].upper() + name[1:], bold=True)
    partydoc.centered(doc)

    def line(label: str, value: str) -> None:
        if value:
            p = doc.add_paragraph()
            partydoc.text(p, f"{label}: ", bold=True)
            partydoc.text(p, value)

    line("Thời gian", date_phrase(conf.held_on, conf.part_of_day))
    line("Địa điểm", conf.place)
    line("Đơn vị tổ chức", conf.body.name)
    line("Nội dung", conf.title)
    if conf.report_id:
        line("Báo cáo", conf.report.citation)

    participants = _ordered(conf.participants.all())
    if participants:
        partydoc.section(doc, "THÀNH PHẦN")
        t = doc.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for cell, head in zip(t.rows[0].cells, ("Họ tên", "Chức vụ", "Vai trò"), strict=True):
            partydoc.text(cell.paragraphs[0], head, bold=True)
        for p in participants:
            row = t.add_row().cells
            row[0].text = f"{p.rank} {p.full_name}".strip() + (" (khách mời)" if p.is_guest else "")
            row[1].text = p.titles
            row[2].text = ROLE_WORDS.get(p.role, p.role)
    docs = list(conf.documents.select_related("document").order_by("id"))
    if docs:
        partydoc.section(doc, "VĂN BẢN QUÁN TRIỆT")
        for link in docs:
            partydoc.body(doc, link.document.citation, prefix="- ")
    if conf.results:
        partydoc.section(doc, "KẾT QUẢ")
        for para in conf.results.splitlines():
            if para.strip():
                partydoc.body(doc, para.strip())
    if conf.direction:
        partydoc.section(doc, "PHƯƠNG HƯỚNG")
        for para in conf.direction.splitlines():
            if para.strip():
                partydoc.body(doc, para.strip())
    conclusions = list(conf.conclusions.select_related("assignee"))
    if conclusions:
        partydoc.section(doc, "KẾT LUẬN, YÊU CẦU")
        for i, c in enumerate(conclusions, 1):
            extra = []
            if c.assignee:
                extra.append(c.assignee.name)
            if c.due_on:
                extra.append(f"hạn {c.due_on:%d/%m/%Y}")
            if c.done_on:
                extra.append(f"xong {c.done_on:%d/%m/%Y}")
            partydoc.body(
                doc, c.text + (f" ({'; '.join(extra)})" if extra else ""), prefix=f"{i}. "
            )
    awards = announced.lines_of(conf)
    if awards:
        partydoc.section(doc, "KHEN THƯỞNG")
        for a in awards:
            partydoc.body(
                doc,
                f"{a.issuer} tặng {a.award}: {a.recipients}"
                + (f" — {a.reason}" if a.reason else ""),
                prefix="- ",
            )
    if conf.minutes:
        partydoc.section(doc, "DIỄN BIẾN HỘI NGHỊ")
        for para in conf.minutes.splitlines():
            if para.strip():
                partydoc.body(doc, para.strip())
    partydoc.centered(doc)
    chair = next((p for p in participants if p.role == Role.CHAIR), None)
    _signature(doc, conf, superior, chair)
    return partydoc.save(doc)


# --- the news article ---------------------------------------------------------------------
def article_docx(article: Article) -> bytes:
    """The news article as written: headline, paragraphs, byline; Times New Roman 14."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = partydoc.new_document()
    if article.headline:
        partydoc.centered(doc, article.headline, bold=True, size=16)
        partydoc.centered(doc)
    for para in article.text.splitlines():
        if para.strip():
            partydoc.body(doc, para.strip())
    if article.byline:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        partydoc.text(p, article.byline, bold=True, italic=True)
    return partydoc.save(doc)
