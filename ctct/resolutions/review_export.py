"""The review report (báo cáo sơ kết / tổng kết) as a Party paper: .docx with python-docx, PDF
by LibreOffice converting that .docx. Input is the plain ``ReviewDraft``; nothing here reads
the database, so the page, the download views, the command and the benchmark print alike.

The layout is 36-HD's (``ctct.core.partydoc``, DOMAIN.md): the two-column header with the
number ("Số 12-BC/ĐU", dots while unnumbered) and the date line; "BÁO CÁO" and the title;
then the numbered parts:

I.   results: the targets as a table (chỉ tiêu, kế hoạch, thực hiện, so với cùng kỳ, đánh
     giá) with charts, the directives received and their steps, the conferences held, the
     requirements assigned and done, the sections other areas add;
II.  ưu điểm; hạn chế with the limitations of the previous review and what became of each;
     nguyên nhân; bài học kinh nghiệm;
III. phương hướng, nhiệm vụ;

"Nơi nhận" and the signature "T/M ĐẢNG ỦY / BÍ THƯ" (CHI BỘ for a cell). A missing figure is
printed as "Chưa có số liệu" and a section the staff have not written as dots to fill in by
hand: the report says what it lacks, it never invents it. The words are Vietnamese whatever
the language of the pages.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctct.core import partydoc
from ctct.resolutions import standing as st
from ctct.resolutions.review_charts import Bar, Line, progress_lines, standing_bars
from ctct.resolutions.review_draft import Gap, ReviewDraft, TargetLine

log = logging.getLogger(__name__)

MSG_PDF_NO_SOFFICE = _(
    "The PDF is made by LibreOffice (soffice), which is not installed on this server. "
    "Download the .docx instead."
)
MSG_PDF_FAILED = _("LibreOffice could not turn the report into a PDF. Download the .docx instead.")
MSG_PDF_TIMEOUT = _(
    "LibreOffice took more than %(seconds)s seconds to make the PDF. Try again later, or "
    "download the .docx."
)

SOFFICE = ("soffice", "libreoffice")
PDF_TIMEOUT_S = 60

NO_FIGURE = "Chưa có số liệu"
KIND_WORDS = {"so_ket": "sơ kết", "tong_ket": "tổng kết"}
ROMAN = ("I", "II", "III")
RATING_SHORT = {1: "KHTNV", 2: "HTNV", 3: "HTTNV", 4: "HTXSNV"}
COMPARISON_SIGN = {st.AT_LEAST: "≥ ", st.AT_MOST: "≤ ", st.EXACTLY: ""}
TABLE_HEAD = ("TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "So với cùng kỳ", "Đánh giá")
TABLE_WIDTHS_CM = (1.0, 5.6, 2.3, 2.3, 2.3, 2.5)  # 16 cm, the text width
TABLE_PT = 12
IMAGE_WIDTH_CM = 16
ONE_DECIMAL = Decimal("0.1")
REQUIREMENTS_PRINTED = 30  # listed one by one, those not done first; the others counted
LINE_MEASURES = (st.PERCENT, st.COUNT)  # the measures drawn as progress lines
NAMES_LISTED = 10  # bodies behind named under a target; the others are counted
# Gaps (in the draft's words) that the paper shows in place instead of printing them.
SHOWN_IN_PLACE = (Gap.STAFF, Gap.CARRIED, Gap.SIGNER)
# For gaps given as plain text: the words that tell what part they are about.
WORDED_PLACES = (
    ("chưa viết phần", Gap.STAFF),
    ("kết quả khắc phục", Gap.CARRIED),
    ("chưa ghi nhận bí thư", Gap.SIGNER),
    ("chỉ tiêu", Gap.TARGETS),
)


# --- figures in words -----------------------------------------------------------------------
def amount(measure: str, value: Decimal | None, unit: str = "") -> str:
    """A value as the table prints it: "92,5%", "12 đảng viên", "Có", "HTTNV"; a mean is
    rounded to one decimal ("86,6%", not "86,597589…%")."""
    if value is None:
        return NO_FIGURE
    if value != value.to_integral_value():
        value = value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    if measure == st.PERCENT:
        return f"{st.vi_number(value)}%"
    if measure == st.YES_NO:
        return "Có" if value >= st.YES else "Không"
    if measure == st.RATING:
        return RATING_SHORT.get(int(value), st.vi_number(value))
    return f"{st.vi_number(value)} {unit}".strip()


def planned(t: TargetLine) -> str:
    """The target as planned: "≥ 95%", "≤ 2 vụ", "Có"."""
    words = amount(t.measure, t.target_value, t.unit)
    if t.measure == st.YES_NO:
        return words
    return COMPARISON_SIGN.get(t.comparison, "") + words


def against_last_year(t: TargetLine) -> str:
    """The figure as a percentage of the same period a year earlier, "Chưa có số liệu" when
    either is missing; a dash for yes/no and rating levels, which have no such ratio."""
    if t.measure in (st.YES_NO, st.RATING):
        return "—"
    ratio = st.same_period_ratio(t.figure, t.last_year)
    return NO_FIGURE if ratio is None else f"{st.vi_number(ratio)}%"


def number_line(number: str) -> str:
    """ "Số 12-BC/ĐU" as given (with "Số" added when missing); dots while unnumbered."""
    number = " ".join((number or "").split())
    if not number:
        return f"Số {partydoc.DOTS}"
    return number if number.casefold().startswith("số") else f"Số {number}"


def title_words(draft: ReviewDraft) -> str:
    """What follows "BÁO CÁO": the title without its leading "Báo cáo", capitalized."""
    title = " ".join(draft.title.split())
    if title.casefold().startswith("báo cáo"):
        title = title[len("báo cáo") :].strip(" :-–")
    if not title:
        title = f"{KIND_WORDS.get(draft.kind, 'sơ kết')} {draft.period_words}"
    return title[:1].upper() + title[1:]


def signature_lines(body_kind: str, signer_title: str) -> list[str]:
    """ "T/M ĐẢNG ỦY / BÍ THƯ"; a deputy signs "K/T BÍ THƯ / PHÓ BÍ THƯ"."""
    collective = partydoc.signing_for(body_kind)
    post = " ".join((signer_title or "").split()).upper() or "BÍ THƯ"
    if post.startswith("PHÓ"):
        return [collective, "K/T BÍ THƯ", post]
    return [collective, post]


def gap_line(gap: str) -> str:
    """A gap as printed: as the draft words it when it says what is missing ("Chỉ tiêu “X”
    chưa có số liệu."), else after "Chưa có số liệu:"."""
    gap = " ".join(gap.split()).rstrip(".")
    return f"{gap}." if "chưa" in gap.casefold() else f"{NO_FIGURE}: {gap}."


def placed_gaps(gaps: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The gaps the paper prints, by where they apply: those about targets (under the targets'
    table) and the others (at the end of part I). Gaps the paper already shows in place (a
    staff section not written is printed as dots, an unknown signer as a blank) are left
    out, so the printed report does not say the same thing twice."""
    about_targets, others = [], []
    for gap in gaps:
        where = getattr(gap, "where", None) or _where(gap)
        if where in SHOWN_IN_PLACE:
            continue
        (about_targets if where == Gap.TARGETS else others).append(gap_line(gap))
    return about_targets, others


def _where(gap: str) -> str:
    """The part a plain-text gap is about (a draft built by hand), read from its words."""
    folded = gap.casefold()
    for words, where in WORDED_PLACES:
        if words in folded:
            return where
    return Gap.OTHER


# --- the .docx --------------------------------------------------------------------------------
def review_docx(draft: ReviewDraft) -> bytes:
    """The review report as .docx bytes, in the Party layout, with its charts as images."""
    doc = partydoc.new_document()
    partydoc.header(
        doc,
        superior=draft.superior_name,
        issuer=draft.body_name,
        number=number_line(draft.number),
        dated=partydoc.date_line(draft.place, draft.dated),
    )
    partydoc.centered(doc)
    partydoc.centered(doc, "BÁO CÁO", bold=True, size=16)
    partydoc.centered(doc, title_words(draft), bold=True)
    partydoc.centered(doc, "-----")
    partydoc.centered(doc)
    partydoc.body(
        doc,
        f"{draft.body_name} báo cáo kết quả lãnh đạo thực hiện nhiệm vụ "
        f"{draft.period_words} như sau:",
    )

    partydoc.section(doc, f"{ROMAN[0]}. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ")
    _results(doc, draft)
    partydoc.section(doc, f"{ROMAN[1]}. ĐÁNH GIÁ CHUNG")
    staff = draft.staff
    _part(doc, "1. Ưu điểm", staff.strengths)
    _part(doc, "2. Hạn chế", staff.limitations)
    if staff.carried:
        _subtitle(doc, "Những hạn chế nêu tại báo cáo kỳ trước và kết quả khắc phục:")
        for c in staff.carried:
            partydoc.body(doc, f"{c.text}: {c.outcome or partydoc.DOTS}", prefix="- ")
    _part(doc, "3. Nguyên nhân", staff.causes)
    _part(doc, "4. Bài học kinh nghiệm", staff.lessons)
    partydoc.section(doc, f"{ROMAN[2]}. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    _paragraphs(doc, staff.direction)

    partydoc.centered(doc)
    recipients = [f"- {draft.superior_name} (để báo cáo),"] if draft.superior_name else []
    partydoc.signature(
        doc,
        recipients=[*recipients, "- Lưu."],
        lines=signature_lines(draft.body_kind, draft.signer_title),
        signer=draft.signer,
    )
    return partydoc.save(doc)


def _subtitle(doc, words: str) -> None:
    p = doc.add_paragraph()
    partydoc.text(p, words, bold=True, italic=True)


def _paragraphs(doc, text: str) -> None:
    """What the staff wrote, a paragraph per line; dots to fill in when they wrote nothing."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    for line in lines or [partydoc.DOTS]:
        partydoc.body(doc, line)


def _part(doc, title: str, text: str) -> None:
    _subtitle(doc, title)
    _paragraphs(doc, text)


def _results(doc, draft: ReviewDraft) -> None:
    target_gaps, other_gaps = placed_gaps(draft.gaps)
    n = 0
    if draft.targets or target_gaps:
        n += 1
        _subtitle(doc, f"{n}. Kết quả thực hiện các chỉ tiêu")
        _targets(doc, draft.targets, target_gaps)
    if draft.directives:
        n += 1
        _subtitle(doc, f"{n}. Lãnh đạo thực hiện chỉ thị, nghị quyết, hướng dẫn của cấp trên")
        _directives(doc, draft)
    counts = draft.conference_counts
    if draft.conferences or counts:
        n += 1
        _subtitle(doc, f"{n}. Các hội nghị đã tổ chức")
        if counts:
            total = sum(c for _label, c in counts)
            each = ", ".join(f"{label.casefold()}: {c}" for label, c in counts)
            partydoc.body(
                doc, f"Trong kỳ, các tổ chức đảng cấp dưới tổ chức {total} hội nghị ({each})."
            )
        for c in draft.conferences:
            partydoc.body(
                doc,
                f"Ngày {c.held_on:%d/%m/%Y}, {c.body_name}: {c.kind_label} {c.title}".rstrip()
                + ".",
                prefix="- ",
            )
    if draft.requirements or draft.requirements_total:
        n += 1
        _subtitle(doc, f"{n}. Thực hiện các kết luận, yêu cầu")
        _requirements(doc, draft)
    for extra in draft.extra:
        n += 1
        _subtitle(doc, f"{n}. {extra.title}")
        for line in extra.lines:
            partydoc.body(doc, line, prefix="- ")
    for line in other_gaps:
        partydoc.body(doc, line)


def _targets(doc, targets: tuple[TargetLine, ...], gaps: list[str]) -> None:
    """The table, what it does not show (the same period, the bodies behind), the gaps about
    targets, then the charts."""
    if targets:
        _target_table(doc, targets)
        partydoc.centered(doc)
    for t in targets:
        said = []
        if t.same_period:
            said.append(t.same_period)
        if t.bodies_handed:
            said.append(f"{t.bodies_entered}/{t.bodies_handed} đơn vị đã có số liệu")
        if t.bodies_behind:
            names = list(t.bodies_behind[:NAMES_LISTED])
            more = len(t.bodies_behind) - len(names)
            said.append(
                "chưa đạt hoặc có nguy cơ không đạt: "
                + ", ".join(names)
                + (f" và {more} đơn vị khác" if more > 0 else "")
            )
        if said:
            partydoc.body(doc, f"{t.title}: " + "; ".join(said) + ".", prefix="- ")
    for line in gaps:
        partydoc.body(doc, line)
    _charts(doc, targets)


def _cells(row, table):
    """The cells of a new row without python-docx walking the whole table for each."""
    from docx.table import _Cell

    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _target_table(doc, targets: tuple[TargetLine, ...]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    table = doc.add_table(rows=0, cols=len(TABLE_HEAD))
    table.style = "Table Grid"
    table.autofit = False
    widths = [Cm(w) for w in TABLE_WIDTHS_CM]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by; Word reads the cells'

    def row(values, *, bold=False):
        cells = _cells(table.add_row(), table)
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.width = widths[i]
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = 0
            if bold or i != 1:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            partydoc.text(p, value, bold=bold, size=TABLE_PT)

    row(TABLE_HEAD, bold=True)
    for i, t in enumerate(targets, 1):
        row(
            (
                str(i),
                t.title,
                planned(t),
                amount(t.measure, t.figure, t.unit),
                against_last_year(t),
                t.standing_label or NO_FIGURE,
            )
        )


def _charts(doc, targets: tuple[TargetLine, ...]) -> None:
    bars = [
        Bar(
            label=f"{i}. {t.title}",
            percent=t.figure * st.HUNDRED / t.target_value,
            behind=t.standing in st.BEHIND,
        )
        for i, t in enumerate(targets, 1)
        if t.figure is not None and t.target_value
    ]
    # Progress over time for figures that move by degrees; a yes/no or a rating level is a
    # step the table already says.
    lines = [
        Line(label=f"{i}. {t.title}", points=tuple(t.history), target=t.target_value)
        for i, t in enumerate(targets, 1)
        if t.history and t.measure in LINE_MEASURES
    ]
    shown = 0
    png = standing_bars(bars)
    if png is not None:
        shown += 1
        _image(doc, png, f"Biểu đồ {shown}: Kết quả thực hiện các chỉ tiêu so với kế hoạch")
    for png in progress_lines(lines):
        shown += 1
        _image(doc, png, f"Biểu đồ {shown}: Tiến độ thực hiện chỉ tiêu trong kỳ")


def _image(doc, png: bytes, caption: str) -> None:
    from docx.shared import Cm

    p = partydoc.centered(doc)
    p.add_run().add_picture(io.BytesIO(png), width=Cm(IMAGE_WIDTH_CM))
    partydoc.centered(doc, caption, italic=True, size=12)


def _directives(doc, draft: ReviewDraft) -> None:
    for d in draft.directives:
        head = d.citation + (f" về {d.title}" if d.title else "")
        said = [f"{draft.body_name}: {d.own_step}"] if d.own_step else []
        if d.bodies_total:
            steps = ", ".join(f"{step.casefold()} {n}" for step, n in d.step_counts)
            said.append(
                f"cấp dưới ({d.bodies_total} tổ chức đảng)" + (f": {steps}" if steps else "")
            )
        partydoc.body(doc, head + (". " + "; ".join(said) if said else "") + ".", prefix="- ")


def _requirements(doc, draft: ReviewDraft) -> None:
    total = draft.requirements_total or len(draft.requirements)
    done = draft.requirements_done or sum(1 for r in draft.requirements if r.done_on)
    partydoc.body(
        doc,
        f"Tổng số {total} kết luận, yêu cầu; đã hoàn thành {done}, chưa hoàn thành {total - done}.",
    )
    # Those not done come first: they are what the report must answer for.
    ordered = sorted(draft.requirements, key=lambda r: r.done_on is not None)
    for r in ordered[:REQUIREMENTS_PRINTED]:
        said = [r.assignee] if r.assignee else []
        if r.due_on:
            said.append(f"hạn {r.due_on:%d/%m/%Y}")
        said.append(f"đã hoàn thành {r.done_on:%d/%m/%Y}" if r.done_on else "chưa hoàn thành")
        source = f" ({r.source})" if r.source else ""
        partydoc.body(doc, f"{r.text}{source}: {', '.join(said)}.", prefix="- ")
    printed = ordered[:REQUIREMENTS_PRINTED]
    more = total - len(printed)
    if more > 0:
        open_more = (total - done) - sum(1 for r in printed if r.done_on is None)
        state = f"{open_more} chưa hoàn thành" if open_more > 0 else "đã hoàn thành"
        partydoc.body(doc, f"Và {more} kết luận, yêu cầu khác ({state}).", prefix="- ")


# --- the PDF ------------------------------------------------------------------------------------
def review_pdf(draft: ReviewDraft, *, timeout: float = PDF_TIMEOUT_S) -> bytes:
    """The review report as PDF: its .docx converted by LibreOffice (``docx_to_pdf``)."""
    return docx_to_pdf(review_docx(draft), timeout=timeout)


def soffice_path() -> str | None:
    for name in SOFFICE:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(data: bytes, *, timeout: float = PDF_TIMEOUT_S) -> bytes:
    """Convert .docx bytes to PDF with ``soffice --headless --convert-to pdf``.

    Each conversion runs in its own temporary directory with its own LibreOffice profile
    (``-env:UserInstallation``) and home, so conversions running at once do not share a lock
    or a running instance; a conversion past ``timeout`` seconds is killed with everything it
    started. Refusals are ValidationErrors: ``no_soffice``, ``pdf_timeout``, ``pdf_failed``."""
    soffice = soffice_path()
    if soffice is None:
        raise ValidationError(MSG_PDF_NO_SOFFICE, code="no_soffice")
    with tempfile.TemporaryDirectory(prefix="ctct-pdf-") as tmp:
        work = Path(tmp)
        src = work / "report.docx"
        src.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(src),
        ]
        env = {**os.environ, "HOME": str(work)}
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=work,
            env=env,
            start_new_session=True,
        )
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            proc.communicate()
            raise ValidationError(
                MSG_PDF_TIMEOUT, code="pdf_timeout", params={"seconds": f"{timeout:g}"}
            ) from None
        pdf = work / "report.pdf"
        if proc.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
            log.warning(
                "soffice could not convert a .docx (exit %s): %s",
                proc.returncode,
                (err or b"").decode("utf-8", "replace")[-2000:],
            )
            raise ValidationError(MSG_PDF_FAILED, code="pdf_failed")
        return pdf.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    """End the conversion's process group (soffice starts soffice.bin in it); called before
    the process is reaped, so the group is still the conversion's own."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
