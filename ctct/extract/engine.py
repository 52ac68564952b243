"""From cleaned text to the record: documents, people, event, byline and the extra keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctct.extract.clean import clean
from ctct.extract.event import Event, find_event
from ctct.extract.extras import find_awards, find_figures, find_tasks
from ctct.extract.lang import DocHit, find_documents
from ctct.extract.people import Person, find_people
from ctct.extract.vocab import BODY_CONNECTORS, BODY_LOWER_SYLLABLES
from ctct.text.normalize import compare_key

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
        ok = (
            w[0].isupper()
            or w[0].isdigit()
            or w.lower() in BODY_LOWER_SYLLABLES
            or w.startswith("(")
        )
        if not words and not w[0].isupper():
            return None
        if not ok and w not in BODY_CONNECTORS:
            break
        words.append((t.start(1), t.end(1)))
        cur = t.end()
    while words and text[words[-1][0] : words[-1][1]] in BODY_CONNECTORS:
        words.pop()
    if not words:
        return None
    return text[words[0][0] : words[-1][1]]


def _doc_key(kind: str, number: str) -> tuple[str, str]:
    return compare_key(kind), number.lstrip("0") or "0"


def build_documents(text: str, hits: list[DocHit]) -> list[Document]:
    docs: list[Document] = []
    index: dict[tuple[str, str], int] = {}
    for h in hits:
        key = _doc_key(h.type, h.number)
        issuer = _issuer(text, h.date_end)
        if key not in index:
            index[key] = len(docs)
            docs.append(Document(h.type, h.number, h.symbol, h.date, issuer, []))
        d = docs[index[key]]
        d.spans.append((h.start, h.date_end))
        d.symbol = d.symbol or h.symbol
        d.date = d.date or h.date
        d.issuer = d.issuer or issuer
    return docs


def extract_text(raw: str, source: str = "") -> Record:
    cleaned = clean(raw)
    text = cleaned.text
    hits = find_documents(text)
    documents = build_documents(text, hits)
    people = find_people(text)
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
