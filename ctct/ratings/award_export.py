"""An award decision as a Party paper (.docx, the layout of ``core.partydoc``) and its list of
recipients as .xlsx (XlsxWriter, as the cascade's status list).

The words of the paper are Vietnamese whatever the language of the pages. Both read the
decision's ticked names once (one query) and know nothing of the request.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from ctct.bodies.models import Body, BodyKind
from ctct.core import partydoc
from ctct.ratings.awards import decision_issuer, decision_title
from ctct.ratings.models import Award, AwardDecision


@dataclass(frozen=True)
class DecisionPaper:
    superior: str
    issuer: str
    issuer_kind: str
    number: str
    dated: dt.date | None
    place: str
    kind: str
    year: int
    title: str
    awards: tuple[Award, ...]


def decision_paper(decision: AwardDecision) -> DecisionPaper:
    """What the paper prints, read from the records."""
    issuer = decision_issuer(decision)
    giver = decision.giver
    superior = Body.objects.get_parent(issuer)
    doc = decision.document
    awards = tuple(
        decision.awards.filter(included=True)
        .select_related("person", "body")
        .order_by("recipient_name", "id")
    )
    return DecisionPaper(
        superior=superior.name if superior is not None else "",
        issuer=giver.name if giver.kind == BodyKind.STANDING_COMMITTEE else issuer.name,
        issuer_kind=giver.kind,
        number=f"Số {doc.number_text}-{doc.symbol}" if doc and doc.number_text else "",
        dated=doc.issued_on if doc is not None else None,
        place=giver.unit_name or "",
        kind=decision.kind.name,
        year=decision.year,
        title=decision_title(decision),
        awards=awards,
    )


def _signature_lines(kind: str) -> list[str]:
    collective = partydoc.signing_for(kind)
    return [collective, "BÍ THƯ"]


def decision_docx(decision: AwardDecision) -> bytes:
    """The QĐ: header, "QUYẾT ĐỊNH", its title, the articles (Điều 1: the recipients and the
    rule behind each; Điều 2: the effect; Điều 3: who carries it out), the signature."""
    p = decision_paper(decision)
    doc = partydoc.new_document()
    dated = (
        partydoc.date_line(p.place, p.dated)
        if p.dated
        else f"{partydoc.DOTS}, ngày {partydoc.DOTS} tháng {partydoc.DOTS} năm {p.year + 1}"
    )
    partydoc.header(
        doc,
        superior=p.superior,
        issuer=p.issuer,
        dated=dated,
        number=p.number or f"Số {partydoc.DOTS}-QĐ",
    )
    partydoc.centered(doc)
    partydoc.centered(doc, "QUYẾT ĐỊNH", bold=True, size=16)
    partydoc.centered(doc, p.title[:1].upper() + p.title[1:], bold=True)
    partydoc.centered(doc, "-----")
    partydoc.centered(doc)
    partydoc.centered(doc, p.issuer.upper(), bold=True)
    partydoc.body(
        doc,
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; căn cứ kết quả kiểm điểm, đánh giá, xếp loại "
        f"chất lượng tổ chức đảng và đảng viên năm {p.year};",
    )
    partydoc.body(doc, "Xét đề nghị của cơ quan chức năng,")
    partydoc.centered(doc, "QUYẾT ĐỊNH:", bold=True)
    partydoc.body(
        doc, f"Tặng {p.kind} năm {p.year} cho {len(p.awards)} trường hợp sau:", prefix="Điều 1. "
    )
    for i, a in enumerate(p.awards, start=1):
        rule = f" ({a.reason})" if a.reason else ""
        partydoc.body(doc, f"{a.recipient_name}{rule}.", prefix=f"{i}. ")
    partydoc.body(doc, "Quyết định có hiệu lực kể từ ngày ký.", prefix="Điều 2. ")
    partydoc.body(
        doc,
        "Các cơ quan, tổ chức đảng và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này.",
        prefix="Điều 3. ",
    )
    partydoc.centered(doc)
    recipients = ["- Như Điều 3,"]
    if p.superior:
        recipients.insert(0, f"- {p.superior} (để báo cáo),")
    partydoc.signature(
        doc,
        recipients=[*recipients, "- Lưu."],
        lines=_signature_lines(p.issuer_kind),
        signer="",
    )
    return partydoc.save(doc)


XLSX_HEADER = ("TT", "Họ và tên / Tổ chức đảng", "Đơn vị", "Thành tích", "Từ năm", "Đến năm")


def decision_xlsx(decision: AwardDecision) -> bytes:
    """The list: one row per ticked recipient, with the rule behind the name."""
    import xlsxwriter

    awards = (
        decision.awards.filter(included=True)
        .select_related("person__body", "body")
        .order_by("recipient_name", "id")
    )
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Danh sách")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, f"{decision.kind.name} năm {decision.year} — {decision.giver.name}", bold)
    for col, title in enumerate(XLSX_HEADER):
        sheet.write(2, col, title, bold)
    sheet.set_column(1, 1, 36)
    sheet.set_column(2, 3, 30)
    for row, a in enumerate(awards, start=3):
        where = a.person.body.name if a.person_id else ""
        sheet.write_number(row, 0, row - 2)
        sheet.write_string(row, 1, a.recipient_name)
        sheet.write_string(row, 2, where)
        sheet.write_string(row, 3, a.reason)
        if a.first_year:
            sheet.write_number(row, 4, a.first_year)
        if a.last_year:
            sheet.write_number(row, 5, a.last_year)
    book.close()
    return out.getvalue()
