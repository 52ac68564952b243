"""Dates, periods and document numbers as the extractor needs them.

TODO(ctct.text): ``ctct/text/dates.py`` and ``ctct/text/docnumbers.py`` were not landed when
this was written; these finders cover the forms of the genre and should be swapped for the
language layer's ``find_dates``/``find_periods``/``find_docnumbers`` once they are in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct.extract.patterns import alternation
from ctct.extract.vocab import DOCUMENT_TYPES, SYMBOL_TYPES

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


def parse_date(text: str) -> DateHit | None:
    hits = find_dates(text)
    return hits[0] if hits else None


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

_TYPE_FORMS = {f for t in DOCUMENT_TYPES for f in (t, t.lower(), t.upper())}
_TYPE_ALT = alternation(_TYPE_FORMS)
_ABBR = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_SYMBOL = r"(?:(?:19|20)\d{2}/)?" + _ABBR + r"(?:[-/]" + _ABBR + r")*"
DOC_RE = re.compile(
    r"(?<![\w])(?P<type>" + _TYPE_ALT + r")(?:\s+(?P<so>số|Số))?:?\s+"
    r"(?P<number>\d{1,5})(?:\s*(?P<sep>[-/])\s*(?P<symbol>" + _SYMBOL + r"))?(?![\w])"
)
# A law cited by its name and number: "Luật Dân quân tự vệ số 48/2019/QH14".
NAMED_LAW_RE = re.compile(
    r"(?<![\w])(?P<type>Luật|Bộ luật|Pháp lệnh)\s+[A-ZĐ][^,.;()\n]{0,60}?\s+số\s+"
    r"(?P<number>\d{1,5})(?P<sep>[-/])(?P<symbol>" + _SYMBOL + r")(?![\w])"
)
# A bare number with a symbol ("theo 36-HD/VPTW"), for a follow-on in a list or without type.
BARE_DOC_RE = re.compile(
    r"(?<![\w/.-])(?P<number>\d{1,5})(?P<sep>[-/])(?P<symbol>" + _SYMBOL + r")(?![\w])"
)
_DOC_DATE_RE = re.compile(
    r"[\s,]*(?:(?:ban hành|ký)\s+)?ngày\s+(?:" + _DAY_WORDS + r"|" + _DAY_NUM + r")(?![\w/])",
    re.IGNORECASE,
)
_COUNTED_RE = re.compile(
    r"\s*(?:năm|tháng|ngày|tuần|quý|điểm|%|người|đảng viên|nội dung|nhiệm vụ|chỉ tiêu|lần|giải pháp|"
    r"nhóm|mục tiêu|chương|điều|khoản|tập thể|cá nhân|đồng chí)(?![\w])"
)
_FOLLOW_ON_RE = re.compile(r"\s*(?:,|và|;)\s*(?:số\s+)?")
_TYPE_CANON = {t.lower(): t for t in DOCUMENT_TYPES}


@dataclass(frozen=True)
class DocHit:
    start: int
    end: int  # end of the number and symbol
    type: str
    number: str
    symbol: str | None
    date: str | None
    date_end: int  # end of the date phrase (== end when no date)


def _symbol_type(symbol: str) -> str | None:
    parts = re.split(r"[-/]", symbol)
    for part in parts:
        if part in SYMBOL_TYPES:
            return SYMBOL_TYPES[part]
    return None


def _doc_date(text: str, pos: int) -> tuple[str | None, int]:
    m = _DOC_DATE_RE.match(text, pos)
    if not m:
        return None, pos
    g = m.groupdict()
    day, month, year = (g["dw"], g["mw"], g["yw"]) if g["dw"] else (g["d"], g["m"], g["y"])
    if not year or not _valid(int(day), int(month), int(year)):
        return None, m.end()
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}", m.end()


def find_documents(text: str) -> list[DocHit]:
    """Every document cited by number: "Chỉ thị số 2889-CT/ĐU ngày 10/9/2024", "Nghị định số 30/2020/NĐ-CP"."""
    out: list[DocHit] = []
    taken: list[tuple[int, int]] = []
    for m in DOC_RE.finditer(text):
        type_word = m.group("type")
        if not type_word[0].isupper() and not (m.group("so") and m.group("symbol")):
            continue  # "quyết định số ..." in running text is a verb phrase more often than not
        number, symbol = m.group("number"), m.group("symbol")
        if not m.group("so") and not symbol:
            # "Nghị quyết 57" is a citation; "Kế hoạch 2025" and "Kế hoạch 5 năm" are not.
            if re.fullmatch(r"(?:19|20)\d{2}", number) or _COUNTED_RE.match(text, m.end()):
                continue
        if symbol and m.group("sep") == "/" and re.fullmatch(r"(?:19|20)\d{2}", symbol):
            symbol = None
        date, date_end = _doc_date(text, m.end())
        kind = _TYPE_CANON.get(type_word.lower(), type_word)
        out.append(
            DocHit(
                m.start(),
                m.end(),
                kind,
                number.lstrip() or number,
                symbol,
                date,
                max(date_end, m.end()),
            )
        )
        taken.append((m.start(), m.end()))
        # Follow-on numbers in a list: "Nghị quyết số 57-NQ/TW, 59-NQ/TW và 66-NQ/TW".
        pos = max(date_end, m.end())
        while True:
            f = _FOLLOW_ON_RE.match(text, pos)
            if not f:
                break
            b = BARE_DOC_RE.match(text, f.end())
            if not b:
                break
            d, d_end = _doc_date(text, b.end())
            out.append(
                DocHit(
                    b.start(),
                    b.end(),
                    _symbol_type(b.group("symbol")) or kind,
                    b.group("number"),
                    b.group("symbol"),
                    d,
                    max(d_end, b.end()),
                )
            )
            taken.append((b.start(), b.end()))
            pos = max(d_end, b.end())
    for b in NAMED_LAW_RE.finditer(text):
        if any(s <= b.start("number") < e for s, e in taken):
            continue
        d, d_end = _doc_date(text, b.end())
        out.append(
            DocHit(
                b.start(),
                b.end(),
                b.group("type"),
                b.group("number"),
                b.group("symbol"),
                d,
                max(d_end, b.end()),
            )
        )
        taken.append((b.start(), b.end()))
    for b in BARE_DOC_RE.finditer(text):
        if any(s <= b.start() < e for s, e in taken):
            continue
        symbol = b.group("symbol")
        if b.group("sep") != "-" or "/" not in symbol:
            continue  # only Party-style numbers are recognizable without their type word
        kind = _symbol_type(symbol)
        if kind is None:
            continue
        d, d_end = _doc_date(text, b.end())
        out.append(
            DocHit(b.start(), b.end(), kind, b.group("number"), symbol, d, max(d_end, b.end()))
        )
    out.sort(key=lambda h: h.start)
    return out
