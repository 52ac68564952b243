"""Fingerprints of a report: the same article read twice gives the same hashes (plain Python).

- ``content_hash(data)``: sha256 of the raw bytes (the same file uploaded twice);
- ``text_hash(text)``: sha256 of the folded letters and digits (the same text in another file
  type, encoding or layout);
- ``sentence_hashes(text)``: one 63-bit hash per folded sentence of 6+ words, so the same
  article saved as a web page (with its menus and footer) and as text shares nearly all of
  them while two different reports of the genre share almost none;
- ``sketch(hashes)``: the smallest few, stored per item to find candidates by index;
- ``similarity(a, b)``: Jaccard of two hash lists.

>>> a = sentence_hashes("Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025.")
>>> b = sentence_hashes("DANG UY LU DOAN 657 to chuc hoi nghi so ket 6 thang dau nam 2025!")
>>> a == b, similarity(a, b)
(True, 1.0)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ctct.text.normalize import fold
from ctct.text.sentences import split_sentences

__all__ = [
    "MIN_SENTENCE_WORDS",
    "SKETCH_SIZE",
    "content_hash",
    "sentence_hashes",
    "similarity",
    "sketch",
    "text_hash",
]

#: A sentence shorter than this (in words) is too common to identify a report ("Hương Giang",
#: "Trang chủ", "Chia sẻ bài viết") and is left out.
MIN_SENTENCE_WORDS = 6
#: How many of the smallest sentence hashes an item keeps as its sketch.
SKETCH_SIZE = 8
#: Hashes fit a signed 64-bit database integer (``BigIntegerField``) and are never negative.
_MASK_63 = (1 << 63) - 1
# What is left of a folded string besides ASCII letters, digits and spaces (``fold`` already
# turns punctuation into spaces; this drops the symbols and scripts it does not know).
_NOT_ALNUM_RE = re.compile(r"[^\w ]|_")


def content_hash(data: bytes) -> str:
    """sha256 of the raw bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def _words(text: str) -> list[str]:
    return _NOT_ALNUM_RE.sub(" ", fold(text)).split()


def text_hash(text: str) -> str:
    """sha256 (hex) of the text folded to lower-case letters and digits, one space between words.

    Diacritics, case, punctuation, line breaks and spacing do not count: the same text read
    from a .docx and from a .txt gets the same hash.
    """
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()


def _hash63(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK_63


def sentence_hashes(text: str) -> list[int]:
    """Sorted unique 63-bit hashes of the folded sentences of ``text`` with 6+ words."""
    if not text:
        return []
    out: set[int] = set()
    for start, end in split_sentences(text):
        words = _words(text[start:end])
        if len(words) >= MIN_SENTENCE_WORDS:
            out.add(_hash63(" ".join(words)))
    return sorted(out)


def sketch(hashes: Iterable[int], k: int = SKETCH_SIZE) -> list[int]:
    """The ``k`` smallest distinct hashes, ascending (a bottom-k sketch)."""
    return sorted(set(hashes))[:k]


def similarity(a: Iterable[int], b: Iterable[int]) -> float:
    """Jaccard similarity of two hash lists; 0.0 when both are empty (nothing to compare)."""
    sa, sb = set(a), set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0
