"""Document numbers of Party and state documents: parse, format, compare, find in text.

Party (Hướng dẫn 36-HD/VPTW): ``2889-CT/ĐU`` — number, hyphen, type, slash, issuer.
State (Nghị định 30/2020/NĐ-CP): ``123/QĐ-UBND`` — number, slash, type-issuer; legal
documents carry the year (``30/2020/NĐ-CP``); a state công văn has no type
(``123/UBND-VX``). Military units mix both (``4691/HD-CT``).

``parse_docnumber`` raises ``DocNumberError`` (with a ``reason``) for anything it cannot read,
including an unknown type abbreviation; ``find_docnumbers`` skips such citations. The type and
issuer tables live in ``data/doctypes.json``.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

from ctct.text.dates import PartialDate, format_date, parse_date
from ctct.text.errors import TextError
from ctct.text.normalize import fold

__all__ = [
    "DocMatch",
    "DocNumber",
    "DocNumberError",
    "NATIONAL_ISSUERS",
    "canonical_key",
    "find_docnumbers",
    "format_citation",
    "format_docnumber",
    "issuers_named",
    "parse_docnumber",
    "same_document",
    "type_code_for",
    "type_names",
    "with_issuer",
]

DocKind = Literal["party", "state"]

MSG_EMPTY = "empty document number"
MSG_UNREADABLE = "not a document number: {text!r}"
MSG_UNKNOWN_TYPE = "unknown document type abbreviation {code!r} in {text!r}"
MSG_UNKNOWN_FIRST = "{code!r} in {text!r} is neither a known document type nor a known issuer"


class DocNumberError(TextError):
    """A document number that cannot be read (an unknown type abbreviation ...)."""


@dataclass(frozen=True)
class DocNumber:
    """One document number, split into its parts.

    ``kind`` is None for a number-only citation ("Chỉ thị số 35"), whose style is unknown.
    ``type_name`` is None when the abbreviation alone is ambiguous (a Party "QĐ" is both
    Quyết định and Quy định) and no type word was written.

    >>> parse_docnumber("Chỉ thị số 2889-CT/ĐU")
    DocNumber(kind='party', type_code='CT', type_name='Chỉ thị', number='2889', year=None, symbol='CT/ĐU', issuer_abbr='ĐU', date=None)
    """

    kind: DocKind | None
    type_code: str | None
    type_name: str | None
    number: str
    year: int | None = None
    symbol: str | None = None
    issuer_abbr: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class DocMatch:
    """A document cited in running text: ``text == original[start:end]``.

    ``issuer`` is the "của ..." phrase as written ("Ban Thường vụ Đảng ủy Quân khu"); the
    match of a document earlier in a chain ends at its own number or date.
    """

    start: int
    end: int
    text: str
    doc: DocNumber
    issuer: str | None = None
    #: "Số 318-BC/HU" opening a line: the number of the document itself, not a citation.
    is_header: bool = False

    @property
    def type_name(self) -> str | None:
        return self.doc.type_name

    @property
    def number(self) -> str:
        return self.doc.number

    @property
    def symbol(self) -> str | None:
        return self.doc.symbol

    @property
    def date(self) -> PartialDate | None:
        return self.doc.date


# --- tables -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    party_types: dict[str, tuple[str, ...]]
    state_types: dict[str, tuple[str, ...]]
    issuers: dict[str, str]
    type_words: tuple[str, ...]
    word_to_code: dict[str, dict[str, str]]  # folded type word -> {"party": code, "state": code}
    word_canonical: dict[str, str]  # folded type word -> canonical spelling
    type_word_starts: frozenset[str]  # folded "first second" words of the type words
    joint_heads: tuple[str, ...]  # issuers that may follow a comma ("Bộ Chính trị, Ban Bí thư")


@cache
def _tables() -> _Tables:
    data = json.loads((Path(__file__).with_name("data") / "doctypes.json").read_text("utf-8"))
    party = {k: tuple(v) for k, v in data["party_types"].items()}
    state = {k: tuple(v) for k, v in data["state_types"].items()}
    word_to_code: dict[str, dict[str, str]] = {}
    for kind, table in (("party", party), ("state", state)):
        for code, names in table.items():
            for name in names:
                word_to_code.setdefault(fold(name), {}).setdefault(kind, code)
    words = tuple(sorted(data["type_words"], key=len, reverse=True))
    canonical = {fold(w): w for w in words}
    starts = frozenset(" ".join(fold(w).split()[:2]) for w in words)
    heads = tuple(data.get("joint_issuer_heads", ()))
    return _Tables(party, state, data["issuers"], words, word_to_code, canonical, starts, heads)


def type_names(code: str, kind: DocKind = "party") -> tuple[str, ...]:
    """The type names an abbreviation stands for: ``type_names("QĐ")`` is both QĐ types."""
    t = _tables()
    return (t.party_types if kind == "party" else t.state_types).get(code, ())


def type_code_for(type_name: str, kind: DocKind | None = None) -> str | None:
    """The abbreviation of a type name ("Chỉ thị" -> "CT"; state "Quy định" -> "QyĐ")."""
    codes = _tables().word_to_code.get(fold(type_name), {})
    if kind is not None:
        return codes.get(kind)
    return codes.get("party") or codes.get("state")


def _issuer_known(code: str) -> bool:
    issuers = _tables().issuers
    return code in issuers or code.rstrip("0123456789") in issuers


# --- grammar ------------------------------------------------------------------------------------

_SEG = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_NUM = r"(?P<num>\d{1,6})"
_DASH = r"[-\u2010\u2011\u2013]"
_PARTY = rf"{_NUM}\s*{_DASH}\s*(?P<ptype>{_SEG})\s*/\s*(?P<pissuer>{_SEG}(?:-{_SEG})*)"
_STATE = (
    rf"{_NUM}\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<first>{_SEG})"
    rf"(?:\s*{_DASH}\s*(?P<rest>{_SEG}(?:-{_SEG})*))?"
)
_ODD = rf"(?P<otype>{_SEG})\s+(?P<onum>\d{{1,6}})\s*/\s*(?P<oissuer>{_SEG})"
_CORE_END = r"(?![\w/])"

_PARTY_RE = re.compile(rf"{_PARTY}{_CORE_END}")
_STATE_RE = re.compile(rf"{_STATE}{_CORE_END}")
_ODD_RE = re.compile(rf"{_ODD}{_CORE_END}")
_NUMBER_ONLY_RE = re.compile(r"(?P<num>\d{1,6})(?![\w/-])")
_SO_RE = re.compile(r"số\s*:?\s*", re.IGNORECASE)
_DATE_AFTER_RE = re.compile(
    r"\s*,?\s*(?P<paren>\(\s*)?(?:ban\s+hành\s+|ký\s+)?(?P<date>ngày\s+(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))(?(paren)\s*\))",
    re.IGNORECASE,
)
_OF_RE = re.compile(r"\s*,?\s*của\s+", re.IGNORECASE)
_ISSUER_WORD_RE = re.compile(r"\s*([^\s,;.:()\[\]“”\"'!?…]+)")
_ISSUER_STOPS = frozenset(
    "về nhằm để đã đối trong tại với cho theo ngày là được đến tới số từ khi sau trước mà thì "
    "có không cũng này đó nay v/v".split()
)
_ISSUER_STOP_PAIRS = frozenset(
    {
        "ban hành",
        "thực hiện",
        "triển khai",
        "quy định",
        "hướng dẫn",
        "chỉ thị",
        "kế hoạch",
        "nghị quyết",
        "kết luận",
        "tiến tới",
        "lãnh đạo",
        "chỉ đạo",
    }
)
_ISSUER_MAX_WORDS = 14


def _trie(words) -> str:
    """A regex source for ``words`` as a character trie, longest first at every branch: the
    engine tries it far faster than a flat list ("Quy định|Quyết định" -> "Quy(?:\\ định|ết\\ định)").
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


@cache
def _cite_re() -> re.Pattern[str]:
    words = _trie(_tables().type_words)
    return re.compile(
        # A law may carry its name before "số": "Luật Dân quân tự vệ số 48/2019/QH14".
        rf"(?<!\w)(?:(?P<law>Bộ\s+luật|Luật|Pháp\s+lệnh)(?:,?\s+(?!(?:{words}|và|của)\b)[^\W\d_]+){{1,8}}?\s+(?P<so3>số\s*:?\s*)"
        rf"|(?P<word>{words})\s+(?P<so>số\s*:?\s*)?|(?P<so2>số\s*:?\s*))?"
        rf"(?=\d|(?-i:[A-ZĐ][A-Za-zĐđ]*)\s+\d)",
        re.IGNORECASE,
    )


def _build(m: re.Match[str], style: str, text: str, type_word: str | None) -> DocNumber:
    t = _tables()
    word_name = t.word_canonical.get(fold(type_word)) if type_word else None
    if style in ("party", "odd"):
        code = m.group("ptype") if style == "party" else m.group("otype")
        issuer = m.group("pissuer") if style == "party" else m.group("oissuer")
        number = m.group("num") if style == "party" else m.group("onum")
        names = t.party_types.get(code)
        if names is None:
            raise DocNumberError(MSG_UNKNOWN_TYPE.format(code=code, text=text))
        name = word_name or (names[0] if len(names) == 1 else None)
        return DocNumber("party", code, name, number, None, f"{code}/{issuer}", issuer)
    first, rest = m.group("first"), m.group("rest")
    year = int(m.group("year")) if m.group("year") else None
    symbol = (f"{year}/" if year else "") + first + (f"-{rest}" if rest else "")
    if first in t.state_types:
        names = t.state_types[first]
        return DocNumber("state", first, word_name or names[0], m.group("num"), year, symbol, rest)
    if _issuer_known(first):
        # A state công văn ("123/UBND-VX") or a law ("20/2023/QH15"): no type in the symbol.
        name = word_name or ("Công văn" if year is None else None)
        issuer = first + (f"-{rest}" if rest else "")
        return DocNumber("state", None, name, m.group("num"), year, symbol, issuer)
    if rest is None and year is None and first not in t.party_types:
        raise DocNumberError(MSG_UNKNOWN_FIRST.format(code=first, text=text))
    raise DocNumberError(MSG_UNKNOWN_TYPE.format(code=first, text=text))


def _match_core(
    s: str,
    pos: int,
    type_word: str | None,
    text: str,
    has_so: bool = True,
    bare_numbers: bool = False,
):
    """Try the number grammars at ``pos``; return (match, DocNumber) or None."""
    for style, rx in (("party", _PARTY_RE), ("state", _STATE_RE), ("odd", _ODD_RE)):
        m = rx.match(s, pos)
        if m:
            return m, _build(m, style, text, type_word)
    if type_word and (has_so or (bare_numbers and type_word[:1].isupper())):
        m = _NUMBER_ONLY_RE.match(s, pos)
        if m and (has_so or _bare_number_cites(s, m)):
            t = _tables()
            name = t.word_canonical.get(fold(type_word), type_word)
            return m, DocNumber(None, type_code_for(name), name, m.group("num"))
    return None


# Without "số", a capitalized type word and a number cite a document ("Đề án 06 về ...",
# "Nghị quyết 12 của Đảng ủy") unless the number is a year or counts something after it.
_BARE_NUMBER_NOT_BEFORE_RE = re.compile(
    r"\s*(?:[.,:]\d|%|năm\b|tháng\b|ngày\b|giờ\b|người\b|lần\b|nội dung\b|điểm\b|nhiệm vụ\b"
    r"|giải pháp\b|chỉ tiêu\b|mục\b|đồng chí\b|đảng viên\b)",
    re.IGNORECASE,
)


def _bare_number_cites(s: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    if len(num) == 4 and num[:2] in ("19", "20"):
        return False
    return not _BARE_NUMBER_NOT_BEFORE_RE.match(s, m.end())


def _read_date(s: str, pos: int) -> tuple[PartialDate | None, int]:
    m = _DATE_AFTER_RE.match(s, pos)
    if not m:
        return None, pos
    value = parse_date(m.group("date"))
    return (value, m.end()) if value is not None else (None, pos)


def _starts_citation(s: str, pos: int) -> bool:
    """True when a type word ("Kế hoạch", "Quy định") or "số" begins at ``pos``."""
    w1 = _ISSUER_WORD_RE.match(s, pos)
    if not w1:
        return False
    if w1.group(1).lower() == "số":
        return True
    w2 = _ISSUER_WORD_RE.match(s, w1.end())
    pair = fold(w1.group(1)) + (" " + fold(w2.group(1)) if w2 else "")
    return pair in _tables().type_word_starts or fold(w1.group(1)) in _tables().type_word_starts


def _joint_head_at(s: str, pos: int) -> bool:
    """True when a comma at ``pos`` is followed by a joint issuer ("Ban Bí thư")."""
    m = re.compile(r",\s*").match(s, pos)
    if not m:
        return False
    rest = s[m.end() : m.end() + 40]
    return any(rest.startswith(h) for h in _tables().joint_heads)


def _read_issuer(s: str, pos: int) -> tuple[str | None, int, int]:
    """Read "của X" from ``pos``: (X as written, start of X, end of X).

    X ends at a stop word ("về", "đã", "ngày" ...), a stop phrase ("thực hiện", "ban
    hành"), punctuation, a line end, "và" before a lower-case word or a new citation, or
    after 14 words. A comma continues X only before a joint issuer ("Bộ Chính trị, Ban Bí thư").
    """
    m = _OF_RE.match(s, pos)
    if not m:
        return None, pos, pos
    start = m.end()
    end = start
    words: list[str] = []
    p = start
    while len(words) < _ISSUER_MAX_WORDS:
        if words and _joint_head_at(s, p):
            p = s.index(",", p) + 1
        w = _ISSUER_WORD_RE.match(s, p)
        if not w or "\n" in s[p : w.start(1)] or "," in s[p : w.start(1)]:
            break
        word = w.group(1)
        low = word.lower()
        if low in _ISSUER_STOPS:
            break
        if low == "và":
            nxt = _ISSUER_WORD_RE.match(s, w.end())
            if not (nxt and nxt.group(1)[:1].isupper()) or _starts_citation(s, w.end()):
                break
        elif words:
            nxt = _ISSUER_WORD_RE.match(s, w.end())
            if nxt and f"{low} {nxt.group(1).lower()}" in _ISSUER_STOP_PAIRS:
                break
        words.append(word)
        p = end = w.end()
    if not words or words[-1].lower() == "và":
        return None, pos, pos
    return s[start:end], start, end


# --- public API ---------------------------------------------------------------------------------


def parse_docnumber(s: str) -> DocNumber:
    """Parse a document number, with or without its type word, "Số", date.

    Accepts "2889-CT/ĐU", "Số 2889 - CT/ĐU", "Số: 123/QĐ-UBND", "CT 2889/ĐU",
    "Nghị định số 30/2020/NĐ-CP", "Chỉ thị số 35-CT/TW ngày 14/6/2024", "Chỉ thị số 35".
    Raises ``DocNumberError`` for anything else, e.g. an unknown type abbreviation.

    >>> parse_docnumber("Nghị định số 30/2020/NĐ-CP").symbol
    '2020/NĐ-CP'
    """
    if not isinstance(s, str) or not s.strip():
        raise DocNumberError(MSG_EMPTY)
    text = " ".join(s.split()).strip(" .,;")
    m = _cite_re().match(text)
    if m is None:
        raise DocNumberError(MSG_UNREADABLE.format(text=s))
    type_word = m.group("word") or m.group("law")
    core = _match_core(text, m.end(), type_word, s)
    if core is None:
        raise DocNumberError(MSG_UNREADABLE.format(text=s))
    cm, doc = core
    date, end = _read_date(text, cm.end())
    if end != len(text):
        raise DocNumberError(MSG_UNREADABLE.format(text=s))
    return replace(doc, date=date) if date is not None else doc


def format_docnumber(d: DocNumber) -> str:
    """The canonical number: "2889-CT/ĐU", "123/QĐ-UBND", "30/2020/NĐ-CP", or "35" alone.

    >>> format_docnumber(parse_docnumber("Số 1180 - KH/ĐU"))
    '1180-KH/ĐU'
    """
    if d.symbol is None:
        return d.number
    return f"{d.number}-{d.symbol}" if d.kind == "party" else f"{d.number}/{d.symbol}"


def format_citation(d: DocNumber) -> str:
    """The citation as reports write it: "Chỉ thị số 2889-CT/ĐU ngày 10/9/2024"."""
    out = f"{d.type_name} số {format_docnumber(d)}" if d.type_name else f"Số {format_docnumber(d)}"
    if d.date is not None:
        written = format_date(d.date, "short")
        # "20/6/2025" needs its lead word; partial forms carry one ("ngày 20/6", "tháng 6/2025").
        out += f" ngày {written}" if d.date.day and d.date.year else f" {written}"
    return out


def canonical_key(d: DocNumber) -> str:
    """One key per document however it is cited: folded, leading zeros dropped.

    >>> canonical_key(parse_docnumber("Chỉ thị số 2889-CT/ĐU")) == canonical_key(parse_docnumber("CT 2889/ĐU"))
    True
    """
    code = d.type_code or (type_code_for(d.type_name, d.kind) if d.type_name else None) or ""
    issuer = fold(d.issuer_abbr or "").replace(" ", "-")
    number = d.number.lstrip("0") or "0"
    return f"{d.kind or '?'}|{fold(code)}|{number}|{issuer}|{d.year or ''}"


def same_document(a: DocNumber, b: DocNumber) -> bool:
    """True when two citations can be the same document: a number-only citation
    ("Chỉ thị số 2889") matches the full one ("Chỉ thị số 2889-CT/ĐU")."""
    ka, kb = canonical_key(a).split("|"), canonical_key(b).split("|")
    for x, y in zip(ka, kb, strict=True):
        if x and y and x != "?" and y != "?" and x != y:
            return False
    return True


def find_docnumbers(text: str, *, bare_numbers: bool = False) -> list[DocMatch]:
    """Find the documents cited by number in running text, with spans into ``text``.

    Each match carries the type, number, symbol, date and the issuer phrase as written
    ("của X" up to "về", "thực hiện", ",", ";" ...). A chain shares its type word and issuer:
    "Kết luận số 126-KL/TW ngày 14/2/2025 và số 127-KL/TW ngày 28/2/2025 của Bộ Chính trị".
    A number without a symbol needs "số" ("Chỉ thị số 35"); with ``bare_numbers`` a capitalized
    type word and a number that is neither a year nor a count also cite ("Đề án 06 về ...",
    "Nghị quyết 12 của Đảng ủy"). Citations that do not parse (an unknown type abbreviation) are
    skipped.

    >>> [(m.type_name, m.number, m.symbol, m.issuer) for m in find_docnumbers(
    ...     "quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của Ban Thường vụ Đảng ủy Quân khu về Đại hội")]
    [('Chỉ thị', '2889', 'CT/ĐU', 'Ban Thường vụ Đảng ủy Quân khu')]
    """
    if not text:
        return []
    out: list[DocMatch] = []
    pos = 0
    anchors = [a.start() for a in _DIGIT_RUN_RE.finditer(text)]
    while True:
        m = _search_citation(text, pos, anchors)
        if m is None:
            break
        type_word = m.group("word") or m.group("law")
        has_so = bool(m.group("so") or m.group("so2") or m.group("so3"))
        try:
            core = _match_core(
                text, m.end(), type_word, text[m.start() : m.end() + 40], has_so, bare_numbers
            )
        except DocNumberError:
            core = None
        if core is None or (not type_word and not has_so and core[1].symbol is None):
            pos = max(m.end(), m.start() + 1) if core is None else core[0].end()
            continue
        chain: list[tuple[int, int, DocNumber]] = []
        start, (cm, doc) = m.start(), core
        while True:
            date, end = _read_date(text, cm.end())
            if date is not None:
                doc = replace(doc, date=date)
            chain.append((start, end, doc))
            nxt = _chain_re().match(text, end)
            if not nxt or not type_word:
                break
            if nxt.group("word") and fold(nxt.group("word")) != fold(type_word):
                break  # "Chỉ thị số 35 và Kế hoạch số 12": two citations, not a chain
            try:
                more = _match_core(text, nxt.end(), type_word, text[nxt.start() : nxt.end() + 40])
            except DocNumberError:
                more = None
            if not nxt.group("so") and (
                more is None
                or more[1].symbol is None
                or more[1].type_code != type_code_for(type_word, more[1].kind)
            ):
                break  # without "số" only a full number of the same type goes on: "27-NQ/TW, 28-NQ/TW"
            if more is None:
                break
            start, (cm, doc) = nxt.start() + len(nxt.group("sep")), more
        issuer, _, issuer_end = _read_issuer(text, end)
        if issuer is not None:
            end = issuer_end
            last_start, _, last_doc = chain[-1]
            if last_doc.date is None:
                date, end = _read_date(text, end)
                if date is not None:
                    chain[-1] = (last_start, end, replace(last_doc, date=date))
        header = not type_word and _is_line_start(text, m.start())
        # Documents of a chain from the same issuer share the issuer phrase and, when they
        # lack their own, the date written after them: "Nghị quyết số 18-NQ/TW và Nghị quyết
        # số 19-NQ/TW ngày 25/10/2017 của Hội nghị ...". "Chỉ thị số 45-CT/TW và Chỉ thị số
        # 3056-CT/QUTW của Thường vụ Quân ủy Trung ương" gives the phrase to 3056 only.
        last_issuer = chain[-1][2].issuer_abbr
        for i in range(len(chain) - 2, -1, -1):
            a, b, d = chain[i]
            if d.date is None and chain[i + 1][2].date is not None and _same_issuer(d, last_issuer):
                chain[i] = (a, b, replace(d, date=chain[i + 1][2].date))
        for i, (a, b, d) in enumerate(chain):
            last = i == len(chain) - 1
            shared = issuer if last or _same_issuer(d, last_issuer) else None
            out.append(
                DocMatch(a, end if last else b, text[a : end if last else b], d, shared, header)
            )
        pos = end
    return out


_DIGIT_RUN_RE = re.compile(r"\d+")  # each match starts a run of digits
#: How far before its number a citation may start: a type word and "số" ("Hướng dẫn số: ")
#: within _NEAR, a law's name ("Luật Dân quân tự vệ số 48/2019/QH14") within _FAR.
_NEAR = 60
_FAR = 320
_LAW_HINT_RE = re.compile(r"luật|lệnh", re.IGNORECASE)


def _search_citation(text: str, pos: int, anchors: list[int]) -> re.Match[str] | None:
    """``_cite_re().search(text, pos)``, tried only just before each number.

    Every citation ends before a digit (its number, or "CT 2889/ĐU") and holds no digit
    before it, so the leftmost match from ``pos`` is the first one found in the windows that
    end at each run of digits, each starting after the previous run: the regex reads a few
    dozen characters per number instead of trying every position of the text.
    """
    rx = _cite_re()
    i = bisect.bisect_left(anchors, pos)
    prev = anchors[i - 1] + 1 if i > 0 else 0
    for a in anchors[i:]:
        lo = max(pos, prev)
        start = max(lo, a - _NEAR)
        if start > lo and _LAW_HINT_RE.search(text, max(lo, a - _FAR), a):
            start = max(lo, a - _FAR)
        m = rx.search(text, start, a + 1)
        if m is not None:
            return m
        prev = a + 1
    return None


@cache
def _chain_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _tables().type_words)
    return re.compile(
        rf"(?P<sep>\s*(?:,|và)\s*)(?:(?P<word>{words})\s+)?(?P<so>số\s*:?\s*)?(?=\d)", re.IGNORECASE
    )


def _same_issuer(d: DocNumber, issuer_abbr: str | None) -> bool:
    return d.issuer_abbr is None or issuer_abbr is None or d.issuer_abbr == issuer_abbr


def _is_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


# --- issuers named in words ---------------------------------------------------------------------

# Issuers whose symbol only they write (one series nationally); the other codes (ĐU, TU, HU,
# CB, UBND ...) are written by every body of their kind, each numbering from 1.
NATIONAL_ISSUERS = frozenset(
    {"TW", "VPTW", "BTCTW", "UBKTTW", "QUTW", "QH", "UBTVQH", "CP", "TTg", "BQP", "BCA", "TCCT"}
)


def _words_key(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w]+", " ", fold(text)).split()) + " "


@cache
def _issuer_names() -> tuple[tuple[str, str], ...]:
    """(folded name, code) of every issuer of the table, longest name first."""
    out = []
    for code, names in _tables().issuers.items():
        for name in re.sub(r"\([^)]*\)", "", names).split(","):
            if name.strip():
                out.append((_words_key(name), code))
    return tuple(sorted(out, key=lambda nc: -len(nc[0])))


def issuers_named(text: str) -> list[str]:
    """The issuer codes of a symbol whose issuers ``text`` names in words, in order, each
    name read once (the longest known name wins: "Tổng cục Chính trị" is TCCT, not CT).

    >>> issuers_named("Bộ Chính trị")
    ['TW']
    >>> issuers_named("Ban Thường vụ Tỉnh ủy Nghệ An và Ban Bí thư")
    ['TU', 'TW']
    """
    key = _words_key(text)
    found: list[tuple[int, str]] = []
    for name, code in _issuer_names():
        start = key.find(name)
        while start != -1:
            found.append((start, code))
            key = key[:start] + " " + "#" * (len(name) - 2) + " " + key[start + len(name) :]
            start = key.find(name)
    return [code for _pos, code in sorted(found)]


def with_issuer(d: DocNumber, code: str) -> DocNumber:
    """A Party citation without its symbol ("Chỉ thị số 35") completed with an issuer code
    ("TW"): the number the issuer's series gives it ("35-CT/TW").

    >>> format_docnumber(with_issuer(parse_docnumber("Chỉ thị số 35"), "TW"))
    '35-CT/TW'
    """
    type_code = d.type_code or (type_code_for(d.type_name, "party") if d.type_name else None)
    if type_code is None:
        raise DocNumberError(MSG_UNREADABLE.format(text=d.number))
    return replace(
        d, kind="party", type_code=type_code, symbol=f"{type_code}/{code}", issuer_abbr=code
    )
