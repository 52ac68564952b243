"""Dates and periods as the event needs them, and the document hit the engine passes around.

Documents are found by the language layer (``ctct.text.docnumbers.find_docnumbers``).
TODO(ctct.text): the date and period finders here keep what the event rules need (the
part-of-day prefix as written, "Trong 2 ngày (3 và 4/3/2025)", the "9 tháng" review span);
move them onto ``ctct.text.dates.find_dates``/``find_periods`` when those carry the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- dates -----------------------------------------------------------------------------------

_DAYPART = r"(?:sáng sớm|sáng|chiều|tối|trưa|đêm|rạng sáng)"
_WEEKDAY = r"(?:,?\s+(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật))"
_PREFIX = (
    r"(?:(?:trong|suốt)\s+(?:hai|ba|bốn|2|3|4|các)\s+ngày\s*(?:\(\s*|ngày\s+)?"
    r"|từ\s+ngày\s+"
    r"|" + _DAYPART + r"(?:\s+(?:hôm\s+)?nay)?" + _WEEKDAY + r"?,?(?:\s*\(\s*|\s+(?:ngày\s+)?)"
    r"|hôm\s+nay,?\s+(?:ngày\s+)?"
    r"|ngày\s+)"
)
_SEP = r"\s*[/.\-]\s*"
_DAY_RANGE = (
    r"(?P<d1>\d{1,2})\s*(?:và|,|-|–|đến|tới)\s*(?P<d2>\d{1,2})"
    + _SEP
    + r"(?P<m1>\d{1,2})(?:"
    + _SEP
    + r"(?P<y1>\d{4}))?"
)
_DAY_NUM = r"(?P<d>\d{1,2})" + _SEP + r"(?P<m>\d{1,2})(?:" + _SEP + r"(?P<y>\d{4}))?"
_DAY_WORDS = r"(?P<dw>\d{1,2})\s+tháng\s+(?P<mw>\d{1,2})(?:,?\s+năm\s+(?P<yw>\d{4}))?"

DATE_RE = re.compile(
    r"(?<![\w/])(?P<prefix>" + _PREFIX + r")?"
    r"(?:" + _DAY_RANGE + r"|" + _DAY_WORDS + r"|" + _DAY_NUM + r")(?![\w/]|[.\-]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    has_prefix: bool

    def iso(self) -> str | None:
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if year is not None and not (1900 <= year <= 2100):
        return False
    return day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def find_dates(text: str) -> list[DateHit]:
    """Every day-month(-year) in ``text``: "Chiều 25/11", "ngày 10 tháng 3 năm 2025", "14 và 15/5/2025"."""
    out: list[DateHit] = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["d1"]:
            day, month, year = int(g["d1"]), int(g["m1"]), g["y1"]
        elif g["dw"]:
            day, month, year = int(g["dw"]), int(g["mw"]), g["yw"]
        else:
            day, month, year = int(g["d"]), int(g["m"]), g["y"]
        y = int(year) if year else None
        if not _valid(day, month, y):
            continue
        end = m.end()
        if g["prefix"] and g["prefix"].rstrip().endswith("(") and text.startswith(")", end):
            end += 1
        out.append(DateHit(m.start(), end, text[m.start() : end], day, month, y, bool(g["prefix"])))
    return out


# --- periods ---------------------------------------------------------------------------------

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_SPAN = r"(?P<y1>(?:19|20)\d{2})\s*[-–—]\s*(?P<y2>(?:19|20)\d{2})"
_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("term", r"nhiệm kỳ\s+" + _SPAN),
    ("span", r"(?:giai đoạn|năm học)\s+" + _SPAN),
    ("h1", r"(?<!\d)(?:6|sáu) tháng(?! cuối)(?: đầu)?(?: năm)?(?:\s+" + _YEAR + r")?"),
    ("h2", r"(?<!\d)(?:6|sáu) tháng cuối năm(?:\s+" + _YEAR + r")?"),
    ("m9", r"(?<!\d)(?:9|chín) tháng(?: đầu)?(?: năm)?(?:\s+" + _YEAR + r")?"),
    ("quarter", r"quý\s+(?P<q>IV|III|II|I|[1-4])\b(?:,?\s+(?:năm\s+)?" + _YEAR + r")?"),
    (
        "year",
        r"(?<!học )(?<!tháng \d )(?<!tháng \d\d )năm\s+"
        + _YEAR
        + r"(?![\-–]\d)(?!\s*[-–]\s*(?:19|20)\d{2})",
    ),
)
PERIOD_RE = re.compile(
    "|".join(f"(?P<{name}>{pat.replace('?P<', f'?P<{name}_')})" for name, pat in _PERIOD_PATTERNS),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PeriodHit:
    start: int
    end: int
    text: str
    form: str  # term, span, h1, h2, m9, quarter, year
    year: int | None
    year2: int | None = None
    quarter: int | None = None

    def value(self, year: int | None = None) -> str | None:
        y = self.year or year
        if self.form in ("term", "span"):
            return f"{self.year}-{self.year2}"
        if y is None:
            return None
        if self.form == "h1":
            return f"{y}-H1"
        if self.form == "h2":
            return f"{y}-H2"
        if self.form == "quarter":
            return f"{y}-Q{self.quarter}"
        return str(y)

    def end_month(self) -> int:
        """The month in which the period ends (for how soon after it a review is held)."""
        return {"h1": 6, "m9": 9, "quarter": 3 * (self.quarter or 4)}.get(self.form, 12)


def find_periods(text: str) -> list[PeriodHit]:
    out: list[PeriodHit] = []
    for m in PERIOD_RE.finditer(text):
        form = m.lastgroup
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        if form in ("term", "span"):
            y1, y2 = int(g[f"{form}_y1"]), int(g[f"{form}_y2"])
            if not 0 < y2 - y1 <= 10:
                continue
            out.append(PeriodHit(m.start(), m.end(), m.group(0), form, y1, y2))
            continue
        y = g.get(f"{form}_y")
        q = _ROMAN_Q.get(g.get("quarter_q", "").lower()) if form == "quarter" else None
        out.append(PeriodHit(m.start(), m.end(), m.group(0), form, int(y) if y else None, None, q))
    return out


# --- document numbers ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocHit:
    start: int
    end: int  # end of the number and symbol
    type: str
    number: str
    symbol: str | None
    date: str | None
    date_end: int  # end of the date phrase (== end when no date)
    issuer: str | None = None
