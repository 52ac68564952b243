"""The news report of a conference, drafted with deterministic templates (no language model).

Plain Python over plain data (``NewsInput``), so the generator of the round-trip test and the
bench drafts thousands of reports without a database. The structure follows the genre of the
seed reports: the lead (time, holding body, kind, period; the directing superior with rank
and titles; the chair), who attended, the report, the results paragraph, the direction
paragraph, the directing speech's requirements, the awards, the byline.

>>> p = NewsPerson("Phạm Ngọc Sơn", "Đại tá", ["Bí thư Đảng ủy", "Chính ủy Cục Hậu cần-Kỹ thuật"],
...                ["directed"])
>>> lead_sentence(NewsInput(kind="so_ket", organizer="Đảng ủy Lữ đoàn 657",
...     held_on=dt.date(2025, 6, 20), part_of_day="sang", period="2025-H1", people=[p]))
'Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết công tác Đảng, công tác chính trị 6 tháng đầu năm 2025.'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PART_WORDS = {"sang": "Sáng", "chieu": "Chiều"}
CTD = "công tác Đảng, công tác chính trị"

# What the extraction engine calls each kind (EXTRACTION.md knows six).
EXTRACT_KIND = {
    "so_ket": "so_ket",
    "tong_ket": "tong_ket",
    "ra_nghi_quyet": "ra_nghi_quyet",
    "quan_triet": "quan_triet",
    "dai_hoi": "dai_hoi",
    "thuong_ky": "other",
    "chuyen_de": "other",
    "other": "other",
}


@dataclass
class NewsPerson:
    name: str
    rank: str = ""
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class NewsAward:
    award: str  # "Bằng khen"
    issuer: str
    recipients: str
    reason: str = ""


@dataclass
class NewsInput:
    kind: str
    organizer: str
    held_on: dt.date
    part_of_day: str = ""
    period: str = ""
    title: str = ""
    people: list[NewsPerson] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # citations
    results: str = ""
    direction: str = ""
    requirements: list[str] = field(default_factory=list)
    awards: list[NewsAward] = field(default_factory=list)
    byline: str = ""
    unit: str = ""  # the unit the organizer leads, for "Đảng ủy Lữ đoàn" short mentions


# --- pieces -------------------------------------------------------------------------------
def period_phrase(period: str) -> str:
    """ "2025-H1" -> "6 tháng đầu năm 2025"; "2025-Q3" -> "quý III năm 2025";
    "2025-9M" -> "9 tháng đầu năm 2025"; "2025" -> "năm 2025"; "2025-2030" -> "nhiệm kỳ
    2025-2030"."""
    if not period:
        return ""
    m = re.fullmatch(r"(\d{4})(?:-(H[12]|Q[1-4]|9M|\d{4}))?", period)
    if not m:
        return ""
    year, rest = m.group(1), m.group(2)
    if rest is None:
        return f"năm {year}"
    if rest == "H1":
        return f"6 tháng đầu năm {year}"
    if rest == "H2":
        return f"6 tháng cuối năm {year}"
    if rest == "9M":
        return f"9 tháng đầu năm {year}"
    if rest.startswith("Q"):
        return f"quý {ROMAN[int(rest[1])]} năm {year}"
    return f"nhiệm kỳ {year}-{rest}"


def date_phrase(held_on: dt.date, part_of_day: str = "") -> str:
    """ "Sáng 20/6/2025" or "Ngày 20/6/2025": the year is written so a reader is certain."""
    word = PART_WORDS.get(part_of_day, "Ngày")
    return f"{word} {held_on.day}/{held_on.month}/{held_on.year}"


def person_phrase(p: NewsPerson, *, with_titles: bool = True) -> str:
    """ "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657"; a civilian is "đồng chí"."""
    name = f"{p.rank} {p.name}" if p.rank else f"đồng chí {p.name}"
    if with_titles and p.titles:
        return f"{name}, {', '.join(p.titles)}"
    return name


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _sentence(s: str) -> str:
    s = s.strip()
    return s if s.endswith((".", "!", "?", "…")) else s + "."


def _join(items: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def conference_name(n: NewsInput) -> str:
    """The conference as the lead names it: "Hội nghị sơ kết công tác Đảng, ... năm 2025"."""
    period = period_phrase(n.period)
    if n.kind == "so_ket":
        return f"Hội nghị sơ kết {CTD} {period}".strip()
    if n.kind == "tong_ket":
        return f"Hội nghị tổng kết {CTD} {period}".strip()
    if n.kind == "ra_nghi_quyet":
        return f"Hội nghị ra nghị quyết lãnh đạo thực hiện nhiệm vụ {period}".strip()
    if n.kind == "quan_triet":
        docs = _join(n.documents) if n.documents else "các nghị quyết, chỉ thị của cấp trên"
        return f"hội nghị quán triệt, triển khai {docs}"
    if n.kind == "dai_hoi":
        return f"Đại hội {congress_of(n)} {period}".strip()
    if n.kind == "thuong_ky":
        return f"Hội nghị {n.title or 'thường kỳ'}".strip()
    if n.kind == "chuyen_de":
        return f"Hội nghị chuyên đề {n.title}".strip()
    return f"Hội nghị {n.title}".strip() if n.title else "hội nghị"


def congress_of(n: NewsInput) -> str:
    """Whose congress: a cell's is the cell's ("Chi bộ Đại đội 3"), a committee's is its Party
    organization's ("Đảng ủy Lữ đoàn 657" -> "Đảng bộ Lữ đoàn 657")."""
    if n.organizer.startswith("Chi bộ"):
        return n.organizer
    if n.unit:
        return f"Đảng bộ {n.unit}"
    for committee in ("Ban Thường vụ Đảng ủy", "Đảng ủy"):
        if n.organizer.startswith(committee + " "):
            return "Đảng bộ " + n.organizer[len(committee) + 1 :]
    return n.organizer


def _with(people: list[NewsPerson], role: str) -> list[NewsPerson]:
    return [p for p in people if role in p.roles]


def _meeting_word(n: NewsInput) -> str:
    return "đại hội" if n.kind == "dai_hoi" else "hội nghị"


# --- paragraphs ---------------------------------------------------------------------------
def lead_sentence(n: NewsInput) -> str:
    return f"{date_phrase(n.held_on, n.part_of_day)}, {n.organizer} tổ chức {conference_name(n)}."


def lead(n: NewsInput) -> str:
    meeting = _meeting_word(n)
    out = [lead_sentence(n)]
    for p in _with(n.people, "directed"):
        out.append(f"{_cap(person_phrase(p))} dự, phát biểu chỉ đạo.")
    for p in _with(n.people, "chair"):
        out.append(f"{_cap(person_phrase(p))} chủ trì {meeting}.")
    attended = [p for p in _with(n.people, "attended") if not {"chair", "directed"} & set(p.roles)]
    if attended:
        out.append("Cùng dự có " + "; ".join(person_phrase(p) for p in attended) + ".")
    return " ".join(out)


def report_paragraph(n: NewsInput) -> str:
    out = []
    for p in _with(n.people, "reported"):
        if n.kind == "quan_triet":
            docs = _join(n.documents) if n.documents else "các nghị quyết, chỉ thị của cấp trên"
            out.append(f"Tại {_meeting_word(n)}, {person_phrase(p)} quán triệt {docs}.")
        elif n.kind == "dai_hoi":
            out.append(f"{_cap(person_phrase(p))} trình bày báo cáo chính trị tại đại hội.")
        else:
            what = f"kết quả lãnh đạo thực hiện nhiệm vụ {period_phrase(n.period)}".strip()
            out.append(f"Thay mặt {n.organizer}, {person_phrase(p)} trình bày báo cáo {what}.")
    for p in _with(n.people, "spoke"):
        if {"chair", "directed", "reported"} & set(p.roles):
            continue
        out.append(f"Tại {_meeting_word(n)}, {person_phrase(p)} phát biểu tham luận.")
    return " ".join(out)


def results_paragraph(n: NewsInput) -> str:
    if n.results.strip():
        return _sentence(n.results)
    period = period_phrase(n.period)
    if n.kind in ("so_ket", "tong_ket") and period:
        return (
            f"{_cap(period)}, {n.organizer} đã lãnh đạo, chỉ đạo hoàn thành toàn diện các "
            f"nhiệm vụ {CTD}."
        )
    return ""


def direction_paragraph(n: NewsInput) -> str:
    if not n.direction.strip():
        return ""
    return f"Về phương hướng nhiệm vụ thời gian tới, {_meeting_word(n)} thống nhất xác định " + (
        _sentence(n.direction[:1].lower() + n.direction[1:])
    )


def speech_paragraph(n: NewsInput) -> str:
    directing = _with(n.people, "directed") or _with(n.people, "chair")
    if not directing or not n.requirements:
        return ""
    p = directing[0]
    who = f"{p.rank} {p.name}" if p.rank else f"đồng chí {p.name}"
    items = " ".join(_sentence(_cap(r)) for r in n.requirements)
    return (
        f"Phát biểu chỉ đạo {_meeting_word(n)}, {who} biểu dương những kết quả đạt được và "
        f"yêu cầu thời gian tới tập trung vào các nội dung: {items}"
    )


def awards_paragraph(n: NewsInput) -> str:
    out = []
    for i, a in enumerate(n.awards):
        reason = f" vì đã {a.reason[:1].lower() + a.reason[1:]}" if a.reason else ""
        opener = "Dịp này, " if i == 0 else ""
        out.append(f"{opener}{a.issuer} tặng {a.award} cho {a.recipients}{reason}.")
    return " ".join(out)


def headline(n: NewsInput) -> str:
    """ "Đảng ủy Lữ đoàn 657 tổ chức hội nghị sơ kết công tác Đảng, ... năm 2025"."""
    name = conference_name(n)
    if name.startswith("Hội nghị"):
        name = "hội nghị" + name[len("Hội nghị") :]
    return f"{n.organizer} tổ chức {name}"


def draft(n: NewsInput) -> str:
    """The whole report, paragraphs separated by newlines, the byline last."""
    paragraphs = [
        lead(n),
        report_paragraph(n),
        results_paragraph(n),
        direction_paragraph(n),
        speech_paragraph(n),
        awards_paragraph(n),
        n.byline.strip(),
    ]
    return "\n".join(p for p in paragraphs if p)
