"""Dates and periods as the event needs them, and the document hit the engine passes around.

Dates and documents come from the language layer (``ctct.text.dates.find_dates``,
``ctct.text.docnumbers.find_docnumbers``). TODO(ctct.text): the period finder here keeps what
the year rules need (the "9 tháng" review span ends in September, "năm học" spans, a missing
year taken from the next period); move it onto ``ctct.text.dates.find_periods`` when that
carries the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct.text.dates import find_dates as _text_find_dates

# --- dates -----------------------------------------------------------------------------------

# What opens an event's date: a part of day, "ngày", "hôm nay", "trong hai ngày", "từ ngày".
_DAYPART = r"(?:sáng sớm|sáng|chiều|tối|trưa|đêm|rạng sáng)"
_WEEKDAY = r"(?:,?\s+(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật))"
_PREFIX = (
    r"(?:(?:trong|suốt)\s+(?:hai|ba|bốn|2|3|4|các)\s+ngày\s*(?:\(\s*|ngày\s+)?"
    r"|từ\s+ngày\s+"
    r"|" + _DAYPART + r"(?:\s+(?:hôm\s+)?nay)?" + _WEEKDAY + r"?,?(?:\s*\(\s*|\s+(?:ngày\s+)?)"
    r"|hôm\s+nay,?\s+(?:ngày\s+)?"
    r"|ngày\s+)"
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


_PREFIX_START_RE = re.compile(r"(?:" + _PREFIX + r")", re.IGNORECASE)


def find_dates(text: str) -> list[DateHit]:
    """Every day-month(-year) in ``text``, from the language layer's finder.

    "Chiều 25/11", "ngày 10 tháng 3 năm 2025", "Trong hai ngày 14 và 15/5/2025" (first day);
    ``has_prefix`` says whether a part of day or "ngày" opens it (an event's date always has one).
    """
    out: list[DateHit] = []
    for m in _text_find_dates(text):
        v = m.value
        if v is None or not v.month or not v.day:
            continue
        out.append(
            DateHit(
                m.start, m.end, m.text, v.day, v.month, v.year, bool(_PREFIX_START_RE.match(m.text))
            )
        )
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
