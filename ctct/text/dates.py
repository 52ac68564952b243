"""Dates and periods as Vietnamese reports write them.

Dates: "Ngày 20/6", "Chiều 25/11", "Sáng ngày 29/6/2023", "Ngày 31-12",
"ngày 10 tháng 9 năm 2024", "Hà Nội, ngày 03 tháng 11 năm 2024", "tháng 9/2024".
Periods: "6 tháng đầu năm 2025" (2025-H1), "6 tháng cuối năm" (H2, year unknown),
"quý III/2025" (2025-Q3), "năm 2026" (2026), "nhiệm kỳ 2025 - 2030" (2025-2030).

A date keeps what is missing (``PartialDate(None, 6, 20)``). A year is never invented:
``infer_year`` fills it in only by one of the explicit rules documented there. Impossible
dates (31/2, month 13) are refused: ``parse_date`` returns None and constructing a
``PartialDate`` raises ``DateError`` with the reason.

Text is expected in NFC (see ``ctct.text.normalize``); spans index the text as given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from ctct.text.errors import TextError

__all__ = [
    "DateError",
    "DateMatch",
    "PartialDate",
    "Period",
    "PeriodMatch",
    "YearContext",
    "YearInference",
    "find_dates",
    "find_periods",
    "format_date",
    "format_period",
    "infer_year",
    "parse_date",
    "parse_dateline",
    "parse_period",
]

PartOfDay = Literal["sang", "chieu", "toi"]
PeriodKind = Literal["year", "half", "quarter", "nine_months", "term", "range"]

MIN_YEAR = 1900
MAX_YEAR = 2199

MSG_MONTH = "month {month} is not 1-12"
MSG_DAY = "day {day} does not exist in month {month}"
MSG_DAY_IN_YEAR = "{day}/{month} does not exist in {year}"
MSG_YEAR = f"year {{year}} is outside {MIN_YEAR}-{MAX_YEAR}"
MSG_DAY_WITHOUT_MONTH = "a day needs a month"
MSG_EMPTY = "a date needs at least a year or a month"
MSG_PART_OF_DAY = "part of day must be sang, chieu or toi, not {value!r}"
MSG_PERIOD = "invalid period: {detail}"


class DateError(TextError):
    """An impossible date or period ("day 31 does not exist in month 2")."""


@dataclass(frozen=True)
class PartialDate:
    """A date that may lack its year (or day): ``PartialDate(None, 6, 20)`` is "Ngày 20/6".

    >>> PartialDate(2024, 11, 3).iso()
    '2024-11-03'
    >>> PartialDate(None, 6, 20).iso() is None
    True
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part_of_day: PartOfDay | None = None

    def __post_init__(self) -> None:
        y, m, d = self.year, self.month, self.day
        if y is None and m is None:
            raise DateError(MSG_EMPTY)
        if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
            raise DateError(MSG_YEAR.format(year=y))
        if m is not None and not 1 <= m <= 12:
            raise DateError(MSG_MONTH.format(month=m))
        if d is not None:
            if m is None:
                raise DateError(MSG_DAY_WITHOUT_MONTH)
            # Without a year, 29/2 may exist; with one, it must.
            longest = calendar.monthrange(y if y is not None else 2000, m)[1]
            if not 1 <= d <= longest:
                if y is not None and d == 29 and m == 2:
                    raise DateError(MSG_DAY_IN_YEAR.format(day=d, month=m, year=y))
                raise DateError(MSG_DAY.format(day=d, month=m))
        if self.part_of_day not in (None, "sang", "chieu", "toi"):
            raise DateError(MSG_PART_OF_DAY.format(value=self.part_of_day))

    @property
    def is_complete(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def iso(self) -> str | None:
        """'YYYY-MM-DD' when year, month and day are all known, else None."""
        if not self.is_complete:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.is_complete else None  # type: ignore[arg-type]

    def with_year(self, year: int) -> PartialDate:
        """The same date in ``year`` (raises ``DateError`` for 29/2 in a common year)."""
        return replace(self, year=year)


@dataclass(frozen=True)
class DateMatch:
    """A date found in running text: ``text == original[start:end]``.

    For a range ("Từ ngày 22 đến 24/7/2025") ``value`` is the first day and ``until`` the last.
    """

    start: int
    end: int
    text: str
    value: PartialDate
    until: PartialDate | None = None


# --- patterns ---------------------------------------------------------------------------------

_POD_WORDS = {
    "sáng": "sang",
    "sáng sớm": "sang",
    "rạng sáng": "sang",
    "chiều": "chieu",
    "tối": "toi",
    "đêm": "toi",
    "trưa": None,
    "hôm nay": None,
}
# A part of day, optionally "hôm nay" / "nay" and a comma: "Sáng sớm", "Chiều nay,", "Hôm nay".
_POD = (
    r"(?P<pod>sáng\s+sớm|rạng\s+sáng|sáng|chiều|tối|trưa|đêm|hôm\s+nay)"
    r"(?:\s+(?:hôm\s+)?nay)?,?"
)
_WEEKDAY = r"(?:(?:hôm\s+)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật),?\s+)"
_LEAD = rf"(?:{_POD}\s+{_WEEKDAY}?(?:(?P<ngay1>ngày)\s+)?|{_WEEKDAY}?(?P<ngay2>ngày)\s+)"
# Words after which a bare "d/m" is a date ("đến 30/6", "từ 10/9").
_CUE = r"(?:từ|đến|tới|trước|sau|vào|hôm|lúc|hạn|đến\s+hết|hết)"
_NOT_SYMBOL = r"(?![\d/])(?!-[A-ZĐ\d])"

_NUMERIC_RE = re.compile(
    # After a lead word the date may stand in parentheses: "Chiều nay (25/12)".
    rf"(?<![\w/.,-])(?:{_LEAD}(?P<paren>\(\s*)?)?(?P<d>\d{{1,2}})\s?(?P<sep>[/.-])\s?(?P<m>\d{{1,2}})"
    rf"(?:\s?(?P=sep)\s?(?P<y>\d{{4}}))?{_NOT_SYMBOL}(?![.,]\d)(?(paren)\s*\))",
    re.IGNORECASE,
)
_LONG_RE = re.compile(
    rf"(?<![\w/])(?:{_POD}\s+{_WEEKDAY}?|{_WEEKDAY})?(?:(?P<ngay>ngày)\s+)?(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})"
    rf"(?:\s*(?:năm|,)\s*(?P<y>\d{{4}}))?(?!\d)",
    re.IGNORECASE,
)
_MONTH_YEAR_RE = re.compile(
    r"(?<![\w/])tháng\s+(?P<m>\d{1,2})\s*(?:/|-|năm)\s*(?P<y>\d{4})(?![\d/])",
    re.IGNORECASE,
)
_D = r"(?P<{0}d>\d{{1,2}})\s*(?P<{0}s>[/-])\s*(?P<{0}m>\d{{1,2}})(?:\s*(?P={0}s)\s*(?P<{0}y>\d{{4}}))?"
# "Trong hai ngày 14 và 15/5/2025", "Từ ngày 22 đến 24/7/2025": days of one month.
_RANGE_DAYS_RE = re.compile(
    r"(?<!\w)(?:(?:trong|suốt)\s+(?:hai|2|ba|3|bốn|4|các)\s+ngày|từ\s+ngày|các\s+ngày|ngày)\s+"
    r"(?P<paren>\(\s*)?(?P<d1>\d{1,2})(?:\s*,\s*\d{1,2})*\s*(?:và|,|đến|tới|-|–)\s*(?:ngày\s+)?"
    + _D.format("b")
    + r"(?![\d/])(?(paren)\s*\))",
    re.IGNORECASE,
)
# "từ ngày 28/6 đến ngày 2/7/2025": two full dates.
_RANGE_DATES_RE = re.compile(
    r"(?<!\w)từ\s+(?:ngày\s+)?"
    + _D.format("a")
    + r"\s+(?:đến|tới)\s+(?:ngày\s+)?"
    + _D.format("b")
    + r"(?![\d/])",
    re.IGNORECASE,
)
_CUE_BEFORE_RE = re.compile(rf"(?:^|\W){_CUE}\s+$", re.IGNORECASE)
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATELINE_RE = re.compile(
    r"(?P<place>[A-ZĐÂĂÊÔƠƯ][^\W\d_]*(?:\s+[A-ZĐÂĂÊÔƠƯ][^\W\d_]*){0,3})\s*,\s*(?P<date>ngày\b.*)",
)


def _pod(word: str | None) -> PartOfDay | None:
    if not word:
        return None
    return _POD_WORDS.get(" ".join(word.lower().split()))  # type: ignore[return-value]


def _make(y: str | None, m: str | None, d: str | None, pod: str | None) -> PartialDate | None:
    try:
        return PartialDate(
            int(y) if y else None, int(m) if m else None, int(d) if d else None, _pod(pod)
        )
    except DateError:
        return None


def _numeric_value(m: re.Match[str], text: str, *, whole: bool) -> PartialDate | None:
    cued = bool(m.group("pod") or m.group("ngay1") or m.group("ngay2"))
    year = m.group("y")
    if m.group("sep") == "." and not year and not cued:
        return None  # "1.180", "92.5": numbers, not dates ("Ngày 6.9" is one)
    if not year and not cued and not whole:
        if not _CUE_BEFORE_RE.search(text[max(0, m.start() - 20) : m.start()]):
            return None  # a bare "2/3" is a fraction unless a cue word precedes it
    return _make(year, m.group("m"), m.group("d"), m.group("pod"))


def _range(
    d1: str, m1: str, y1: str | None, d2: str, m2: str, y2: str | None
) -> tuple[PartialDate, PartialDate] | None:
    """First and last day of a range; the last day's year carries to the first, a year earlier
    when the range crosses New Year (28/12 - 2/1/2025)."""
    last = _make(y2, m2, d2, None)
    if last is None:
        return None
    year1 = y1
    if year1 is None and last.year is not None:
        crosses = (int(m1), int(d1)) > (last.month, last.day)
        year1 = str(last.year - 1 if crosses else last.year)
    first = _make(year1, m1, d1, None)
    if first is None:
        return None
    if first.is_complete and last.is_complete and first.to_date() > last.to_date():  # type: ignore[operator]
        return None
    return first, last


def _scan(text: str, *, whole: bool = False) -> list[DateMatch]:
    found: list[DateMatch] = []
    for m in _RANGE_DAYS_RE.finditer(text):
        r = _range(m.group("d1"), m.group("bm"), None, m.group("bd"), m.group("bm"), m.group("by"))
        if r is not None:
            found.append(DateMatch(m.start(), m.end(), m.group(0), r[0], r[1]))
    for m in _RANGE_DATES_RE.finditer(text):
        r = _range(
            m.group("ad"), m.group("am"), m.group("ay"), m.group("bd"), m.group("bm"), m.group("by")
        )
        if r is not None:
            found.append(DateMatch(m.start(), m.end(), m.group(0), r[0], r[1]))
    for m in _LONG_RE.finditer(text):
        if not (m.group("ngay") or m.group("pod") or m.group("y") or whole):
            continue  # "3 tháng 9" alone: too loose
        value = _make(m.group("y"), m.group("m"), m.group("d"), m.group("pod"))
        if value is not None:
            found.append(DateMatch(m.start(), m.end(), m.group(0), value))
    for m in _NUMERIC_RE.finditer(text):
        value = _numeric_value(m, text, whole=whole)
        if value is not None:
            found.append(DateMatch(m.start(), m.end(), m.group(0), value))
    for m in _MONTH_YEAR_RE.finditer(text):
        value = _make(m.group("y"), m.group("m"), None, None)
        if value is not None:
            found.append(DateMatch(m.start(), m.end(), m.group(0), value))
    return _non_overlapping(found)


def _non_overlapping(items):
    """Keep the longest of overlapping matches, leftmost first."""
    items = sorted(items, key=lambda x: (x.start, -(x.end - x.start)))
    out = []
    last_end = -1
    for it in items:
        if it.start >= last_end:
            out.append(it)
            last_end = it.end
    return out


def find_dates(text: str) -> list[DateMatch]:
    """Find the dates in running text, with spans into ``text``.

    A bare "d/m" counts only after "ngày", a part of day, or a cue word ("đến 30/6"), so
    fractions ("2/3 số đảng viên") and document numbers ("30/2020/NĐ-CP") are not dates.

    >>> [(m.text, m.value.iso()) for m in find_dates("Sáng ngày 29/6/2023, Đảng ủy họp; Chiều 25/11")]
    [('Sáng ngày 29/6/2023', '2023-06-29'), ('Chiều 25/11', None)]
    """
    if not text:
        return []
    return _scan(text)


def parse_date(s: str) -> PartialDate | None:
    """Parse one date expression; None when it is not a (possible) date.

    >>> parse_date("Hà Nội, ngày 03 tháng 11 năm 2024")
    PartialDate(year=2024, month=11, day=3, part_of_day=None)
    >>> parse_date("31/2/2025") is None
    True
    """
    if not s or not isinstance(s, str):
        return None
    s = " ".join(s.split()).strip(" .,;:()")
    if not s:
        return None
    iso = _ISO_RE.fullmatch(s)
    if iso:
        return _make(iso.group(1), iso.group(2), iso.group(3), None)
    line = _DATELINE_RE.fullmatch(s)
    if line:
        s = line.group("date")
    matches = _scan(s, whole=True)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(s):
        return matches[0].value
    year = re.fullmatch(r"(?:năm\s+)?(\d{4})", s, re.IGNORECASE)
    if year:
        return _make(year.group(1), None, None, None)
    return None


def parse_dateline(s: str) -> tuple[str, PartialDate] | None:
    """Split a dateline into place and date: "Hà Nội, ngày 03 tháng 4 năm 2018".

    >>> parse_dateline("Hà Nội, ngày 03 tháng 4 năm 2018")
    ('Hà Nội', PartialDate(year=2018, month=4, day=3, part_of_day=None))
    """
    if not s:
        return None
    m = _DATELINE_RE.fullmatch(" ".join(s.split()).strip(" ."))
    if not m:
        return None
    value = parse_date(m.group("date"))
    return (m.group("place"), value) if value is not None else None


_POD_DISPLAY = {"sang": "sáng", "chieu": "chiều", "toi": "tối"}
DateStyle = Literal["long", "short", "padded", "iso"]


def format_date(d: PartialDate, style: DateStyle = "long") -> str:
    """Write a date in one of the genre's forms.

    - ``long``: "ngày 03 tháng 11 năm 2024" (36-HD: day < 10 and months 1-2 zero-padded);
    - ``short``: "20/6/2025" (no padding), as news reports write it;
    - ``padded``: "03/11/2024";
    - ``iso``: "2024-11-03" (complete dates only).

    The part of day leads ("sáng ngày 29 tháng 6 năm 2023"); a missing day or year is
    left out ("ngày 20 tháng 6", "tháng 6 năm 2025", "20/6").

    >>> format_date(PartialDate(2018, 4, 3))
    'ngày 03 tháng 4 năm 2018'
    >>> format_date(PartialDate(2025, 6, 20), "short")
    '20/6/2025'
    """
    if style == "iso":
        iso = d.iso()
        if iso is None:
            raise DateError("an ISO date needs year, month and day")
        return iso
    parts: list[str] = []
    if d.part_of_day:
        parts.append(_POD_DISPLAY[d.part_of_day])
    if style == "long":
        if d.day is not None:
            parts.append(f"ngày {d.day:02d}")
        if d.month is not None:
            parts.append(f"tháng {d.month:02d}" if d.month <= 2 else f"tháng {d.month}")
        if d.year is not None:
            parts.append(f"năm {d.year}")
        return " ".join(parts)
    if style not in ("short", "padded"):
        raise DateError(f"unknown date style {style!r}")
    pad = style == "padded"
    fields = []
    if d.day is not None:
        fields.append(f"{d.day:02d}" if pad else str(d.day))
    if d.month is not None:
        fields.append(f"{d.month:02d}" if pad else str(d.month))
    if d.year is not None:
        fields.append(str(d.year))
    if d.day is None and d.month is not None:
        parts.append("tháng")
    elif d.day is None:
        parts.append("năm")
    elif d.year is None and not d.part_of_day:
        parts.append("ngày")  # a bare "20/6" is a date only with a lead word
    parts.append("/".join(fields))
    return " ".join(parts)


# --- periods ----------------------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A reporting period: a year, a half, a quarter, the first nine months, a term or range.

    ``code()`` gives the extraction record's form ('2025', '2025-H1', '2025-Q3', '2025-9M',
    '2025-2030'), or None while the year is unknown ("6 tháng cuối năm").

    >>> Period("half", 2025, 1).code()
    '2025-H1'
    """

    kind: PeriodKind
    year: int | None = None
    index: int | None = None  # half 1-2, quarter 1-4
    end_year: int | None = None  # term and range

    def __post_init__(self) -> None:
        k = self.kind
        if k not in ("year", "half", "quarter", "nine_months", "term", "range"):
            raise DateError(MSG_PERIOD.format(detail=f"kind {k!r}"))
        if self.year is not None and not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError(MSG_YEAR.format(year=self.year))
        if k == "half" and self.index not in (1, 2):
            raise DateError(MSG_PERIOD.format(detail="a half is 1 or 2"))
        if k == "quarter" and self.index not in (1, 2, 3, 4):
            raise DateError(MSG_PERIOD.format(detail="a quarter is 1-4"))
        if k in ("year", "nine_months") and self.index is not None:
            raise DateError(MSG_PERIOD.format(detail=f"a {k} has no index"))
        if k in ("term", "range"):
            if self.year is None or self.end_year is None:
                raise DateError(MSG_PERIOD.format(detail="a term needs both years"))
            if not 0 < self.end_year - self.year <= 10:
                raise DateError(
                    MSG_PERIOD.format(detail=f"{self.year}-{self.end_year} is not a term")
                )
        elif self.end_year is not None:
            raise DateError(MSG_PERIOD.format(detail=f"a {k} has no end year"))

    def code(self) -> str | None:
        if self.year is None:
            return None
        if self.kind == "year":
            return str(self.year)
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "nine_months":
            return f"{self.year}-9M"
        return f"{self.year}-{self.end_year}"

    def with_year(self, year: int) -> Period:
        if self.kind in ("term", "range"):
            return self
        return replace(self, year=year)

    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last day of the period, or None while the year is unknown."""
        if self.year is None:
            return None
        y = self.year
        if self.kind == "year":
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if self.kind == "half":
            return (
                (dt.date(y, 1, 1), dt.date(y, 6, 30))
                if self.index == 1
                else (
                    dt.date(y, 7, 1),
                    dt.date(y, 12, 31),
                )
            )
        if self.kind == "quarter":
            first = 3 * (self.index - 1) + 1  # type: ignore[operator]
            last = first + 2
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        if self.kind == "nine_months":
            return dt.date(y, 1, 1), dt.date(y, 9, 30)
        return dt.date(y, 1, 1), dt.date(self.end_year, 12, 31)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PeriodMatch:
    start: int
    end: int
    text: str
    value: Period


_YEAR = r"(?P<y>\d{4})"
_PERIOD_RES: list[tuple[str, re.Pattern[str]]] = [
    (
        "months",
        re.compile(
            r"(?<!\w)(?P<n>6|sáu|3|ba|9|chín)\s+tháng"
            r"(?:\s+(?P<which>đầu|cuối)(?:\s+năm)?|\s+năm)(?:\s+" + _YEAR + r")?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "half",
        re.compile(
            r"(?<!\w)nửa\s+(?P<which>đầu|cuối)\s+năm(?:\s+" + _YEAR + r")?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "quarter",
        re.compile(
            r"(?<!\w)quý\s+(?P<q>iv|i{1,3}|[1-4])(?![\w])(?:\s*(?:/|-|năm)\s*"
            + _YEAR
            + r")?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "term",
        re.compile(
            r"(?<!\w)nhiệm\s+kỳ\s+(?P<y>\d{4})\s*[-–—]\s*(?P<y2>\d{4})(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    # A school year or a named stage keeps its word: "năm học 2024 - 2025", "giai đoạn 2021-2025".
    (
        "range",
        re.compile(
            r"(?<!\w)(?:năm\s+học|giai\s+đoạn)\s+(?P<y>\d{4})\s*[-–—]\s*(?P<y2>\d{4})(?![\w/])",
            re.IGNORECASE,
        ),
    ),
    ("range", re.compile(r"(?<![\w/.,-])(?P<y>\d{4})\s*[-–—]\s*(?P<y2>\d{4})(?![\w/])")),
    # "năm 2021-2025" is the range, not the year 2021.
    (
        "year",
        re.compile(r"(?<!\w)năm\s+" + _YEAR + r"(?![\d/])(?!\s*[-–—]\s*\d{4})", re.IGNORECASE),
    ),
]
_MONTHS_WORDS = {"6": 6, "sáu": 6, "3": 3, "ba": 3, "9": 9, "chín": 9}
_PERIOD_CODE_RE = re.compile(r"(\d{4})(?:-(H[12]|Q[1-4]|9M|\d{4}))?")


def _period_from(kind: str, m: re.Match[str]) -> Period | None:
    y = int(m.group("y")) if m.groupdict().get("y") else None
    try:
        if kind == "months":
            # "9 tháng năm 2024" is the first nine months (a review held in September or
            # October); "6 tháng năm 2025" the first half; "3 tháng năm" says no quarter
            n = _MONTHS_WORDS[m.group("n").lower()]
            which = (m.group("which") or "").lower()
            if not which and n == 3:
                return None
            first = which != "cuối"
            if n == 6:
                return Period("half", y, 1 if first else 2)
            if n == 3:
                return Period("quarter", y, 1 if first else 4)
            return Period("nine_months", y) if first else None
        if kind == "half":
            return Period("half", y, 1 if m.group("which").lower() == "đầu" else 2)
        if kind == "quarter":
            q = m.group("q").lower()
            return Period("quarter", y, int(q) if q.isdigit() else _ROMAN[q])
        if kind in ("term", "range"):
            return Period(kind, y, None, int(m.group("y2")))  # type: ignore[arg-type]
        return Period("year", y)
    except DateError:
        return None


def find_periods(text: str) -> list[PeriodMatch]:
    """Find reporting periods in running text, with spans into ``text``.

    Years that belong to a date ("ngày 10 tháng 9 năm 2024") are not periods.

    >>> [(m.text, m.value.code()) for m in find_periods("Hội nghị 6 tháng đầu năm 2025, nhiệm kỳ 2025 - 2030")]
    [('6 tháng đầu năm 2025', '2025-H1'), ('nhiệm kỳ 2025 - 2030', '2025-2030')]
    """
    if not text:
        return []
    found: list[PeriodMatch] = []
    for kind, rx in _PERIOD_RES:
        for m in rx.finditer(text):
            value = _period_from(kind, m)
            if value is not None:
                found.append(PeriodMatch(m.start(), m.end(), m.group(0), value))
    dates = [d for d in find_dates(text) if d.value.year is not None]
    found = [
        p
        for p in found
        if p.value.kind != "year" or not any(d.start <= p.start < d.end for d in dates)
    ]
    return _non_overlapping(found)


def parse_period(s: str) -> Period | None:
    """Parse one period expression or code; None when it is not one.

    >>> parse_period("quý III/2025").code(), parse_period("2025-H1").code()
    ('2025-Q3', '2025-H1')
    """
    if not s or not isinstance(s, str):
        return None
    s = " ".join(s.split()).strip(" .,;:()")
    code = _PERIOD_CODE_RE.fullmatch(s)
    if code:
        y, rest = int(code.group(1)), code.group(2)
        try:
            if rest is None:
                return Period("year", y)
            if rest[0] == "H":
                return Period("half", y, int(rest[1]))
            if rest[0] == "Q":
                return Period("quarter", y, int(rest[1]))
            if rest == "9M":
                return Period("nine_months", y)
            return Period("range", y, None, int(rest))
        except DateError:
            return None
    for kind, rx in _PERIOD_RES:
        m = rx.fullmatch(s)
        if m:
            return _period_from(kind, m)
    return None


def format_period(p: Period) -> str:
    """Write a period as reports do: "6 tháng đầu năm 2025", "quý III/2025", "nhiệm kỳ 2025-2030".

    >>> format_period(Period("quarter", 2025, 3))
    'quý III/2025'
    """
    y = f" {p.year}" if p.year is not None else ""
    if p.kind == "year":
        return f"năm{y}"
    if p.kind == "half":
        return f"6 tháng {'đầu' if p.index == 1 else 'cuối'} năm{y}"
    if p.kind == "quarter":
        return f"quý {_ROMAN_OUT[p.index]}" + (f"/{p.year}" if p.year is not None else "")  # type: ignore[index]
    if p.kind == "nine_months":
        return f"9 tháng đầu năm{y}"
    if p.kind == "term":
        return f"nhiệm kỳ {p.year}-{p.end_year}"
    return f"{p.year}-{p.end_year}"


# --- year inference --------------------------------------------------------------------------


@dataclass(frozen=True)
class YearContext:
    """What the text states that can make a missing year certain.

    - ``reviewed``: the period the meeting reviews (sơ kết, tổng kết). Reviews are held near
      the end of what they review: from 2 months before its last day to 3 months after.
    - ``planned``: the period the meeting plans (ra nghị quyết). Planning is held from
      3 months before the period starts to 1 month after.
    - ``not_before``: a date the event cannot precede (the date of a document it
      disseminates); the event falls within ``max_gap_days`` after it.
    - ``not_after``: a date the event cannot follow (a dateline or publication date); the
      event falls within ``max_gap_days`` before it.
    - ``interval``: (document date, N) for an exactly stated interval, "5 năm thực hiện Nghị
      quyết ... ngày 16/4/2018": the event is in the document's year + N (2023).
    """

    reviewed: Period | None = None
    planned: Period | None = None
    not_before: dt.date | None = None
    not_after: dt.date | None = None
    max_gap_days: int = 365
    interval: tuple[dt.date | PartialDate, int] | None = None


@dataclass(frozen=True)
class YearInference:
    value: PartialDate
    rule: str


def _in_window(d: PartialDate, year: int, lo: dt.date, hi: dt.date) -> bool:
    try:
        day = dt.date(year, d.month, d.day or 1)  # type: ignore[arg-type]
    except ValueError:
        return False
    return lo <= day <= hi


def _years_in(d: PartialDate, lo: dt.date, hi: dt.date) -> set[int]:
    return {y for y in range(lo.year, hi.year + 1) if _in_window(d, y, lo, hi)}


def infer_year(d: PartialDate, context: YearContext) -> YearInference | None:
    """Fill in a missing year when a stated rule makes it certain; None otherwise.

    Every applicable rule of ``YearContext`` must give exactly one year and all must agree.

    >>> ctx = YearContext(reviewed=Period("half", 2025, 1))
    >>> infer_year(PartialDate(None, 6, 20), ctx).value.iso()
    '2025-06-20'
    >>> infer_year(PartialDate(None, 1, 10), YearContext(reviewed=Period("year", 2025))).value.iso()
    '2026-01-10'
    """
    if d.year is not None:
        return YearInference(d, "stated")
    if d.month is None:
        return None
    candidates: list[tuple[str, set[int]]] = []
    if context.reviewed is not None and (span := context.reviewed.span()):
        lo, hi = span[1] - dt.timedelta(days=61), span[1] + dt.timedelta(days=92)
        candidates.append((f"reviews {context.reviewed.code()}", _years_in(d, lo, hi)))
    if context.planned is not None and (span := context.planned.span()):
        lo, hi = span[0] - dt.timedelta(days=92), span[0] + dt.timedelta(days=31)
        candidates.append((f"plans {context.planned.code()}", _years_in(d, lo, hi)))
    gap = dt.timedelta(days=min(context.max_gap_days, 365))
    if context.not_before is not None:
        lo = context.not_before
        candidates.append((f"after {lo.isoformat()}", _years_in(d, lo, lo + gap)))
    if context.not_after is not None:
        hi = context.not_after
        candidates.append((f"before {hi.isoformat()}", _years_in(d, hi - gap, hi)))
    if context.interval is not None:
        start, years = context.interval
        if start.year is not None:
            candidates.append((f"{years} years after {start.year}", {start.year + years}))
    if not candidates:
        return None
    years = set.intersection(*(c[1] for c in candidates))
    if len(years) != 1 or any(len(c[1]) != 1 for c in candidates):
        return None
    year = years.pop()
    try:
        value = d.with_year(year)
    except DateError:
        return None
    return YearInference(value, "; ".join(c[0] for c in candidates))
