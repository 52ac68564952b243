"""From cleaned text to the record: documents, people, event, byline and the extra keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctct.extract.clean import clean
from ctct.extract.event import (
    NOTE_NO_MEETING,
    NOTE_NO_RUNNING_TEXT,
    NOTE_SEVERAL_MEETINGS,
    NOTE_YEAR_UNCERTAIN,
    Event,
    find_event,
)
from ctct.extract.extras import find_awards, find_figures, find_tasks
from ctct.extract.lang import DocHit
from ctct.extract.patterns import alternation
from ctct.extract.people import Person, find_people, split_sentences
from ctct.extract.vocab import DOCUMENT_CUE_WORDS
from ctct.text.docnumbers import find_docnumbers
from ctct.text.normalize import compare_key

# A line worth giving to the document finder: a type word and a number, or a number and symbol.
_DOC_CUE_RE = re.compile(
    r"(?:"
    + alternation(DOCUMENT_CUE_WORDS)
    + r")\s+(?:số\s*:?\s*)?\d|\d\s*[-/]\s*(?:\d{4}/)?[A-ZĐ]",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_VI_LETTER_RE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323\u1ea0-\u1ef9]")

NOTE_NOT_VIETNAMESE = "not_vietnamese"
# What each note says, in English; the import review shows its own words for the code.
NOTE_MESSAGES = {
    NOTE_NOT_VIETNAMESE: "the text is not Vietnamese: nothing was read from it",
    NOTE_NO_MEETING: "no sentence names the meeting and the body that held it",
    NOTE_YEAR_UNCERTAIN: "the day and month are given but the year is not certain",
    NOTE_SEVERAL_MEETINGS: "the report names more than one meeting: the first one was read",
    NOTE_NO_RUNNING_TEXT: "the page holds lines but no sentences (a menu or list of headlines)",
}


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
    notes: list[str] = field(default_factory=list)

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
            "notes": [{"code": c, "message": NOTE_MESSAGES[c]} for c in self.notes],
            "text": self.text,
        }


def _doc_key(kind: str, number: str) -> tuple[str, str]:
    return compare_key(kind), number.lstrip("0") or "0"


def document_hits(text: str) -> list[DocHit]:
    """Documents cited by number, from the language layer's finder (headers excluded).

    The finder reads one line at a time, and only lines with a cue (a type word before a number,
    or a number with a symbol): a citation, its date and issuer never cross a line.
    """
    hits = []
    pos = 0
    for line in text.split("\n"):
        # the finder is fast and finds nothing in most lines; the cue regex is slow, so it
        # only confirms the lines where something was found
        # "Đề án 06 về ...": a number-only citation without "số" counts (EXTRACTION.md: every
        # document referenced by its number)
        found = find_docnumbers(line, bare_numbers=True) if _DIGIT_RE.search(line) else ()
        if found and _DOC_CUE_RE.search(line):
            for m in found:
                if m.is_header:
                    continue
                kind = m.type_name or (m.doc.type_code or "")
                d = m.date
                date = d.iso() if d is not None and d.year and d.month and d.day else None
                a, b = pos + m.start, pos + m.end
                hits.append(DocHit(a, b, kind, m.number, m.symbol, date, b, m.issuer))
        pos += len(line) + 1
    return hits


def build_documents(hits: list[DocHit]) -> list[Document]:
    """Documents by (type, number), once each; later mentions fill what the first one lacks."""
    docs: list[Document] = []
    index: dict[tuple[str, str], int] = {}
    for h in hits:
        key = _doc_key(h.type, h.number)
        if key not in index:
            index[key] = len(docs)
            docs.append(Document(h.type, h.number, h.symbol, h.date, h.issuer, []))
        d = docs[index[key]]
        d.spans.append((h.start, h.end))
        d.symbol = d.symbol or h.symbol
        d.date = d.date or h.date
        d.issuer = d.issuer or h.issuer
    return docs


def extract_text(raw: str, source: str = "") -> Record:
    cleaned = clean(raw)
    text = cleaned.text
    hits = document_hits(text)
    documents = build_documents(hits)
    roles_from = (
        len(cleaned.headline) if cleaned.headline and text.startswith(cleaned.headline) else 0
    )
    sentences = split_sentences(text)
    people = find_people(text, roles_from, sentences)
    event = find_event(text, people, hits, cleaned.headline, sentences, cleaned.page_date)
    notes = list(event.notes)
    if text.strip() and not _VI_LETTER_RE.search(text):
        notes.insert(0, NOTE_NOT_VIETNAMESE)
    return Record(
        source=source,
        event=event,
        people=people,
        documents=documents,
        byline=cleaned.byline,
        text=text,
        headline=cleaned.headline,
        figures=find_figures(text, sentences),
        tasks=find_tasks(text, people),
        awards=find_awards(text, sentences),
        notes=notes,
    )
