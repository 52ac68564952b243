"""Unicode normalization and comparison keys for Vietnamese text.

Layers, each built on the one before:

- ``nfc``: Unicode NFC only.
- ``normalize``: NFC, known bad characters repaired, zero-width characters dropped, odd spaces
  made plain, whitespace collapsed, document symbols tightened ("1180 - KH/ĐU" -> "1180-KH/ĐU").
  Tone marks stay where the writer put them: this is the text we display.
- ``canonical_tones``: one tone-mark placement per syllable, the traditional one the
  hand-checked records use ("hoà" -> "hòa", "uỷ" -> "ủy", "qúa" -> "quá").
- ``compare_key``: normalize + canonical tones + casefold, for equality of names and titles.
- ``name_key``: compare_key without punctuation and with single spaces, for people's names.
- ``fold``: the search key: lower case, no diacritics, "đ" -> "d", punctuation to spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "canonical_tones",
    "compare_key",
    "fold",
    "name_key",
    "nfc",
    "normalize",
    "strip_diacritics",
]

# --- character tables -------------------------------------------------------------------

# Characters that carry no text: zero-width space/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
# Spaces other than U+0020 that turn up in pasted text.
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"

# Known bad characters: the Icelandic eth (U+00D0/U+00F0) looks like Đ and is what many
# legacy converters and keyboards produce; dash look-alikes become a plain hyphen only inside
# document symbols (see _SYMBOL_RE), not in running text.
_BAD_CHARS = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\r\n": "\n", "\r": "\n"}

_NORMALIZE_TABLE: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
_NORMALIZE_TABLE.update({ord(c): " " for c in _ODD_SPACES})
_NORMALIZE_TABLE.update({ord(k): v for k, v in _BAD_CHARS.items() if len(k) == 1})
_NORMALIZE_TABLE[ord("\u2028")] = "\n"
_NORMALIZE_TABLE[ord("\u2029")] = "\n"

# str.translate with a dict walks every character; a regex finds the few odd ones faster.
_ODD_CHAR_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _NORMALIZE_TABLE) + "]")


def _replace_odd(m: re.Match[str]) -> str:
    return _NORMALIZE_TABLE[ord(m.group(0))] or ""


_HSPACE_RE = re.compile(r" {2,}")
_LINE_EDGE_RE = re.compile(r" *\n *")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_ANY_SPACE_RE = re.compile(r"\s+")

# A document symbol with stray spaces: "1180 - KH/ĐU", "4691 / HD - CT", "30 / 2020 / NĐ-CP".
# An abbreviation is upper case with at most one lower-case letter between capitals
# (KH, ĐU, QyĐ, TTg, CTr), which keeps "Việt Nam - Trung Quốc" and "2025 - 2030" untouched.
_ABBR = r"[A-ZĐ](?:[a-z]?[A-ZĐ])*[a-z]?"
_DASH = r"[-\u2010\u2011\u2012\u2013\u2014/]"
# (The check on the character before the number comes after its first digit: a leading
# lookbehind would keep the regex engine from skipping ahead to the digits.)
_SYMBOL_RE = re.compile(
    rf"(\d(?<![\w/-]\d)\d*(?:\s*/\s*\d{{4}})?)\s*({_DASH})\s*({_ABBR})((?:\s*{_DASH}\s*{_ABBR})*)(?![\w])"
)
_SYMBOL_SEP_RE = re.compile(rf"\s*({_DASH})\s*")


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC ("Đảng ủy" typed with combining marks -> precomposed)."""
    return unicodedata.normalize("NFC", s)


def _tighten_symbol(m: re.Match[str]) -> str:
    number, sep, abbr, rest = m.group(1), m.group(2), m.group(3), m.group(4)
    if sep not in "-/":
        sep = "-"
    number = _SYMBOL_SEP_RE.sub(r"\1", number)
    rest = _SYMBOL_SEP_RE.sub(lambda r: r.group(1) if r.group(1) in "-/" else "-", rest)
    return f"{number}{sep}{abbr}{rest}"


def tighten_symbols(s: str) -> str:
    """Remove stray spaces around the separators of document symbols.

    >>> tighten_symbols("Kế hoạch số 1180 - KH/ĐU ngày 03/11/2024")
    'Kế hoạch số 1180-KH/ĐU ngày 03/11/2024'
    """
    if "/" not in s and "-" not in s and "\u2013" not in s:
        return s
    return _SYMBOL_RE.sub(_tighten_symbol, s)


def normalize(s: str, *, keep_newlines: bool = True) -> str:
    """Clean text for display and storage, keeping tone marks as written.

    NFC; the eth look-alike of "Đ" repaired; zero-width characters removed; odd spaces made
    plain; runs of spaces collapsed; spaces at line edges and blank-line runs trimmed (with
    ``keep_newlines=False`` every whitespace run becomes one space); document symbols tightened.
    Convert legacy-encoded text (``ctct.text.encodings.to_unicode``) first: TCVN3 writes "ư"
    as the byte of the soft hyphen, which this removes.

    >>> normalize("Kế hoạch số 1180 - KH/ĐU\u200b  của  Đảng uỷ")
    'Kế hoạch số 1180-KH/ĐU của Đảng uỷ'
    """
    if not s:
        return ""
    if _ODD_CHAR_RE.search(s):
        s = _ODD_CHAR_RE.sub(_replace_odd, s)
    if not s.isascii():
        # NFC after the translation: a zero-width character between a letter and its
        # combining mark must be gone before NFC composes them.
        s = unicodedata.normalize("NFC", s)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if keep_newlines:
        s = _HSPACE_RE.sub(" ", s)
        if "\n" in s:
            s = _LINE_EDGE_RE.sub("\n", s)
            s = _BLANK_LINES_RE.sub("\n\n", s)
        s = s.strip(" \n")
    else:
        s = _ANY_SPACE_RE.sub(" ", s).strip()
    return tighten_symbols(s)


# --- tone marks ---------------------------------------------------------------------------

# Vowel bases and the five tone marks as combining characters (grave, acute, hook, tilde, dot).
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWEL_BASES = "aăâeêioôơuưy"
_MARKED_BASES = set("ăâêôơư")

# toned letter -> (base letter, tone index); both cases.
_DETONE: dict[str, tuple[str, int]] = {}
# (base letter, tone index) -> toned letter
_ENTONE: dict[tuple[str, int], str] = {}
for _base in _VOWEL_BASES + _VOWEL_BASES.upper():
    for _i, _mark in enumerate(_TONES, start=1):
        _toned = unicodedata.normalize("NFC", _base + _mark)
        _DETONE[_toned] = (_base, _i)
        _ENTONE[(_base, _i)] = _toned

_TONED_CHARS = "".join(_DETONE)
_VOWEL_SET = set(_VOWEL_BASES + _VOWEL_BASES.upper())
# A word that holds a tone mark next to another vowel: the only words whose placement varies.
_TONE_WORD_RE = re.compile(rf"[^\W\d_\u0300-\u036f]*[{_TONED_CHARS}][^\W\d_]*[\u0300-\u036f]*")
_COMBINING = frozenset(chr(c) for c in range(0x300, 0x370))


@lru_cache(maxsize=16384)
def _canonical_syllable(word: str) -> str:
    tone = 0
    letters = []
    for ch in word:
        if ch in _COMBINING:
            return word  # a mark NFC could not attach: not a clean syllable, leave it alone
        if ch in _DETONE:
            base, t = _DETONE[ch]
            if tone:
                return word  # two tone marks: not one syllable, leave it alone
            tone = t
            letters.append(base)
        else:
            letters.append(ch)
    lower = [c.lower() for c in letters]
    n = len(lower)
    # Skip the initial consonant; "qu" and "gi" (before another vowel) belong to it.
    i = 0
    while i < n and lower[i] not in _VOWEL_SET:
        i += 1
    if i >= n:
        return word
    if i > 0 and lower[i - 1] == "q" and lower[i] == "u":
        i += 1
    elif (
        i > 0
        and lower[i - 1] == "g"
        and lower[i] == "i"
        and i + 1 < n
        and lower[i + 1] in _VOWEL_SET
    ):
        i += 1
    start = i
    while i < n and lower[i] in _VOWEL_SET:
        i += 1
    end = i
    if start >= end or any(c in _VOWEL_SET for c in lower[end:]):
        return word  # no vowel nucleus, or vowels after the final consonant: not a syllable
    nucleus = lower[start:end]
    has_final = end < n
    marked = [k for k, c in enumerate(nucleus) if c in _MARKED_BASES]
    if marked:
        pos = marked[-1]  # "ươ" -> ơ, "uô" -> ô, "iê" -> ê
    elif has_final:
        pos = len(nucleus) - 1  # "hoàng", "toán"
    elif len(nucleus) >= 3:
        pos = 1  # "ngoài", "khuỷu"
    else:
        pos = 0  # "hòa", "thủy", "mía"
    target = start + pos
    letters[target] = _ENTONE[(letters[target], tone)]
    return "".join(letters)


def canonical_tones(s: str) -> str:
    """Put every tone mark where the traditional placement puts it.

    Both "hoà" and "hòa", "uỷ" and "ủy", "qúa" and "quá" become one string; the hand-checked
    records use this placement ("Đảng ủy", "hòa").

    >>> canonical_tones("Đảng uỷ hoà bình")
    'Đảng ủy hòa bình'
    """
    if not s or s.isascii():
        return s
    s = unicodedata.normalize("NFC", s)
    return _TONE_WORD_RE.sub(lambda m: _canonical_syllable(m.group(0)), s)


def compare_key(s: str) -> str:
    """Key for equality of names and titles: normalized, canonical tones, case-folded.

    >>> compare_key("Đảng uỷ  Lữ đoàn") == compare_key("ĐẢNG ỦY Lữ Đoàn")
    True
    """
    return canonical_tones(normalize(s, keep_newlines=False)).casefold()


_NAME_PUNCT_RE = re.compile(r"[^\w]+")


def name_key(s: str) -> str:
    """Key for matching people's names: case, tone placement, spacing and dots do not count.

    Diacritics are kept: "Sơn" and "Son" are different names.

    >>> name_key("NGUYỄN  GIA CHINH") == name_key("Nguyễn Gia Chinh")
    True
    """
    return _NAME_PUNCT_RE.sub(" ", compare_key(s).replace("_", " ")).strip()


# --- folding --------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    ranges = [
        range(0x00, 0x250),  # ASCII, Latin-1, Latin Extended-A/B
        range(0x300, 0x370),  # combining diacritics
        range(0x1E00, 0x1F00),  # Latin Extended Additional (the toned Vietnamese letters)
        range(0x2000, 0x2070),  # general punctuation
        range(0x2100, 0x2200),  # letterlike symbols, arrows
        range(0x3000, 0x3040),  # CJK punctuation
        range(0xFE30, 0xFE70),
        range(0xFF00, 0xFF66),  # full-width forms
    ]
    for r in ranges:
        for cp in r:
            ch = chr(cp)
            cat = unicodedata.category(ch)
            if cat == "Mn":
                table[cp] = None
            elif cat[0] in "PSZC":
                table[cp] = " "
            elif cat[0] == "L":
                base = unicodedata.normalize("NFKD", ch)
                base = "".join(c for c in base if not unicodedata.combining(c)).lower()
                if base != ch:
                    table[cp] = base
            elif cat[0] == "N" and not ch.isascii():
                base = unicodedata.normalize("NFKD", ch)
                table[cp] = base if base.isascii() and base.isdigit() else " "
    for ch in "đĐðÐ":
        table[ord(ch)] = "d"
    for ch in _INVISIBLE:
        table[ord(ch)] = None
    # Apostrophes join ("Đắk Lắk" is fine, but "k'ho" keeps one token).
    table[ord("'")] = None
    table[ord("\u2019")] = None
    return table


_FOLD_TABLE = _build_fold_table()


def fold(s: str) -> str:
    """Search key: lower case, diacritics removed, "đ" -> "d", punctuation to spaces.

    >>> fold("Đảng ủy Lữ đoàn 657 (QK7)")
    'dang uy lu doan 657 qk7'
    """
    if not s:
        return ""
    return " ".join(s.translate(_FOLD_TABLE).lower().split())


def strip_diacritics(s: str) -> str:
    """Remove tone and vowel marks and map "đ" -> "d", keeping case and punctuation.

    >>> strip_diacritics("Đảng ủy")
    'Dang uy'
    """
    if not s or s.isascii():
        return s
    out = unicodedata.normalize("NFD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("đ", "d").replace("Đ", "D")
