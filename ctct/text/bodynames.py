"""Keys of body names, for matching what a report writes to the bodies of the tree.

A report writes "Đảng ủy QK7", the tree holds "Đảng ủy Quân khu 7": both give the key
"dang uy quan khu 7". The committee words in front of a unit ("Đảng ủy", "Chi bộ",
"Ban Thường vụ Đảng ủy") split off, so a bare unit name finds the body that leads it.

>>> body_key("Đảng uỷ QK7")
'dang uy quan khu 7'
>>> strip_party_prefix(body_key("Ban Thường vụ Đảng ủy Lữ đoàn 657"))
('ban thuong vu dang uy', 'lu doan 657')
"""

from __future__ import annotations

import functools
import re

from ctct.text.names import expand_abbreviation
from ctct.text.normalize import fold

__all__ = [
    "PARTY_PREFIXES",
    "STANDING_COMMITTEE_PREFIXES",
    "body_key",
    "expand_abbreviations",
    "strip_party_prefix",
]

#: Committee words in front of a unit's name ("Đảng ủy Lữ đoàn 657"), folded, longest first.
PARTY_PREFIXES = (
    "ban thuong vu dang uy",
    "thuong vu dang uy",
    "ban thuong vu",
    "dang uy co so",
    "dang bo co so",
    "chi bo co so",
    "dang uy",
    "dang bo",
    "chi bo",
    "cap uy",
)
#: The prefixes that name a body's standing committee rather than the body itself.
STANDING_COMMITTEE_PREFIXES = frozenset(
    {"ban thuong vu dang uy", "thuong vu dang uy", "ban thuong vu"}
)

# A genre abbreviation glued to a number: "QK7", "BĐBP12".
_ABBR_RE = re.compile(r"\b([A-ZĐ]{2,5})(\d+)\b")


def strip_party_prefix(key: str) -> tuple[str, str]:
    """Split a folded key into its committee words and the unit.

    >>> strip_party_prefix("dang uy lu doan 657")
    ('dang uy', 'lu doan 657')
    >>> strip_party_prefix("lu doan 657")
    ('', 'lu doan 657')
    """
    for p in PARTY_PREFIXES:
        if key == p:
            return p, ""
        if key.startswith(p + " "):
            return p, key[len(p) + 1 :]
    return "", key


def expand_abbreviations(text: str) -> str:
    """Expand the genre abbreviations glued to a number; others stay as written.

    >>> expand_abbreviations("Đảng ủy QK7")
    'Đảng ủy Quân khu 7'
    >>> expand_abbreviations("Tổ XY3")
    'Tổ XY3'
    """

    def one(m: re.Match[str]) -> str:
        full = expand_abbreviation(m.group(1))
        return f"{full} {m.group(2)}" if full else m.group(0)

    return _ABBR_RE.sub(one, text)


@functools.lru_cache(maxsize=65536)
def body_key(text: str) -> str:
    """The key a body name is matched by: abbreviations expanded, then ``fold``."""
    return fold(expand_abbreviations(text or ""))
