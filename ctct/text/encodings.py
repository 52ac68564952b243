"""Legacy Vietnamese encodings: detect TCVN3, VNI, VISCII and Windows-1258 and convert to Unicode.

Old office documents reach ctct in two shapes:

- **bytes** from a .txt/.csv file (``decode_bytes``);
- **text** that was read byte by byte as Windows-1252, as a .docx run in a ``.VnTime``
  (TCVN3) or ``VNI-Times`` font holds it: "§¶ng ñy" for "Đảng ủy" (``to_unicode``).

Detection never guesses confidently: every non-ASCII word is read as Unicode and in each legacy
encoding, and a reading counts only when it yields a valid Vietnamese syllable that the other
reading does not. Plain Unicode wins every tie, so ordinary Unicode text is never converted.
Text that mixes Unicode and a legacy encoding is reported as ``mixed``; bytes that are not text
as ``binary``.

Tables: ``data/encodings.json`` (TCVN3 and VISCII from glibc's charmaps, VNI from the VNI
font layout; see ``data/build_encodings.py`` for the sources). Windows-1258 uses Python's
``cp1258`` codec.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path

from ctct.text.errors import TextError

__all__ = [
    "DecodeResult",
    "Detection",
    "Encoding",
    "EncodingError",
    "convert_run",
    "decode_bytes",
    "detect_encoding",
    "from_unicode",
    "is_legacy_caps_font",
    "is_vietnamese_syllable",
    "legacy_font_encoding",
    "to_unicode",
]


class Encoding(StrEnum):
    """What a text or a byte string turned out to be."""

    ASCII = "ascii"
    UNICODE = "unicode"
    UTF8 = "utf-8"
    UTF16 = "utf-16"
    UTF32 = "utf-32"
    TCVN3 = "tcvn3"
    VNI = "vni"
    VISCII = "viscii"
    CP1258 = "cp1258"
    MIXED = "mixed"
    BINARY = "binary"
    UNKNOWN = "unknown"


LEGACY = (Encoding.TCVN3, Encoding.VNI, Encoding.VISCII, Encoding.CP1258)
_ALIASES = {
    "tcvn3": Encoding.TCVN3,
    "tcvn": Encoding.TCVN3,
    "abc": Encoding.TCVN3,
    "tcvn5712": Encoding.TCVN3,
    "vni": Encoding.VNI,
    "vni-windows": Encoding.VNI,
    "viscii": Encoding.VISCII,
    "cp1258": Encoding.CP1258,
    "windows-1258": Encoding.CP1258,
}

MSG_UNKNOWN_ENCODING = "unknown encoding {name!r}: use one of tcvn3, vni, viscii, cp1258"
MSG_UNENCODABLE = "character {char!r} cannot be written in {encoding}"


class EncodingError(TextError):
    """A conversion that cannot be done (an unknown encoding, a missing character)."""


@dataclass(frozen=True)
class Detection:
    """The outcome of ``detect_encoding``.

    ``encoding`` is an ``Encoding`` value; ``confidence`` is in [0, 1]; ``reason`` says, in
    words, what the decision rests on; ``scores`` counts the words each reading explains.
    """

    encoding: Encoding
    confidence: float
    reason: str
    scores: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def is_legacy(self) -> bool:
        return self.encoding in LEGACY


@dataclass(frozen=True)
class DecodeResult:
    """The outcome of ``decode_bytes``: ``text`` is None when the bytes are not usable text."""

    text: str | None
    encoding: Encoding
    reason: str
    confidence: float = 1.0

    @property
    def ok(self) -> bool:
        return self.text is not None


# --- tables ----------------------------------------------------------------------------------

_DATA = Path(__file__).with_name("data") / "encodings.json"


def _byte_chars(b: int) -> set[str]:
    """The characters a byte can stand for in text read as Windows-1252 or Latin-1."""
    chars = {chr(b)}
    try:
        chars.add(bytes([b]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
    return chars


def _cp1252_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


@dataclass
class _Codec:
    name: Encoding
    single: dict[int, str]  # str.translate table: legacy char -> Unicode
    pairs: dict[str, str]  # two-char legacy sequences (VNI) -> Unicode
    pair_re: re.Pattern[str] | None
    encode_map: dict[str, bytes]  # Unicode letter -> legacy bytes
    byte_chars: frozenset[str]  # every char a legacy byte can appear as

    def decode_text(self, s: str) -> str:
        if self.pair_re is not None:
            # One pass over pairs and single characters: a decoded "ô" ("oâ") must not be
            # read again as the VNI byte for "ơ".
            s = self.pair_re.sub(lambda m: self.pairs[m.group(0)], s)
        else:
            s = s.translate(self.single)
        if self.name is Encoding.CP1258 or self.name is Encoding.TCVN3:
            s = unicodedata.normalize("NFC", s)  # these carry separate combining marks
        return s


@cache
def _codecs() -> dict[Encoding, _Codec]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    all_byte_chars = frozenset(c for b in range(256) for c in _byte_chars(b))
    codecs: dict[Encoding, _Codec] = {}
    for key in ("tcvn3", "viscii", "vni"):
        enc = Encoding(key)
        single: dict[int, str] = {}
        pairs: dict[str, str] = {}
        encode_map: dict[str, bytes] = {}
        for hexkey, uni in data[key]["decode"].items():
            raw = bytes.fromhex(hexkey)
            encode_map.setdefault(uni, raw)
            if len(raw) == 1:
                for ch in _byte_chars(raw[0]):
                    single[ord(ch)] = uni
            else:
                for a in _byte_chars(raw[0]):
                    for b in _byte_chars(raw[1]):
                        pairs[a + b] = uni
        # Bytes not in the table stand for themselves (cp1252 view); keep those chars as-is.
        for b in range(0x80, 0x100):
            if f"{b:02x}" not in data[key]["decode"]:
                cp = _cp1252_char(b)
                if cp != chr(b):
                    single.setdefault(b, cp)
        used = {raw for raw in encode_map.values()}
        for b in range(0x80, 0x100):
            if bytes([b]) not in used:
                for ch in (chr(b), _cp1252_char(b)):
                    encode_map.setdefault(ch, bytes([b]))
        pair_re = None
        if pairs:
            alts = sorted(pairs, key=len, reverse=True)
            singles = "".join(re.escape(chr(c)) for c in sorted(single))
            pair_re = re.compile("|".join(re.escape(p) for p in alts) + f"|[{singles}]")
            pairs.update({chr(c): u for c, u in single.items() if u is not None})
        codecs[enc] = _Codec(enc, single, pairs, pair_re, encode_map, all_byte_chars)
    # Windows-1258 through Python's codec.
    single = {}
    encode_map = {}
    for b in range(0x80, 0x100):
        try:
            uni = bytes([b]).decode("cp1258")
        except UnicodeDecodeError:
            continue
        for ch in _byte_chars(b):
            if ch != uni:
                single[ord(ch)] = uni
        encode_map[uni] = bytes([b])
    codecs[Encoding.CP1258] = _Codec(Encoding.CP1258, single, {}, None, encode_map, all_byte_chars)
    return codecs


def _resolve(encoding: str | Encoding) -> Encoding:
    enc = _ALIASES.get(str(encoding).lower().replace("_", "-"))
    if enc is None:
        raise EncodingError(MSG_UNKNOWN_ENCODING.format(name=encoding))
    return enc


# --- syllables -----------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô "
    "uơ uy ưa ưi ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu uyê"
).split()
_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    rf"(?:{'|'.join(sorted(set(_NUCLEI), key=len, reverse=True))})"
    r"(?:ch|ng|nh|[cmnpt])?"
)
# "gì", "gìn": the i of "gi" is the nucleus.
_GI_RE = re.compile(r"gi(?:ch|ng|nh|[cmnpt])?")


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` (one syllable, any case) is spelled like a Vietnamese syllable.

    >>> is_vietnamese_syllable("Đảng"), is_vietnamese_syllable("§¶ng")
    (True, False)
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(m) for m in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE_RE.fullmatch(bare) or _GI_RE.fullmatch(bare))


# --- detection -------------------------------------------------------------------------------

# Words are split on whitespace and ASCII punctuation only: legacy encodings use Latin-1
# symbols ("§", "¸", "µ") and C0 controls as letters.
_SPLIT_RE = re.compile(r"[ \t\n\r\f\v!-/:-@\[-`{-~\u2000-\u200b\u3000]+")
_EDGE_PUNCT = "\"'“”‘’«»()[]…–—-.,;:!?*"
_COMBINING_TONES_RE = re.compile(f"[{_TONE_MARKS}]")
_QUALITY_MARKS_RE = re.compile("[\u0302\u0306\u031b]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_DETECT_SAMPLE = 200_000
_MIXED_SHARE = 0.05


def _strip_edges(word: str) -> str:
    return word.strip(_EDGE_PUNCT)


def _is_unicode_word(word: str) -> bool:
    return is_vietnamese_syllable(unicodedata.normalize("NFC", _strip_edges(word)))


@lru_cache(maxsize=65536)
def _legacy_readings(word: str) -> tuple[Encoding, ...]:
    """The legacy encodings in which ``word`` reads as a Vietnamese syllable."""
    codecs = _codecs()
    out = []
    for enc, codec in codecs.items():
        if not all(c in codec.byte_chars for c in word):
            continue
        converted = codec.decode_text(word)
        if is_vietnamese_syllable(_strip_edges(converted)):
            out.append(enc)
    return tuple(out)


def _word_counts(text: str) -> Counter[str]:
    return Counter(w for w in _SPLIT_RE.split(text[:_DETECT_SAMPLE]) if w and not w.isascii())


def detect_encoding(text_or_bytes: str | bytes) -> Detection | None:
    """Say which encoding a text (or byte string) is in; None for empty input.

    >>> detect_encoding("§¶ng ñy Lữ ®oµn").encoding  # TCVN3 read as Windows-1252
    <Encoding.TCVN3: 'tcvn3'>
    >>> detect_encoding("Đảng ủy Lữ đoàn").encoding
    <Encoding.UNICODE: 'unicode'>
    """
    if isinstance(text_or_bytes, bytes | bytearray):
        if not text_or_bytes:
            return None
        result = decode_bytes(bytes(text_or_bytes))
        return Detection(result.encoding, result.confidence, result.reason)
    text = text_or_bytes
    if not text or not text.strip():
        return None
    if text.isascii():
        if _CONTROL_RE.search(text) and len(_CONTROL_RE.findall(text)) > len(text) * 0.1:
            return Detection(Encoding.BINARY, 1.0, "control characters: not text")
        return Detection(Encoding.ASCII, 1.0, "ASCII only: nothing to convert")
    sample = text[:_DETECT_SAMPLE]
    if "\x00" in sample or len(_CONTROL_RE.findall(sample)) > len(sample) * 0.1:
        return Detection(Encoding.BINARY, 1.0, "NUL or many control characters: not text")
    counts = _word_counts(text)
    total = sum(counts.values())
    if total == 0:
        return Detection(Encoding.UNICODE, 0.5, "no non-ASCII words: left as Unicode")
    uni_only: Counter[Encoding] = Counter()  # words valid in Unicode but not in enc
    leg_only: Counter[Encoding] = Counter()  # words valid in enc but not in Unicode
    uni_valid = 0
    for word, n in counts.items():
        u = _is_unicode_word(word)
        readings = _legacy_readings(word)
        uni_valid += n * u
        for enc in LEGACY:
            legal = enc in readings
            if u and not legal:
                uni_only[enc] += n
            elif legal and not u:
                leg_only[enc] += n
    scores = {"unicode": uni_valid} | {str(e): leg_only[e] for e in LEGACY}
    best = max(LEGACY, key=lambda e: (leg_only[e], -LEGACY.index(e)))
    best_n = leg_only[best]
    decomposed = bool(_COMBINING_TONES_RE.search(sample))
    if best_n == 0:
        reason = "every Vietnamese word reads as Unicode"
        if decomposed and not _QUALITY_MARKS_RE.search(sample):
            reason += " (separate tone marks, Windows-1258 style: NFC composes them)"
        elif decomposed:
            reason += " (decomposed marks: NFC composes them)"
        return Detection(Encoding.UNICODE, uni_valid / total if uni_valid else 0.5, reason, scores)
    others = uni_only[best]
    if others and min(others, best_n) >= max(2, _MIXED_SHARE * total):
        return Detection(
            Encoding.MIXED,
            min(others, best_n) / total,
            f"{others} words read only as Unicode and {best_n} only as {best}",
            scores,
        )
    if others >= best_n:
        return Detection(
            Encoding.UNICODE,
            others / total,
            f"Unicode; {best_n} word(s) also read as {best}, too few to convert",
            scores,
        )
    runner = max((e for e in LEGACY if e is not best), key=lambda e: leg_only[e])
    if leg_only[runner] >= 0.8 * best_n:
        return Detection(
            Encoding.UNKNOWN,
            0.5 * best_n / total,
            f"ambiguous: {best} explains {best_n} words, {runner} {leg_only[runner]}",
            scores,
        )
    confidence = round(best_n / total, 3)
    if confidence < 0.3:
        return Detection(
            Encoding.UNKNOWN,
            confidence,
            f"only {best_n} of {total} non-ASCII words read as {best}",
            scores,
        )
    return Detection(
        best,
        confidence,
        f"{best_n} of {total} non-ASCII words read as Vietnamese only in {best}",
        scores,
    )


# --- conversion ----------------------------------------------------------------------------


def to_unicode(text: str, encoding: str | Encoding | None = None) -> str:
    """Convert legacy-encoded text (as read through Windows-1252) to NFC Unicode.

    With ``encoding=None`` the encoding is detected; Unicode, ASCII, mixed or undecidable text
    comes back unchanged (decomposed Unicode is composed). Characters that no legacy byte can
    stand for pass through, so Unicode words inside a legacy text survive.

    >>> to_unicode("§¶ng ñy")
    'Đảng ủy'
    >>> to_unicode("Ñaûng uûy", "vni")
    'Đảng ủy'
    """
    if not text:
        return text
    if encoding is None:
        det = detect_encoding(text)
        if det is None or not det.is_legacy:
            if _COMBINING_TONES_RE.search(text) or _QUALITY_MARKS_RE.search(text):
                return unicodedata.normalize("NFC", text)
            return text
        enc = det.encoding
    else:
        enc = _resolve(encoding)
    return _codecs()[enc].decode_text(text)


def _encode_char(ch: str, enc: Encoding, codec: _Codec) -> bytes:
    raw = codec.encode_map.get(ch)
    if raw is not None:
        return raw
    if ord(ch) < 0x80:
        return ch.encode("ascii")
    if enc is Encoding.CP1258:
        # Windows-1258 writes a toned vowel as its base letter plus a separate tone mark.
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        if tone and base in codec.encode_map and tone in codec.encode_map:
            return codec.encode_map[base] + codec.encode_map[tone]
        if tone and base.isascii() and tone in codec.encode_map:
            return base.encode("ascii") + codec.encode_map[tone]
    raise EncodingError(MSG_UNENCODABLE.format(char=ch, encoding=enc))


_FALLBACK = {"“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "–": "-", "—": "-", "\xa0": " "}


def from_unicode(
    text: str, encoding: str | Encoding, *, as_bytes: bool = False, errors: str = "strict"
) -> str | bytes:
    """Write Unicode text in a legacy encoding: the inverse of ``to_unicode``.

    Returns the text as a legacy-font document holds it (each byte as its Windows-1252
    character) or, with ``as_bytes=True``, the raw bytes. A character the encoding lacks
    raises ``EncodingError`` (``errors="strict"``) or is replaced by an ASCII look-alike or
    "?" (``errors="replace"``).

    >>> from_unicode("Đảng ủy", "tcvn3")
    '§¶ng ñy'
    """
    enc = _resolve(encoding)
    codec = _codecs()[enc]
    text = unicodedata.normalize("NFC", text)
    if errors not in ("strict", "replace"):
        raise EncodingError(f"errors must be 'strict' or 'replace', not {errors!r}")
    parts = []
    for ch in text:
        try:
            parts.append(_encode_char(ch, enc, codec))
        except EncodingError:
            if errors == "strict":
                raise
            parts.append(_FALLBACK.get(ch, "?").encode("ascii"))
    raw = b"".join(parts)
    if as_bytes:
        return raw
    return "".join(_cp1252_char(b) if b >= 0x80 else chr(b) for b in raw)


# --- bytes -----------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP container (.docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip data"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", Encoding.UTF8),
    (b"\xff\xfe\x00\x00", "utf-32", Encoding.UTF32),
    (b"\x00\x00\xfe\xff", "utf-32", Encoding.UTF32),
    (b"\xff\xfe", "utf-16", Encoding.UTF16),
    (b"\xfe\xff", "utf-16", Encoding.UTF16),
)
_BYTE_CONTROL_RE = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> DecodeResult:
    """Decode the bytes of a text file: UTF-8/16/32, TCVN3, VNI, VISCII or Windows-1258.

    >>> decode_bytes("Đảng ủy".encode("utf-8")).encoding
    <Encoding.UTF8: 'utf-8'>
    >>> decode_bytes(from_unicode("Đảng ủy Lữ đoàn", "vni", as_bytes=True)).text
    'Đảng ủy Lữ đoàn'
    """
    if not data:
        return DecodeResult("", Encoding.ASCII, "empty input")
    for bom, codec, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _unicode_result(data.decode(codec), enc, f"{enc} byte-order mark")
            except UnicodeDecodeError as exc:
                return DecodeResult(None, Encoding.BINARY, f"{enc} mark but invalid data: {exc}")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return DecodeResult(None, Encoding.BINARY, f"binary: {what}, not text")
    head = data[:_DETECT_SAMPLE]
    if b"\x00" in head:
        # UTF-16 without a mark: every other byte of ASCII text is NUL.
        if head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4:
            codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
            try:
                return _unicode_result(data.decode(codec), Encoding.UTF16, f"{codec}, no mark")
            except UnicodeDecodeError:
                pass
        return DecodeResult(None, Encoding.BINARY, "binary: NUL bytes, not text")
    # TCVN3 and VISCII use a few C0 bytes for capitals; many controls mean binary.
    if len(_BYTE_CONTROL_RE.findall(head)) > len(head) * 0.1:
        return DecodeResult(None, Encoding.BINARY, "binary: many control bytes, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text.isascii():
            return DecodeResult(text, Encoding.ASCII, "ASCII only")
        return _unicode_result(text, Encoding.UTF8, "valid UTF-8")
    partly = _partly_utf8(data, head)
    if partly is not None:
        return partly
    view = data.decode("latin-1")
    det = detect_encoding(view)
    if det is not None and det.is_legacy:
        return DecodeResult(
            to_unicode(view, det.encoding), det.encoding, det.reason, det.confidence
        )
    reason = det.reason if det is not None else "no Vietnamese words"
    return DecodeResult(None, Encoding.UNKNOWN, f"not UTF-8 and no legacy encoding fits: {reason}")


def _unicode_result(text: str, enc: Encoding, what: str) -> DecodeResult:
    """A correctly decoded Unicode file, which may still hold legacy text read as cp1252.

    Legacy text inside is converted; a file mixing both keeps its text as decoded, marked MIXED.
    """
    det = detect_encoding(text)
    if det is not None and det.is_legacy:
        return DecodeResult(
            to_unicode(text, det.encoding),
            det.encoding,
            f"{what}, holding {det.encoding} text: {det.reason}",
            det.confidence,
        )
    if det is not None and det.encoding is Encoding.MIXED:
        return DecodeResult(text, Encoding.MIXED, f"{what}; {det.reason}", det.confidence)
    return DecodeResult(unicodedata.normalize("NFC", text), enc, what)


_UTF8_SEQ_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
_HIGH_RE = re.compile(rb"[\x80-\xff]")
_SURROGATE_WORD_RE = re.compile(r"\S*[\udc80-\udcff]\S*")
# Legacy bytes rarely form UTF-8 sequences (VISCII: about 5% of its high bytes, others ~0%);
# UTF-8 Vietnamese is all sequences. Above this share the file is UTF-8, at least in part.
_UTF8_SHARE = 0.2


def _partly_utf8(data: bytes, head: bytes) -> DecodeResult | None:
    """Bytes that are not valid UTF-8 but largely look like it: mixed, or damaged UTF-8."""
    high = len(_HIGH_RE.findall(head))
    if not high:
        return None
    share = sum(len(m) for m in _UTF8_SEQ_RE.findall(head)) / high
    if share < _UTF8_SHARE:
        return None
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad_words = _SURROGATE_WORD_RE.findall(escaped)
    legacy_view = " ".join(
        "".join(chr(ord(c) - 0xDC00) if "\udc80" <= c <= "\udcff" else c for c in w)
        for w in bad_words
    )
    det = detect_encoding(legacy_view)
    if det is not None and det.is_legacy:
        return DecodeResult(
            None,
            Encoding.MIXED,
            f"UTF-8 mixed with {det.encoding}: {len(bad_words)} words are not UTF-8 "
            f"and read as {det.encoding}",
            det.confidence,
        )
    text = data.decode("utf-8", errors="replace")
    return DecodeResult(
        unicodedata.normalize("NFC", text),
        Encoding.UTF8,
        f"UTF-8 with {len(bad_words)} damaged word(s): invalid bytes replaced by U+FFFD",
        round(min(share, 1.0) * 0.9, 3),
    )


# --- .docx fonts ------------------------------------------------------------------------------

# Font name prefixes of the legacy families (Vietnamese offices, 1990s-2010s).
_FONT_PREFIXES = (
    (".vn", Encoding.TCVN3),  # .VnTime, .VnArial, .VnTimeH (capitals)
    ("vn3", Encoding.TCVN3),
    ("abc", Encoding.TCVN3),
    ("vni-", Encoding.VNI),  # VNI-Times, VNI-Helve
    ("vni ", Encoding.VNI),
)


def legacy_font_encoding(font_name: str | None) -> Encoding | None:
    """The legacy encoding a font implies, or None for a Unicode font.

    >>> legacy_font_encoding(".VnTime"), legacy_font_encoding("VNI-Times")
    (<Encoding.TCVN3: 'tcvn3'>, <Encoding.VNI: 'vni'>)
    >>> legacy_font_encoding("Times New Roman") is None
    True
    """
    if not font_name:
        return None
    name = font_name.strip().lower()
    for prefix, enc in _FONT_PREFIXES:
        if name.startswith(prefix):
            return enc
    return None


def is_legacy_caps_font(font_name: str | None) -> bool:
    """True for the TCVN3 capitals fonts (".VnTimeH", ".VnArialH"): lower-case codes shown as capitals."""
    if legacy_font_encoding(font_name) is not Encoding.TCVN3:
        return False
    return bool(font_name) and font_name.strip().endswith("H")


def convert_run(text: str, font_name: str | None) -> str:
    """Convert one .docx run by its font: ".VnTimeH" text comes back in capitals.

    >>> convert_run("§¶ng ñy", ".VnTimeH")
    'ĐẢNG ỦY'
    """
    enc = legacy_font_encoding(font_name)
    if enc is None:
        return text
    out = to_unicode(text, enc)
    return out.upper() if is_legacy_caps_font(font_name) else out
