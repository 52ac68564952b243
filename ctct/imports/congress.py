"""The congress record a reviewed congress report (kind ``dai_hoi``) fills.

What the report gives, read from its record and its stored text: the term (the record's
period, "2025-2030"), the number ("lần thứ XVIII" in the phrase naming this congress with its
term), the kind ("Đại hội đại biểu" / "toàn thể" in that phrase), the opening day (the record's
date) and the closing day when the date span gives it ("Trong 2 ngày (14 và 15-4)"), the
secretary when a sentence says whom the congress or its committee elected ("bầu đồng chí ...
giữ chức Bí thư"), and the directing superior (the nearest body above the holding body among
the posts of the people who directed it). Nothing else is filled in.

``congress_plan`` says on the review page what confirming will write; ``congress_write``
writes it after the report's conference (``congresses.services.congress_import``), links it
to the item (``ImportLink`` of kind congress) and keeps the outcome in
``item.matches["congress"]``. A refusal (a term overlapping one on record) leaves the report
applied and says why; a congress already on record for the term is linked, never changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from ctct.bodies.models import Body
from ctct.conferences.models import Conference, Participant
from ctct.congresses import rules as congress_rules
from ctct.congresses.models import Congress, CongressKind, Term
from ctct.congresses.services import congress_import
from ctct.imports import matching
from ctct.imports.apply import event_date
from ctct.imports.models import ImportItem, ImportLink, LinkAction, LinkKind
from ctct.people.models import Person
from ctct.text import fold

DAI_HOI = "dai_hoi"
MSG_NO_TERM = gettext_lazy("The report gives no term (nhiệm kỳ): no congress record is written.")

# "dai hoi [dai bieu|toan the] <whose> [lan thu N] nhiem ky 2025 2030", on folded text.
_PHRASE = re.compile(
    r"\bdai hoi (?:(?P<kind>dai bieu|toan the) )?(?P<whose>(?:[a-z0-9]+ ){0,12}?)"
    r"(?:lan thu (?P<num>[ivxlc]+|\d{1,3}) )?nhiem k[yi] (?P<y1>\d{4}) (?P<y2>\d{4})\b"
)
_GENERIC = {"", "dang bo", "chi bo"}
_SPAN = re.compile(r"(\d{1,2})\s*(?:và|-|–|đến)\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_SECRETARY = re.compile(r"(?:giữ chức(?: vụ)?|làm)\s+Bí\s+thư", re.IGNORECASE)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(s: str) -> int | None:
    """ "XVIII" -> 18, "21" -> 21; None for anything else."""
    s = s.lower()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total or None


@dataclass
class Read:
    """What a congress report gives for its record."""

    term_label: str = ""
    number: int | None = None
    kind: str = ""
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    secretary: str = ""  # the name as the record has it
    directing: list[str] = field(default_factory=list)  # the people who directed it


def _text(item: ImportItem) -> str:
    record = item.record or {}
    return "\n".join(x for x in (record.get("headline") or "", item.text or "") if x)


def _phrase(text: str, organizer: str, label: str) -> re.Match | None:
    """The phrase naming this congress with its term: of the holding body (by name, or
    plainly "Đại hội", "Đại hội Đảng bộ"), not a congress of another body or of the Party."""
    own = fold(organizer)
    found = []
    for m in _PHRASE.finditer(fold(text)):
        if f"{m['y1']}-{m['y2']}" != label:
            continue
        whose = m["whose"].strip()
        if whose in _GENERIC or (own and (own in whose or whose in own)):
            found.append(m)
    # the phrase with the number ("lần thứ") first: a headline often leaves it out
    return next((m for m in found if m["num"]), found[0] if found else None)


def closing_day(date_text: str, opened_on: dt.date) -> dt.date | None:
    """The last day of "14 và 15-4", "17-18/3" when its first day is the opening day."""
    m = _SPAN.search(date_text or "")
    if not m:
        return None
    first, last, month = (int(g) for g in m.groups())
    if first != opened_on.day or month != opened_on.month or last <= first:
        return None
    try:
        return dt.date(opened_on.year, month, last)
    except ValueError:
        return None


def elected_secretary(text: str, names: list[str]) -> str:
    """The name of the person a sentence says was elected secretary ("... bầu đồng chí X giữ
    chức Bí thư", "X ... được bầu giữ chức Bí thư"); "" when none is said. Appointed
    ("chỉ định") secretaries and deputies ("Phó Bí thư") are not elected secretaries."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        for m in _SECRETARY.finditer(sentence):
            before = sentence[: m.start()]
            if "bầu" not in before.lower() or before.rstrip().lower().endswith("phó"):
                continue
            found = [(before.rfind(n), n) for n in names if n and n in before]
            if found:
                return max(found)[1]
    return ""


def read_congress(item: ImportItem) -> Read:
    record = item.record or {}
    event = record.get("event") or {}
    out = Read(opened_on=event_date(record))
    period = (event.get("period") or "").strip()
    try:
        first, last = congress_rules.parse_label(period)
    except ValueError:
        return out
    out.term_label = congress_rules.term_label(first, last)
    text = _text(item)
    m = _phrase(text, event.get("organizer") or "", out.term_label)
    if m is not None:
        out.number = roman_value(m["num"]) if m["num"] else None
        out.kind = {"dai bieu": CongressKind.DELEGATES, "toan the": CongressKind.ALL_MEMBERS}.get(
            m["kind"] or "", ""
        )
    if out.opened_on is not None:
        out.closed_on = closing_day(event.get("date_text") or "", out.opened_on)
    people = [p for p in record.get("people") or [] if isinstance(p, dict)]
    names = [" ".join((p.get("name") or "").split()) for p in people]
    out.secretary = elected_secretary(item.text or "", names)
    out.directing = [
        n for p, n in zip(people, names, strict=True) if "directed" in (p.get("roles") or [])
    ]
    return out


def directing_body(item: ImportItem, body: Body, matcher: matching.Matcher) -> Body | None:
    """The nearest body above ``body`` that a person who directed the congress holds a post
    in, as the report writes the posts; None when no such post is certain."""
    best = None
    for p in (item.record or {}).get("people") or []:
        if "directed" not in (p.get("roles") or []):
            continue
        for title in p.get("positions") or []:
            body_id = matcher.resolve_post(title, body.pk).body_id
            info = matcher.index.bodies.get(body_id) if body_id else None
            if info is None or info.path == body.path or not body.path.startswith(info.path):
                continue
            if best is None or len(info.path) > len(best[1]):
                best = (body_id, info.path)
    return Body.objects.filter(pk=best[0]).first() if best else None


def congress_plan(item: ImportItem, matcher: matching.Matcher | None = None) -> dict | None:
    """What confirming a congress report will write, for the review page; None for a report
    of another kind."""
    record = item.record or {}
    if (record.get("event") or {}).get("kind") != DAI_HOI:
        return None
    read = read_congress(item)
    if not read.term_label:
        return {"writes": False, "why": str(MSG_NO_TERM)}
    organizer = (item.matches or {}).get("organizer") or {}
    body = None
    if organizer.get("decision") == matching.MATCHED and organizer.get("object_id"):
        body = Body.objects.filter(pk=organizer["object_id"]).first()
    existing = None
    directed_by = None
    if body is not None:
        existing = (
            Congress.objects.filter(term__body=body, term__label=read.term_label)
            .select_related("term")
            .first()
        )
        if existing is None and Term.objects.filter(body=body, label=read.term_label).exists():
            existing = False  # a term without its congress: refused on confirming
        directed_by = directing_body(item, body, matcher or matching.Matcher(item.batch.root))
    return {
        "writes": True,
        "body": body,
        "read": read,
        "existing": existing,
        "directed_by": directed_by,
        "kind_label": dict(CongressKind.choices).get(read.kind, ""),
    }


def _person_named(conference: Conference, name: str) -> int | None:
    return (
        Participant.objects.filter(conference=conference, full_name=name, person__isnull=False)
        .values_list("person_id", flat=True)
        .first()
    )


def congress_write(
    item: ImportItem, conference: Conference, *, matcher: matching.Matcher, user=None
) -> dict:
    """Write (or link) the congress of an applied congress report; returns the outcome kept
    in ``item.matches["congress"]``: created, linked or refused (with the message)."""
    if conference.kind != DAI_HOI:
        return {}
    link = ImportLink.objects.filter(item=item, kind=LinkKind.CONGRESS).first()
    if link is not None:  # written from this report already
        return (item.matches or {}).get("congress") or {"outcome": "linked", "id": link.object_id}
    read = read_congress(item)
    if not read.term_label:
        outcome = {"outcome": "refused", "message": str(MSG_NO_TERM)}
    else:
        secretary_id = _person_named(conference, read.secretary) if read.secretary else None
        try:
            with transaction.atomic():
                congress, created = congress_import(
                    body=conference.body,
                    conference=conference,
                    term_label=read.term_label,
                    opened_on=read.opened_on or conference.held_on,
                    closed_on=read.closed_on,
                    number=read.number,
                    kind=read.kind,
                    secretary=Person.objects.get(pk=secretary_id) if secretary_id else None,
                    directed_by=directing_body(item, conference.body, matcher),
                    user=user,
                )
        except ValidationError as e:
            outcome = {"outcome": "refused", "message": "; ".join(e.messages)}
        else:
            outcome = {"outcome": "created" if created else "linked", "id": congress.pk}
            ImportLink.objects.get_or_create(
                item=item,
                kind=LinkKind.CONGRESS,
                object_id=congress.pk,
                defaults={"action": LinkAction.CREATED if created else LinkAction.MATCHED},
            )
    item.matches = {**(item.matches or {}), "congress": outcome}
    item._history_user = user
    item.save(update_fields=["matches"])
    return outcome
