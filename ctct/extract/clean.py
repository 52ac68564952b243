"""Cleaning a report: web debris out, the byline kept apart, the headline noted.

``clean(raw)`` returns the cleaned text (the text every span of the record points into), the
byline (the credit that closes a news report, or stands under the headline) and the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct.extract.vocab import (
    BYLINE_PREFIXES,
    BYLINE_WHOLE,
    CAPTION_PATTERNS,
    DEBRIS_LINES,
    DEBRIS_PREFIXES,
    INTERNAL_MARKS,
    RANKS,
    SOURCE_TAG,
    TAIL_MARKERS,
)
from ctct.text.normalize import normalize

_VI_LETTERS = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
_CAPTION_RE = re.compile(r"^(?:" + "|".join(CAPTION_PATTERNS) + r")$", re.IGNORECASE)
_SOURCE_TAG_RE = re.compile(SOURCE_TAG)
_BYLINE_PREFIX_RE = re.compile(
    r"^(?:"
    + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
    + r")\s*:\s*",
    re.IGNORECASE,
)
# A credit: one to four names (each one to five capitalized words) joined by these.
_CREDIT_SEP_RE = re.compile(r"\s*(?:,|\s-\s|\s–\s|\svà\s|/|&)\s*")
_CREDIT_WORD_RE = re.compile(r"^[^\W\d_][\w.]*$")
_RANK_PREFIX_RE = re.compile(
    r"^(?:"
    + "|".join(sorted((re.escape(r) for r in RANKS), key=len, reverse=True))
    + r")(?:\s+QNCN)?\s+",
    re.IGNORECASE,
)
DEBRIS_MAX_CHARS = 160
_TRAILING_SOURCE_RE = re.compile(r"\s*\([^()]{1,40}\)$")
HEADLINE_MAX_CHARS = 220
# A first line that starts like a lead sentence is the lead, even without its closing stop.
_LEAD_START_RE = re.compile(
    r"^(?:ngày|sáng|chiều|tối|trưa|hôm nay|trong|từ ngày|vừa qua)\b", re.IGNORECASE
)
_MENU_SEP_RE = re.compile(r"\s[|»›]\s")
# A stored page's first line naming where it came from ("# source: https://..."): not text.
_SOURCE_LINE_RE = re.compile(r"^#\s*source\s*:\s*\S*\s*$", re.IGNORECASE)
_END_MARK_RE = re.compile(r"\s*\./\.\s*$")


# A stored page's stamp at its head ("date 2021-07", "date 2025-08-10"), before the text.
_STAMP_RE = re.compile(
    r"^date\s+(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?![\d-])\s*"
)
# A page's posting line: a full date with a time, a weekday or a label around it ("10:09, Thứ
# Bảy, 05/10/2019 (GMT+7)", "Cập nhật: 08-05-2020 | 13:40:46", "Đăng ngày 10/04/2015").
_PAGE_DATE_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})(?!\d)"
)
_PAGE_LINE_NOISE_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|GMT\s*[+-]?\s*\d*|[\W\d_]+")
PAGE_LINE_MAX_CHARS = 90
# Words a posting line may carry besides its date and time (one other word is let through:
# the poster's name in "Đăng bài thanhsang T2, 25/07/2016 - 04:34").
PAGE_LINE_WORDS = frozenset(
    "thứ hai ba tư năm sáu bảy chủ nhật cập đăng ngày bài lượt xem số ch sa lúc giờ gmt "
    "t2 t3 t4 t5 t6 t7 cn ngày_đăng views".split()
)
# A section label above the headline ("Chính trị", "Pháp luật", "Banner"): a line of at most
# this many words without a stop, followed by another line without one.
SECTION_LABEL_MAX_WORDS = 3


@dataclass(frozen=True)
class Cleaned:
    text: str
    byline: str | None
    headline: str | None
    # the page's own date (year, month, day or None) from its stamp or posting line
    page_date: tuple[int, int, int | None] | None = None


def page_date_of(line: str) -> tuple[int, int, int] | None:
    """The date of a page's posting line, or None when the line says more than that.

    >>> page_date_of("10:09, Thứ Bảy, 05/10/2019 (GMT+7)"), page_date_of("Ngày 5/10/2019, Đảng ủy họp.")
    ((2019, 10, 5), None)
    """
    if len(line) > PAGE_LINE_MAX_CHARS:
        return None
    m = _PAGE_DATE_RE.search(line)
    if not m:
        return None
    rest = line[: m.start()] + " " + line[m.end() :]
    words = [w.lower() for w in _PAGE_LINE_NOISE_RE.sub(" ", rest).split()]
    if sum(w not in PAGE_LINE_WORDS for w in words) > 1:
        return None
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    return (y, mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _join_wrapped(lines: list[str]) -> list[str]:
    """Lines a page wrapped by hand joined back ("Sáng ngày 19" + "tháng 01 năm 2016, ...")."""
    out: list[str] = []
    for ln in lines:
        if out and out[-1] and ln and ln[0].islower() and out[-1][-1].isalnum():
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    return out


def _page_furniture(lines: list[str]) -> tuple[list[str], tuple[int, int, int | None] | None]:
    """The stamp and posting lines at the head of a page taken out, with the page's date."""
    page_date: tuple[int, int, int | None] | None = None
    out: list[str] = []
    seen = 0
    for ln in lines:
        if seen < FURNITURE_HEAD_LINES and ln:
            seen += 1
            stamp = _STAMP_RE.match(ln)
            if stamp:
                d = stamp.group("d")
                page_date = page_date or (
                    int(stamp.group("y")),
                    int(stamp.group("m")),
                    int(d) if d else None,
                )
                ln = ln[stamp.end() :]
            else:
                posted = page_date_of(ln)
                if posted:
                    page_date = page_date or posted
                    continue
        out.append(ln)
    return out, page_date


# How many non-empty lines at the head of a page may hold its stamp or posting line.
FURNITURE_HEAD_LINES = 8


def _drop_section_labels(kept: list[str]) -> list[str]:
    while (
        len(kept) >= 3
        and len(kept[0].split()) <= SECTION_LABEL_MAX_WORDS
        and not any(c.isdigit() for c in kept[0])
        and not kept[0].endswith((".", ":", ";", "!", "?"))
        and not kept[1].endswith((".", ":", ";", "!", "?"))
        and byline_of(kept[1]) is None
    ):
        kept = kept[1:]
    return kept


def _is_alt_text(line: str, vietnamese: bool) -> bool:
    """Image alt text: a short lower-case line without a single diacritic ("so ket cong tac chinh tri 1")."""
    if not vietnamese or not line.isascii():
        return False
    words = line.split()
    return (
        0 < len(words) <= 14 and line[0].islower() and not line.rstrip().endswith((".", ":", ";"))
    )


def _is_debris(line: str, vietnamese: bool) -> bool:
    if len(line) > DEBRIS_MAX_CHARS:
        return False  # menus, captions, alt text and link lines are short
    low = line.strip().lower().rstrip(":").strip()
    if not low:
        return False
    if low in DEBRIS_LINES or low.startswith(DEBRIS_PREFIXES) or not any(c.isalnum() for c in low):
        return True
    if _CAPTION_RE.match(line.strip()):
        return True
    if _MENU_SEP_RE.search(line) and not line.rstrip().endswith("."):
        return True
    return _is_alt_text(line, vietnamese)


def byline_of(line: str) -> str | None:
    """The credit in a byline line, or None.

    >>> byline_of("Tin, ảnh: KIM ANH"), byline_of("Thu Hiền - Văn Tùng"), byline_of("Quang cảnh hội nghị.")
    ('KIM ANH', 'Thu Hiền - Văn Tùng', None)
    """
    s = line.strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    if not s or len(s) > 80:
        return None
    if ";" in s:
        # "Tin: Minh Hà; Ảnh: Quang Huy"
        parts = [byline_of(p) for p in s.split(";")]
        return ", ".join(parts) if all(parts) and _BYLINE_PREFIX_RE.match(s) else None
    m = _BYLINE_PREFIX_RE.match(s)
    if m:
        s = s[m.end() :].strip()
    s = _TRAILING_SOURCE_RE.sub("", s.rstrip(".")).strip()  # "THANH HÀ (TTXVN)"
    if not s:
        return None
    if s.lower() in BYLINE_WHOLE:
        return s
    name = _RANK_PREFIX_RE.sub("", s)
    if name != s:
        return s if byline_of(name) and len(name.split()) <= 5 else None
    parts = [p for p in _CREDIT_SEP_RE.split(s) if p]
    if not 1 <= len(parts) <= 4:
        return None
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 5:
            return None
        if not all(_CREDIT_WORD_RE.match(w) and w[0].isupper() for w in words):
            return None
    return s


def _drop_recipients(lines: list[str]) -> list[str]:
    """Drop the "Nơi nhận:" block of an internal document (recipients are bodies, not facts)."""
    out: list[str] = []
    skipping = False
    for ln in lines:
        if ln.lower().startswith("nơi nhận"):
            skipping = True
            continue
        if skipping and (ln.startswith(("-", "+", "•")) or not ln):
            continue
        skipping = False
        out.append(ln)
    return out


def clean(raw: str) -> Cleaned:
    """Clean ``raw`` (any Unicode form) into the text the record's spans point into."""
    text = normalize(raw or "")
    vietnamese = bool(_VI_LETTERS.search(text))
    # "| caption |": a table cell of a saved page (trafilatura keeps the bars)
    lines = [ln.strip().strip("|").strip() for ln in text.split("\n")]
    if lines and _SOURCE_LINE_RE.match(lines[0]):
        lines = lines[1:]
    # Related links follow these markers: drop the marker and everything after it.
    for i, ln in enumerate(lines):
        if ln.lower().rstrip(":").strip() in TAIL_MARKERS:
            lines = lines[:i]
            break
    internal = any(mark in text for mark in INTERNAL_MARKS)
    lines = _drop_recipients(lines)
    lines, page_date = _page_furniture(lines)
    kept = _join_wrapped([ln for ln in lines if ln and not _is_debris(ln, vietnamese)])
    kept = _drop_section_labels(kept)
    byline: str | None = None
    headline: str | None = None
    # The byline closes the report ...
    if len(kept) >= 2 and not internal:
        credit = byline_of(kept[-1])
        if credit:
            byline = credit
            kept.pop()
    # ... or stands under the headline (a first line without a closing stop).
    if kept and len(kept) >= 2 and not kept[0].rstrip().endswith((".", ":", ";", "!", "?")):
        first = kept[0]
        first_is_headline = (
            len(first) <= HEADLINE_MAX_CHARS
            and ". " not in first
            and not _SOURCE_TAG_RE.match(first)
            and not _LEAD_START_RE.match(first)
        )
        if first_is_headline:
            headline = kept[0]
            if byline is None and len(kept) >= 3 and not internal:
                credit = byline_of(kept[1])
                if credit and len(credit.split()) <= 6:
                    byline = credit
                    kept.pop(1)
    # "(QK7 Online) - Ngày 20/6, ..." / "QĐND - Sáng 20/6, ...": the tag opens the lead, which
    # follows the headline when there is one.
    for i in range(min(2, len(kept))):
        tagless = _SOURCE_TAG_RE.sub("", kept[i], count=1)
        if tagless != kept[i]:
            kept[i] = tagless
            break
    kept = [_END_MARK_RE.sub(".", ln) if "./." in ln else ln for ln in kept]
    body = "\n\n".join(ln for ln in kept if ln)
    return Cleaned(body, byline, headline, page_date)
