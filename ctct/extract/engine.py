"""From cleaned text to the record: documents, people, event, byline and the extra keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctct.extract.clean import clean
from ctct.extract.event import Event, find_event
from ctct.extract.extras import find_awards, find_figures, find_tasks
from ctct.extract.lang import DocHit, find_documents
from ctct.extract.patterns import alternation
from ctct.extract.people import Person, find_people
from ctct.extract.vocab import BODY_CONNECTORS, BODY_KINDS, BODY_LOWER_SYLLABLES, DOCUMENT_TYPES
from ctct.text.normalize import compare_key

_ORDINAL_RE = re.compile(r"lần thứ (?:[^\W\d_]+|\d+)")
_BODY_START_RE = re.compile(r"\s+(?:" + alternation(BODY_KINDS) + r")(?![\w])")
_COMMA_BODY_RE = re.compile(
    r",\s+(?=(?P<body>(?:"
    + alternation(b for b in BODY_KINDS if " " in b or b in ("Bộ", "Ban"))
    + r")(?![\w])))"
)
_DOC_TYPE_START_RE = re.compile(r"(?:" + alternation(DOCUMENT_TYPES) + r")(?![\w])")
_OWN_NUMBER_RE = re.compile(r"(?:^|\n)\s*Số:?\s*$")
_ISSUER_INTRO_RE = re.compile(r"\s*,?\s*(?:do\s+|của\s+)")
_TOKEN_RE = re.compile(r"\s*(\([A-ZĐ][A-ZĐa-z0-9&\-]{1,12}\)|[^\s,.;:()“”\"]+)")


@dataclass
class Document:
    type: str
    number: str
    symbol: str | None
    date: str | None
    issuer: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "issuer": self.issuer,
            "spans": [list(s) for s in self.spans],
        }


@dataclass
class Record:
    source: str
    event: Event
    people: list[Person]
    documents: list[Document]
    byline: str | None
    text: str
    headline: str | None = None
    figures: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "event": self.event.to_dict(),
            "people": [p.to_dict() for p in self.people],
            "documents": [d.to_dict() for d in self.documents],
            "byline": self.byline,
            "headline": self.headline,
            "figures": self.figures,
            "tasks": self.tasks,
            "awards": self.awards,
            "text": self.text,
        }


def _issuer(text: str, pos: int) -> str | None:
    """The body after "của" that issued a document: "của Ban Thường vụ Đảng ủy Quân khu về ..."."""
    m = _ISSUER_INTRO_RE.match(text, pos)
    if not m:
        return None
    cur = m.end()
    words: list[tuple[int, int]] = []
    while True:
        t = _TOKEN_RE.match(text, cur)
        if not t:
            break
        w = t.group(1)
        if not words and not w[0].isupper():
            return None
        if w.lower() == "lần":
            o = _ORDINAL_RE.match(text, t.start(1))
            if o:
                words.append((o.start(), o.end()))
                cur = o.end()
                continue
        ok = (
            w[0].isupper()
            or w[0].isdigit()
            or w.lower() in BODY_LOWER_SYLLABLES
            or w.startswith("(")
        )
        if not ok:
            if w in BODY_CONNECTORS and _BODY_START_RE.match(text, t.end()):
                words.append((t.start(1), t.end(1)))
                cur = t.end()
                continue
            break
        if words and _DOC_TYPE_START_RE.match(text, t.start(1)):
            break
        words.append((t.start(1), t.end(1)))
        cur = t.end()
        # "Bộ Chính trị, Ban Bí thư": a comma joins a second issuing body
        c = _COMMA_BODY_RE.match(text, cur)
        if c:
            cur = c.start("body")
    if not words:
        return None
    return text[words[0][0] : words[-1][1]]


def _doc_key(kind: str, number: str) -> tuple[str, str]:
    return compare_key(kind), number.lstrip("0") or "0"


def _symbol_issuer(symbol: str | None) -> str | None:
    """The issuer part of a symbol: "NQ/TW" -> "TW", "QĐ-UBND" -> "UBND"."""
    if not symbol:
        return None
    return re.split(r"[-/]", symbol)[-1]


def build_documents(text: str, hits: list[DocHit]) -> list[Document]:
    """Documents by (type, number), once each; a date or issuer said once for a list applies to all.

    The report's own number in an official header ("Số 318-BC/HU" on a line of its own) is not a
    cited document.
    """
    hits = [h for h in hits if not _OWN_NUMBER_RE.search(text[max(0, h.start - 8) : h.start])]
    issuers = [_issuer(text, h.date_end) for h in hits]
    dates = [h.date for h in hits]
    # "Kết luận số 126-KL/TW ngày 14/2/2025 và số 127-KL/TW ngày 28/2/2025 của Bộ Chính trị":
    # hits joined only by "," / "và" share what the last of them says.
    for i in range(len(hits) - 2, -1, -1):
        gap = text[hits[i].date_end : hits[i + 1].start]
        same_issuer = (
            _symbol_issuer(hits[i].symbol) == _symbol_issuer(hits[i + 1].symbol) is not None
        )
        if same_issuer and re.fullmatch(r"\s*(?:,|và|;)?\s*(?:số\s*)?", gap):
            issuers[i] = issuers[i] or issuers[i + 1]
            if (
                dates[i] is None
                and hits[i].date_end == hits[i].end
                and hits[i].type == hits[i + 1].type
            ):
                dates[i] = dates[i + 1]
    docs: list[Document] = []
    index: dict[tuple[str, str], int] = {}
    for h, issuer, date in zip(hits, issuers, dates, strict=True):
        key = _doc_key(h.type, h.number)
        if key not in index:
            index[key] = len(docs)
            docs.append(Document(h.type, h.number, h.symbol, date, issuer, []))
        d = docs[index[key]]
        d.spans.append((h.start, h.date_end))
        d.symbol = d.symbol or h.symbol
        d.date = d.date or date
        d.issuer = d.issuer or issuer
    return docs


def extract_text(raw: str, source: str = "") -> Record:
    cleaned = clean(raw)
    text = cleaned.text
    hits = find_documents(text)
    documents = build_documents(text, hits)
    roles_from = (
        len(cleaned.headline) if cleaned.headline and text.startswith(cleaned.headline) else 0
    )
    people = find_people(text, roles_from)
    event = find_event(text, people, hits, cleaned.headline)
    return Record(
        source=source,
        event=event,
        people=people,
        documents=documents,
        byline=cleaned.byline,
        text=text,
        headline=cleaned.headline,
        figures=find_figures(text),
        tasks=find_tasks(text, people),
        awards=find_awards(text),
    )
