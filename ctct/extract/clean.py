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
_END_MARK_RE = re.compile(r"\s*\./\.\s*$")


@dataclass(frozen=True)
class Cleaned:
    text: str
    byline: str | None
    headline: str | None


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
    if low in DEBRIS_LINES or low.startswith(DEBRIS_PREFIXES):
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
    # Related links follow these markers: drop the marker and everything after it.
    for i, ln in enumerate(lines):
        if ln.lower().rstrip(":").strip() in TAIL_MARKERS:
            lines = lines[:i]
            break
    internal = any(mark in text for mark in INTERNAL_MARKS)
    lines = _drop_recipients(lines)
    kept = [ln for ln in lines if ln and not _is_debris(ln, vietnamese)]
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
    return Cleaned(body, byline, headline)
