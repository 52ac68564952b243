"""The report text with what the extraction engine read marked in place.

An item's record carries character spans into its cleaned ``text``: the event's date, kind,
period and organizer, each person's name mentions and titles, each document reference. This
module turns them into flat, escaped segments (``segments``) or one HTML string
(``highlight_html``) where each marked piece links to the row of the review form it belongs
to. Spans may nest ("6 tháng đầu năm 2025" inside "Hội nghị ... 6 tháng đầu năm 2025") or
cross; a piece covered by several spans is drawn as the narrowest one and names all of them
in its tooltip. Spans that are malformed or fall outside the text are ignored.

``find_spans`` places a value typed during review (a name the engine missed) in the text, so
rows the user adds are highlighted too.

No Django models here; ``gettext_lazy`` labels only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# kind -> legend label, in the order of the legend.
KINDS: dict[str, object] = {
    "person": _("Person"),
    "rank": _("Rank"),
    "position": _("Title"),
    "organizer": _("Holding body"),
    "date": _("Date"),
    "kind": _("Kind of conference"),
    "period": _("Period"),
    "document": _("Document"),
}

# How far before a name its rank may stand ("Thiếu tướng Trần Chí Tâm").
_RANK_LOOKBACK = 40


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # a key of KINDS
    ref: str  # the id of the form row it belongs to (without "#")
    label: str  # what it is, for the tooltip: "Person 2: Bùi Hữu Ba"


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()  # covering marks, narrowest first

    @property
    def mark(self) -> Mark | None:
        return self.marks[0] if self.marks else None


def _span(value, size: int) -> tuple[int, int] | None:
    """``[start, end]`` as a pair of ints inside a text of ``size`` characters, or None."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    start, end = value
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        return None
    if isinstance(end, bool) or not 0 <= start < end <= size:
        return None
    return start, end


def _spans(values, size: int) -> list[tuple[int, int]]:
    if not isinstance(values, list):
        return []
    return [s for v in values if (s := _span(v, size)) is not None]


def _rank_before(text: str, start: int, rank: str) -> tuple[int, int] | None:
    """The span of ``rank`` written just before a name starting at ``start``, if it is."""
    from ctct.text import compare_key
    from ctct.text.names import find_ranks

    lo = max(0, start - _RANK_LOOKBACK)
    window = text[lo:start]
    found = [m for m in find_ranks(window) if not window[m.end :].strip()]
    if not found:
        return None
    m = found[-1]
    if compare_key(m.rank) != compare_key(rank) and compare_key(m.text) != compare_key(rank):
        return None
    return lo + m.start, lo + m.end


def _kind_label(value) -> str:
    from ctct.conferences.models import Kind

    try:
        return str(Kind(value).label)
    except ValueError:
        return str(value)


def person_ref(index: int) -> str:
    return f"person-{index}"


def document_ref(index: int) -> str:
    return f"document-{index}"


EVENT_REFS = {
    "date": "event-date",
    "kind": "event-kind",
    "period": "event-period",
    "organizer": "event-organizer",
}


def marks_of(record: dict) -> list[Mark]:
    """Every span of ``record`` that lies inside its text, as marks linked to form rows."""
    text = record.get("text") or ""
    size = len(text)
    out: list[Mark] = []
    event = record.get("event") or {}
    event_spans = event.get("spans") or {}
    if isinstance(event_spans, dict):
        for field, ref in EVENT_REFS.items():
            s = _span(event_spans.get(field), size)
            if s is not None:
                value = event.get("date_text" if field == "date" else field) or text[s[0] : s[1]]
                if field == "kind":
                    value = _kind_label(value)
                out.append(Mark(*s, field, ref, f"{KINDS[field]}: {value}"))
    for i, person in enumerate(record.get("people") or []):
        if not isinstance(person, dict):
            continue
        name = person.get("name") or ""
        ref = person_ref(i)
        label = f"{KINDS['person']} {i + 1}: {name}"
        rank = person.get("rank") or ""
        for s in _spans(person.get("spans"), size):
            out.append(Mark(*s, "person", ref, label))
            if rank and (r := _rank_before(text, s[0], rank)) is not None:
                out.append(Mark(*r, "rank", ref, f"{KINDS['rank']}: {rank} ({name})"))
        for s in _spans(person.get("position_spans"), size):
            title = text[s[0] : s[1]]
            out.append(Mark(*s, "position", ref, f"{KINDS['position']}: {title} ({name})"))
    for j, doc in enumerate(record.get("documents") or []):
        if not isinstance(doc, dict):
            continue
        label = f"{KINDS['document']} {j + 1}: " + " ".join(
            str(doc.get(k)) for k in ("type", "number") if doc.get(k)
        )
        for s in _spans(doc.get("spans"), size):
            out.append(Mark(*s, "document", document_ref(j), label))
    return out


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; each piece with the marks covering it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(
            sorted(
                (m for m in marks if m.start <= a and b <= m.end),
                key=lambda m: (m.end - m.start, m.kind != "rank"),
            )
        )
        piece = text[a:b]
        if out and out[-1].marks == covering:  # merge pieces split by a span of no effect
            out[-1] = Segment(out[-1].text + piece, covering)
        else:
            out.append(Segment(piece, covering))
    return out


def _segment_html(seg: Segment) -> str:
    if seg.mark is None:
        return escape(seg.text)
    m = seg.mark
    classes = ["hl", f"hl-{m.kind}"] + [f"in-{o.kind}" for o in seg.marks[1:]]
    title = " · ".join(dict.fromkeys(o.label for o in seg.marks))
    return (
        f'<mark class="{" ".join(classes)}" data-ref="{escape(m.ref)}">'
        f'<a href="#{escape(m.ref)}" title="{escape(title)}">{escape(seg.text)}</a></mark>'
    )


def highlight_html(text: str, marks: Iterable[Mark]) -> SafeString:
    """The whole text, escaped, with ``<mark class="hl hl-KIND">`` around each marked piece."""
    return mark_safe("".join(_segment_html(s) for s in segments(text, marks)))


def highlight_record(record: dict) -> SafeString:
    return highlight_html(record.get("text") or "", marks_of(record))


def find_spans(text: str, value: str, limit: int = 20) -> list[list[int]]:
    """Where ``value`` is written in ``text`` (case-insensitive, whole words), as spans."""
    value = (value or "").strip()
    if len(value) < 2 or not text:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)", re.IGNORECASE)
    return [[m.start(), m.end()] for m in pattern.finditer(text)][:limit]
