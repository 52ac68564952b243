"""People, ranks, titles, bodies and abbreviations of the genre.

The vocabularies live in ``data/vocab.json`` and load once, at import (a few kB).

>>> find_rank("Đại tá Phạm Ngọc Sơn, Bí thư Đảng ủy", 0).rank
'Đại tá'
>>> proper_name("NGUYỄN HOÀNG"), split_name("Phạm Ngọc Sơn")
('Nguyễn Hoàng', ('Phạm', 'Ngọc', 'Sơn'))
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ctct.text.normalize import canonical_tones, compare_key

__all__ = [
    "ABBREVIATIONS",
    "BODY_KINDS",
    "BODY_KIND_PATTERN",
    "COMMON_SURNAMES",
    "COMPOUND_SURNAMES",
    "RANKS",
    "RANK_PATTERN",
    "TITLES",
    "TITLE_PATTERN",
    "RankMatch",
    "TermMatch",
    "expand_abbreviation",
    "find_body_kind",
    "find_rank",
    "find_ranks",
    "find_title",
    "is_rank",
    "looks_like_person_name",
    "proper_name",
    "rank_order",
    "split_name",
]

_VOCAB = json.loads((Path(__file__).with_name("data") / "vocab.json").read_text("utf-8"))

MSG_UNKNOWN_RANK = "unknown rank {rank!r}: expected one of Binh nhì ... Đại tướng (or a navy rank)"

#: Ranks in ascending order; a navy rank follows its army equivalent, a QNCN rank its base.
RANKS: tuple[str, ...]
_RANK_LEVEL: dict[str, int] = {}  # compare_key(rank) -> level
_RANK_CANONICAL: dict[str, str] = {}  # compare_key(rank) -> rank as listed
_ranks: list[str] = []
for _level, _names in enumerate(_VOCAB["ranks"]):
    for _name in _names:
        _ranks.append(_name)
        _RANK_LEVEL[compare_key(_name)] = _level
        _RANK_CANONICAL[compare_key(_name)] = _name
        if _name in _VOCAB["qncn_ranks"]:
            _q = f"{_name} QNCN"
            _ranks.append(_q)
            _RANK_LEVEL[compare_key(_q)] = _level
            _RANK_CANONICAL[compare_key(_q)] = _q
RANKS = tuple(_ranks)

COMMON_SURNAMES: frozenset[str] = frozenset(_VOCAB["surnames"])
COMPOUND_SURNAMES: tuple[str, ...] = tuple(_VOCAB["compound_surnames"])
TITLES: tuple[str, ...] = tuple(_VOCAB["titles"])
BODY_KINDS: tuple[str, ...] = tuple(_VOCAB["body_kinds"])
#: Abbreviation -> expansion ("SSCĐ" -> "sẵn sàng chiến đấu").
ABBREVIATIONS: dict[str, str] = dict(_VOCAB["abbreviations"])

_SURNAME_KEYS = frozenset(compare_key(s) for s in COMMON_SURNAMES)


def _spellings(term: str) -> set[str]:
    """The term with both tone placements ("Thiếu úy" and "Thiếu uý")."""
    old = canonical_tones(term)
    new = old
    for a, b in (("úy", "uý"), ("ùy", "uỳ"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
                 ("óa", "oá"), ("òa", "oà"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ")):  # fmt: skip
        new = new.replace(a, b).replace(a.capitalize(), b.capitalize())
    return {term, old, new}


def _alternation(terms) -> str:
    forms = {f for t in terms for f in _spellings(t)}
    parts = sorted(forms, key=len, reverse=True)  # longest first: "Thượng tá" before "Thượng"
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


_BASE_RANKS = [r for r in RANKS if not r.endswith(" QNCN")]
#: Matches a rank as written at the start of a person mention ("Đại tá", "Thượng tá QNCN").
RANK_PATTERN = re.compile(
    rf"(?<!\w)(?P<rank>{_alternation(_BASE_RANKS)})(?P<qncn>\s+QNCN)?(?!\w)", re.IGNORECASE
)
#: Matches a title ("Phó Chủ nhiệm Chính trị", "Chính trị viên phó"), longest first.
TITLE_PATTERN = re.compile(rf"(?<!\w)(?:{_alternation(TITLES)})(?!\w)", re.IGNORECASE)
#: Matches a kind of body ("Đảng ủy", "Lữ đoàn", "Bộ Chỉ huy Quân sự"), longest first.
BODY_KIND_PATTERN = re.compile(rf"(?<!\w)(?:{_alternation(BODY_KINDS)})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class RankMatch:
    """A rank found in text: ``rank`` is the listed spelling ("Thiếu úy QNCN")."""

    start: int
    end: int
    text: str
    rank: str
    qncn: bool


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    text: str


@functools.lru_cache(maxsize=1024)
def _rank_key(rank: str) -> str:
    # a few dozen spellings of ranks recur across hundreds of thousands of records
    return compare_key(rank)


def is_rank(s: str) -> bool:
    """True for a military rank in any case or tone placement ("Thiếu uý", "ĐẠI TÁ")."""
    return bool(s) and _rank_key(s) in _RANK_LEVEL


def rank_order(rank: str) -> int:
    """The level of a rank, 0 (Binh nhì) to 16 (Đại tướng); navy and QNCN share their level.

    >>> rank_order("Thượng tá") < rank_order("Đại tá") < rank_order("Thiếu tướng")
    True
    >>> rank_order("Phó Đô đốc") == rank_order("Trung tướng")
    True
    """
    level = _RANK_LEVEL.get(_rank_key(rank or ""))
    if level is None:
        raise ValueError(MSG_UNKNOWN_RANK.format(rank=rank))
    return level


def _rank_match(m: re.Match[str]) -> RankMatch:
    qncn = bool(m.group("qncn"))
    key = compare_key(m.group("rank")) + (" qncn" if qncn else "")
    rank = _RANK_CANONICAL.get(key) or _RANK_CANONICAL[compare_key(m.group("rank"))]
    return RankMatch(m.start(), m.end(), m.group(0), rank, qncn)


def find_rank(text: str, pos: int = 0) -> RankMatch | None:
    """The rank written at ``pos`` (spaces skipped), or None.

    >>> find_rank("Thượng tá Nguyễn Gia Chinh báo cáo", 0).rank
    'Thượng tá'
    """
    if not text:
        return None
    while pos < len(text) and text[pos].isspace():
        pos += 1
    m = RANK_PATTERN.match(text, pos)
    return _rank_match(m) if m else None


def find_ranks(text: str) -> list[RankMatch]:
    """Every rank in ``text``, left to right."""
    return [_rank_match(m) for m in RANK_PATTERN.finditer(text or "")]


def find_title(text: str, pos: int = 0) -> TermMatch | None:
    """The title written at ``pos`` (longest known title), or None."""
    m = TITLE_PATTERN.match(text or "", pos)
    return TermMatch(m.start(), m.end(), m.group(0)) if m else None


def find_body_kind(text: str, pos: int = 0) -> TermMatch | None:
    """The kind of body written at ``pos`` ("Đảng ủy", "Lữ đoàn"), or None."""
    m = BODY_KIND_PATTERN.match(text or "", pos)
    return TermMatch(m.start(), m.end(), m.group(0)) if m else None


def expand_abbreviation(abbr: str) -> str | None:
    """The expansion of a genre abbreviation ("SSCĐ" -> "sẵn sàng chiến đấu"), or None."""
    return ABBREVIATIONS.get((abbr or "").strip())


# --- personal names -----------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def proper_name(s: str) -> str:
    """Capitalize a name word by word: "NGUYỄN HOÀNG" -> "Nguyễn Hoàng".

    >>> proper_name("  trần   chí TÂM ")
    'Trần Chí Tâm'
    """
    if not s:
        return ""
    return _WORD_RE.sub(lambda m: m.group(0).capitalize(), " ".join(s.split()))


def split_name(s: str) -> tuple[str | None, str | None, str]:
    """Split a Vietnamese name into (family, middle, given); missing parts are None.

    Compound family names ("Tôn Nữ", "Âu Dương") stay together.

    >>> split_name("Nguyễn Hoàng")
    ('Nguyễn', None, 'Hoàng')
    >>> split_name("Tôn Nữ Minh Châu")
    ('Tôn Nữ', 'Minh', 'Châu')
    """
    words = proper_name(s).split()
    if not words:
        raise ValueError("an empty name has no parts")
    if len(words) == 1:
        return None, None, words[0]
    family_len = 1
    for compound in COMPOUND_SURNAMES:
        n = len(compound.split())
        if len(words) > n and compare_key(" ".join(words[:n])) == compare_key(compound):
            family_len = max(family_len, n)
    family = " ".join(words[:family_len])
    middle = " ".join(words[family_len:-1]) or None
    return family, middle, words[-1]


def looks_like_person_name(s: str) -> bool:
    """True for 2-5 capitalized words beginning with a known family name ("Lê Tất Cường").

    >>> looks_like_person_name("Lê Tất Cường"), looks_like_person_name("Cục Chính trị")
    (True, False)
    """
    words = (s or "").split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(w[:1].isupper() for w in words):
        return False
    return compare_key(words[0]) in _SURNAME_KEYS
