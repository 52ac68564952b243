"""The review report (báo cáo sơ kết / tổng kết) as plain data: what ctct assembles for a body
and a period, and what the staff wrote. The page, the .docx/PDF writer and the command all
render this one shape; nothing here touches the database.

Figures that are missing stay ``None`` and are named in ``gaps``: a review says what it lacks
instead of inventing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


class Gap(str):
    """A gap as worded for the reader, tagged with the part of the report it is about
    (``where``), so a writer places it without reading its words."""

    TARGETS = "targets"  # a target without figures, bodies that entered nothing
    STAFF = "staff"  # a section the staff have not written yet
    CARRIED = "carried"  # a limitation of the previous review not answered yet
    SIGNER = "signer"  # nobody recorded to sign
    OTHER = "other"

    where: str

    def __new__(cls, text: str, where: str = OTHER) -> Gap:
        gap = super().__new__(cls, text)
        gap.where = where
        return gap


@dataclass(frozen=True)
class TargetLine:
    """One target's result at the reviewed body (its own figure or its subtree's roll-up)."""

    order: int
    title: str
    measure: str  # standing.PERCENT / COUNT / YES_NO / RATING
    unit: str
    comparison: str  # standing.AT_LEAST / AT_MOST / EXACTLY
    target_value: Decimal
    figure: Decimal | None  # None: nothing entered yet
    standing: str  # standing.MET / ON_TRACK / AT_RISK / MISSED / NO_DATA
    standing_label: str  # in Vietnamese, as printed: "Đạt", "Đúng tiến độ", ...
    last_year: Decimal | None  # the same period a year earlier, when known
    same_period: str  # "đạt 92% so với cùng kỳ năm 2024", or "" when no figure a year earlier
    bodies_handed: int  # subordinate bodies the target was handed to (0: the body's own)
    bodies_entered: int
    bodies_behind: tuple[str, ...]  # names of the subordinate bodies at risk or missed
    history: tuple[tuple[dt.date, Decimal], ...] = ()  # the figure over time, for a line chart


@dataclass(frozen=True)
class DirectiveLine:
    """A directive the body received in the period and how far its subtree went with it."""

    citation: str  # "Chỉ thị số 35-CT/ĐU ngày 03/02/2025 của Đảng ủy Quân khu 9"
    title: str
    own_step: str  # the body's own step, in words: "Đã báo cáo"
    step_counts: tuple[tuple[str, int], ...]  # (step in words, bodies at it) over the subtree
    bodies_total: int


@dataclass(frozen=True)
class ConferenceLine:
    held_on: dt.date
    kind_label: str  # "Hội nghị sơ kết", "Hội nghị ra nghị quyết", ...
    title: str
    body_name: str  # the holding body (the reviewed body or one below it)


@dataclass(frozen=True)
class RequirementLine:
    """A requirement (kết luận, yêu cầu) of a conference assigned in the period."""

    text: str
    assignee: str
    due_on: dt.date | None
    done_on: dt.date | None
    source: str  # the conference it came from


@dataclass(frozen=True)
class ExtraSection:
    """A section another area adds (ratings and awards, once they land), by registry."""

    key: str
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class CarriedLimitation:
    """A limitation (hạn chế) of the previous review, and what the staff say became of it."""

    text: str
    outcome: str  # "" until the staff write it


@dataclass(frozen=True)
class StaffSections:
    """What the staff write: ưu điểm, hạn chế, nguyên nhân, bài học kinh nghiệm, phương hướng."""

    strengths: str = ""  # ưu điểm
    limitations: str = ""  # hạn chế (one per line: the next review carries each forward)
    causes: str = ""  # nguyên nhân
    lessons: str = ""  # bài học kinh nghiệm
    direction: str = ""  # phương hướng, nhiệm vụ
    carried: tuple[CarriedLimitation, ...] = ()


@dataclass(frozen=True)
class ReviewDraft:
    """Everything a review report prints, in the order it prints it."""

    body_name: str
    body_kind: str  # bodies' kind code: signs "T/M ĐẢNG ỦY" or "T/M CHI BỘ"
    superior_name: str  # "" at the top of the tree
    kind: str  # conferences' Kind.SO_KET or Kind.TONG_KET
    period: str  # the period code: "2025", "2025-H1"
    period_words: str  # "năm 2025", "6 tháng đầu năm 2025"
    title: str  # "Báo cáo tổng kết công tác lãnh đạo năm 2025"
    number: str  # "Số 12-BC/ĐU", or "" before it is numbered
    place: str  # the locality for the date line
    dated: dt.date
    signer: str  # "Đại tá Nguyễn Văn A", or "" when the secretary is not recorded
    signer_title: str  # "BÍ THƯ" / "PHÓ BÍ THƯ"
    targets: tuple[TargetLine, ...] = ()
    directives: tuple[DirectiveLine, ...] = ()
    conferences: tuple[ConferenceLine, ...] = ()
    requirements: tuple[RequirementLine, ...] = ()
    extra: tuple[ExtraSection, ...] = ()
    staff: StaffSections = field(default_factory=StaffSections)
    gaps: tuple[str, ...] = ()  # what is missing, in Vietnamese, as printed (each a Gap)
    version: int = 0  # the saved version this draft shows (0: not saved yet)
    # Added after the first shape: the subtree's conferences in the period by kind, as
    # (kind label, count) -- the own body's are all in ``conferences``, the subtree's are
    # listed there only while few; and every requirement of the period, when ``requirements``
    # lists only the first of many.
    conference_counts: tuple[tuple[str, int], ...] = ()
    requirements_total: int = 0
    requirements_done: int = 0
