"""The conference record and its minutes as .docx (python-docx, layout in code).

Times New Roman, A4, the Party header ("ĐẢNG CỘNG SẢN VIỆT NAM") and the holding body's name
as 36-HD lays out Party papers, then the record and the minutes (biên bản).
"""

from __future__ import annotations

import io

from ctct.conferences.models import Conference, Role
from ctct.conferences.news import date_phrase, period_phrase


def _font(doc) -> None:
    from docx.shared import Pt

    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)


def conference_docx(conference: Conference) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    conf = conference
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    _font(doc)

    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(conf.body.name.upper()).bold = True
    left.add_paragraph("*")
    run = right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    run.bold, run.font.size = True, Pt(15)
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date_line = right.add_paragraph()
    date_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d = conf.held_on
    date_line.add_run(f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}").italic = True

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t = title.add_run("BIÊN BẢN HỘI NGHỊ")
    t.bold, t.font.size = True, Pt(16)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(
        f"{conf.get_kind_display()}" + (f" {period_phrase(conf.period)}" if conf.period else "")
    ).bold = True

    def line(label: str, value: str) -> None:
        if value:
            p = doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)

    line("Thời gian", date_phrase(conf.held_on, conf.part_of_day))
    line("Địa điểm", conf.place)
    line("Đơn vị tổ chức", conf.body.name)
    if conf.title:
        line("Nội dung", conf.title)
    if conf.report_id:
        line("Báo cáo", conf.report.citation)

    labels = dict(Role.choices)
    participants = list(conf.participants.order_by("order", "id"))
    if participants:
        doc.add_heading("Thành phần", level=2)
        t = doc.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for cell, head in zip(t.rows[0].cells, ("Họ tên", "Chức vụ", "Vai trò"), strict=True):
            cell.paragraphs[0].add_run(head).bold = True
        for p in participants:
            row = t.add_row().cells
            row[0].text = f"{p.rank} {p.full_name}".strip() + (" (khách mời)" if p.is_guest else "")
            row[1].text = p.titles
            row[2].text = str(labels.get(p.role, p.role))
    docs = list(conf.documents.select_related("document"))
    if docs:
        doc.add_heading("Văn bản quán triệt", level=2)
        for link in docs:
            doc.add_paragraph(link.document.citation, style="List Bullet")
    if conf.results:
        doc.add_heading("Kết quả", level=2)
        doc.add_paragraph(conf.results)
    if conf.direction:
        doc.add_heading("Phương hướng", level=2)
        doc.add_paragraph(conf.direction)
    conclusions = list(conf.conclusions.select_related("assignee"))
    if conclusions:
        doc.add_heading("Kết luận, yêu cầu", level=2)
        for c in conclusions:
            extra = []
            if c.assignee:
                extra.append(c.assignee.name)
            if c.due_on:
                extra.append(f"hạn {c.due_on:%d/%m/%Y}")
            if c.done_on:
                extra.append(f"xong {c.done_on:%d/%m/%Y}")
            doc.add_paragraph(
                c.text + (f" ({'; '.join(extra)})" if extra else ""), style="List Number"
            )
    awards = list(conf.awards.all())
    if awards:
        doc.add_heading("Khen thưởng", level=2)
        for a in awards:
            doc.add_paragraph(
                f"{a.issuer} tặng {a.award_name}: {a.recipient_name}"
                + (f" — {a.reason}" if a.reason else ""),
                style="List Bullet",
            )
    if conf.minutes:
        doc.add_heading("Biên bản", level=2)
        for para in conf.minutes.splitlines():
            if para.strip():
                doc.add_paragraph(para.strip())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
