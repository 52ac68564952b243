"""People in a report: mentions (rank + name + title chain + predicate), merged per person.

A mention is introduced by a rank ("Thiếu tướng Trần Chí Tâm"), by "đồng chí" and its kin
("đồng chí Chu Văn Mạnh", "cô Ngô Thị Phượng"), by a list it continues ("cho các đồng chí Lê
Đình Cẩn, Phan Thị Nhàn"), or stands as a subject starting with a common surname. Its title
chain runs from the comma after the name to the predicate; its roles come from that predicate
and from the opening of the sentence ("Phát biểu chỉ đạo hội nghị, ...").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ctct.extract.patterns import alternation
from ctct.extract.vocab import (
    ACADEMIC_LEADS,
    ACADEMIC_TITLES,
    AWARD_VERBS,
    BODY_KINDS,
    COMMON_SURNAMES,
    NEUTRAL_VERBS,
    NOT_NAMES,
    NOT_VERB_AFTER,
    OPENING_ROLES,
    PERSON_TRIGGERS,
    RANKS,
    ROLE_VERBS,
    TITLE_HEADS,
    TITLE_SUFFIX_PATTERN,
)
from ctct.text import names as _names
from ctct.text.normalize import name_key as _name_key
from ctct.text.sentences import split_sentences as _text_sentences


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    return _name_key(name)


ROLE_ORDER = ("chair", "directed", "reported", "attended", "spoke", "awarded")

_RANK_BY_KEY = {r.lower(): r for r in RANKS}
_RANK_FORMS = sorted(
    {f for r in RANKS for f in (r, r.lower(), r[0].lower() + r[1:], r.upper())},
    key=len,
    reverse=True,
)
# Case-sensitive with the written forms listed: much faster than IGNORECASE on long reports.
_RANK_SOURCE = r"(?P<rank>(?:" + alternation(_RANK_FORMS) + r")(?:\s+QNCN)?)(?![\w])"
_RANK_RE = re.compile(r"(?<![\w])" + _RANK_SOURCE)
_ACADEMIC_RE = re.compile(
    r"(?:\s*,\s*|\s+)(?:"
    + "|".join(ACADEMIC_TITLES)
    + r")(?:\s*[.,]\s*(?:"
    + "|".join(ACADEMIC_TITLES)
    + r"))*\.?(?=\s)"
)
# An academic title introduces a name by itself ("PGS, TS Vũ Văn Phúc", "GS.TS X", "ThS Hà Văn
# Toản"); it is dropped, like the one after a rank.
_ACADEMIC_LEAD_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(ACADEMIC_LEADS)
    + r")(?:\s*[.,]\s*(?:"
    + "|".join(ACADEMIC_LEADS)
    + r"))*\.?(?= [A-ZĐÀ-Ỹ])"
)
_TRIGGER_SOURCE = r"(?P<trig>" + alternation(PERSON_TRIGGERS) + r")(?=\s)"
_TRIGGER_RE = re.compile(r"(?<![\w])" + _TRIGGER_SOURCE)
_PREDICATES: list[tuple[str, tuple[str, ...]]] = sorted(
    [*ROLE_VERBS, *((v, ()) for v in NEUTRAL_VERBS)], key=lambda p: len(p[0]), reverse=True
)
_PRED_RE = re.compile(r"(?<![\w])(?P<verb>" + alternation(v for v, _ in _PREDICATES) + r")(?![\w])")
_PRED_ROLES: dict[str, tuple[str, ...]] = {}
for _verb, _roles in _PREDICATES:
    _PRED_ROLES.setdefault(_verb, _roles)
# "thay mặt Đoàn Chủ tịch phát biểu", "cùng các đại biểu dự": the role is the verb after the object.
_OBJECT_THEN_VERB = frozenset({"thay mặt", "cùng", "cùng với", "với"})
_AUX = ("đã", "vừa", "cũng", "sẽ", "đang", "đồng thời", "lần lượt", "tiếp tục", "trực tiếp")
# All clause openings in one pattern, one named group each (first listed wins).
_OPENING_RE = re.compile(
    "|".join(f"(?P<o{i}>{p})" for i, (p, _) in enumerate(OPENING_ROLES)), re.IGNORECASE
)
_OPENING_ROLES_BY_GROUP = {f"o{i}": roles for i, (_, roles) in enumerate(OPENING_ROLES)}
_OPENING_TAIL_RE = re.compile(
    r"(?:^|\s)(?:có|gồm)(?:\s+(?:\d+\s+)?(?:các\s+)?(?:đồng chí)?)?\s*:?$"
)
_AWARD_SENT_RE = re.compile(r"(?<![\w])(?:" + "|".join(AWARD_VERBS) + r")(?![\w])")
_RECIPIENT_RE = re.compile(r"(?:^|[\s,])cho\s+(?:các\s+)?$")
_TITLE_HEAD_RE = re.compile(
    r"(?:" + alternation(TITLE_HEADS) + r"|" + TITLE_SUFFIX_PATTERN + r")(?![\w])"
)
_BODY_HEAD_RE = re.compile(r"(?:" + alternation(BODY_KINDS) + r")(?![\w])")
_TITLE_HEAD_CI_RE = re.compile(
    r"(?:" + alternation(TITLE_HEADS) + r"|" + TITLE_SUFFIX_PATTERN + r")(?![\w])", re.IGNORECASE
)


@dataclass
class Mention:
    start: int  # name span in the text
    end: int
    name: str
    rank: str | None = None
    positions: list[tuple[str, int, int]] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    short: bool = False  # a one-syllable reference ("đồng chí Mạnh")
    sentence: int = 0
    recipient_list: bool = False
    verb_roles: set[str] = field(default_factory=set)
    next_joined: bool = False  # "A, title và B, title <verb>": A shares B's predicate
    intro: int = -1  # where the rank or "đồng chí" before the name starts


@dataclass
class Person:
    name: str
    rank: str | None
    positions: list[str]
    roles: list[str]
    spans: list[tuple[int, int]]
    position_spans: list[tuple[int, int]]

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "rank": self.rank,
            "positions": list(self.positions),
            "roles": list(self.roles),
            "spans": [list(s) for s in self.spans],
            "position_spans": [list(s) for s in self.position_spans],
        }


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans from the language layer (abbreviations, numbers and quotes kept whole).

    A run longer than ``MAX_SENTENCE_CHARS`` (text without stops) is cut at a comma or space, so no
    step works on one enormous sentence.
    """
    spans = []
    for s, e in _text_sentences(text):
        spans.extend(_cut_long(text, s, e))
    return spans


MAX_SENTENCE_CHARS = 3000


def _cut_long(text: str, s: int, e: int) -> list[tuple[int, int]]:
    if e - s <= MAX_SENTENCE_CHARS:
        return [(s, e)]
    out = []
    while e - s > MAX_SENTENCE_CHARS:
        # at a comma if there is one (a name is never cut), else at a space
        cut = text.rfind(", ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        if cut <= s:
            cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        if cut <= s:
            cut = s + MAX_SENTENCE_CHARS
        out.append((s, cut))
        s = cut + (2 if text.startswith(", ", cut) else 1)
    out.append((s, e))
    return out


def _canonical_rank(written: str) -> str:
    base = re.sub(r"\s+QNCN$", "", written, flags=re.IGNORECASE)
    rank = _RANK_BY_KEY.get(" ".join(base.lower().split()), base)
    return rank + " QNCN" if base != written else rank


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _display_name(words: list[str]) -> str:
    if all(w.isupper() for w in words if len(w) > 1):
        words = [w[0] + w[1:].lower() for w in words]
    return " ".join(words)


def _name_run(text: str, pos: int, limit: int, max_words: int = 5) -> tuple[int, list[str]]:
    """Capitalized words separated by single spaces from ``pos``: (end, words)."""
    m = _CAP_RUN_RE.match(text, pos, limit)
    if not m:
        return pos, []
    words = m.group(0).split(" ")
    if len(words) > max_words + 1:
        words = words[: max_words + 1]
        return pos + len(" ".join(words)), words
    return m.end(), words


def _trim_run(text: str, start: int, words: list[str]) -> list[str]:
    """Cut a run where a title or body begins inside it ("Nguyễn Văn A Bí thư", "... Trưởng Ban")."""
    run_end = start + len(" ".join(words))
    pos = start
    for i, w in enumerate(words):
        if i:
            # a body word second in the run is a middle name ("Nguyễn Trường Thắng")
            m = _TITLE_HEAD_RE.match(text, pos) or (i > 1 and _BODY_HEAD_RE.match(text, pos))
            if m and (m.end() > run_end or len(m.group(0).split()) < len(words) - i):
                return words[:i]
        pos += len(w) + 1
    return words


def _looks_like_name(words: list[str]) -> bool:
    if not 2 <= len(words) <= 5:
        return False
    key = " ".join(words).lower()
    if key in NOT_NAMES:
        return False
    if any(len(w) > 1 and w.isupper() for w in words) and not all(w.isupper() for w in words):
        return False  # an abbreviation among names ("UVTƯ Đảng", "HUV Trần"): not a name
    if words[0] in COMMON_SURNAMES:
        return True
    rest = " ".join(words)
    return not (_TITLE_HEAD_RE.match(rest) or _BODY_HEAD_RE.match(rest))


def _predicate_at(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    m = _PRED_RE.match(text, pos)
    if not m or m.end() > limit:
        return None
    verb = m.group("verb")
    after = text[m.end() : m.end() + 12].lstrip().lower()
    for bad in NOT_VERB_AFTER.get(verb, ()):
        if after.startswith(bad):
            return None
    return verb, m.end()


def _verb_cluster(text: str, pos: int, limit: int) -> tuple[set[str], int]:
    """Roles of the predicate starting at ``pos``: "dự và trao Huy hiệu" -> attended, awarded."""
    roles: set[str] = set()
    cur = pos
    seen_verb = False
    while cur < limit:
        while cur < limit and text[cur] in " ,":
            cur += 1
        for aux in _AUX:
            if text.startswith(aux + " ", cur):
                cur += len(aux) + 1
        hit = _predicate_at(text, cur, limit)
        if not hit:
            break
        verb, end = hit
        roles.update(_PRED_ROLES.get(verb, ()))
        seen_verb = True
        cur = end
        if verb in _OBJECT_THEN_VERB:
            # "thay mặt Đoàn Chủ tịch phát biểu khai mạc": the role is the verb after the object
            nxt = _find_predicate(text, cur, limit)
            if nxt is None:
                break
            cur = nxt
            continue
        m = _VERB_JOIN_RE.match(text, cur)
        if not m:
            break
        nxt = m.end()
        for aux in _AUX:
            if text.startswith(aux + " ", nxt):
                nxt += len(aux) + 1
        if not _predicate_at(text, nxt, limit):
            break
        cur = m.end()
    if {"attended", "guest_speech"} <= roles:
        # "dự và phát biểu" (not "chỉ đạo"): attended and spoke
        roles.discard("guest_speech")
        roles.add("spoke")
    return (roles if seen_verb else set()), cur


def _find_predicate(text: str, start: int, limit: int) -> int | None:
    """Position of the first lower-case predicate word after ``start`` (end of a title chain)."""
    for m in _PRED_RE.finditer(text, start, limit):
        if _predicate_at(text, m.start(), limit):
            return m.start()
    return None


def _mask_parens(s: str) -> str:
    """Parenthesized parts blanked (same length) so their commas and words do not cut a chain."""
    if "(" not in s:
        return s
    return _PAREN_RE.sub(lambda m: "\x00" * len(m.group(0)), s)


def _chain(
    text: str, start: int, limit: int
) -> tuple[list[tuple[str, int, int]], int, list[tuple[int, list[str]]]]:
    """The title chain after a name: positions, where the chain stops, and list-continuation names.

    The chain starts with a comma or a dash ("Đồng chí A - Bí thư Tỉnh ủy"), or stands in
    parentheses ("Thiếu tướng A (Phó Tư lệnh Quân khu) chủ trì"); parenthesized parts inside
    a title stay in it ("Chính ủy Sư đoàn 5 (Quân khu 7)").
    """
    positions: list[tuple[str, int, int]] = []
    names: list[tuple[int, list[str]]] = []
    paren = _PAREN_AFTER_NAME_RE.match(text, start, limit)
    if paren and _TITLE_HEAD_RE.match(text, paren.start("inner")):
        for part in _SEGMENT_RE.finditer(text, paren.start("inner"), paren.end("inner")):
            seg = part.group(0).strip()
            if seg:
                a = part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
                positions.append((seg, a, a + len(seg)))
        return positions, paren.end(), names
    local = _mask_parens(text[start:limit])
    # A stop: ";", ":", a predicate, or " và " + another mention.
    stop = len(local)
    m = _CHAIN_STOP_RE.search(local)
    if m:
        stop = m.start()
    pred = _find_predicate(local, 0, stop)
    if pred is not None:
        stop = pred
    lead = _CHAIN_START_RE.match(local)
    if not lead:
        # "Đồng chí A (bìa phải) phát biểu": the predicate comes after the parenthesis
        aside = _MASKED_ASIDE_RE.match(local)
        return positions, start + (aside.end() if aside else 0), names
    seg_start = lead.end()
    while seg_start < stop:
        comma = local.find(",", seg_start, stop)
        seg_end = comma if comma != -1 else stop
        raw = text[start + seg_start : start + seg_end]
        seg = raw.strip().rstrip(".")
        s0 = start + seg_start + (len(raw) - len(raw.lstrip()))
        s1 = s0 + len(seg)
        if not seg:
            break
        words = seg.split()
        trig = _TRIGGER_RE.match(seg)
        if trig and trig.group("trig") in ("Ông", "Bà") and (names or not positions):
            trig = None  # "..., Lữ Văn Cảnh, Ông Văn Tư": capitalized in a list, a surname
        if _RANK_RE.match(seg) or trig:
            break
        if all(_is_cap(w) for w in words) and _looks_like_name(words) and not positions:
            names.append((s0, words))
        elif all(_is_cap(w) for w in words) and _looks_like_name(words) and names:
            names.append((s0, words))
        elif names or (
            not positions and not _TITLE_HEAD_CI_RE.match(seg) and seg.split()[0] in COMMON_SURNAMES
        ):
            # "..., Vương Khả Minh tiêu biểu cho ...": the list's last name, then the clause goes on
            lead_end, lead_words = _name_run(text, s0, s1)
            if (
                2 <= len(lead_words) <= 4
                and _looks_like_name(lead_words)
                and (names or lead_words[0] in COMMON_SURNAMES)
            ):
                names.append((s0, lead_words))
            break
        elif _TITLE_HEAD_CI_RE.match(seg):
            positions.append((seg, s0, s1))  # also "Phó chính ủy nhà trường"
        elif _BODY_HEAD_RE.match(seg) and positions:
            p, p0, _ = positions[-1]
            positions[-1] = (text[p0:s1], p0, s1)
        elif _is_cap(seg) and not _BODY_HEAD_RE.match(seg):
            positions.append((seg, s0, s1))
        else:
            break
        if comma == -1:
            break
        seg_start = comma + 1
    return positions, start + stop, names


# A title that ends right where a name begins ("Tổng Bí thư Tô Lâm", "Bộ trưởng Phan Văn Giang").
_TITLE_BEFORE_RE = re.compile(r"(?<![\w])(?:" + alternation(_names.TITLES) + r") $")
_NAME_LEAD_WORDS = frozenset(
    {"do", "và", "cho", "có", "nghe", "với", "cùng", "bởi", "thấy", "là", "gồm", "Tại"}
    # the last word of a lower-case descriptor that is not a title ("sinh viên Lường Thị Pằng",
    # "học sinh", "cựu chiến binh", "chiến sĩ", "cô giáo", "nông dân")
    | {"viên", "sinh", "binh", "sĩ", "giáo", "dân"}
)
_PAREN_RE = re.compile(r"\([^()]*\)")
_PAREN_AFTER_NAME_RE = re.compile(r"\s*\((?P<inner>[^()]{2,200})\)")
_SEGMENT_RE = re.compile(r"[^,]+")
# ", title", " - title", and the dash some pages write without a space ("Võ Hồng Hằng- Bí thư",
# "Trần Kiến Vũ-Bí thư")
_CHAIN_START_RE = re.compile(r"(?:\s*\x00+)?(?:,\s*|\s*[-–—]\s*)")
_MASKED_ASIDE_RE = re.compile(r"\s*\x00+")
# Where a title chain stops: ";", ":", a quote, or "và" + another mention.
_CHAIN_STOP_RE = re.compile(r"[;:\"“]|\s+và\s+(?=" + _TRIGGER_SOURCE + r"|" + _RANK_SOURCE + r")")
_VERB_JOIN_RE = re.compile(r"\s*(?:,|và|,\s*và)\s+")
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)\s$")
_LIST_SEP_RE = re.compile(r"\s*(?:,|;|và)\s*")
# "yêu cầu" as a verb; not the noun after a figure or a determiner ("đạt 100% yêu cầu",
# "theo yêu cầu", "các yêu cầu").
_YEU_CAU_RE = re.compile(
    r"(?<!% )(?<!\d )(?<!theo )(?<!các )(?<!những )(?<!đạt )(?<!đáp ứng )(?<![\w])yêu cầu(?![\w])"
)
_COLON_LIST_RE = re.compile(r":\s*(?=[^\W\d_])")
_TITLED_ITEM_RE = re.compile(
    r"(?:\s*[-–—]\s*|,\s+)(?=" + alternation(TITLE_HEADS) + r"|" + TITLE_SUFFIX_PATTERN + r")"
)
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha()}))
# A capitalized word followed by another: where a name without an introducer can start.
_CAP_RUN_RE = re.compile(
    r"["
    + re.escape(_UPPER)
    + r"][^\W\d_]*(?:['’][^\W\d_]+)?(?: ["
    + re.escape(_UPPER)
    + r"][^\W\d_]*(?:['’][^\W\d_]+)?)*(?![\w])"
)
_CAP_PAIR_RE = re.compile(
    r"(?<![\w])[" + re.escape(_UPPER) + r"][^\W\d_]* (?=[" + re.escape(_UPPER) + r"])"
)
_AND_RE = re.compile(r"\s+và\s+")
_LIST_HEAD_RE = re.compile(r"(?<![\w])(?:có|gồm)\s")
# Middle names that mark where a full name starts after a place name.
_MIDDLE_NAMES = frozenset({"Thị", "Văn"})
_CLAUSE_HEAD_RE = re.compile(r"[;\n]")
_LIST_GAP_RE = re.compile(r"^[\s,;]*(?:và\s+)?(?:các\s+)?$")


def _title_before(text: str, s: int, pos: int) -> tuple[int, int] | None:
    """The title phrase that ends right before a name ("Bí thư Tỉnh ủy" + "Hồ Sĩ Lạng")."""
    last = None
    for m in _TITLE_HEAD_RE.finditer(text, s, pos):
        if m.start() == 0 or not text[m.start() - 1].isalnum():
            last = m
    if last is None or any(c in text[last.start() : pos] for c in ",;:.()"):
        return None
    return last.start(), pos - 1


class _Hits:
    """Matches of one pattern over the whole text, looked up by sentence."""

    def __init__(self, rx: re.Pattern[str], text: str, keep=None):
        self.matches = [m for m in _word_start_matches(rx, text) if keep is None or keep(m)]
        self.starts = [m.start() for m in self.matches]


# Patterns that must start a word are written with a leading "(?<![\w])" (or "(?<![\w.])"),
# but a leading lookbehind stops the regex engine from skipping ahead to the pattern's first
# characters (5 times slower on a long report). The body is searched alone and the character
# before each match checked here, with the same result as ``finditer``.
_WORD_START_LOOKBEHINDS = {r"(?<![\w])": "", r"(?<![\w.])": "."}


@functools.cache
def _unanchored(rx: re.Pattern[str]) -> tuple[re.Pattern[str], str | None]:
    for lb, extra in _WORD_START_LOOKBEHINDS.items():
        if rx.pattern.startswith(lb):
            return re.compile(rx.pattern[len(lb) :], rx.flags), extra
    return rx, None


def _word_start_matches(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    body, extra = _unanchored(rx)
    if extra is None:
        return list(rx.finditer(text))
    out = []
    pos = 0
    search = body.search
    while True:
        m = search(text, pos)
        if m is None:
            return out
        a = m.start()
        if a:
            c = text[a - 1]
            if c.isalnum() or c == "_" or c in extra:
                pos = a + 1
                continue
        out.append(m)
        pos = m.end() if m.end() > a else a + 1


def _surname_led(m: re.Match[str]) -> bool:
    return m.group(0)[:-1] in COMMON_SURNAMES


def _by_sentence(hits: _Hits, sent_starts: list[int]) -> dict[int, list[re.Match[str]]]:
    out: dict[int, list[re.Match[str]]] = {}
    for m in hits.matches:
        out.setdefault(bisect.bisect_right(sent_starts, m.start()) - 1, []).append(m)
    return out


class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.mentions: list[Mention] = []
        self.taken = bytearray(len(text) + 1)  # 1 where a name already stands

    def _overlaps(self, s: int, e: int) -> bool:
        return 1 in self.taken[s:e]

    def _add(self, m: Mention) -> bool:
        if self._overlaps(m.start, m.end):
            return False
        self.mentions.append(m)
        self.taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        return True

    def scan(
        self, sent_index: int, s: int, e: int, hits: dict[str, dict[int, list[re.Match[str]]]]
    ) -> None:
        text = self.text
        starts: list[tuple[int, int, str | None]] = []  # (name start, intro start, rank)
        for m in (m for m in hits["rank"].get(sent_index, ()) if m.end() <= e):
            pos = m.end()
            a = _ACADEMIC_RE.match(text, pos)
            if a:
                pos = a.end()
            if pos < e and text[pos] == " ":
                starts.append((pos + 1, m.start(), _canonical_rank(m.group("rank"))))
        for m in (m for m in hits["academic"].get(sent_index, ()) if m.end() < e):
            starts.append((m.end() + 1, m.start(), None))
        for m in (m for m in hits["trigger"].get(sent_index, ()) if m.end() <= e):
            trig = m.group("trig")
            if (
                trig in ("Ông", "Bà")
                and m.start() > s
                and text[m.start() - 2 : m.start()] in (", ", "; ")
            ):
                continue
            pos = m.end() + 1
            r = _RANK_RE.match(text, pos)
            rank = None
            if r:
                rank = _canonical_rank(r.group("rank"))
                pos = r.end() + 1
            if pos < e and not _TITLE_HEAD_RE.match(text, pos):
                starts.append((pos, m.start(), rank))
        starts.sort()
        for pos, intro, rank in starts:
            end, words = _name_run(text, pos, e)
            words = _trim_run(text, pos, words)
            if not words:
                continue
            end = pos + len(" ".join(words))
            if len(words) == 1:
                short = Mention(
                    pos, end, words[0], rank, short=True, sentence=sent_index, intro=intro
                )
                short.verb_roles, _ = _verb_cluster(text, end, e)
                self._add(short)
                continue
            if not _looks_like_name(words) or len(words) > 5:
                continue
            self._mention(sent_index, pos, end, words, rank, e, intro)
        # Lists after a colon: "gồm 15 đồng chí: Ninh Văn Sáng, Đàm Quốc Trị, ...".
        for c in (m for m in hits["colon"].get(sent_index, ()) if m.end() <= e):
            self._colon_list(sent_index, c.end(), e)
        # Subjects without an introducer: a surname-led run followed by a title or a predicate.
        for m in (m for m in hits["cap"].get(sent_index, ()) if m.end() <= e):
            pos = m.start()
            if m.group(0)[:-1] not in COMMON_SURNAMES:
                continue
            if self._overlaps(pos, pos + 1):
                continue
            end, words = _name_run(text, pos, e)
            words = _trim_run(text, pos, words)
            if (
                not 2 <= len(words) <= 4
                or words[0] not in COMMON_SURNAMES
                or not _looks_like_name(words)
            ):
                continue
            end = pos + len(" ".join(words))
            title = _TITLE_BEFORE_RE.search(text, max(s, pos - 60), pos)
            if title:
                # "Tổng Bí thư Tô Lâm": a title right before the name is a position
                self._mention(
                    sent_index, pos, end, words, None, e, title.start(), (title.start(), pos - 1)
                )
                continue
            prev = _PREV_WORD_RE.search(text[max(s, pos - 30) : pos])
            if prev and prev.group(1) not in _NAME_LEAD_WORDS:
                # after a title and its body ("Bí thư Tỉnh ủy Hồ Sĩ Lạng") only a full three-word name
                if len(words) < 3 or not _TITLE_HEAD_RE.search(text[max(s, pos - 50) : pos]):
                    continue
                if len(words) == 4 and words[1] in COMMON_SURNAMES and words[2] in _MIDDLE_NAMES:
                    # "Bí thư Huyện ủy Lạc Dương Ninh Thị Hường": the place ends the body,
                    # the name starts at the next surname
                    continue
            after = text[end:e]
            joined = _AND_RE.match(text, end, e)
            followed = (
                (after.startswith(", ") and _TITLE_HEAD_RE.match(after[2:]))
                or (after.startswith(" ") and _predicate_at(text, end + 1, e))
                # "A và Giám đốc Sở Tài chính B phát biểu", "A và Đại tá B chủ trì": joined to
                # the next titled or ranked person
                or (
                    joined
                    and (
                        _TITLE_HEAD_RE.match(text, joined.end(), e)
                        or _RANK_RE.match(text, joined.end(), e)
                    )
                )
                # "Cùng chủ trì có Phó Bí thư Tỉnh ủy A; Chủ tịch UBND tỉnh B.": an item of
                # a list after "có" / "gồm", a title right before the name
                or (
                    after.lstrip()[:1] in ("", ";", ".")
                    and _LIST_HEAD_RE.search(text, s, pos)
                    and _title_before(text, max(s, pos - 60), pos)
                )
            )
            if followed:
                before = _title_before(text, max(s, pos - 60), pos)
                # the clause opening is read before the title ("Cùng chủ trì có <title> <name>")
                intro = before[0] if before else pos
                self._mention(sent_index, pos, end, words, None, e, intro, before)

    def _colon_list(self, si: int, pos: int, e: int) -> None:
        text = self.text
        found = []
        cur = pos
        roles: set[str] | tuple = ()
        titled = False
        while cur < e:
            t = _TRIGGER_RE.match(text, cur)
            if _RANK_RE.match(text, cur) or (t and t.group("trig") not in ("Ông", "Bà")):
                break  # the rank and trigger scan reads these
            end, words = _name_run(text, cur, e)
            words = _trim_run(text, cur, words)
            end = cur + len(" ".join(words))
            if not _looks_like_name(words) or not 2 <= len(words) <= 5:
                break
            if words[0] not in COMMON_SURNAMES and not _TITLED_ITEM_RE.match(text, end, e):
                break  # "tại 4 xã: Bắc Sơn, Lạc Sơn, ...": places, not people
            if _TITLED_ITEM_RE.match(text, end, e):
                # "Các ông: A - Ủy viên ..., Chủ nhiệm ...; B - ... chủ trì hội nghị": items with
                # their title chains, up to ";" or the list's predicate
                positions, stop, _ = _chain(text, end, e)
                if positions:
                    titled = True
                    found.append((cur, end, words, positions))
                    if text.startswith(";", stop):
                        cur = stop + 1
                        while cur < e and text[cur] == " ":
                            cur += 1
                        continue
                    roles, _ = _verb_cluster(text, stop, e)
                    break
            if text[end:e].strip() in ("", "."):
                found.append((cur, end, words, []))
                break
            nxt = _LIST_SEP_RE.match(text, end)
            if not nxt:
                # "Các đồng chí: A, B, C đã tham luận": the last name and the list's predicate
                roles, _ = _verb_cluster(text, end + 1, e) if text.startswith(" ", end) else ((), 0)
                if roles and found:
                    found.append((cur, end, words, []))
                break
            found.append((cur, end, words, []))
            cur = nxt.end()
        if len(found) < (1 if titled else 2):
            return
        for a, b, words, positions in found:
            mention = Mention(a, b, _display_name(words), None, sentence=si, intro=a)
            mention.positions = positions
            mention.verb_roles = set(roles)
            self._add(mention)

    def _mention(
        self,
        si: int,
        pos: int,
        end: int,
        words: list[str],
        rank: str | None,
        e: int,
        intro: int,
        title_before: tuple[int, int] | None = None,
    ) -> None:
        if self._overlaps(pos, end):
            return
        text = self.text
        m = Mention(pos, end, _display_name(words), rank, sentence=si, intro=intro)
        positions, stop, names = _chain(text, end, e)
        if title_before and not positions:
            a, b = title_before
            positions = [(text[a:b], a, b)]  # "Bí thư Tỉnh ủy Hồ Sĩ Lạng"
        m.positions = positions
        head = text[max(0, intro - 40) : intro]
        m.recipient_list = bool(_RECIPIENT_RE.search(head))
        if not self._add(m):
            return
        group = [m]
        prev = m
        for n0, nwords in names:
            n1 = n0 + len(" ".join(nwords))
            c = Mention(
                n0,
                n1,
                _display_name(nwords),
                None,
                sentence=si,
                recipient_list=m.recipient_list,
                intro=n0,
            )
            if self._add(c):
                group.append(c)
                prev = c
        # "A, B và C": a trailing name joined by "và" continues the list too.
        tail = _AND_RE.match(text, prev.end)
        if (
            names
            and tail
            and not (_RANK_RE.match(text, tail.end()) or _TRIGGER_RE.match(text, tail.end()))
        ):
            nend, nwords = _name_run(text, tail.end(), e)
            if _looks_like_name(nwords):
                c = Mention(
                    tail.end(),
                    nend,
                    _display_name(nwords),
                    None,
                    sentence=si,
                    recipient_list=m.recipient_list,
                    intro=tail.end(),
                )
                if self._add(c):
                    group.append(c)
                    prev = c
        cont = stop if not names else prev.end
        while cont < e and text[cont] in " ,":
            cont += 1
        roles, _ = _verb_cluster(text, cont, e)
        for c in group:
            c.verb_roles = set(roles)
        if not roles and (_AND_RE.match(text, stop) or text.startswith(";", stop)):
            m.next_joined = True  # "A, title; B, title đồng chủ trì": A shares the predicate
        # "yêu cầu" later in the subject's own clause: the person speaks (setting requirements
        # is not "directed" unless the text says "chỉ đạo" or "kết luận").
        clause_end = text.find(".", cont, e)
        clause = text[cont : clause_end if clause_end != -1 else e]
        if (
            roles
            and _YEU_CAU_RE.search(clause)
            and not _TRIGGER_RE.search(clause)
            and not _RANK_RE.search(clause)
        ):
            m.verb_roles.add("spoke")


def _opening_roles(head: str) -> set[str]:
    head_l = head.strip().lstrip("-+•* ").strip().lower()
    if not head_l:
        return set()
    m = _OPENING_RE.match(head_l)
    if not m:
        return set()
    rest = head_l[m.end() :].strip()
    if rest == "" or rest.endswith((",", ":")) or _OPENING_TAIL_RE.search(rest):
        return set(_OPENING_ROLES_BY_GROUP[m.lastgroup])
    return set()


# "dưới sự chủ trì của Thiếu tướng A", "với sự tham dự của đồng chí B".
# ("ý kiến chỉ đạo của X" is X's direction given elsewhere: no role.)
_PRE_ROLES = {"chair": "chair", "attended": "attended", "directed": "directed"}
_PRE_ROLE_RE = re.compile(
    r"(?:(?P<chair>sự chủ trì)|(?P<directed>sự (?:tham )?dự và chỉ đạo)|(?P<attended>sự (?:tham )?dự))"
    r" của (?:các )?$",
    re.IGNORECASE,
)
_AWARD_HEAD_RE = re.compile(r"(?<![\w])(?:trao tặng|trao|tặng|khen thưởng)(?![\w])[^;]*\scho\s")


def find_people(
    text: str, roles_from: int = 0, sentences: list[tuple[int, int]] | None = None
) -> list[Person]:
    """Every person named in ``text`` once, with rank, positions (fullest mention) and roles.

    Mentions before ``roles_from`` (a headline) name people but give them no role.
    """
    finder = _Finder(text)
    sentences = split_sentences(text) if sentences is None else sentences
    starts = [s for s, _ in sentences]
    hits = {
        name: _by_sentence(_Hits(rx, text, keep), starts)
        for name, rx, keep in (
            ("rank", _RANK_RE, None),
            ("trigger", _TRIGGER_RE, None),
            ("academic", _ACADEMIC_LEAD_RE, None),
            ("colon", _COLON_LIST_RE, None),
            ("cap", _CAP_PAIR_RE, _surname_led),
        )
    }
    busy = sorted(set().union(*(h.keys() for h in hits.values())))
    for i in busy:
        if 0 <= i < len(sentences):
            s, e = sentences[i]
            finder.scan(i, s, e, hits)
    mentions = sorted(finder.mentions, key=lambda m: m.start)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for si, ms in by_sentence.items():
        s, e = sentences[si]
        # Shared predicates: "A, title và B, title <verb>".
        for a, b in zip(reversed(ms[:-1]), reversed(ms[1:]), strict=False):
            # ("Đến dự có A, title; B, title chủ trì": A is listed by the opening, not chairing)
            if a.next_joined and not a.verb_roles and not _opening_roles(text[s : a.intro]):
                a.verb_roles = set(b.verb_roles)
        award_sentence = bool(_AWARD_SENT_RE.search(text, s, e))
        opening: set[str] = set()
        prev: Mention | None = None
        for m in ms:
            intro = m.intro if m.intro >= 0 else m.start
            clause_start = s
            for c in _CLAUSE_HEAD_RE.finditer(text, s, intro):
                clause_start = c.end()
            head = text[clause_start:intro]
            if prev is None or clause_start > prev.start:
                # a list item goes on with the list's opening: nothing, or only titles, before it
                # ("Cùng chủ trì có A; Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh B")
                opening = _opening_roles(head) or (opening if _only_titles(head) else set())
            if (
                prev is not None
                and prev.recipient_list
                and _LIST_GAP_RE.match(_strip_chain(text, prev, intro))
            ):
                m.recipient_list = True
            if m.start < roles_from:
                prev = m
                continue
            if not m.recipient_list and award_sentence and _AWARD_HEAD_RE.search(head):
                m.recipient_list = True
            verb_roles = set(m.verb_roles)
            pre = _PRE_ROLE_RE.search(text, max(s, intro - 40), intro)
            if pre:
                m.roles.add(_PRE_ROLES[pre.lastgroup])
            if "guest_speech" in opening and "reported" in verb_roles:
                # a guest who "báo cáo" within a speech is speaking (EXTRACTION.md)
                verb_roles.discard("reported")
                verb_roles.add("spoke")
                m.roles |= verb_roles
                prev = m
                continue
            m.roles |= verb_roles
            if opening and (
                not m.verb_roles
                or m.verb_roles <= {"spoke", "attended", "guest_speech"}
                or opening == {"directed"}
            ):
                m.roles |= opening
            if m.recipient_list and award_sentence:
                m.roles.add("awarded")
            prev = m
    people = _merge(mentions)
    _add_caps_captions(text, sentences, roles_from, people)
    return people


# --- captions in capitals ---------------------------------------------------------------------
# "ĐỒNG CHÍ LÂM THÀNH NGHĨA, PHÓ BÍ THƯ TỈNH ỦY PHÁT BIỂU CHỈ ĐẠO HỘI NGHỊ.": the caption is
# recased (the name in title case, titles and bodies as the vocabulary writes them, the rest in
# lower case; same length, so spans stay) and read like any sentence. A person already named
# keeps what the body says.
_CAPS_CAPTION_RE = re.compile(r"(?:ĐỒNG CHÍ|Đ/C) ")
_TOKEN_RE = re.compile(r"\S+")
# Words a title chain writes in lower case outside the vocabulary ("Chủ tịch UBND tỉnh").
_CAPTION_LOWER_WORDS = frozenset(
    "tỉnh huyện xã phường quận thị trấn thành phố khối các và của cơ quan".split()
)


@lru_cache(maxsize=1)
def _phrase_casing() -> dict[tuple[str, ...], tuple[str, ...]]:
    phrases = {*_names.TITLES, *_names.BODY_KINDS, *_names.ABBREVIATIONS}
    return {tuple(p.lower().split()): tuple(p.split()) for p in phrases if "," not in p}


def _recase_caption(line: str) -> str | None:
    low = line.lower()
    if len(low) != len(line):
        return None
    toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(low)]
    out = list(low)

    def put(i: int, word: str) -> None:
        a, b = toks[i]
        if len(word) == b - a:
            out[a:b] = word

    # "đồng chí" (or "đ/c"), then the name up to its comma
    i = 1 if low.startswith("đ/c ") else 2
    while i < len(toks):
        a, b = toks[i]
        word = low[a:b]
        put(i, word[:1].upper() + word[1:])
        i += 1
        if word.endswith(","):
            break
    else:
        return None
    pred = _PRED_RE.search(low, toks[i][0] if i < len(toks) else len(low))
    stop = pred.start() if pred else len(low)
    casing = _phrase_casing()
    longest = max(len(k) for k in casing)
    while i < len(toks) and toks[i][0] < stop:
        words = [low[a:b].rstrip(",") for a, b in toks[i : i + longest]]
        for n in range(min(longest, len(words)), 0, -1):
            written = casing.get(tuple(words[:n]))
            if written and not any(
                w.endswith(",") for w in (low[a:b] for a, b in toks[i : i + n - 1])
            ):
                for k, w in enumerate(written):
                    a, b = toks[i + k]
                    put(i + k, w + low[a:b][len(w) :])
                i += n
                break
        else:
            a, b = toks[i]
            word = low[a:b]
            if word.rstrip(",") not in _CAPTION_LOWER_WORDS:
                put(i, word[:1].upper() + word[1:])  # a place or unit name
            i += 1
    return "".join(out)


def _add_caps_captions(
    text: str, sentences: list[tuple[int, int]], roles_from: int, people: list[Person]
) -> None:
    known = {name_key(p.name) for p in people}
    for s, e in sentences:
        if s < roles_from or not _CAPS_CAPTION_RE.match(text, s):
            continue
        line = text[s:e]
        if line != line.upper():
            continue
        recased = _recase_caption(line)
        if recased is None:
            continue
        for p in find_people(recased):
            key = name_key(p.name)
            if key in known:
                continue
            known.add(key)
            p.spans = [(a + s, b + s) for a, b in p.spans]
            p.position_spans = [(a + s, b + s) for a, b in p.position_spans]
            people.append(p)


def _only_titles(head: str) -> bool:
    """True when ``head`` is empty or a comma-separated chain of titles."""
    parts = [p.strip() for p in head.split(",")]
    return all(not p or _TITLE_HEAD_RE.match(p) for p in parts)


def _strip_chain(text: str, prev: Mention, intro: int) -> str:
    """The text between a mention's title chain and the next mention."""
    end = prev.positions[-1][2] if prev.positions else prev.end
    return text[end:intro] if end <= intro else ""


def _proper_words(positions: list[str]) -> int:
    return sum(w[:1].isupper() for pos in positions for w in pos.split())


def _merge(mentions: list[Mention]) -> list[Person]:
    people: list[Person] = []
    index: dict[str, int] = {}
    for m in mentions:
        if m.short:
            continue
        key = name_key(m.name)
        if key not in index:
            index[key] = len(people)
            people.append(Person(m.name, m.rank, [], [], [], []))
        p = people[index[key]]
        p.spans.append((m.start, m.end))
        if p.rank is None and m.rank:
            p.rank = m.rank
        if len(m.positions) > len(p.positions) or (
            len(m.positions) == len(p.positions)
            and _proper_words([x for x, _, _ in m.positions]) > _proper_words(p.positions)
        ):
            # the fullest chain; of two as long, the one naming more ("Phó chính ủy Trường Sĩ
            # quan Lục quân 2" over "Phó chính ủy nhà trường")
            p.positions = [pos for pos, _, _ in m.positions]
            p.position_spans = [(a, b) for _, a, b in m.positions]
        p.roles = list(set(p.roles) | m.roles)
    # One-syllable references join the one person whose given name they are.
    for m in mentions:
        if not m.short:
            continue
        key = name_key(m.name)
        matches = [p for p in people if name_key(p.name).split()[-1] == key]
        if len(matches) == 1:
            p = matches[0]
            p.spans.append((m.start, m.end))
            p.roles = list(set(p.roles) | m.roles | m.verb_roles)
    for p in people:
        roles = set(p.roles)
        # A speech is "directed" only when the text says so (EXTRACTION.md: "directed" is
        # literal); a chair's or a guest's speech that praises and sets requirements is "spoke".
        if "guest_speech" in roles:
            roles.discard("guest_speech")
            roles.add("spoke")
        if "directed" in roles:
            roles.discard("spoke")
        p.roles = [r for r in ROLE_ORDER if r in roles]
    return people
