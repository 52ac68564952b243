"""One report in: its organizer, people and documents matched, then applied when nothing is
left to decide, or kept for review.

Every write of one report happens in one transaction, so an interruption (a crash, kill -9)
leaves either the whole report or nothing. Concurrent workers serialize the short
match-and-apply step (SQLite: the IMMEDIATE write transaction; PostgreSQL: one advisory lock,
``import_lock``), while the slow part, reading and extracting, runs in parallel outside it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from ctct.conferences.models import Kind
from ctct.imports import matching
from ctct.imports.apply import Writer, apply_item, event_date
from ctct.imports.dedupe import DuplicateIndex, find_duplicate
from ctct.imports.models import ImportBatch, ImportItem, ItemStatus
from ctct.imports.prepare import Prepared

ADVISORY_LOCK = 0x63746374  # "ctct"

MSG_NEEDS_ORGANIZER = _("Choose the body that held the conference.")
MSG_NEEDS_DATE = _("The date of the conference is missing: enter it with the year.")
MSG_NEEDS_KIND = _("Choose the kind of conference.")
MSG_NEEDS_CHOICE = _("Choose who %(name)s is: a person on record or a new one.")
MSG_NEEDS_DOC_CHOICE = _("Choose which document %(citation)s is.")
MSG_TWO_CHAIRS = _("Two people chair the conference (%(names)s): keep one chair.")
#: the kinds of report that wait for a person even when every match is certain: confirming a
#: congress report also writes the body's congress record (its term, number, the elected)
REVIEWED_KINDS = frozenset({"dai_hoi"})


# --- locking ---------------------------------------------------------------------------------
def import_lock() -> None:
    """Serialize match-and-apply across workers (SQLite already does: IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])


# --- matching ------------------------------------------------------------------------------
def match_record(
    record: dict,
    matcher: matching.Matcher,
    previous: dict | None = None,
    text: str = "",
    *,
    ahead: dict | None = None,
) -> dict:
    """Decisions for the organizer, every person and every document of a record; a user's
    earlier choice for the same mention is kept.

    ``ahead``: the organizer and people decided beforehand by a copy of ``matcher`` taken
    right after ``preload_people`` (``match_ahead``, in a worker process of a bulk import).
    A person's decision is kept unless ``matcher`` has changed the people of that name since
    (someone of that name created, promoted or reloaded by the batch), so the result is the
    one ``matcher`` itself would give."""
    previous = previous or {}
    if ahead is not None:
        org = ahead["organizer"]
    else:
        org = _keep_choice(previous.get("organizer"), (record.get("event") or {}).get("organizer"))
        if org is None:
            org = _match_organizer(record, matcher, text)
    people = _match_people(record, matcher, org, previous, ahead)
    prev_docs = {m.get("key"): m for m in previous.get("documents") or [] if m.get("by") == "user"}
    docs = []
    for d in record.get("documents") or []:
        m, citation, key = matcher.document(d, text or record.get("text") or "")
        if key in prev_docs:
            docs.append(prev_docs[key])
            continue
        docs.append({**m.to_json(), "key": key, "citation": citation or matching.citation_of(d)})
    return {"organizer": org, "people": people, "documents": docs}


def match_ahead(record: dict, matcher: matching.Matcher, text: str = "") -> dict:
    """The organizer and people of a record, decided by a matcher that never writes (a
    worker's copy): ``match_record(..., ahead=...)`` re-checks them against the live one."""
    org = _match_organizer(record, matcher, text)
    return {"organizer": org, "people": _match_people(record, matcher, org, {}, None)}


def _match_organizer(record: dict, matcher: matching.Matcher, text: str) -> dict:
    event = record.get("event") or {}
    org = matcher.organizer(event.get("organizer"), text or record.get("text", "")).to_json()
    org["text"] = event.get("organizer") or ""
    return org


def _match_people(
    record: dict, matcher: matching.Matcher, org: dict, previous: dict, ahead: dict | None
) -> list[dict]:
    on = event_date(record)
    context = org["object_id"] if org["decision"] == matching.MATCHED else None
    mentions = record.get("people") or []
    matcher.load_people([p.get("name") or "" for p in mentions])
    prev_people = {m.get("key"): m for m in previous.get("people") or [] if m.get("by") == "user"}
    known = (ahead or {}).get("people") or []
    people = []
    for i, p in enumerate(mentions):
        key = _mention_key(p)
        if key in prev_people:
            people.append(prev_people[key])
        elif i < len(known) and not matcher.is_changed(p.get("name") or ""):
            people.append(known[i])
        else:
            m, _posts = matcher.person(p, on=on, context=context)
            people.append({**m.to_json(), "key": key})
    return people


def _keep_choice(previous: dict | None, text: str | None) -> dict | None:
    if previous and previous.get("by") == "user" and previous.get("text") == (text or ""):
        return previous
    return None


def _mention_key(p: dict) -> str:
    return "|".join([p.get("name") or "", p.get("rank") or "", ";".join(p.get("positions") or [])])


def open_questions(item: ImportItem) -> list[str]:
    """What keeps this item from being applied, in words; empty when it can be applied."""
    record, m = item.record or {}, item.matches or {}
    out = []
    if (m.get("organizer") or {}).get("decision") != matching.MATCHED:
        out.append(str(MSG_NEEDS_ORGANIZER))
    if event_date(record) is None:
        out.append(str(MSG_NEEDS_DATE))
    if (record.get("event") or {}).get("kind") not in Kind.values:
        out.append(str(MSG_NEEDS_KIND))
    for p, pm in zip(record.get("people") or [], m.get("people") or [], strict=False):
        if pm.get("decision") not in (matching.MATCHED, matching.NEW):
            out.append(
                _("Choose who %(name)s is: a person on record or a new one.")
                % {"name": p.get("name")}
            )
    for dm in m.get("documents") or []:
        if dm.get("decision") == matching.REVIEW:
            out.append(
                _("Choose which document %(citation)s is.") % {"citation": dm.get("citation")}
            )
    chairs = [
        p.get("name") for p in record.get("people") or [] if "chair" in (p.get("roles") or [])
    ]
    if len(chairs) > 1:
        out.append(
            _("Two people chair the conference (%(names)s): keep one chair.")
            % {"names": ", ".join(chairs)}
        )
    return out


# --- ingest ---------------------------------------------------------------------------------
def ingest(
    p: Prepared,
    *,
    batch: ImportBatch,
    order: int,
    matcher: matching.Matcher,
    user=None,
    item: ImportItem | None = None,
    writer: Writer | None = None,
    duplicates: DuplicateIndex | None = None,
) -> ImportItem:
    """One prepared report into an item: failed, duplicate, applied, or waiting for review.

    Alone, the report is written before this returns, in one transaction. A bulk import
    passes its ``writer`` (the rows wait for its flush at the end of the chunk, inside the
    chunk's transaction) and its ``duplicates`` index."""
    own = writer is None
    if own:
        writer = Writer(user=user)
    # In a bulk import the chunk's transaction holds the report; no savepoint of its own
    with transaction.atomic(savepoint=own):
        if own:
            import_lock()
        if item is None:
            item = ImportItem(batch=batch, order=order)
        item.filename = p.name[:255]
        item.content_hash = p.content_hash
        item.text_hash = p.text_hash or ""
        item.text = p.text or ""
        item.record = p.record or {}
        item.sentence_hashes = p.sentence_hashes or []
        if p.error:
            code, params = p.error
            item.status = ItemStatus.FAILED
            item.reason = code
            item.matches = {"error": {"code": code, "params": params}}
        elif (
            dup := duplicates.find(p)
            if duplicates is not None
            else find_duplicate(p, exclude=item.pk)
        ) is not None:
            item.status = ItemStatus.DUPLICATE
            item.duplicate_of = dup
            if ImportItem.conference.is_cached(dup):
                item.conference = dup.conference
            else:
                item.conference_id = dup.conference_id
        else:
            item.matches = match_record(item.record, matcher, text=item.text, ahead=p.ahead)
            item.status = ItemStatus.NEEDS_REVIEW
            questions = open_questions(item)
            reviewed = (item.record.get("event") or {}).get("kind") in REVIEWED_KINDS
            if not questions and not reviewed:
                try:  # refused before anything is written: nothing to undo
                    apply_item(item, matcher=matcher, writer=writer, questions=questions)
                except ValidationError as e:
                    item.status = ItemStatus.NEEDS_REVIEW
                    item.reason = "; ".join(e.messages)
            writer.fingerprints.append((item, sorted(set(p.sketch))))
            if duplicates is not None:
                duplicates.add(item, p)
        writer.add_item(item)
        if own:
            writer.flush()
    return item
