"""Review drafts built by hand (no database) for the tests of the report's writers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

from ctct.resolutions import standing as st
from ctct.resolutions.review_draft import (
    CarriedLimitation,
    ConferenceLine,
    DirectiveLine,
    ExtraSection,
    RequirementLine,
    ReviewDraft,
    StaffSections,
    TargetLine,
)


def target_line(order: int = 1, **over) -> TargetLine:
    values = {
        "order": order,
        "title": "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
        "measure": st.PERCENT,
        "unit": "",
        "comparison": st.AT_LEAST,
        "target_value": D(90),
        "figure": D("92.5"),
        "standing": st.MET,
        "standing_label": "Đạt",
        "last_year": D("88"),
        "same_period": "đạt và vượt chỉ tiêu, bằng 105,1% so với cùng kỳ năm 2024",
        "bodies_handed": 0,
        "bodies_entered": 0,
        "bodies_behind": (),
        "history": (),
    }
    values.update(over)
    return TargetLine(**values)


TARGETS = (
    target_line(
        1,
        history=(
            (dt.date(2025, 3, 31), D(60)),
            (dt.date(2025, 6, 30), D(75)),
            (dt.date(2025, 9, 30), D(85)),
            (dt.date(2025, 12, 15), D("92.5")),
        ),
    ),
    target_line(
        2,
        title="Số đảng viên mới kết nạp",
        measure=st.COUNT,
        unit="đồng chí",
        target_value=D(40),
        figure=D(31),
        standing=st.MISSED,
        standing_label="Không đạt",
        last_year=D(36),
        same_period="đạt 86,1% so với cùng kỳ năm 2024",
        bodies_handed=12,
        bodies_entered=11,
        bodies_behind=("Chi bộ Đại đội 1", "Chi bộ Đại đội 3"),
        history=((dt.date(2025, 6, 30), D(14)), (dt.date(2025, 12, 15), D(31))),
    ),
    target_line(
        3,
        title="Không có vụ việc vi phạm kỷ luật nghiêm trọng",
        measure=st.YES_NO,
        target_value=D(1),
        figure=D(1),
        last_year=None,
        same_period="",
    ),
    target_line(
        4,
        title="Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        figure=None,
        standing=st.NO_DATA,
        standing_label="Chưa có số liệu",
        last_year=None,
        same_period="",
    ),
)


def review_draft(**over) -> ReviewDraft:
    """The final review of 2025 of Đảng ủy Lữ đoàn 657, numbered, with every part filled."""
    values = {
        "body_name": "Đảng ủy Lữ đoàn 657",
        "body_kind": "party_committee",
        "superior_name": "Đảng ủy Quân khu 9",
        "kind": "tong_ket",
        "period": "2025",
        "period_words": "năm 2025",
        "title": "Báo cáo tổng kết công tác lãnh đạo năm 2025",
        "number": "Số 12-BC/ĐU",
        "place": "Cần Thơ",
        "dated": dt.date(2025, 12, 20),
        "signer": "Đại tá Bùi Hữu Ba",
        "signer_title": "BÍ THƯ",
        "targets": TARGETS,
        "directives": (
            DirectiveLine(
                citation="Chỉ thị số 35-CT/ĐU ngày 03/02/2025 của Đảng ủy Quân khu 9",
                title="lãnh đạo thực hiện nhiệm vụ huấn luyện năm 2025",
                own_step="Đã báo cáo",
                step_counts=(("Đã báo cáo", 9), ("Đã quán triệt", 2), ("Chưa nhận", 1)),
                bodies_total=12,
            ),
        ),
        "conferences": (
            ConferenceLine(
                held_on=dt.date(2025, 6, 20),
                kind_label="Hội nghị sơ kết",
                title="công tác Đảng 6 tháng đầu năm 2025",
                body_name="Đảng ủy Lữ đoàn 657",
            ),
        ),
        "requirements": (
            RequirementLine(
                text="Hoàn thành kiện toàn chi ủy các chi bộ đại đội",
                assignee="Chi bộ Đại đội 1",
                due_on=dt.date(2025, 9, 30),
                done_on=dt.date(2025, 9, 15),
                source="Hội nghị sơ kết 6 tháng đầu năm 2025",
            ),
            RequirementLine(
                text="Báo cáo kết quả rèn luyện kỷ luật",
                assignee="Chi bộ Đại đội 3",
                due_on=dt.date(2025, 11, 30),
                done_on=None,
                source="Hội nghị sơ kết 6 tháng đầu năm 2025",
            ),
        ),
        "extra": (
            ExtraSection(
                key="ratings",
                title="Đánh giá, xếp loại chất lượng",
                lines=("Đảng bộ xếp loại Hoàn thành tốt nhiệm vụ.",),
            ),
        ),
        "staff": StaffSections(
            strengths="Cấp ủy đoàn kết, thống nhất.\nLãnh đạo hoàn thành nhiệm vụ huấn luyện.",
            limitations="Công tác phát triển đảng viên chưa đạt chỉ tiêu.",
            causes="Nguồn phát triển đảng còn ít.",
            lessons="Phát huy vai trò người đứng đầu.",
            direction="Tiếp tục lãnh đạo hoàn thành các chỉ tiêu năm 2026.",
            carried=(
                CarriedLimitation(
                    text="Sinh hoạt chi bộ có nơi chưa đều",
                    outcome="Đã khắc phục, 12/12 chi bộ sinh hoạt đúng định kỳ",
                ),
                CarriedLimitation(text="Một số chi bộ báo cáo chậm", outcome=""),
            ),
        ),
        "gaps": (
            "Chỉ tiêu “Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên” chưa có số liệu.",
            "Số liệu xếp loại đảng viên năm 2025",
            "Chưa nói kết quả khắc phục hạn chế kỳ trước: “Một số chi bộ báo cáo chậm”.",
        ),
        "version": 2,
        "conference_counts": (("Hội nghị thường kỳ", 24), ("Hội nghị sơ kết", 12)),
        "requirements_total": 2,
        "requirements_done": 1,
    }
    values.update(over)
    return ReviewDraft(**values)


def unnumbered_cell_draft() -> ReviewDraft:
    """A cell's interim review with nothing written yet and no number."""
    return replace(
        review_draft(),
        body_name="Chi bộ Đại đội 1",
        body_kind="cell",
        superior_name="Đảng ủy Tiểu đoàn 1",
        kind="so_ket",
        period="2025-H1",
        period_words="6 tháng đầu năm 2025",
        title="Báo cáo sơ kết công tác lãnh đạo 6 tháng đầu năm 2025",
        number="",
        place="",
        signer="",
        signer_title="BÍ THƯ",
        targets=(target_line(1),),
        directives=(),
        conferences=(),
        requirements=(),
        extra=(),
        staff=StaffSections(),
        gaps=(
            "Chưa ghi nhận bí thư của Chi bộ Đại đội 1: phần chữ ký để trống.",
            "Chưa viết phần “Ưu điểm”.",
        ),
        conference_counts=(),
        requirements_total=0,
        requirements_done=0,
    )
