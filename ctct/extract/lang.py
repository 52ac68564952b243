"""Dates and periods as the event needs them, and the document hit the engine passes around.

Dates and documents come from the language layer (``ctct.text.dates.find_dates``,
``ctct.text.docnumbers.find_docnumbers``), periods from ``ctct.text.dates.find_periods`` ("9
tháng năm 2024" ends in September, "năm học 2024 - 2025" is a span); this module only gives
them the forms the event rules use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct.text.dates import find_dates as _text_find_dates
from ctct.text.dates import find_periods as _text_find_periods

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


# Spans over days the language layer leaves unread, as news leads write them: "Chiều ngày 21 và
# sáng ngày 22 tháng 12 năm 2022", "Trong 3 ngày từ 30/11 đến 2/12" (the first day counts).
_SPAN_DATE_RE = re.compile(
    r"(?:(?:" + _DAYPART + r")\s+)?ngày\s+(?P<d1>\d{1,2})\s+và\s+(?:(?:" + _DAYPART + r")\s+)?"
    r"ngày\s+\d{1,2}\s+tháng\s+(?P<m1>\d{1,2})(?:\s+năm\s+(?P<y1>\d{4}))?"
    r"|(?:trong\s+\d+\s+ngày\s+)?từ\s+(?:ngày\s+)?(?P<d2>\d{1,2})/(?P<m2>\d{1,2})\s+đến\s+"
    r"(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/(?P<y2>\d{4}))?",
    re.IGNORECASE,
)


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
    if "ngày" in text or "Ngày" in text or "từ" in text:
        for m in _SPAN_DATE_RE.finditer(text):
            if any(h.start <= m.start() < h.end for h in out if h.has_prefix):
                continue  # the language layer read it from its first day
            d, mo, y = (
                (m.group("d1"), m.group("m1"), m.group("y1"))
                if m.group("d1")
                else (m.group("d2"), m.group("m2"), m.group("y2"))
            )
            day, month = int(d), int(mo)
            if 1 <= day <= 31 and 1 <= month <= 12:
                out = [h for h in out if not (m.start() <= h.start < m.end())]
                out.append(
                    DateHit(m.start(), m.end(), m.group(0), day, month, int(y) if y else None, True)
                )
        out.sort(key=lambda h: h.start)
    return out


# --- periods ---------------------------------------------------------------------------------

_FORM_OF_KIND = {"term": "term", "range": "span", "nine_months": "m9", "quarter": "quarter"}


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
        return str(y)  # a year; nine months take their year (EXTRACTION.md has no 9M)

    def end_month(self) -> int:
        """The month in which the period ends (for how soon after it a review is held)."""
        return {"h1": 6, "m9": 9, "quarter": 3 * (self.quarter or 4)}.get(self.form, 12)


# After a review word a bare "9 tháng" / "6 tháng" is the period under review ("sơ kết công tác
# 9 tháng"), its year from the next period; in running text it is a duration, so the language
# layer leaves it out.
_BARE_MONTHS_RE = re.compile(
    r"(?<!\w)(?P<n>6|sáu|9|chín)\s+tháng(?!\s+(?:đầu|cuối|năm)\b)(?![\w/])", re.IGNORECASE
)


# "06 tháng đầu năm": a month count written with a leading zero.
_ZERO_MONTHS_RE = re.compile(r"(?<![\w])0(?=[1-9]\s+tháng(?![\w]))")


def find_periods(text: str) -> list[PeriodHit]:
    """The periods of the language layer (``ctct.text.dates.find_periods``) in the forms the
    event rules use, with bare "9 tháng" / "6 tháng" (yearless)."""
    if "0" in text:
        # "06 tháng" read as "6 tháng" (a space for the zero keeps every offset)
        text = _ZERO_MONTHS_RE.sub(" ", text)
    if "kì" in text:
        text = text.replace("nhiệm kì", "nhiệm kỳ")  # the i spelling, same length
    out: list[PeriodHit] = [
        PeriodHit(
            m.start(),
            m.end(),
            m.group(0),
            "m9" if m.group("n").lower() in ("9", "chín") else "h1",
            None,
        )
        for m in _BARE_MONTHS_RE.finditer(text)
    ]
    for m in _text_find_periods(text):
        p = m.value
        if p.kind == "half":
            form = "h1" if p.index == 1 else "h2"
        else:
            form = _FORM_OF_KIND.get(p.kind, "year")
        quarter = p.index if p.kind == "quarter" else None
        out.append(PeriodHit(m.start, m.end, m.text, form, p.year, p.end_year, quarter))
    return sorted(out, key=lambda h: h.start)


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
