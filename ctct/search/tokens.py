"""The words of the index and of a query, the same on SQLite (FTS5) and PostgreSQL (tsvector).

Everything the index holds is folded here, in Python ("Đảng ủy hoà" -> "dang uy hoa"): lower
case, no diacritics, "đ" -> "d", so tone placement ("hoà"/"hòa") and diacritics do not count,
and only runs of ``[a-z0-9]`` remain, which both engines read as the same tokens. A second,
"exact" key keeps the diacritics (with one tone placement) to rank exact matches first.

A query is parsed by ``parse_query`` into terms (words, quoted phrases, document numbers); it
never raises, and the FTS5 and tsquery texts built from it quote every token, so nothing the
user types reaches either engine as syntax.

Document numbers become one token each, number + type (+ issuer): "35-CT/TW", "35/CT-TW",
"Chỉ thị số 35" and "CT 35" all give "35ct" ("35cttw" with the issuer), which the documents
carry among their keywords.

Django-free: tested by property (``tests/test_tokens.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ctct.text import canonical_tones, fold, normalize
from ctct.text.docnumbers import DocNumberError, parse_docnumber, type_code_for

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "Query",
    "Term",
    "exact_words",
    "index_words",
    "number_keys",
    "parse_query",
    "prefix_tokens",
    "reach_tokens",
    "scope_tokens",
]

#: A query longer than this is cut (a pasted page still searches its start).
MAX_QUERY_CHARS = 200
#: At most this many terms are searched; the rest are dropped.
MAX_TERMS = 8
#: Tokens longer than this are dropped on both sides (PostgreSQL skips words over 2,047).
MAX_TOKEN = 60
#: Words of a record's text that are indexed (positions stay exact for phrases on PostgreSQL,
#: which counts positions up to 16,383).
MAX_INDEX_WORDS = 16000
#: The last word of a query matches as a prefix (search as you type) from this length.
PREFIX_MIN = 2
#: On PostgreSQL, a word being typed up to this length (every Vietnamese syllable, folded) is
#: looked up as one token of its own, not expanded: the tsvectors carry every word's first
#: 2..7 characters, marked (``^tr``, ``^tra`` ... ``^truong``: ``prefix_tokens``, migration
#: 0003). Expanding "thang:*" merges the posting lists of every word that starts so into a
#: bitmap before anything is intersected (3x the cost of the whole query "so ket 6 thang").
#: SQLite's FTS5 table keeps its own prefix index (``prefix='2 3'``) and ranges over its
#: sorted terms beyond.
SHORT_PREFIX_MAX = 7
#: A query with document numbers is searched as at most this many queries without "|".
MAX_ALTERNATIVES = 8
#: The mark of a prefix token in PostgreSQL's tsvectors (never one of the folded words).
PREFIX_MARK = "^"

_TOKEN_RE = re.compile(r"[a-z0-9]+")
# PostgreSQL's parser reads "12e3x" as the number "12e3" and the word "x": split it the same
# way everywhere so both engines see the same tokens.
_SCI_RE = re.compile(r"^(\d+e\d+)([a-z][a-z0-9]*)$")
_EXACT_RE = re.compile(r"[^\W_]+")
# a token PostgreSQL would split ("12e3x") or skip (too long)
_ODD_TOKEN_RE = re.compile(rf"\d+e\d+[a-z]|[a-z0-9]{{{MAX_TOKEN + 1}}}")


def _split_token(tok: str) -> list[str]:
    out = []
    while True:
        m = _SCI_RE.match(tok)
        if not m:
            out.append(tok)
            return [t for t in out if len(t) <= MAX_TOKEN]
        out.append(m.group(1))
        tok = m.group(2)


@lru_cache(maxsize=200_000)
def _word_prefixes(word: str) -> tuple[str, ...]:
    return tuple(
        PREFIX_MARK + word[:k] for k in range(PREFIX_MIN, min(len(word), SHORT_PREFIX_MAX) + 1)
    )


def prefix_tokens(words: Iterable[str]) -> set[str]:
    """The prefix tokens of folded ``words`` (PostgreSQL's prefix index), each once:
    ["lu", "doan"] -> {"^lu", "^do", "^doa", "^doan"}."""
    out: set[str] = set()
    for w in words if isinstance(words, (set, frozenset)) else set(words):
        out.update(_word_prefixes(w))
    return out


def index_words(text: str, limit: int | None = None) -> list[str]:
    """The folded tokens of ``text``: "Đảng uỷ Lữ đoàn 657 (QK7)" -> dang uy lu doan 657 qk7."""
    if not text:
        return []
    toks = _short_words(text) if len(text) <= SHORT_TEXT else _index_words(text)
    return list(toks) if limit is None else list(toks[:limit])


#: texts up to this length (names, titles, a person's posts) are folded once per run: a full
#: reindex meets the same names and body names again and again
SHORT_TEXT = 300
_MEMO = 1 << 16


@lru_cache(maxsize=_MEMO)
def _short_words(text: str) -> tuple[str, ...]:
    return tuple(_index_words(text))


def _index_words(text: str) -> list[str]:
    folded = fold(text)
    toks = _TOKEN_RE.findall(folded)
    if _ODD_TOKEN_RE.search(folded):  # rare: split or drop the few odd tokens
        out: list[str] = []
        for tok in toks:
            out.extend(
                _split_token(tok) if tok[0].isdigit() else [tok] if len(tok) <= MAX_TOKEN else []
            )
        toks = out
    return toks


def exact_words(text: str) -> list[str]:
    """Words with their diacritics, one tone placement, lower case: "Hoà" -> "hòa"."""
    if not text:
        return []
    if len(text) <= SHORT_TEXT:
        return list(_short_exact(text))
    return _exact_words(text)


@lru_cache(maxsize=_MEMO)
def _short_exact(text: str) -> tuple[str, ...]:
    return tuple(_exact_words(text))


def _exact_words(text: str) -> list[str]:
    return _EXACT_RE.findall(canonical_tones(normalize(text, keep_newlines=False)).casefold())


# --- document numbers ------------------------------------------------------------------------


@cache
def _number_tables() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, ...], ...]]:
    """(folded type codes, folded issuer codes, folded type words as token tuples)."""
    from ctct.text.docnumbers import _tables  # the one table of types and issuers

    t = _tables()
    codes = {fold(c).replace(" ", "") for c in (*t.party_types, *t.state_types)}
    issuers = {fold(c).replace(" ", "") for c in t.issuers}
    words = tuple(sorted({tuple(fold(w).split()) for w in t.type_words}, key=len, reverse=True))
    return frozenset(codes), frozenset(issuers), words


def _issuer_token(tok: str) -> bool:
    _codes, issuers, _words = _number_tables()
    return tok in issuers or tok.rstrip("0123456789") in issuers


def _key(number: str, code: str, issuer: str = "") -> str:
    return f"{int(number)}{code}{issuer}"


def number_keys(text: str) -> list[str]:
    """The number tokens of a document number as written: "35-CT/TW" -> ["35ct", "35cttw"]."""
    if not any(ch.isdigit() for ch in text):
        return []
    try:
        d = parse_docnumber(text)
    except (DocNumberError, ValueError):
        return []
    code = d.type_code or (type_code_for(d.type_name) if d.type_name else None)
    if not code or not d.number.isdigit():
        return []
    code = fold(code).replace(" ", "")
    keys = [_key(d.number, code)]
    if d.issuer_abbr:
        keys.append(_key(d.number, code, fold(d.issuer_abbr).replace(" ", "")))
    return keys


# --- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One part of a query, all of which must match.

    ``word``: one token (``prefix``: the start of a word); ``phrase``: tokens in a row;
    ``number``: a document number, found by its number token (``key``) or by its written
    tokens anywhere in the record (a text that cites it).
    """

    kind: str
    tokens: tuple[str, ...]
    prefix: bool = False
    key: str = ""
    #: a number typed glued ("ct35"): the word as typed matches too (a body's "QK9")
    also: tuple[str, ...] = ()

    def fts5(self) -> str:
        quoted = " ".join(self.tokens)
        if self.kind == "number":
            raw = " AND ".join(f'"{t}"' for t in self.tokens)
            alts = "".join(f'"{t}" OR ' for t in self.also)
            return f'("{self.key}" OR {alts}({raw}))'
        return f'"{quoted}"' + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        if self.kind == "number":
            raw = " & ".join(self.tokens)
            alts = "".join(f"{t} | " for t in self.also)
            return f"({self.key} | {alts}({raw}))"
        if self.kind == "phrase":
            parts = list(self.tokens)
            if self.prefix:
                parts[-1] += ":*"
            return "(" + " <-> ".join(parts) + ")"
        return self.tokens[0] + (":*" if self.prefix else "")

    def ts_alternatives(self) -> list[str]:
        """The ways the term matches, each without "|" (a number: its token, the word as typed,
        or its written tokens together), for a query in disjunctive form."""
        if self.kind == "number":
            return [self.key, *self.also, "(" + " & ".join(self.tokens) + ")"]
        return [self.tsquery()]

    @property
    def short_prefix(self) -> bool:
        """A word being typed, short enough to be looked up as a prefix token."""
        return self.kind == "word" and self.prefix and len(self.tokens[0]) <= SHORT_PREFIX_MAX


@dataclass(frozen=True)
class Query:
    """A parsed query: ``terms`` (all must match) and the exact words typed with diacritics."""

    text: str
    terms: tuple[Term, ...] = ()
    exact: tuple[str, ...] = ()
    #: the folded tokens of every term, for highlighting and the title rank
    tokens: tuple[str, ...] = ()
    dropped: bool = False
    numbers: tuple[str, ...] = field(default=())
    #: the folded words typed, in order ("chi bo dai doi 4"), for the whole-name rank
    name: str = ""
    #: the last of them is being typed (matches the start of a name's last word)
    name_prefix: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def fts5(self) -> str:
        return " AND ".join(t.fts5() for t in self.terms)

    def tsquery(self) -> str:
        """The query for ``to_tsquery('simple', ...)``, without the short prefixes."""
        return " & ".join(t.tsquery() for t in self.terms if not t.short_prefix)

    def tsquery_alternatives(self) -> list[str]:
        """``tsquery`` as a disjunction of queries with no "|" inside (at most
        ``MAX_ALTERNATIVES``; more stay one query with "|"). A GIN scan of "35ct | (chi &
        thi & 35)" walks the union of every list, the whole of "chi"'s; each alternative
        alone skips through its rarest list, and PostgreSQL ORs the two bitmaps."""
        ways = [[]]
        for t in self.terms:
            if t.short_prefix:
                continue
            ways = [[*w, alt] for w in ways for alt in t.ts_alternatives()]
            if len(ways) > MAX_ALTERNATIVES:
                return [self.tsquery()]
        return [" & ".join(w) for w in ways if w]

    def tsquery_prefixes(self) -> str:
        """The short prefixes as a ``tsquery`` literal of prefix tokens ("'^tr'"), read
        without the parser (which would drop the mark); "" when there are none."""
        return " & ".join(f"'{PREFIX_MARK}{t.tokens[0]}'" for t in self.terms if t.short_prefix)


_QUOTE_RE = re.compile(r"[\"“”„«»]")


#: a type code glued to its number is read from this length ("ct35"; not "l5")
GLUED_CODE_MIN = 2
_GLUED_RE = re.compile(r"^(?:([a-z]+)(\d{1,6})([a-z]*)|(\d{1,6})([a-z]+))$")


def _glued(tok: str) -> tuple[str, str, str] | None:
    """(number, type code, issuer) of a number typed without spaces: "ct35", "35ct",
    "35cttw", "ct35tw"; None for any other word ("qk9", "sd330")."""
    m = _GLUED_RE.match(tok)
    if not m:
        return None
    codes, issuers, _words = _number_tables()
    if m.group(1):
        code, number, issuer = m.group(1), m.group(2), m.group(3)
        if len(code) < GLUED_CODE_MIN or code not in codes:
            return None
        if issuer and not _issuer_token(issuer):
            return None
        return number, code, issuer
    number, letters = m.group(4), m.group(5)
    for end in range(len(letters), GLUED_CODE_MIN - 1, -1):
        code, issuer = letters[:end], letters[end:]
        if code in codes and (not issuer or issuer in issuers):
            return number, code, issuer
    return None


def _read_numbers(
    tokens: list[str],
) -> list[tuple[int, int, str, tuple[str, ...], tuple[str, ...]]]:
    """Spans (start, end, key, raw tokens, glued words) of document numbers in folded tokens.

    "chi thi [so] 35", "ct 35", "35 ct", "35 ct tw", "ct 35 tw": the number, its type and
    optionally its issuer; "ct35", "35ct", "35cttw", "ct35 tw": the same typed without spaces.
    """
    codes, _issuers, words = _number_tables()
    out = []
    i = 0
    n = len(tokens)
    while i < n:
        glued = _glued(tokens[i])
        if glued is not None:
            number, code, issuer = glued
            end = i + 1
            if not issuer and end < n and _issuer_token(tokens[end]):
                issuer, end = tokens[end], end + 1
            raw = (number, code, *([issuer] if issuer else []))
            out.append((i, end, _key(number, code, issuer), raw, (tokens[i],)))
            i = end
            continue
        span = None
        # a type word (one or more tokens) or a code, then "so" maybe, then the number
        head_len = 0
        code = None
        for w in words:
            if tuple(tokens[i : i + len(w)]) == w:
                c = type_code_for(" ".join(w))
                if c:
                    head_len, code = len(w), fold(c).replace(" ", "")
                break
        if not head_len and tokens[i] in codes:
            head_len, code = 1, tokens[i]
        if head_len:
            j = i + head_len
            if j < n and tokens[j] == "so":
                j += 1
            if j < n and tokens[j].isdigit() and len(tokens[j]) <= 6:
                end = j + 1
                issuer = ""
                if end < n and _issuer_token(tokens[end]):
                    issuer, end = tokens[end], end + 1
                span = (i, end, _key(tokens[j], code, issuer))
        elif tokens[i].isdigit() and len(tokens[i]) <= 6 and i + 1 < n and tokens[i + 1] in codes:
            end = i + 2
            issuer = ""
            if end < n and _issuer_token(tokens[end]):
                issuer, end = tokens[end], end + 1
            span = (i, end, _key(tokens[i], tokens[i + 1], issuer))
        if span:
            s, e, key = span
            if e - s > 1:
                # raw tokens: the number and the type, without "so"; the issuer stays
                raw = tuple(t for t in tokens[s:e] if t != "so")
                out.append((s, e, key, raw, ()))
                i = e
                continue
        i += 1
    return out


def parse_query(text: object) -> Query:
    """Parse what the user typed. Never raises; an empty or unreadable query has no terms.

    >>> q = parse_query('chỉ thị 35 "đại hội" Trường')
    >>> [t.kind for t in q.terms], q.exact
    (['number', 'phrase', 'word'], ('chỉ', 'thị', 'đại', 'hội', 'trường'))
    """
    if not isinstance(text, str):
        return Query(text="")
    raw = text[: MAX_QUERY_CHARS * 2]
    typing = bool(raw) and not raw[-1].isspace()
    try:
        raw = normalize(raw, keep_newlines=False)
    except Exception:  # pragma: no cover - normalize takes any str
        raw = ""
    cut = len(raw) > MAX_QUERY_CHARS
    raw = raw[:MAX_QUERY_CHARS]
    # Split on quotes: odd pieces are phrases. An unbalanced last quote counts as closed.
    pieces = _QUOTE_RE.split(raw)
    ends_open = typing and not raw.endswith(tuple('"“”„«»'))
    terms: list[Term] = []
    all_tokens: list[str] = []
    numbers: list[str] = []
    for idx, piece in enumerate(pieces):
        toks = index_words(piece)
        if not toks:
            continue
        if idx % 2 == 1:
            kind = "phrase" if len(toks) > 1 else "word"
            terms.append(Term(kind, tuple(toks)))
            all_tokens.extend(toks)
            continue
        spans = {s: rest for s, *rest in _read_numbers(toks)}
        k = 0
        while k < len(toks):
            if k in spans:
                end, key, raw_toks, also = spans[k]
                terms.append(Term("number", raw_toks, key=key, also=also))
                numbers.append(key)
                all_tokens.extend(raw_toks)
                k = end
                continue
            terms.append(Term("word", (toks[k],)))
            k += 1
        all_tokens.extend(toks)
    # Search as you type: the last word typed (not in quotes, not followed by a space).
    if terms and ends_open and len(pieces) % 2 == 1 and index_words(pieces[-1]):
        last = terms[-1]
        last_tok = index_words(pieces[-1])[-1]
        if last.kind == "word" and last.tokens == (last_tok,) and len(last_tok) >= PREFIX_MIN:
            terms[-1] = Term("word", last.tokens, prefix=True)
    # the same word twice matches once; keep the first
    seen: set[Term] = set()
    unique = []
    for t in terms:
        if t not in seen:
            seen.add(t)
            unique.append(t)
    dropped = cut or len(unique) > MAX_TERMS
    unique = unique[:MAX_TERMS]
    exact = tuple(w for w in exact_words(raw) if not w.isascii())
    name_words = [t for piece in pieces for t in index_words(piece)]
    return Query(
        name=" ".join(name_words) if not dropped else "",
        name_prefix=bool(unique) and unique[-1].prefix,
        text=raw,
        terms=tuple(unique),
        exact=tuple(dict.fromkeys(exact)),
        tokens=tuple(dict.fromkeys(all_tokens)),
        dropped=dropped,
        numbers=tuple(numbers),
    )


# --- who sees an entry -----------------------------------------------------------------------

PUBLIC = "g"


def _action_key(action: str) -> str:
    return re.sub(r"[^a-z]", "", action.lower()) or "view"


def _path_key(path: str) -> str:
    return path.lower()


def reach_tokens(
    *, action: str, paths, line_paths=(), public: bool = False, steplen: int = 4
) -> list[str]:
    """The tokens of who sees an entry: ``u<action><prefix>`` for every ancestor-or-self of
    every path (a scope over any of them covers the entry), ``l<action><path>`` for a body
    whose subtree sees it too, ``g`` for everyone."""
    return list(_reach(action, tuple(paths), tuple(line_paths), bool(public), steplen))


@lru_cache(maxsize=_MEMO)  # the people of one body share them
def _reach(action: str, paths, line_paths, public: bool, steplen: int) -> tuple[str, ...]:
    act = _action_key(action)
    out: set[str] = set()
    for p in paths:
        for end in range(steplen, len(p) + 1, steplen):
            out.add(f"u{act}{_path_key(p[:end])}")
    for p in line_paths:
        for end in range(steplen, len(p) + 1, steplen):
            out.add(f"u{act}{_path_key(p[:end])}")
        out.add(f"l{act}{_path_key(p)}")
    if public:
        out.add(PUBLIC)
    return tuple(sorted(out))


def scope_tokens(paths_by_action: dict[str, list[str]], steplen: int = 4) -> list[str]:
    """The tokens a scope matches: for each action, its paths (``u``) and every
    ancestor-or-self of them (``l``), and ``g``."""
    out: set[str] = {PUBLIC}
    for action, paths in paths_by_action.items():
        act = _action_key(action)
        for p in paths:
            out.add(f"u{act}{_path_key(p)}")
            for end in range(steplen, len(p) + 1, steplen):
                out.add(f"l{act}{_path_key(p[:end])}")
    return sorted(out)
