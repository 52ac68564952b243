"""Extra keys of the record: figures with what they measure, tasks from the directing parts, awards."""

from __future__ import annotations

import re

from ctct.extract.people import Person, split_sentences
from ctct.extract.results import read_result
from ctct.extract.vocab import AWARD_NOUNS, AWARD_VERBS

# A figure: a number with its unit ("92%", "412 tỷ đồng", "17/19 chỉ tiêu", "2.146 đảng viên").
_FIGURE_RE = re.compile(
    r"(?<![\w/.,])(?P<value>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:/\d+)?)\s*"
    r"(?P<unit>%|phần trăm|tỷ đồng|triệu đồng|nghìn đồng|đồng|ha|km|lượt|người|đảng viên|chỉ tiêu|"
    r"tổ chức(?: cơ sở)? đảng|chi bộ|đảng bộ|cuộc|buổi|hộ|mô hình|chương trình|đợt|lớp|học viên|"
    r"cán bộ|chiến sĩ|tấn|ngày công|công trình|nhà|suất quà|suất|đại biểu|điểm cầu)?(?![\w])"
)
_CLAUSE_SPLIT_RE = re.compile(r"[;:]|,(?=\s)")
_TASK_TRIGGER_RE = re.compile(
    r"(?:yêu cầu|đề nghị|phương hướng,? nhiệm vụ[^.:]{0,80}?|nhiệm vụ trọng tâm[^.:]{0,60}?|"
    r"tập trung vào các nội dung|xác định là|giải pháp[^.:]{0,40}?)\s*:?\s*",
    re.IGNORECASE,
)
_AWARD_NOUN_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(n) for n in AWARD_NOUNS) + r")(?![\w])"
)
_AWARD_VERB_RE = re.compile(r"(?<![\w])(?:trao tặng|" + "|".join(AWARD_VERBS) + r")(?![\w])")


_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_LINE_RE = re.compile(r"[^\n]+")
_ITEM_RE = re.compile(r"[^;.]+")
_AWARD_STOP_RE = re.compile(r"\s+cho\s+|[;.]|,\s")
_CLAUSE_END_RE = re.compile(r"[;.]")


def _clause_bounds(text: str, s: int, e: int, pos: int, end: int) -> tuple[int, int]:
    a = s
    for m in _CLAUSE_SPLIT_RE.finditer(text, s, pos):
        a = m.end()
    b = e
    m = _CLAUSE_SPLIT_RE.search(text, end, e)
    if m:
        b = m.start()
    while a < b and text[a] in " ,":
        a += 1
    while b > a and text[b - 1] in " .":
        b -= 1
    return a, b


def find_figures(text: str, sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """Numbers with a unit or a share, each with the clause that says what it measures and,
    for a figure that reports a result, what it was achieved against (``results.py``)."""
    out = []
    for s, e in split_sentences(text) if sentences is None else sentences:
        for m in _FIGURE_RE.finditer(text, s, e):
            value, unit = m.group("value"), m.group("unit")
            if not unit and "/" not in value:
                continue
            if not unit and _YEAR_RE.fullmatch(value):
                continue
            a, b = _clause_bounds(text, s, e, m.start(), m.end())
            clause = text[a:b]
            out.append(
                {
                    "value": value,
                    "unit": unit,
                    "text": m.group(0).strip(),
                    "measure": clause,
                    "span": [m.start(), m.end()],
                    "measure_span": [a, b],
                    # what a result figure says: achieved, exceeded, against what (results.py)
                    **read_result(
                        text,
                        (m.start(), m.end()),
                        (a, b),
                        value=value,
                        unit=unit,
                        sentence=(s, e),
                    ),
                }
            )
    return out


def find_tasks(text: str, people: list[Person]) -> list[dict]:
    """Tasks and requirements from the direction and directing-speech parts, one per item."""
    # the directing speech, or the speech of the chair or a guest that sets requirements
    directing = {
        sp
        for p in people
        if "directed" in p.roles or ("spoke" in p.roles and {"chair", "attended"} & set(p.roles))
        for sp in p.spans
    }
    out = []
    for para_m in _LINE_RE.finditer(text):
        ps, pe = para_m.start(), para_m.end()
        para = para_m.group(0)
        low = para.lower()
        speech = (
            any(ps <= a < pe for a, _ in directing)
            or "phương hướng" in low
            or "nhiệm vụ trọng tâm" in low
        )
        if not speech:
            continue
        m = _TASK_TRIGGER_RE.search(para)
        if not m:
            continue
        start = ps + m.end()
        # "yêu cầu Đảng ủy tập trung vào các nội dung: A. B.": the list starts after the colon
        colon = text.find(":", start, pe)
        stop = text.find(".", start, pe)
        if colon != -1 and (stop == -1 or colon < stop):
            start = colon + 1
        for item in _ITEM_RE.finditer(text[start:pe]):
            a, b = start + item.start(), start + item.end()
            while a < b and text[a] in " ,":
                a += 1
            while b > a and text[b - 1] in " ":
                b -= 1
            if b - a < 12:
                continue
            out.append({"text": text[a:b], "span": [a, b]})
    return out


def find_awards(text: str, sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """Awards given: the award named, who gave it and to whom, as written."""
    out = []
    for s, e in split_sentences(text) if sentences is None else sentences:
        verb = _AWARD_VERB_RE.search(text, s, e)
        if not verb:
            continue
        for m in _AWARD_NOUN_RE.finditer(text, verb.start(), e):
            stop = _AWARD_STOP_RE.search(text, m.end(), e)
            award_end = stop.start() if stop else e
            recipients = None
            if stop and stop.group(0).strip() == "cho":
                r_end = _CLAUSE_END_RE.search(text, stop.end(), e)
                recipients = text[stop.end() : r_end.start() if r_end else e].strip()
            giver = text[s : verb.start()].strip(" ,")
            out.append(
                {
                    "award": text[m.start() : award_end].strip(),
                    "giver": giver or None,
                    "recipients": recipients,
                    "span": [m.start(), award_end],
                }
            )
    return out
