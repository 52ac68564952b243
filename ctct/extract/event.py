"""The event of a report: date (year only when certain), kind, period and organizer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ctct.extract.lang import DateHit, DocHit, PeriodHit, find_dates, find_periods
from ctct.extract.patterns import alternation
from ctct.extract.people import Person, split_sentences
from ctct.extract.vocab import (
    ANNIVERSARY_WINDOW_DAYS,
    BEFORE_VERB_WORDS,
    BODY_KINDS,
    COMMAND_KINDS,
    EVENT_NOUNS,
    FUTURE_MARKERS,
    KIND_DAI_HOI,
    KIND_OTHER,
    KIND_QUAN_TRIET,
    KIND_RA_NGHI_QUYET,
    KIND_SO_KET,
    KIND_TONG_KET,
    NO_REVIEW_MEETING_WORDS,
    ORGANIZER_VERBS,
    OTHER_REVIEW_WORDS,
    PAREN_ABBREVIATION,
    PARTY_COMMITTEE_KINDS,
    PLAN_WINDOW_MONTHS,
    REVIEW_WINDOW_MONTHS,
    ROUTINE_MEETING_WORDS,
    TITLE_HEADS,
)
from ctct.text.normalize import compare_key

_alt = alternation
_LEAD_RE = re.compile(
    r"(?<![\w])(?P<verb>"
    + _alt(ORGANIZER_VERBS)
    + r")(?:\s+(?:thành công|trọng thể|long trọng|trang trọng|trang nghiêm))?\s+[“\"]?(?P<noun>"
    + _alt(EVENT_NOUNS)
    + r")(?![\w])"
)
# "kế hoạch tổ chức đại hội", "về việc tổ chức Đại hội": the verb named, not done.
_NOT_LEAD_BEFORE_RE = re.compile(
    r"(?<![\w])(?:kế hoạch|việc|về|chuẩn bị|chương trình|hướng dẫn|nhiệm vụ|kết quả)\s*$",
    re.IGNORECASE,
)
# A headline or lead whose verb is the kind itself: "Đảng ủy Quân sự tỉnh ra nghị quyết ...".
_KIND_VERB_LEAD_RE = re.compile(
    r"(?<![\w])(?:đã |vừa )?(?P<verb>sơ kết|tổng kết|ra nghị quyết|quán triệt|học tập)(?![\w])",
    re.IGNORECASE,
)
_BODY_HEAD_CI_RE = re.compile(r"^(?:" + _alt(BODY_KINDS) + r")(?![\w])", re.IGNORECASE)
# "Vào sáng 20/6, ...": "vào" opening the sentence dates the meeting reported.
_LEAD_VAO_RE = re.compile(r"(?:^|\n)Vào\s*$")
_AGENT_RE = re.compile(r"\b(?:do|được) (?P<body>[A-ZĐ][^,.;]{2,80}?) tổ chức")
_BEFORE_VERB_RE = re.compile(r"(?:\s+(?:" + _alt(BEFORE_VERB_WORDS) + r"))+\s*$")
_DATE_START_RE = re.compile(r"[^\n]{0,20}?(?:ngày|sáng|chiều|tối|trưa|hôm)(?![\w])", re.IGNORECASE)
_DATE_WORD_RE = re.compile(r"(?:trong|từ|ngày|sáng|chiều|tối|trưa|hôm)(?![\w])", re.IGNORECASE)
_BODY_INSIDE_CI_RE = re.compile(r"(?<=\s)(?:" + _alt(BODY_KINDS) + r")(?![\w])", re.IGNORECASE)
# "TP.Thuận An: Đảng bộ phường Thuận Giao": a place before the body.
_PLACE_PREFIX_RE = re.compile(r"^[^:]{1,40}:\s+")
_DIGIT_RE = re.compile(r"\d")
_ROUND_BEFORE_RE = re.compile(r"(?<![\w])đợt\s+(?:ngày\s+)?$", re.IGNORECASE)
_STOP_RE = re.compile(r"[.!?…](?:\s|$)")
# At least this many lines without a single stop make a page of lines, not of sentences.
NO_RUNNING_TEXT_MIN_LINES = 3
_CHAIR_LEAD_RE = re.compile(r"(?<![\w])chủ trì (?P<noun>[Hh]ội nghị)(?![\w])")
# A review the report states: "đánh giá ... quý I" in the lead, or a paragraph opening with the
# period it reviews ("Trong 6 tháng đầu năm, ...", "Năm 2022, ...", "Quý I/2022, ...").
_REVIEW_WORD_RE = re.compile(r"(?<![\w])đánh giá(?![\w])[^;]{0,160}", re.IGNORECASE)
_REVIEW_OPEN_RE = re.compile(r"(?:trong|qua)\s+", re.IGNORECASE)
REVIEW_FORMS = ("h1", "m9", "quarter", "year")
# How many sentences after the lead may open with the reviewed period.
REVIEW_SENTENCES = 5
# "Hội nghị Ban Chấp hành ... lần thứ 12": a regular session of a committee.
_PLAN_BEFORE_RE = re.compile(r"(?:triển khai|phương hướng)[^;,.]{0,30}$", re.IGNORECASE)
_SESSION_RE = re.compile(r"(?<![\w])lần thứ(?![\w])", re.IGNORECASE)
# How far into its sentence the date of a dated lead stands ("Sáng 20/6, ...").
LEAD_DATE_MAX_OFFSET = 40
_BODY_HEAD_RE = re.compile(r"^(?:" + _alt(BODY_KINDS) + r")(?![\w])")
_BODY_ONLY_RE = re.compile(r"^(?:" + _alt(BODY_KINDS) + r")$")
_TITLE_HEAD_RE = re.compile(r"^(?:" + _alt(TITLE_HEADS) + r")\s+")
# "Phó chính ủy Trường Sĩ quan Lục quân 2": a title some pages write in lower case
_TITLE_HEAD_CI_RE = re.compile(r"^(?:" + _alt(TITLE_HEADS) + r")\s+", re.IGNORECASE)
_TRAILING_PAREN_RE = re.compile(r"\s*\((?!" + PAREN_ABBREVIATION[2:-2] + r"\))[^()]*\)\s*$")
_SUBJECT_NOISE_RE = re.compile(
    r"^[\s,.;:–—\-]*(?:hôm nay|vừa qua|mới đây|tại [^,]+)?[\s,]*", re.IGNORECASE
)
_KIND_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (KIND_SO_KET, re.compile(r"sơ kết")),
    (KIND_TONG_KET, re.compile(r"tổng kết")),
    (
        KIND_QUAN_TRIET,
        re.compile(
            r"quán triệt|học tập(?:,| và)? (?:quán triệt|nghị quyết|chỉ thị|kết luận)|phổ biến|truyền đạt"
            r"|triển khai (?:thực hiện )?(?:các )?(?:nghị quyết|chỉ thị|kết luận|quy định|hướng dẫn|nghị định)"
        ),
    ),
    (KIND_OTHER, re.compile(r"kiểm điểm")),
)
_RA_NQ_RE = re.compile(r"ra nghị quyết")
# "Đại hội đại biểu Đảng bộ Sư đoàn 386 lần thứ XIII, nhiệm kỳ 2025 - 2030 khai mạc trọng thể."
_PASSIVE_LEAD_RE = re.compile(
    r"(?<![\w])(?P<noun>Đại hội|Hội nghị)\s[^.]{0,200}?\s(?:đã được |được |đã )?(?:tổ chức|khai mạc|diễn ra|bế mạc)(?![\w])"
)
_CONGRESS_BODY_RE = re.compile(
    r"(?:Đại hội\s+(?:đại biểu\s+)?(?:lần thứ \S+\s+)?(?P<body>(?:Đảng bộ|Chi bộ)\s[^,.;]*?)"
    r"|Hội nghị\s+(?P<body2>(?:Ban Chấp hành|Ban Thường vụ|Thường vụ|Đảng ủy|Đảng uỷ|Quân ủy|Chi bộ)\s[^,.;]*?))"
    r"(?=\s+lần thứ|\s+nhiệm kỳ|\s+khóa|\s+khoá|[,.;(]|\s+khai mạc|\s+được|\s+diễn ra|\s+đã|\s+bế mạc)"
)
_OF_BODY_RE = re.compile(
    r"\bcủa (?P<body>[A-ZĐ][^,.;()]{2,80}?)(?= được| đã| diễn ra| khai mạc|,|\.)"
)
_PARENT_RE = re.compile(r"\s+(?:trực thuộc|thuộc)\s+.*$")
_DATELINE_RE = re.compile(
    r"^[^\W\d_][^\n,]{1,40},\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\s*$",
    re.MULTILINE,
)
# A sentence tying the meeting to a year: "Đây là đại hội điểm của Đảng bộ Vùng 2 Hải quân năm 2025".
_THIS_EVENT_YEAR_RE = re.compile(
    r"(?<![\w])Đây là (?:đại hội|hội nghị|lễ|buổi|hội thi|hội thao)(?![\w])[^.\n]{0,120}?"
    r"(?<![\w])năm\s+(?P<y>(?:19|20)\d{2})(?![\d\-–/])",
    re.IGNORECASE,
)
LEAD_SENTENCES = 15
_MEETING_SUBJECT_RE = re.compile(r"(?:Hội nghị|Tại hội nghị|Đại hội|Tại đại hội)(?![\w])")
# A title line: "Hội nghị Chi bộ Đại đội 2 sơ kết 6 tháng đầu năm 2025".
_TITLE_LEAD_RE = re.compile(
    r"^(?P<noun>Hội nghị)\s+(?P<body>(?:"
    + _alt(BODY_KINDS)
    + r")(?:\s+[^\s,.;]+){0,6}?)\s+(?=sơ kết|tổng kết|ra nghị quyết|quán triệt|kiểm điểm)"
)
_PARTY_RE = re.compile(r"(?:" + _alt(PARTY_COMMITTEE_KINDS) + r")(?![\w])")
_COMMAND_RE = re.compile(r"(?:" + _alt(COMMAND_KINDS) + r")(?![\w])")
_REVIEWED_YEAR_RE = re.compile(r"tổng kết[^.;]{0,100}?năm\s+(?P<y>(?:19|20)\d{2})(?![\d\-–])")
_INTERVAL_RE = re.compile(
    r"(?P<n>\d{1,2}) năm (?:thực hiện|triển khai|thi hành|học tập và làm theo) (?:[^.;]{0,40}?)"
    r"(?:Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Luật|Nghị định|Đề án|Chiến lược|Kế hoạch)"
)
_FUTURE_RE = re.compile(
    r"(?:"
    + _alt(FUTURE_MARKERS)
    + r")\s+(?:\w+\s+){0,2}?hoàn thành[^.;]{0,90}?năm\s+(?P<y>(?:19|20)\d{2})(?![\d\-–])"
)
_ANNIV_RE = re.compile(
    r"kỷ niệm[^.]{0,160}?\(\s*[^()]*?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s*\)", re.IGNORECASE
)
_NOT_EVENT_DATE_BEFORE = re.compile(
    r"(?:trước|sau|đến|tới|hạn|từ|kể từ|vào|là|và)\s*$", re.IGNORECASE
)


EVENT_FIELDS = ("date", "kind", "period", "organizer")
# How each field was read, and how far the engine trusts that way of reading it. A field read
# from the lead sentence as written is near certain; one inferred from elsewhere in the report
# is likely; a fallback is a guess the import review should show as such. An empty field the
# report gives no evidence for is "none" (0): nothing to trust, nothing invented.
SOURCE_NONE = "none"
CONFIDENCE: dict[str, float] = {
    "written": 1.0,  # the value is written out where it was read (a date with its year)
    "lead": 0.95,  # named in the lead sentence ("<Body> tổ chức Hội nghị sơ kết ...")
    "rule": 0.85,  # a rule of EXTRACTION.md made it certain (a year from the period or term)
    "headline": 0.8,  # only the headline names it
    "elsewhere": 0.7,  # the report says it outside the lead (a review paragraph, a congress body)
    "chair": 0.6,  # the organizer read from the chair's title
    "guess": 0.4,  # the first kind word anywhere, or "other" for lack of any
    "not_applicable": 1.0,  # a field this kind does not have (the period of a quan_triet)
    SOURCE_NONE: 0.0,
}
# Notes on what a report did not let the engine read (codes; the import review words them).
NOTE_NO_MEETING = "no_meeting"  # no sentence names the meeting and who held it
NOTE_YEAR_UNCERTAIN = "year_uncertain"  # a day and month, but the year is not certain
NOTE_SEVERAL_MEETINGS = "several_meetings"  # more than one meeting reported: the first is read
NOTE_NO_RUNNING_TEXT = "no_running_text"  # lines without sentences: a menu or list of headlines


@dataclass
class Event:
    date: str | None = None
    date_text: str | None = None
    kind: str = KIND_OTHER
    period: str | None = None
    organizer: str | None = None
    date_span: tuple[int, int] | None = None
    organizer_span: tuple[int, int] | None = None
    period_span: tuple[int, int] | None = None
    kind_span: tuple[int, int] | None = None
    # how the engine came to each field (a key of ``CONFIDENCE``), and what it could not read
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def confidence(self) -> dict[str, float]:
        """How sure the engine is of each event field, 0..1 (see ``CONFIDENCE``)."""
        return {f: CONFIDENCE[self.sources.get(f, SOURCE_NONE)] for f in EVENT_FIELDS}

    def to_dict(self) -> dict:
        return {
            "date": self.date,
            "date_text": self.date_text,
            "kind": self.kind,
            "period": self.period,
            "organizer": self.organizer,
            "confidence": self.confidence(),
            "spans": {
                "date": list(self.date_span) if self.date_span else None,
                "kind": list(self.kind_span) if self.kind_span else None,
                "period": list(self.period_span) if self.period_span else None,
                "organizer": list(self.organizer_span) if self.organizer_span else None,
            },
        }


@dataclass
class _Lead:
    sentence: tuple[int, int]
    verb_start: int
    noun_start: int
    noun: str


def _find_lead(text: str, sentences: list[tuple[int, int]], body_from: int = 0) -> _Lead | None:
    """The lead sentence: "<Body> tổ chức Hội nghị ...", a passive congress lead, a title line.

    A lead in the body wins over the headline's (the body names the organizer as the report
    does), and a dated lead ("Sáng 20/6, ...") over an undated one ("Thực hiện Kế hoạch ...").
    """
    found: list[_Lead] = []
    for s, e in sentences[:LEAD_SENTENCES]:
        lead = None
        for m in _LEAD_RE.finditer(text, s, e):
            if not _NOT_LEAD_BEFORE_RE.search(text, max(s, m.start() - 15), m.start()):
                lead = _Lead((s, e), m.start("verb"), m.start("noun"), m.group("noun").lower())
                break
        # "Sáng 7-5, Đại hội đại biểu Đảng bộ phường ... đã diễn ra phiên trù bị": the meeting
        # is the subject (looked for only where its noun stands before the active verb)
        before = e if lead is None else lead.verb_start
        if _has_meeting_noun(text, s, before):
            p = _PASSIVE_LEAD_RE.search(text, s, e)
            if p and p.start("noun") < before:
                lead = _Lead((s, e), -1, p.start("noun"), p.group("noun").lower())
        if lead is not None:
            if lead.sentence[0] >= body_from and _dated(text, lead.sentence):
                return lead  # the first dated lead of the body: nothing later can win
            found.append(lead)
    if found:
        body = [ld for ld in found if ld.sentence[0] >= body_from] or found
        dated = [ld for ld in body if _dated(text, ld.sentence)]
        return (dated or body)[0]
    for s, e in sentences[:LEAD_SENTENCES]:
        t = _TITLE_LEAD_RE.match(text[s:e])
        if t:
            return _Lead((s, e), -2, s, "hội nghị")
    for s, e in sentences[:LEAD_SENTENCES]:
        # "Chiều 4/6, ông A, Bí thư Tỉnh ủy dự và chủ trì hội nghị phiên 6 tháng đầu năm ...":
        # a person leads the sentence; the organizer comes from elsewhere
        c = _CHAIR_LEAD_RE.search(text, s, e)
        if c and _dated(text, (s, e)):
            return _Lead((s, e), -3, c.start("noun"), "hội nghị")
    for s, e in sentences[:LEAD_SENTENCES]:
        # "Tiếp tục chương trình Đại hội đại biểu Đảng bộ huyện ... nhiệm kỳ 2015-2020, chiều nay
        # (5/8), ...": a congress named in a sentence that dates the day reported
        c = _CONGRESS_BODY_RE.search(text, s, e)
        if c and c.group("body") and any(h.has_prefix for h in find_dates(text[s:e])):
            return _Lead((s, e), -1, c.start(), "đại hội")
    for s, e in sentences[:LEAD_SENTENCES]:
        k = _KIND_VERB_LEAD_RE.search(text, s, min(e, s + 160))
        if k and _BODY_HEAD_CI_RE.match(_subject_text(text, s, k.start())):
            return _Lead((s, e), k.start(), k.start("verb"), k.group("verb").lower())
    return None


def _has_meeting_noun(text: str, s: int, e: int) -> bool:
    return text.find("Đại hội", s, e) != -1 or text.find("Hội nghị", s, e) != -1


def _dated(text: str, sentence: tuple[int, int]) -> bool:
    s, e = sentence
    head = text[s : min(e, s + LEAD_DATE_MAX_OFFSET + 30)]
    # a date at the head of the sentence, not one of a document cited there ("Thực hiện Kế
    # hoạch số 33-KH/ĐU, ngày 22/4/2022 ...")
    return any(
        h.has_prefix and h.start <= LEAD_DATE_MAX_OFFSET and not _DIGIT_RE.search(head, 0, h.start)
        for h in find_dates(head)
    )


def _subject_text(text: str, s: int, verb: int) -> str:
    subject = text[s:verb]
    m = _SUBJECT_NOISE_RE.match(subject)
    return subject[m.end() if m else 0 :]


def _organizer(text: str, lead: _Lead, date: DateHit | None) -> tuple[str, int, int] | None:
    if lead.verb_start == -3:
        return None
    if lead.verb_start == -2:
        t = _TITLE_LEAD_RE.match(text[lead.sentence[0] : lead.sentence[1]])
        a = lead.sentence[0] + t.start("body")
        return t.group("body"), a, a + len(t.group("body"))
    if lead.verb_start < 0:
        m = _CONGRESS_BODY_RE.match(text, lead.noun_start, lead.sentence[1])
        if m:
            g = "body" if m.group("body") else "body2"
            return m.group(g), m.start(g), m.end(g)
        # "Hội nghị ... của Đảng ủy Sư đoàn 5 được tổ chức ..."
        m = _OF_BODY_RE.search(text, lead.noun_start, lead.sentence[1])
        if not m or not _BODY_HEAD_RE.match(m.group("body")):
            return None
        return m.group("body"), m.start("body"), m.end("body")
    s = lead.sentence[0]
    if date and s <= date.start < lead.verb_start:
        s = date.end
    subject = text[s : lead.verb_start]
    m = _SUBJECT_NOISE_RE.match(subject)
    offset = s + (m.end() if m else 0)
    subject = text[offset : lead.verb_start].rstrip()
    # Segments by comma; the organizer is the first that starts as a body.
    segs: list[tuple[int, int]] = []
    pos = offset
    for part in re.split(r"(,\s*)", subject):
        if part and not re.fullmatch(r",\s*", part):
            segs.append((pos, pos + len(part)))
        pos += len(part)
    chosen = None
    for i, (a, b) in enumerate(segs):
        seg = text[a:b]
        place = _PLACE_PREFIX_RE.match(seg)
        if place and _BODY_HEAD_CI_RE.match(seg[place.end() :]):
            segs[i] = (a + place.end(), b)
            chosen = i
            break
        if _BODY_HEAD_CI_RE.match(seg):
            chosen = i
            break
        # "Trong 3 ngày từ 30/11 đến 2/12 huyện ủy Đô Lương": a date phrase without its comma
        inner = _BODY_INSIDE_CI_RE.search(seg)
        if inner and _DIGIT_RE.search(seg, 0, inner.start()) and _DATE_WORD_RE.match(seg):
            segs[i] = (a + inner.start(), b)
            chosen = i
            break
    if chosen is None:
        # "Ngày 25/6, tại huyện Núi Thành đã khai mạc Đại hội đại biểu Đảng bộ ...": the body
        # after the noun
        m = _CONGRESS_BODY_RE.match(text, lead.noun_start, lead.sentence[1])
        if m:
            g = "body" if m.group("body") else "body2"
            return m.group(g), m.start(g), m.end(g)
        if not segs:
            return None
        chosen = len(segs) - 1
    a, b = segs[chosen]
    # "Đảng ủy, Ban Giám đốc Học viện ...", "Quân ủy Trung ương, Bộ Quốc phòng": a Party
    # committee and its command hold the meeting jointly; another body after a comma is a parent.
    if chosen + 1 < len(segs):
        nxt = text[segs[chosen + 1][0] : segs[chosen + 1][1]]
        first = text[a:b]
        if (_BODY_ONLY_RE.match(first) and _BODY_HEAD_RE.match(nxt)) or (
            _PARTY_RE.match(first) and _COMMAND_RE.match(nxt)
        ):
            b = segs[chosen + 1][1]
    # "Đảng ủy Sư đoàn 5 đã long trọng tổ chức ...": the words before the verb are not the body
    b = a + len(_BEFORE_VERB_RE.sub("", text[a:b]))
    name = text[a:b]
    name = _PARENT_RE.sub("", _TRAILING_PAREN_RE.sub("", name)).strip()
    if not name or not (name[0].isupper() or _BODY_HEAD_CI_RE.match(name)):
        return None
    return name, a, a + len(name)


def _organizer_from_chair(people: list[Person]) -> str | None:
    for p in people:
        if "chair" in p.roles and p.positions:
            body = _TITLE_HEAD_CI_RE.sub("", p.positions[-1], count=1)
            if body != p.positions[-1] and _BODY_HEAD_RE.match(body):
                return _TRAILING_PAREN_RE.sub("", body).strip()
    return None


def _kind_in(phrase: str) -> tuple[str | None, int]:
    low = phrase.lower()
    best: tuple[str | None, int] = (None, len(low) + 1)
    m = _RA_NQ_RE.search(low)
    if m:
        best = (KIND_RA_NGHI_QUYET, m.start())
    for kind, rx in _KIND_RES:
        m = rx.search(low)
        if m and m.start() < best[1]:
            best = (kind, m.start())
    return best


def _period_after(
    text: str, start: int, end: int, docs: list[DocHit], forms: tuple[str, ...] | None = None
) -> tuple[str | None, PeriodHit | None]:
    """The first period after ``start``; a missing year comes from the next period with one."""
    m = _INTERVAL_RE.search(text, start, end)
    if m and m.start() - start < 60:
        doc = next((d for d in docs if m.end() - 25 <= d.start <= m.end() + 5 and d.date), None)
        if doc:
            y = int(doc.date[:4])
            n = int(m.group("n"))
            return f"{y}-{y + n}", PeriodHit(
                m.start(), doc.end, text[m.start() : doc.end], "span", y, y + n
            )
    hits = [h for h in find_periods(text[start:end]) if forms is None or h.form in forms]
    if not hits:
        return None, None
    first = hits[0]
    year = first.year
    if year is None and first.form not in ("term", "span"):
        later = [h for h in hits[1:] if h.year]
        if later:
            year = later[0].year
    hit = PeriodHit(
        first.start + start,
        first.end + start,
        first.text,
        first.form,
        year,
        first.year2,
        first.quarter,
    )
    return hit.value(year), hit


def _infer_year(
    text: str,
    date: DateHit,
    kind: str,
    period_hit: PeriodHit | None,
    docs: list[DocHit],
    sentences: list[tuple[int, int]],
    page_date: tuple[int, int, int | None] | None = None,
) -> int | None:
    """The year of a day/month date, only when the rules of EXTRACTION.md make it certain."""
    windows: list[tuple[dt.date, dt.date]] = []
    lower: dt.date | None = None
    upper: dt.date | None = None
    ph = period_hit
    if ph is not None and ph.year:
        if kind in (KIND_SO_KET, KIND_TONG_KET, KIND_OTHER) and ph.form != "term":
            if ph.form == "span" and "năm học" in ph.text.lower():
                end_year, end_month = ph.year2, 6
            elif ph.form == "span" and ph.year2:
                end_year, end_month = ph.year2, None
            else:
                end_year, end_month = ph.year, ph.end_month()
            if end_year and end_month:
                end_i = end_year * 12 + end_month - 1
                windows.append(
                    _months(end_i - REVIEW_WINDOW_MONTHS[0], end_i + REVIEW_WINDOW_MONTHS[1])
                )
            elif end_year:
                windows.append((dt.date(end_year, 1, 1), dt.date(end_year, 12, 31)))
        elif kind == KIND_RA_NGHI_QUYET and ph.form != "term":
            start_month = {"h2": 7, "quarter": 3 * (ph.quarter or 1) - 2}.get(ph.form, 1)
            start_i = ph.year * 12 + start_month - 1
            windows.append(
                _months(start_i - PLAN_WINDOW_MONTHS[0], start_i + PLAN_WINDOW_MONTHS[1])
            )
        elif kind == KIND_DAI_HOI and ph.form == "term":
            windows.append((dt.date(ph.year, 1, 1), dt.date(ph.year, 12, 31)))
    # A commemorated date counts only in the sentence that dates the meeting ("Nhân dịp kỷ niệm
    # 95 năm ... (3/2/1930 - 3/2/2025), chiều 31/1, ..."), not as a past activity elsewhere.
    sentence = next(((a, b) for a, b in sentences if a <= date.start < b), (date.start, date.end))
    for m in _ANNIV_RE.finditer(text, sentence[0], sentence[1]):
        try:
            d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        windows.append(
            (
                d - dt.timedelta(days=ANNIVERSARY_WINDOW_DAYS[0]),
                d + dt.timedelta(days=ANNIVERSARY_WINDOW_DAYS[1]),
            )
        )
    # The meeting named by its own full date in the sentence that dates it ("Sáng 19/5, ... Lễ
    # trao Huy hiệu Đảng đợt 19/5/2025"): that date. A cited document's date is not one (a
    # review held on the anniversary of its resolution).
    for h in find_dates(text[sentence[0] : sentence[1]]):
        at = sentence[0] + h.start
        if any(d.start <= at < d.date_end for d in docs):
            continue
        if h.year and (h.day, h.month) == (date.day, date.month):
            d = dt.date(h.year, h.month, h.day)
            windows.append((d, d))
        elif h.year and _ROUND_BEFORE_RE.search(text, max(sentence[0], at - 12), at):
            # "lễ trao tặng Huy hiệu Đảng (đợt ngày 3-2-2022)" held on 26-1: an award round is
            # given around its date, like a commemorated one
            try:
                d = dt.date(h.year, h.month, h.day)
            except ValueError:
                continue
            windows.append(
                (
                    d - dt.timedelta(days=ANNIVERSARY_WINDOW_DAYS[0]),
                    d + dt.timedelta(days=ANNIVERSARY_WINDOW_DAYS[1]),
                )
            )
    for m in _THIS_EVENT_YEAR_RE.finditer(text):
        y = int(m.group("y"))
        windows.append((dt.date(y, 1, 1), dt.date(y, 12, 31)))
    if page_date is not None:
        # A page's stamp or posting line: the meeting falls in its month or the month before
        # (EXTRACTION.md), and not after the posting day.
        y, mo, d = page_date
        first = _months(y * 12 + mo - 2, y * 12 + mo - 2)[0]
        last = dt.date(y, mo, d) if d else _months(y * 12 + mo - 1, y * 12 + mo - 1)[1]
        windows.append((first, last))
    for m in _DATELINE_RE.finditer(text):
        try:
            d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        # A report is dated on or after its meeting, within the year.
        windows.append((d - dt.timedelta(days=364), d))
    dated = [dt.date.fromisoformat(d.date) for d in docs if d.date]
    if dated:
        lower = max(dated)
    for m in _FUTURE_RE.finditer(text):
        y = int(m.group("y"))
        cap = dt.date(y, 12, 31)
        upper = cap if upper is None else min(upper, cap)
    if not windows and not (lower and upper):
        return None
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)}
    years |= {d.year for w in windows for d in w}
    candidates = set()
    for y in {y + k for y in years for k in (-1, 0, 1)}:
        try:
            d = dt.date(y, date.month, date.day)
        except ValueError:
            continue
        if (
            all(a <= d <= b for a, b in windows)
            and (lower is None or d >= lower)
            and (upper is None or d <= upper)
        ):
            candidates.add(y)
    return candidates.pop() if len(candidates) == 1 else None


def _months(lo: int, hi: int) -> tuple[dt.date, dt.date]:
    a = dt.date(lo // 12, lo % 12 + 1, 1)
    nxt = hi + 1
    b = dt.date(nxt // 12, nxt % 12 + 1, 1) - dt.timedelta(days=1)
    return a, b


def _event_date(
    text: str, sentences: list[tuple[int, int]], lead: _Lead | None, docs: list[DocHit]
) -> DateHit | None:
    doc_spans = [(d.start, d.date_end) for d in docs]
    datelines = [(m.start(), m.end()) for m in _DATELINE_RE.finditer(text)]
    area_end = (
        lead.sentence[1] if lead else (sentences[min(1, len(sentences) - 1)][1] if sentences else 0)
    )

    def usable(h: DateHit) -> bool:
        if not h.has_prefix and not (h.start == 0 or text[h.start - 1] == "\n"):
            return False
        if any(a <= h.start < b for a, b in doc_spans + datelines):
            return False
        before = text[max(0, h.start - 12) : h.start]
        if _NOT_EVENT_DATE_BEFORE.search(before) and not _LEAD_VAO_RE.search(before):
            return False
        before = text[max(0, h.start - 80) : h.start]
        return before.count("(") <= before.count(")")

    hits = [h for h in find_dates(text[:area_end]) if usable(h)]
    if lead:
        in_lead = [h for h in hits if h.start >= lead.sentence[0]]
        if in_lead:
            return in_lead[0]
        if not hits:
            # an internal record states the time on the lines after its title ("Thời gian: ..., ngày 28/6")
            after = [i for i, (s, _) in enumerate(sentences) if s >= lead.sentence[1]][:3]
            for i in after:
                s, e = sentences[i]
                found = [h for h in find_dates(text[:e]) if h.start >= s and usable(h)]
                if found:
                    return found[0]
    return hits[0] if hits else None


def _has_period(text: str, ps: int, pe: int) -> bool:
    """Whether the lead names a period other than the one it plans ("triển khai phương hướng
    nhiệm vụ 6 tháng cuối năm 2020")."""
    return any(
        h.form != "term"
        and not _PLAN_BEFORE_RE.search(text, max(ps, ps + h.start - 40), ps + h.start)
        for h in find_periods(text[ps:pe])
    )


def _reviewed_in_lead(text: str, ps: int, pe: int) -> PeriodHit | None:
    """The period a lead "đánh giá"s ("đánh giá kết quả ... quý I; triển khai ... quý II/2018")."""
    for m in _REVIEW_WORD_RE.finditer(text, ps, pe):
        for h in find_periods(m.group(0)):
            if h.form in REVIEW_FORMS and not (h.form == "year" and h.year is None):
                return _shifted(h, m.start())
    return None


def _reviewed_after(text: str, sentences: list[tuple[int, int]], after: int) -> PeriodHit | None:
    """A period opening one of the sentences after ``after`` ("Trong 6 tháng đầu năm, ...")."""
    following = [(s, e) for s, e in sentences if s >= after][:REVIEW_SENTENCES]
    for s, e in following:
        head = text[s : min(e, s + 60)]
        o = _REVIEW_OPEN_RE.match(head)
        off = o.end() if o else 0
        for h in find_periods(head):
            if h.start == off and h.form in REVIEW_FORMS and (h.form != "year" or h.year):
                if text.startswith(",", s + h.end):
                    return _shifted(h, s)
            break
    return None


def _shifted(h: PeriodHit, by: int, year: int | None = None) -> PeriodHit:
    return PeriodHit(h.start + by, h.end + by, h.text, h.form, year or h.year, h.year2, h.quarter)


_START_MONTH = {"h1": 1, "h2": 7, "m9": 1, "year": 1}


def _year_from_lead(review: PeriodHit, text: str, ps: int, pe: int) -> PeriodHit:
    """A yearless reviewed period takes the year of a later period the lead plans ("6 tháng
    cuối năm 2020", "quý II/2018")."""
    if review.year is not None:
        return review
    dated = [h for h in find_periods(text[ps:pe]) if h.year and h.form != "term"]
    for h in dated:
        start = _START_MONTH.get(h.form, 3 * (h.quarter or 1) - 2)
        if start > review.end_month():
            return _shifted(review, 0, h.year)
    # otherwise the next period with a year, as for a period named in the lead
    later = [h for h in dated if h.start + ps > review.start]
    return _shifted(review, 0, later[0].year) if later else review


def find_event(
    text: str,
    people: list[Person],
    docs: list[DocHit],
    headline: str | None = None,
    sentences: list[tuple[int, int]] | None = None,
    page_date: tuple[int, int, int | None] | None = None,
) -> Event:
    ev = Event()
    sentences = split_sentences(text) if sentences is None else sentences
    if len(sentences) >= NO_RUNNING_TEXT_MIN_LINES and not _STOP_RE.search(text):
        # a menu or a list of headlines: lines, no sentence; nothing is read as the meeting
        ev.notes.append(NOTE_NO_RUNNING_TEXT)
        return ev
    review_hit: PeriodHit | None = None
    inferred_period: str | None = None
    body_from = len(headline) if headline and text.startswith(headline) else 0
    lead = _find_lead(text, sentences, body_from)
    date = _event_date(text, sentences, lead, docs)
    # Kind and period from the conference phrase of the lead, else from the whole report.
    if lead:
        ps, pe = lead.noun_start, lead.sentence[1]
        phrase = text[ps:pe]
        kind, at = _kind_in(phrase)
        kind_src = "lead"
        if kind is None:
            # "Hội nghị Ban Chấp hành ... lần thứ 20 khai mạc. Hội nghị sơ kết ...": the next
            # sentence about the meeting names what it does
            nxt = next(((a, b) for a, b in sentences if a >= pe), None)
            if nxt and _MEETING_SUBJECT_RE.match(text, nxt[0]):
                k2, at2 = _kind_in(text[nxt[0] : nxt[1]])
                if k2 is not None:
                    kind, at = k2, at2 + nxt[0] - ps
                    pe = nxt[1]
        if kind is None and lead.noun == "đại hội":
            kind, at = KIND_DAI_HOI, 0
        if lead.noun == "hội nghị" and (
            kind is None or (kind == KIND_QUAN_TRIET and _SESSION_RE.search(phrase))
        ):
            # a committee session that reviews a period: "đánh giá ... quý I" in the lead, or
            # the report's next paragraph opening with it ("Trong 6 tháng đầu năm, ...")
            review = _reviewed_in_lead(text, ps, pe)
            if review is None and kind is None and not _has_period(text, ps, pe):
                review = _reviewed_after(text, sentences, pe)
            if review is not None:
                review_hit = _year_from_lead(review, text, ps, pe)
                kind = KIND_TONG_KET if review.form == "year" else KIND_SO_KET
                at = review_hit.start - ps
                kind_src = "elsewhere"
        if kind is None and body_from and lead.sentence[0] >= body_from:
            # "Đảng ủy Sư đoàn 5 sơ kết 6 tháng đầu năm 2025" over a lead that names only
            # "Hội nghị Ban Chấp hành lần thứ 5": the headline says what the meeting did
            hk, hat = _kind_in(text[:body_from])
            if hk is not None and hk != KIND_OTHER:
                kind, at, kind_src = hk, hat, "headline"
                ps, pe = 0, body_from
        if kind is None:
            kind_src = "rule"
            pv, ph = _period_after(text, ps, pe, docs)
            head = phrase[: ph.start - ps].lower() if ph is not None else ""
            if ph is not None and any(w in head for w in NO_REVIEW_MEETING_WORDS):
                # "sinh hoạt chi bộ định kỳ tháng 10 và sinh hoạt chuyên đề quý 3": a regular
                # cell meeting reviews no period
                kind, at = KIND_OTHER, -1
            elif ph is not None and any(w in head for w in ROUTINE_MEETING_WORDS):
                # "hội nghị giao ban ... quý III/2024": a routine meeting, other, with the
                # period it looks back on
                kind, at = KIND_OTHER, ph.start - ps
            elif (
                ph is not None
                and lead.noun == "hội nghị"
                and ph.form in ("h1", "m9", "quarter")
                and ("năm" in ph.text or ph.form == "quarter")
            ):
                kind, at = KIND_SO_KET, ph.start - ps
            elif (
                ph is not None
                and ph.form == "year"
                and lead.noun == "hội nghị"
                and ph.start - ps < 60
            ):
                kind, at = KIND_TONG_KET, ph.start - ps
                reviewed = _REVIEWED_YEAR_RE.search(text)
                if reviewed:
                    inferred_period = reviewed.group("y")
            elif (
                ph is not None
                and ph.form != "term"
                and any(w in phrase.lower() for w in OTHER_REVIEW_WORDS)
            ):
                # the period an other meeting reviews; a congress's term is not one ("rút kinh
                # nghiệm đại hội điểm Chi bộ ..., nhiệm kỳ 2025 - 2027")
                kind, at = KIND_OTHER, ph.start - ps
            else:
                kind, at = KIND_OTHER, -1
                # a ceremony or a sitting named in the lead is "other"; a conference without
                # a kind word or period is a guess
                kind_src = "guess" if lead.noun in ("hội nghị", "đại hội") else "lead"
        if kind_src == "lead" and lead.sentence[0] < body_from:
            kind_src = "headline"
        ev.kind_span = (ps, pe)
    else:
        ev.notes.append(NOTE_NO_MEETING)
        kind, at = _kind_in(text)
        kind_src = "guess"
        ps, pe = 0, len(text)
        review = _reviewed_after(text, sentences[:1], 0)
        if review is not None:
            # no lead: a report opening with the period it reviews ("Năm 2022, Đảng ủy ...")
            review_hit = review
            kind = KIND_TONG_KET if review.form == "year" else KIND_SO_KET
            at = review.start
            kind_src = "elsewhere"
        if kind is None:
            kind, at = KIND_OTHER, -1
        elif kind != KIND_RA_NGHI_QUYET:
            sentence = next(((s, e) for s, e in sentences if s <= at < e), (0, len(text)))
            pe = sentence[1]
    ev.kind = kind
    ev.sources["kind"] = kind_src
    period_hit: PeriodHit | None = None
    if kind == KIND_QUAN_TRIET:
        ev.period = None
    elif kind == KIND_DAI_HOI:
        ev.period, period_hit = _period_after(text, ps, pe, docs, ("term",))
        if ev.period is None:
            ev.period, period_hit = _period_after(text, 0, len(text), docs, ("term",))
    elif kind == KIND_OTHER and at < 0:
        ev.period = None
    elif review_hit is not None:
        period_hit = review_hit
        ev.period = review_hit.value()
    else:
        ev.period, period_hit = _period_after(text, ps + max(at, 0), pe, docs)
        if ev.period is None and not lead:
            ev.period, period_hit = _period_after(text, ps + max(at, 0), len(text), docs)
    if inferred_period:
        ev.period = inferred_period
    if period_hit is not None and period_hit.year is None and date is not None and date.year:
        # "sơ kết 6 tháng đầu năm" held on 3/7/2024: the latest such period ended before the meeting
        end_month = period_hit.end_month()
        year = date.year if date.month >= end_month - 1 else date.year - 1
        period_hit = PeriodHit(
            period_hit.start,
            period_hit.end,
            period_hit.text,
            period_hit.form,
            year,
            period_hit.year2,
            period_hit.quarter,
        )
        ev.period = period_hit.value(year)
    if period_hit is not None:
        ev.period_span = (period_hit.start, period_hit.end)
    period_written = period_hit is not None and period_hit.year is not None
    # Date.
    if date is not None:
        ev.date_text = date.text
        ev.date_span = (date.start, date.end)
        year = date.year or _infer_year(text, date, kind, period_hit, docs, sentences, page_date)
        ev.sources["date"] = "written" if date.year else ("rule" if year else SOURCE_NONE)
        if not year:
            ev.notes.append(NOTE_YEAR_UNCERTAIN)
        if year:
            ev.date = f"{year:04d}-{date.month:02d}-{date.day:02d}"
            if period_hit is not None and period_hit.year is None and not date.year:
                # the meeting's year, once certain, dates the yearless period it reviews
                end_month = period_hit.end_month()
                py = year if date.month >= end_month - 1 else year - 1
                ev.period = _shifted(period_hit, 0, py).value(py)
    ev.sources["period"] = _period_source(ev, kind_src, period_written)
    # Organizer.
    org = _organizer(text, lead, date) if lead else None
    if org:
        ev.organizer, a, b = org
        ev.organizer_span = (a, b)
        ev.sources["organizer"] = "headline" if lead.sentence[0] < body_from else "lead"
        if _another_meeting(text, sentences, lead, ev.organizer):
            ev.notes.append(NOTE_SEVERAL_MEETINGS)
    else:
        # "... do Đảng ủy Sư đoàn 5 tổ chức", "hội nghị ... được Đảng ủy Sư đoàn 5 tổ chức"
        m = _AGENT_RE.search(text)
        if m and _BODY_HEAD_RE.match(m.group("body")):
            ev.organizer = m.group("body")
            ev.organizer_span = (m.start("body"), m.end("body"))
            ev.sources["organizer"] = "elsewhere"
        else:
            ev.organizer = _organizer_from_chair(people)
            ev.sources["organizer"] = "chair" if ev.organizer else SOURCE_NONE
    return ev


# A kind that always has a period (the reviewed or planned one, the term).
_KINDS_WITH_PERIOD = (KIND_SO_KET, KIND_TONG_KET, KIND_RA_NGHI_QUYET, KIND_DAI_HOI)


def _period_source(ev: Event, kind_src: str, written: bool) -> str:
    if ev.period is None:
        return SOURCE_NONE if ev.kind in _KINDS_WITH_PERIOD else "not_applicable"
    if not written:
        return "rule"  # its year came from the meeting's date or another period
    return kind_src if kind_src != "guess" else "elsewhere"


def _another_meeting(
    text: str, sentences: list[tuple[int, int]], lead: _Lead, organizer: str
) -> bool:
    """Whether a later dated lead names another organizer ("Cùng ngày, Đảng ủy Sư đoàn 5 tổ
    chức Hội nghị ..."): a report of two meetings, of which the record reads the first."""
    key = compare_key(organizer)
    for s, e in sentences[:LEAD_SENTENCES]:
        if s <= lead.sentence[0] or text.find("tổ chức", s, e) == -1:
            continue
        if not _DATE_START_RE.match(text, s):
            continue  # a lead of its own opens with its date ("Cùng ngày 21/6, ...")
        m = _LEAD_RE.search(text, s, e)
        if m is None or _NOT_LEAD_BEFORE_RE.search(text, max(s, m.start() - 15), m.start()):
            continue
        head = text[s : min(e, s + LEAD_DATE_MAX_OFFSET + 30)]
        dates = [h for h in find_dates(head) if h.has_prefix and h.start <= LEAD_DATE_MAX_OFFSET]
        if not dates:
            continue
        d = dates[0]
        other = _Lead((s, e), m.start("verb"), m.start("noun"), m.group("noun").lower())
        hit = DateHit(d.start + s, d.end + s, d.text, d.day, d.month, d.year, True)
        org = _organizer(text, other, hit)
        if org and compare_key(org[0]) != key:
            return True
    return False
