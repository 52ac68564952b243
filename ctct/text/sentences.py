"""Sentence splitting for Vietnamese reports, with spans into the original text.

Breaks: at line ends; after ".", "!", "?", "…" or the closing "./." when a space and a capital
letter, a digit or an opening quote follow. No break: after abbreviations ("TP.", "Tp.", "Q.",
"ThS.", "v.v."), single-letter initials, inside numbers ("92,5%", "1.180"), or inside a quoted
passage ("“Mẫu mực, tiêu biểu.”").

>>> sentences("Ngày 20/6, Đảng ủy Lữ đoàn 657 họp tại TP. Hồ Chí Minh. Đại tá Bùi Hữu Ba chủ trì.")
['Ngày 20/6, Đảng ủy Lữ đoàn 657 họp tại TP. Hồ Chí Minh.', 'Đại tá Bùi Hữu Ba chủ trì.']
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ABBREVIATIONS_WITH_DOT", "sentences", "split_sentences"]

#: Words that end in a dot without ending the sentence (compared case-sensitively).
ABBREVIATIONS_WITH_DOT = frozenset(
    """TP Tp tp Q P TX Tx TT H X Th ThS Ths TS PGS GS BS KS CN Đ/c đ/c Đc St No Nxb NXB tr Tr
    v.v vv Mr Mrs Ms Dr Cty cty""".split()
)

_UPPER = "".join(
    chr(c)
    for c in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    if unicodedata.category(chr(c)) == "Lu"
)
_OPENERS = "“\"'‘«(\\[–—-"
_CLOSERS = '”"’»)\\]'
_BOUNDARY_RE = re.compile(
    rf"(?:\./\.|[.!?…]+)[{_CLOSERS}]*(?=[ \t\u00a0]+[{_OPENERS}]*[{_UPPER}0-9])"
)
_QUOTED_RE = re.compile(r"“[^”\n]*”|«[^»\n]*»|\"[^\"\n]*\"")
_LINE_RE = re.compile(r"[^\n]+")


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the dot at ``line[dot]`` closes an abbreviation or an initial."""
    # the word before the dot: back to the last whitespace (a regex "\S+$" over the line
    # would be tried at every position before it)
    start = dot
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    if start == dot:
        return False
    word = line[start:dot].lstrip(_OPENERS)
    if word in ABBREVIATIONS_WITH_DOT or word.rstrip(".") in ABBREVIATIONS_WITH_DOT:
        return True
    # An initial: "Nguyễn V. A." (one capital letter, or dotted capitals "T.Ư").
    return len(word) == 1 and word.isupper()


def _split_line(line: str, offset: int, out: list[tuple[int, int]]) -> None:
    quoted = (
        [(q.start(), q.end()) for q in _QUOTED_RE.finditer(line)]
        if ("“" in line or '"' in line or "«" in line)
        else []
    )
    start = 0
    for m in _BOUNDARY_RE.finditer(line):
        end = m.end()
        if any(a < end < b for a, b in quoted):
            continue
        if line[m.start()] == "." and _is_abbreviation(line, m.start()):
            continue
        _emit(line, start, end, offset, out)
        start = end
    _emit(line, start, len(line), offset, out)


def _emit(line: str, a: int, b: int, offset: int, out: list[tuple[int, int]]) -> None:
    while a < b and line[a].isspace():
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    if a < b:
        out.append((offset + a, offset + b))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, without surrounding whitespace."""
    if not text:
        return []
    out: list[tuple[int, int]] = []
    for lm in _LINE_RE.finditer(text):
        line = lm.group(0)
        if "." not in line and "!" not in line and "?" not in line and "…" not in line:
            _emit(line, 0, len(line), lm.start(), out)
        else:
            _split_line(line, lm.start(), out)
    return out


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``split_sentences``)."""
    return [text[a:b] for a, b in split_sentences(text)]
