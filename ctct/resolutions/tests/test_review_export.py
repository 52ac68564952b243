"""The review report written as .docx and PDF from drafts built by hand (no database), read
back with python-docx and pypdf: the Party layout of 36-HD, the parts in order, the targets'
table, the charts as images, gaps said plainly, the signature."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from dataclasses import replace
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ctct.resolutions import review_export
from ctct.resolutions.review_draft import Gap, StaffSections
from ctct.resolutions.review_export import (
    MSG_PDF_FAILED,
    MSG_PDF_NO_SOFFICE,
    MSG_PDF_TIMEOUT,
    docx_to_pdf,
    review_docx,
    review_pdf,
)
from ctct.resolutions.tests.review_drafts import review_draft, target_line, unnumbered_cell_draft


def _read(draft):
    return Document(io.BytesIO(review_docx(draft)))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


@pytest.fixture(scope="module")
def report():
    return _read(review_draft())


class TestTheHeader:
    def test_the_superior_the_body_a_star_and_the_number_are_top_left(self, report):
        left = report.tables[0].rows[0].cells[0]
        paragraphs = [p for p in left.paragraphs if p.text]
        assert [p.text for p in paragraphs] == [
            "ĐẢNG ỦY QUÂN KHU 9",
            "ĐẢNG ỦY LỮ ĐOÀN 657",
            "*",
            "Số 12-BC/ĐU",
        ]
        assert not any(r.bold for r in paragraphs[0].runs)
        assert all(r.bold for r in paragraphs[1].runs)

    def test_the_party_is_top_right_in_bold_15_ruled_over_the_italic_date_line(self, report):
        right = report.tables[0].rows[0].cells[1]
        head = right.paragraphs[0]
        assert head.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
        assert all(r.bold for r in head.runs) and head.runs[0].font.size == Pt(15)
        assert head._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None
        (line,) = [p for p in right.paragraphs if "ngày" in p.text]
        assert line.text == "Cần Thơ, ngày 20 tháng 12 năm 2025"
        assert all(r.italic for r in line.runs)

    def test_an_unnumbered_report_without_a_place_leaves_dots_to_fill_in(self):
        doc = _read(unnumbered_cell_draft())
        left, right = doc.tables[0].rows[0].cells
        assert _lines(left)[-1] == "Số …………"
        assert "…………, ngày 20 tháng 12 năm 2025" in _lines(right)

    def test_a_number_given_without_so_gets_it(self):
        doc = _read(review_draft(number="7-BC/ĐU"))
        assert _lines(doc.tables[0].rows[0].cells[0])[-1] == "Số 7-BC/ĐU"


class TestTheTitleAndTheParts:
    def test_the_title_is_bao_cao_then_the_title_in_bold(self, report):
        texts = _texts(report)
        at = texts.index("BÁO CÁO")
        assert texts[at + 1] == "Tổng kết công tác lãnh đạo năm 2025"
        for p in report.paragraphs[at : at + 2]:
            assert all(r.bold for r in p.runs)
        assert report.paragraphs[at].runs[0].font.size == Pt(16)

    def test_the_parts_come_in_order(self, report):
        texts = _texts(report)
        heads = [
            "I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ",
            "1. Kết quả thực hiện các chỉ tiêu",
            "2. Lãnh đạo thực hiện chỉ thị, nghị quyết, hướng dẫn của cấp trên",
            "3. Các hội nghị đã tổ chức",
            "4. Thực hiện các kết luận, yêu cầu",
            "5. Đánh giá, xếp loại chất lượng",
            "II. ĐÁNH GIÁ CHUNG",
            "1. Ưu điểm",
            "2. Hạn chế",
            "3. Nguyên nhân",
            "4. Bài học kinh nghiệm",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        ]
        at = [texts.index(h) for h in heads]
        assert at == sorted(at)

    def test_no_word_heading_style_and_times_new_roman_14(self, report):
        assert not [p.style.name for p in report.paragraphs if p.style.name.startswith("Heading")]
        normal = report.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)

    def test_the_directives_conferences_and_requirements_are_reported(self, report):
        text = "\n".join(_texts(report))
        assert "Chỉ thị số 35-CT/ĐU ngày 03/02/2025 của Đảng ủy Quân khu 9 về lãnh đạo" in text
        assert "cấp dưới (12 tổ chức đảng): đã báo cáo 9, đã quán triệt 2, chưa nhận 1" in text
        assert (
            "Trong kỳ, các tổ chức đảng cấp dưới tổ chức 36 hội nghị (hội nghị thường kỳ: 24, "
            "hội nghị sơ kết: 12)."
        ) in text
        assert "- Ngày 20/06/2025, Đảng ủy Lữ đoàn 657: Hội nghị sơ kết công tác Đảng" in text
        assert "Tổng số 2 kết luận, yêu cầu; đã hoàn thành 1, chưa hoàn thành 1." in text
        assert "Chi bộ Đại đội 3, hạn 30/11/2025, chưa hoàn thành." in text
        assert "- Đảng bộ xếp loại Hoàn thành tốt nhiệm vụ." in text

    def test_the_staff_sections_are_printed_a_paragraph_per_line(self, report):
        texts = _texts(report)
        at = texts.index("1. Ưu điểm")
        assert texts[at + 1 : at + 3] == [
            "Cấp ủy đoàn kết, thống nhất.",
            "Lãnh đạo hoàn thành nhiệm vụ huấn luyện.",
        ]

    def test_the_previous_limitations_are_brought_forward_with_what_became_of_each(self, report):
        texts = _texts(report)
        assert "- Sinh hoạt chi bộ có nơi chưa đều: Đã khắc phục, 12/12 chi bộ sinh hoạt đúng định kỳ" in texts  # fmt: skip
        assert "- Một số chi bộ báo cáo chậm: …………" in texts
        assert texts.index("2. Hạn chế") < texts.index("- Một số chi bộ báo cáo chậm: …………")
        assert texts.index("- Một số chi bộ báo cáo chậm: …………") < texts.index("3. Nguyên nhân")

    def test_sections_the_staff_have_not_written_are_dots_to_fill_in(self):
        texts = _texts(_read(unnumbered_cell_draft()))
        for head in ("1. Ưu điểm", "2. Hạn chế", "3. Nguyên nhân", "4. Bài học kinh nghiệm"):
            assert texts[texts.index(head) + 1] == "…………"
        assert texts[texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ") + 1] == "…………"

    def test_parts_with_nothing_to_report_are_left_out_and_the_rest_renumbered(self):
        texts = _texts(_read(unnumbered_cell_draft()))
        assert "1. Kết quả thực hiện các chỉ tiêu" in texts
        assert not [t for t in texts if t.startswith("2. Lãnh đạo thực hiện chỉ thị")]


class TestTheTargets:
    def test_the_table_has_a_row_per_target_with_plan_figure_last_year_and_standing(self, report):
        table = report.tables[1]
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert rows[0] == ["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "So với cùng kỳ", "Đánh giá"]
        assert rows[1] == ["1", "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ", "≥ 90%", "92,5%", "105,1%", "Đạt"]  # fmt: skip
        assert rows[2] == ["2", "Số đảng viên mới kết nạp", "≥ 40 đồng chí", "31 đồng chí", "86,1%", "Không đạt"]  # fmt: skip
        assert rows[3][2:5] == ["Có", "Có", "—"]
        assert len(rows) == 5

    def test_a_figure_not_entered_is_said_missing_never_invented(self, report):
        row = [c.text for c in report.tables[1].rows[4].cells]
        assert row[3] == "Chưa có số liệu" and row[4] == "Chưa có số liệu"

    def test_the_gaps_are_printed_where_they_apply(self, report):
        texts = _texts(report)
        about_target = (
            "Chỉ tiêu “Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên” chưa có số liệu."
        )
        assert texts.index(about_target) < texts.index(
            "2. Lãnh đạo thực hiện chỉ thị, nghị quyết, hướng dẫn của cấp trên"
        )
        other = "Chưa có số liệu: Số liệu xếp loại đảng viên năm 2025."
        assert texts.index("5. Đánh giá, xếp loại chất lượng") < texts.index(other)
        assert texts.index(other) < texts.index("II. ĐÁNH GIÁ CHUNG")

    def test_gaps_the_paper_shows_in_place_are_not_printed_twice(self, report):
        text = "\n".join(_texts(report))
        assert "Chưa nói kết quả khắc phục" not in text  # its line ends in dots instead
        cell = "\n".join(_texts(_read(unnumbered_cell_draft())))
        assert "Chưa viết phần" not in cell and "Chưa ghi nhận bí thư" not in cell

    def test_a_tagged_gap_is_placed_by_its_tag_not_by_its_words(self):
        gaps = (
            Gap("Số liệu quý IV của 3 đơn vị chưa tổng hợp.", Gap.TARGETS),
            Gap("Chỉ tiêu năm sau chưa giao, chờ hội nghị tháng 1.", Gap.OTHER),
            Gap("Phần phương hướng chưa xong.", Gap.STAFF),
        )
        texts = _texts(_read(review_draft(gaps=gaps)))
        part2 = texts.index("2. Lãnh đạo thực hiện chỉ thị, nghị quyết, hướng dẫn của cấp trên")
        assert texts.index("Số liệu quý IV của 3 đơn vị chưa tổng hợp.") < part2
        assert texts.index("Chỉ tiêu năm sau chưa giao, chờ hội nghị tháng 1.") > part2
        assert "Phần phương hướng chưa xong." not in texts  # shown in place, as dots

    def test_with_no_target_the_report_says_so_under_the_targets(self):
        doc = _read(review_draft(targets=(), gaps=("Chưa có chỉ tiêu nào của năm 2025.",)))
        texts = _texts(doc)
        at = texts.index("1. Kết quả thực hiện các chỉ tiêu")
        assert texts[at + 1] == "Chưa có chỉ tiêu nào của năm 2025."
        assert len(doc.tables) == 2  # the header and the signature: no targets' table

    def test_the_same_period_figure_and_the_bodies_behind_are_said_under_the_table(self, report):
        assert (
            "- Số đảng viên mới kết nạp: đạt 86,1% so với cùng kỳ năm 2024; 11/12 đơn vị đã có "
            "số liệu; chưa đạt hoặc có nguy cơ không đạt: Chi bộ Đại đội 1, Chi bộ Đại đội 3."
        ) in _texts(report)

    def test_a_long_list_of_bodies_behind_names_ten_and_counts_the_rest(self):
        behind = tuple(f"Chi bộ Đại đội {i}" for i in range(1, 26))
        doc = _read(review_draft(targets=(target_line(1, bodies_handed=30, bodies_behind=behind),)))
        (line,) = [t for t in _texts(doc) if "nguy cơ" in t]
        assert line.endswith("Chi bộ Đại đội 10 và 15 đơn vị khác.")

    def test_a_mean_is_printed_to_one_decimal(self):
        doc = _read(review_draft(targets=(target_line(1, figure=D("86.597589511183261")),)))
        assert doc.tables[1].rows[1].cells[3].text == "86,6%"

    def test_the_ratings_print_as_their_short_names(self):
        from ctct.resolutions import standing as st

        rating = target_line(1, measure=st.RATING, target_value=D(3), figure=D(4), last_year=None)
        doc = _read(review_draft(targets=(rating,)))
        assert [c.text for c in doc.tables[1].rows[1].cells][2:5] == ["≥ HTTNV", "HTXSNV", "—"]


class TestManyRequirements:
    def test_those_not_done_are_listed_first_and_the_rest_counted(self):
        from ctct.resolutions.review_draft import RequirementLine

        done = dt.date(2025, 6, 1)
        lines = tuple(
            RequirementLine(f"Yêu cầu {i}", "Chi bộ A", None, None if i % 10 == 0 else done, "")
            for i in range(100)
        )
        doc = _read(review_draft(requirements=lines, requirements_total=250, requirements_done=200))
        texts = _texts(doc)
        listed = [t for t in texts if t.startswith("- Yêu cầu ")]
        assert len(listed) == review_export.REQUIREMENTS_PRINTED
        assert all(t.endswith("chưa hoàn thành.") for t in listed[:10])
        # 50 not done in all, 10 of them printed
        assert "- Và 220 kết luận, yêu cầu khác (40 chưa hoàn thành)." in texts


class TestTheCharts:
    def _images(self, doc) -> list[str]:
        return [rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/image")]

    def test_the_standing_bars_and_the_progress_lines_are_images_in_the_report(self, report):
        assert len(self._images(report)) == 2
        assert len(report.inline_shapes) == 2
        texts = _texts(report)
        assert "Biểu đồ 1: Kết quả thực hiện các chỉ tiêu so với kế hoạch" in texts
        assert "Biểu đồ 2: Tiến độ thực hiện chỉ tiêu trong kỳ" in texts

    def test_the_images_are_png(self, report):
        for rel in report.part.rels.values():
            if rel.reltype.endswith("/image"):
                assert rel.target_part.blob[:8] == b"\x89PNG\r\n\x1a\n"

    def test_no_chart_where_it_would_not_help(self):
        # One target and no history: a single bar and no line say nothing the table does not.
        doc = _read(unnumbered_cell_draft())
        assert self._images(doc) == []
        assert not [t for t in _texts(doc) if t.startswith("Biểu đồ")]

    def test_a_target_with_a_single_entry_draws_no_line(self):
        targets = (target_line(1), target_line(2, history=((review_draft().dated, D(3)),)))
        doc = _read(review_draft(targets=targets))
        assert len(self._images(doc)) == 1  # the bars only

    def test_a_yes_no_target_draws_no_line(self):
        from ctct.resolutions import standing as st

        history = ((review_draft().dated.replace(month=6), D(0)), (review_draft().dated, D(1)))
        yes_no = target_line(2, measure=st.YES_NO, target_value=D(1), figure=D(1), history=history)
        doc = _read(review_draft(targets=(target_line(1), yes_no)))
        assert len(self._images(doc)) == 1  # the bars only

    def test_many_targets_with_history_share_images_six_to_one(self):
        history = ((review_draft().dated.replace(month=6), D(40)), (review_draft().dated, D(80)))
        targets = tuple(target_line(i, history=history) for i in range(1, 14))
        doc = _read(review_draft(targets=targets))
        assert len(self._images(doc)) == 1 + 3  # the bars, then 6 + 6 + 1 lines


class TestTheSignature:
    def test_the_secretary_signs_on_behalf_of_the_committee(self, report):
        left, right = report.tables[-1].rows[0].cells
        assert _lines(right) == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Đại tá Bùi Hữu Ba"]
        assert _lines(left) == ["Nơi nhận:", "- Đảng ủy Quân khu 9 (để báo cáo),", "- Lưu."]

    def test_a_cell_signs_on_behalf_of_the_cell(self):
        right = _read(unnumbered_cell_draft()).tables[-1].rows[0].cells[1]
        assert _lines(right) == ["T/M CHI BỘ", "BÍ THƯ"]

    def test_a_deputy_signs_for_the_secretary(self):
        doc = _read(review_draft(signer_title="Phó Bí thư", signer="Thượng tá Lê Văn Cường"))
        right = doc.tables[-1].rows[0].cells[1]
        assert _lines(right) == [
            "T/M ĐẢNG ỦY",
            "K/T BÍ THƯ",
            "PHÓ BÍ THƯ",
            "Thượng tá Lê Văn Cường",
        ]

    def test_at_the_top_of_the_tree_no_superior_is_named(self):
        doc = _read(review_draft(superior_name=""))
        left = doc.tables[0].rows[0].cells[0]
        assert _lines(left)[0] == "ĐẢNG ỦY LỮ ĐOÀN 657"
        assert _lines(doc.tables[-1].rows[0].cells[0]) == ["Nơi nhận:", "- Lưu."]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=hs.text(max_size=200), title=hs.text(max_size=120))
def test_whatever_the_staff_type_the_report_is_written_and_reads_back(words, title):
    draft = replace(
        unnumbered_cell_draft(),
        title=title,
        staff=StaffSections(strengths=words, limitations=words, direction=words),
        gaps=(words,),
    )
    doc = Document(io.BytesIO(review_docx(draft)))
    assert "BÁO CÁO" in _texts(doc)


# --- the PDF ------------------------------------------------------------------------------
NO_SOFFICE = (
    "LibreOffice (soffice) is not on PATH: the PDF test is skipped. "
    "`make test` installs Debian's libreoffice-writer-nogui when it can."
)


@pytest.fixture
def soffice(capsys):
    if review_export.soffice_path() is None:
        with capsys.disabled():
            print(f"\nSKIPPED: {NO_SOFFICE}")
        pytest.skip(NO_SOFFICE)


@pytest.mark.slow
def test_libreoffice_opens_the_docx_and_its_pdf_pages_carry_the_header_number_title_and_signature(
    soffice,
):
    from pypdf import PdfReader

    pdf = review_pdf(review_draft())
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0].extract_text()
    for words in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY QUÂN KHU 9",
        "ĐẢNG ỦY LỮ ĐOÀN 657",
        "Số 12-BC/ĐU",
        "Cần Thơ, ngày 20 tháng 12 năm 2025",
        "BÁO CÁO",
        "Tổng kết công tác lãnh đạo năm 2025",
    ):
        assert words in first
    last = reader.pages[-1].extract_text()
    for words in ("Nơi nhận:", "T/M ĐẢNG ỦY", "BÍ THƯ", "Đại tá Bùi Hữu Ba"):
        assert words in last


def _fake_soffice(tmp_path, monkeypatch, script: str) -> None:
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n" + script + "\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ.get('PATH', '')}")


def test_without_libreoffice_the_pdf_is_refused_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ValidationError) as refused:
        docx_to_pdf(b"not read")
    assert refused.value.message == MSG_PDF_NO_SOFFICE
    assert refused.value.code == "no_soffice"


def test_a_conversion_that_fails_is_refused_with_a_clear_message(monkeypatch, tmp_path):
    _fake_soffice(tmp_path, monkeypatch, "echo broken >&2; exit 1")
    with pytest.raises(ValidationError) as refused:
        docx_to_pdf(b"not read")
    assert refused.value.message == MSG_PDF_FAILED


def _gone(pid: int) -> bool:
    """Whether the process ended (or is only waiting to be reaped by init)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1].startswith("Z")
    except FileNotFoundError:
        return True


def test_a_conversion_that_hangs_is_ended_at_the_timeout_with_what_it_started(
    monkeypatch, tmp_path
):
    import time

    pidfile = tmp_path / "child.pid"
    # The fake starts a child, as soffice starts soffice.bin; both must end at the timeout.
    _fake_soffice(tmp_path, monkeypatch, f"sleep 30 & echo $! > {pidfile}; wait")
    with pytest.raises(ValidationError) as refused:
        docx_to_pdf(b"not read", timeout=0.5)
    assert refused.value.message == MSG_PDF_TIMEOUT
    assert refused.value.params == {"seconds": "0.5"}
    child = int(pidfile.read_text())
    deadline = time.monotonic() + 3
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)
