"""Applying a matched report to the records: its conference, participants, people, documents
and awards, each linked to the import item it came from (``ImportLink``).

Writes go through a ``Writer``. A report confirmed on the review page, or run by a worker,
has a writer of its own that writes at the end of the report; ``ctct import`` keeps one writer
for the whole run and writes a chunk of reports at a time, one bulk insert per table, so that
thousands of reports do not cost thousands of round trips each. Rows that a later report of
the same chunk must find by id (a new person, a new document, a promotion) are written at
once either way; so is everything the dissemination cascade checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctct.bodies.models import Body
from ctct.conferences.models import (
    Conference,
    ConferenceDocument,
    Kind,
    Participant,
    Role,
)
from ctct.conferences.services import (
    conference_build,
    conference_document_add,
    conference_document_build,
    participant_build,
)
from ctct.core import findable
from ctct.core.bulk import insert_objects, insert_rows, update_objects
from ctct.documents.models import Document, Recipient
from ctct.documents.services import document_register
from ctct.imports import matching
from ctct.imports.models import (
    Fingerprint,
    ImportItem,
    ImportLink,
    ItemStatus,
    LinkAction,
    LinkKind,
)
from ctct.people.models import Person
from ctct.people.services import (
    person_build,
    person_insert,
    position_build,
    rank_build,
    rank_insert,
)
from ctct.ratings.announced import AnnouncedKind, award_announced_build
from ctct.ratings.models import Award, AwardDecision

ROLE_ORDER = [Role.CHAIR, Role.DIRECTED, Role.REPORTED, Role.SPOKE, Role.AWARDED, Role.ATTENDED]
AWARD_KINDS = {"bang khen": AnnouncedKind.BANG_KHEN, "giay khen": AnnouncedKind.GIAY_KHEN}
MSG_PERSON_GONE = gettext_lazy("%(name)s is no longer on record: choose again.")

ConferenceKey = tuple[int, str, dt.date]  # body, kind, day: one conference


@dataclass
class _Link:
    item: ImportItem
    kind: str
    target: object  # a saved or pending record, or an id
    action: str

    def row(self) -> ImportLink:
        pk = self.target if isinstance(self.target, int) else self.target.pk
        return ImportLink(item=self.item, kind=self.kind, object_id=pk, action=self.action)


class Writer:
    """What the reports of one chunk add, written together by ``flush()``.

    ``remember=True`` (bulk imports) keeps, across chunks, the bodies read and the conferences
    on record by (body, kind, day), refreshed with what other processes added at the start
    of each chunk (``refresh()``); otherwise each question goes to the database."""

    def __init__(self, *, user=None, remember: bool = False) -> None:
        self.user = user if getattr(user, "pk", None) else None
        self.remember = remember
        self.bodies: dict[int, Body] = {}
        self.conferences: dict[ConferenceKey, Conference] | None = {} if remember else None
        self._conferences_seen = 0  # highest conference id read
        # document -> the bodies it is addressed to (bulk imports), read while no recipient
        # was added since (the highest recipient id stays the same)
        self.recipients: dict[int, frozenset[int]] = {}
        self._recipients_seen: int | None = None
        self._reset()

    def read_ahead(self, keys: set[ConferenceKey]) -> None:
        """Read the bodies and the conferences on record of these (body, kind, day) keys in
        two queries, for the few reports of a background task: the other questions still go
        to the database one by one. Call it under the import lock, as ``conference`` is."""
        ids = {k[0] for k in keys} - set(self.bodies)
        self.bodies.update(Body.objects.in_bulk(list(ids)))
        if self.conferences is not None or not keys:
            return  # a bulk import keeps every conference on record already
        found: dict[ConferenceKey, Conference | None] = dict.fromkeys(keys)
        rows = Conference.objects.filter(
            body_id__in={k[0] for k in keys}, held_on__in={k[2] for k in keys}
        ).order_by("pk")
        for conf in rows:
            key = (conf.body_id, conf.kind, conf.held_on)
            if key in found and found[key] is None:
                found[key] = conf
        self.read_conferences.update(found)

    def _reset(self) -> None:
        self.new_items: list[ImportItem] = []
        self.saved_items: list[ImportItem] = []
        self.fingerprints: list[tuple[ImportItem, list[int]]] = []  # item, sketch
        self.new_conferences: list[Conference] = []
        self.participants: list[Participant] = []
        self.awards: list[Award] = []  # ratings' announced awards, decisions unsaved or not
        self.conference_documents: list[ConferenceDocument] = []
        self.links: list[_Link] = []
        # per conference (by identity): participants (person, name, role), documents linked
        self.people_at: dict[int, set] = {}
        self.documents_at: dict[int, set] = {}
        # (body, kind, day) -> the conference on record or None, read ahead (``read_ahead``)
        self.read_conferences: dict[ConferenceKey, Conference | None] = {}

    # --- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Conferences other processes recorded since the last look (bulk imports)."""
        if self.conferences is None:
            return
        top = Recipient.objects.aggregate(m=Max("id"))["m"]
        if top != self._recipients_seen:
            self.recipients.clear()
            self._recipients_seen = top
        rows = Conference.objects.filter(pk__gt=self._conferences_seen).order_by("pk")
        for conf in rows.only("id", "body_id", "kind", "held_on"):
            self.conferences.setdefault((conf.body_id, conf.kind, conf.held_on), conf)
            self._conferences_seen = conf.pk

    def body(self, pk: int) -> Body:
        body = self.bodies.get(pk)
        if body is None and self.remember and not self.bodies:
            self.bodies = Body.objects.in_bulk()  # the whole tree once: a query per body costs more
            body = self.bodies.get(pk)
        if body is None:
            body = Body.objects.get(pk=pk)
            if self.remember:
                self.bodies[pk] = body
        return body

    def conference(self, key: ConferenceKey) -> Conference | None:
        if self.conferences is not None:
            return self.conferences.get(key)
        for conf in self.new_conferences:
            if (conf.body_id, conf.kind, conf.held_on) == key:
                return conf
        if key in self.read_conferences:
            return self.read_conferences[key]
        body_id, kind, on = key
        return Conference.objects.filter(body_id=body_id, kind=kind, held_on=on).first()

    def addressed(self, document_id: int, body_id: int) -> bool:
        """Is the document addressed to the body (a recipient row: the cascade's step)?"""
        rows = Recipient.objects.filter(document_id=document_id)
        if self.conferences is None:  # one report: ask
            return rows.filter(body_id=body_id).exists()
        bodies = self.recipients.get(document_id)
        if bodies is None:
            bodies = frozenset(rows.values_list("body_id", flat=True))
            self.recipients[document_id] = bodies
        return body_id in bodies

    def participants_of(self, conf: Conference) -> set:
        got = self.people_at.get(id(conf))
        if got is None:
            got = set()
            if conf.pk is not None:
                got = set(conf.participants.values_list("person_id", "full_name", "role"))
            self.people_at[id(conf)] = got
        return got

    def has_document(self, conf: Conference, document_id: int) -> bool:
        got = self.documents_at.get(id(conf))
        if got is None:
            got = set()
            if conf.pk is not None:
                got = set(conf.documents.values_list("document_id", flat=True))
            self.documents_at[id(conf)] = got
        return document_id in got

    # --- adding ---------------------------------------------------------------------------
    def add_conference(self, conf: Conference) -> None:
        self.new_conferences.append(conf)
        if self.conferences is not None:
            self.conferences[(conf.body_id, conf.kind, conf.held_on)] = conf

    def link(self, item: ImportItem, kind: str, target, action: str) -> None:
        self.links.append(_Link(item, kind, target, action))

    def add_item(self, item: ImportItem) -> None:
        (self.saved_items if item.pk else self.new_items).append(item)

    # --- writing --------------------------------------------------------------------------
    def flush(self) -> None:
        """Write everything added: each table in one statement (``core.bulk.insert_objects``:
        ids drawn first, so rows may point at rows of the same flush), with history. Rows of
        an item not handed over yet (a flush in the middle of a report) wait for the next."""
        history = {"history_user_id": self.user.pk if self.user else None, "reason": "import"}
        insert_objects(Conference, self.new_conferences, **history)
        if self.new_conferences:
            self._conferences_seen = max(self._conferences_seen, self.new_conferences[-1].pk)
        fresh = self.new_items
        insert_objects(ImportItem, fresh, **history)
        if len(self.saved_items) == 1:  # a review's confirm: saved as any edit is
            item = self.saved_items[0]
            if getattr(item, "_history_user", None) is None:
                item._history_user = self.user
            item.save()
        else:  # a background task's reports
            update_objects(ImportItem, self.saved_items, **history)
        ready = {id(i) for i in fresh}
        prints = [(i, values) for i, values in self.fingerprints if i.pk is not None]
        insert_rows(
            Fingerprint,
            ["item_id", "value"],
            [(i.pk, v) for i, values in prints if id(i) in ready for v in values],
        )
        older = [
            Fingerprint(item=i, value=v)
            for i, values in prints
            if id(i) not in ready
            for v in values
        ]
        if older:
            Fingerprint.objects.bulk_create(older, ignore_conflicts=True)
        insert_objects(Participant, self.participants, **history)
        # The awards' announced decisions first (new ones are unsaved), then the awards.
        decisions = list({id(a.decision): a.decision for a in self.awards}.values())
        insert_objects(AwardDecision, [d for d in decisions if d.pk is None], **history)
        insert_objects(Award, self.awards, **history)
        insert_objects(ConferenceDocument, self.conference_documents, **history)
        links = [x for x in self.links if x.item.pk is not None]
        rows, seen = [], set()
        for x in links:  # a person named twice in one report is linked once
            row = x.row()
            key = (id(x.item), row.kind, row.object_id)
            if key not in seen:
                seen.add(key)
                rows.append(row)
        # The rows above bypassed save(): the search index learns of them here.
        findable.changed("conference", [c.pk for c in self.new_conferences])
        findable.changed("award", [a.pk for a in self.awards])
        findable.changed("import", [i.pk for i in (*fresh, *self.saved_items) if i.pk])
        insert_objects(ImportLink, [r for r in rows if id(r.item) in ready])
        older = [r for r in rows if id(r.item) not in ready]
        if older:
            ImportLink.objects.bulk_create(older, ignore_conflicts=True)
        later_links = [x for x in self.links if x.item.pk is None]
        later_prints = [(i, values) for i, values in self.fingerprints if i.pk is None]
        self._reset()
        self.links, self.fingerprints = later_links, later_prints


# --- applying one item -------------------------------------------------------------------------
def event_date(record: dict) -> dt.date | None:
    value = (record.get("event") or {}).get("date")
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def apply_item(
    item: ImportItem, *, matcher: matching.Matcher, writer: Writer, questions: list[str]
) -> Conference:
    """Create or link every record of a matched item through ``writer``; the item becomes
    applied. ``questions``: what still keeps it from being applied (it raises then)."""
    if questions:
        raise ValidationError(questions)
    record, m = item.record, item.matches
    event = record["event"]
    body = writer.body(m["organizer"]["object_id"])
    on = event_date(record)
    kind = event["kind"]
    conf = writer.conference((body.pk, kind, on))
    created = conf is None
    if created:
        title = (record.get("headline") or "").strip()[:255]
        # checked before anything is written: a refused date changes nothing
        conf = conference_build(
            body=body,
            kind=kind,
            held_on=on,
            user=writer.user,
            period=event.get("period") or "",
            title=title,
        )
    people_at = set(writer.participants_of(conf)) if not created else set()
    for p, pm in zip(record.get("people") or [], m.get("people") or [], strict=False):
        if pm.get("decision") == matching.MATCHED:  # before anything is written
            _known_person(pm["object_id"], p.get("name") or "", matcher)
    # Checked. Nothing below refuses the report, so a refusal never leaves anything to undo
    # and the caller needs no savepoint (a round trip each on PostgreSQL); a refusal from
    # below would be a bug, and stops the run rather than leave half a record.
    try:
        _write_item(item, matcher, writer, body, on, conf, created, people_at)
    except ValidationError as e:
        raise RuntimeError(f"{item.filename}: refused after writing began: {e}") from e
    return conf


def _write_item(
    item: ImportItem,
    matcher: matching.Matcher,
    writer: Writer,
    body: Body,
    on: dt.date,
    conf: Conference,
    created: bool,
    people_at: set,
) -> None:
    """The writes of ``apply_item``, once everything is checked: new people, promotions and
    documents at once; the conference, participants, awards and links through ``writer``."""
    record, m = item.record, item.matches
    links: list[tuple[str, object, str]] = []
    participants: list[Participant] = []
    has_chair = any(r == Role.CHAIR for _p, _n, r in people_at)
    order = len(people_at)
    people_by_name: dict[str, tuple[int, str] | None] = {}
    for p, pm in zip(record.get("people") or [], m.get("people") or [], strict=False):
        person = _person_for(p, pm, body, on, matcher, links, writer.user)
        people_by_name[p.get("name") or ""] = person
        roles = [r for r in ROLE_ORDER if r in (p.get("roles") or [])] or [Role.ATTENDED]
        pid = person[0] if person else None
        full_name = person[1] if person else " ".join((p.get("name") or "").split())
        is_guest = pid is None or not _in_reach(matcher, pid, body)
        for role in roles:
            key = (pid, full_name, role)
            if key in people_at:
                continue
            if role == Role.CHAIR:
                if has_chair:
                    continue  # the conference has its chair already (from another report)
                has_chair = True
            people_at.add(key)
            participants.append(
                participant_build(
                    conference=conf,
                    person_id=pid,
                    full_name=full_name[:120],
                    rank=(p.get("rank") or "")[:32],
                    titles=", ".join(p.get("positions") or [])[:255],
                    role=role,
                    is_guest=is_guest,
                    order=order,
                    user=writer.user,
                )
            )
            order += 1
    doc_links: list[tuple[int, str]] = []
    for d, dm in zip(record.get("documents") or [], m.get("documents") or [], strict=False):
        doc = _document_for(d, dm, matcher, writer)
        if doc is not None:
            doc_links.append(doc)
    awards = []
    decisions: dict = {}  # one announced decision per giver and award of this conference
    for a in record.get("awards") or []:
        award = _award_for(conf, a, people_by_name, writer.user, decisions)
        if award is not None:
            awards.append(award)

    # --- all read and checked: hand the rows over -------------------------------------------
    if created:
        writer.add_conference(conf)
    writer.link(
        item, LinkKind.CONFERENCE, conf, LinkAction.CREATED if created else LinkAction.MATCHED
    )
    writer.people_at[id(conf)] = people_at
    for kind_, target, action in links:
        writer.link(item, kind_, target, action)
    writer.participants += participants
    for part in participants:
        writer.link(item, LinkKind.PARTICIPANT, part, LinkAction.CREATED)
    for doc_id, action in doc_links:
        writer.link(item, LinkKind.DOCUMENT, doc_id, action)
        _link_document(conf, doc_id, writer)
    writer.awards += awards
    for award in awards:
        writer.link(item, LinkKind.AWARD, award, LinkAction.CREATED)
    item.status = ItemStatus.APPLIED
    item.conference = conf
    item.applied_at = timezone.now()
    item.reason = ""
    if writer.user is not None and item.reviewed_by_id is None and item.pk:
        item.reviewed_by = writer.user


def _in_reach(matcher: matching.Matcher, person_id: int, body: Body) -> bool:
    info = matcher.person_info(person_id)
    if info is None:
        return False
    for b in [info.body_id] + [p.body_id for p in info.posts]:
        bi = matcher.index.bodies.get(b)
        if bi and (bi.path.startswith(body.path) or body.path.startswith(bi.path)):
            return True
    return False


def _person_for(p, pm, body: Body, on, matcher, links, user) -> tuple[int, str] | None:
    """The person a mention is, as (id, full name): matched, created, or None for a guest
    recorded on the conference by name only."""
    decision = pm.get("decision")
    name = " ".join((p.get("name") or "").split())
    rank = p.get("rank") or ""
    if rank and not matching.is_rank(rank):
        rank = ""
    if decision == matching.MATCHED:
        pk = pm["object_id"]
        info = _known_person(pk, name, matcher)
        links.append((LinkKind.PERSON, pk, LinkAction.MATCHED))
        _note_rank(pk, rank, on, matcher)
        return pk, info.name
    # New: a person needs a home body; the report gives it through a post whose body is
    # certain, or, for the holding body's own chair and reporter, the holding body.
    posts = [matcher.resolve_post(t, body.pk) for t in p.get("positions") or []]
    home = next((rp.body_id for rp in posts if rp.body_id), None)
    if home is None and {"chair", "reported"} & set(p.get("roles") or []):
        home = body.pk
    if home is None or not name:
        return None
    person = person_build(
        full_name=name[:120], body_id=home, rank=rank, rank_conferred_on=on, user=user
    )
    ranks = [rank_build(person=person, rank=rank, conferred_on=on, user=user)] if rank else []
    positions = []
    seen = set()
    for rp in posts:
        if rp.body_id is None or (rp.title_key, rp.body_id) in seen:
            continue
        seen.add((rp.title_key, rp.body_id))
        positions.append(
            position_build(
                person=person, body_id=rp.body_id, title=rp.title[:120], started_on=on, user=user
            )
        )
    person_insert(person=person, ranks=ranks, positions=positions)
    links.append((LinkKind.PERSON, person.pk, LinkAction.CREATED))
    matcher.learn_person(person_info(person, ranks, positions))
    return person.pk, person.full_name


def _known_person(pk: int, name: str, matcher: matching.Matcher) -> matching.PersonInfo:
    info = matcher.person_info(pk)
    if info is None:  # chosen on the review page among people the matcher has not loaded
        matcher.load_person_ids([pk])
        info = matcher.person_info(pk)
    if info is None:
        raise ValidationError(MSG_PERSON_GONE, code="person_gone", params={"name": name})
    return info


def person_info(person: Person, ranks, posts) -> matching.PersonInfo:
    info = matching.PersonInfo(person.pk, person.full_name, person.body_id)
    info.ranks = sorted(
        ((r.conferred_on, matching.rank_order(r.rank), r.rank) for r in ranks),
        key=lambda r: (r[0] or dt.date.min, r[1]),
    )
    info.posts = [
        matching.PostInfo(matching.fold(p.title), p.body_id, p.started_on, p.ended_on, p.title)
        for p in posts
    ]
    return info


def _note_rank(person_id: int, rank: str, on: dt.date, matcher: matching.Matcher) -> None:
    """A matched person seen with a higher rank than any on record, later than all of them:
    the report is the first evidence of the promotion."""
    if not rank:
        return
    info = matcher.person_info(person_id)
    level = matching.rank_order(rank)
    if info is None or not info.ranks:
        return
    last_on, last_level, _ = info.ranks[-1]
    if level > last_level and (last_on is None or on > last_on):
        rank_insert(record=rank_build(person_id=person_id, rank=rank, conferred_on=on))
        matcher.learn_rank(info, on, rank)


def _document_for(d, dm, matcher, writer: Writer) -> tuple[int, str] | None:
    """The document a citation is, as (id, action), registering it when it is new."""
    if dm.get("decision") == matching.MATCHED and dm.get("object_id"):
        return dm["object_id"], LinkAction.MATCHED
    if dm.get("decision") != matching.NEW or not dm.get("citation"):
        return None
    issuer = None
    issuer_name = (d.get("issuer") or "").strip()
    if issuer_name:
        ids, _how = matcher.index.lookup(issuer_name)
        issuer = writer.body(ids[0]) if len(ids) == 1 else None
    try:
        with transaction.atomic():
            doc = document_register(
                citation=dm["citation"], issuer=issuer, issuer_name=issuer_name, user=writer.user
            )
    except ValidationError as e:
        if any(getattr(err, "code", "") == "duplicate" for err in getattr(e, "error_list", ())):
            doc = Document.objects.filter(canonical_key=dm.get("key")).order_by("id").first()
            return (doc.pk, LinkAction.MATCHED) if doc else None
        return None  # a number the registry refuses: kept in the record, not registered
    if dm.get("key"):
        matcher.learn_document(dm["key"], doc.pk, doc.issued_on, doc.issuer_name)
    return doc.pk, LinkAction.CREATED


def _link_document(conf: Conference, doc_id: int, writer: Writer) -> None:
    """The conference disseminated the document. A quán triệt of a document addressed to the
    holding body also completes the body's step in the cascade (through its service, which
    needs the conference saved: the writer writes what it holds first)."""
    if writer.has_document(conf, doc_id):
        return
    writer.documents_at[id(conf)].add(doc_id)
    if conf.kind == Kind.QUAN_TRIET:
        if writer.addressed(doc_id, conf.body_id):
            writer.flush()
            writer.has_document(conf, doc_id)  # what the database holds for it now
            writer.documents_at[id(conf)].add(doc_id)
            try:
                with transaction.atomic():
                    conference_document_add(
                        conference=conf, document=Document.objects.get(pk=doc_id), user=writer.user
                    )
                return
            except ValidationError:
                pass
    writer.conference_documents.append(
        conference_document_build(conference=conf, document_id=doc_id, user=writer.user)
    )


def _award_for(conf, a: dict, people_by_name: dict, user, decisions: dict) -> Award | None:
    text = (a.get("award") or "").strip()
    if not text:
        return None
    key = matching.fold(text)
    kind = next((k for w, k in AWARD_KINDS.items() if key.startswith(w)), AnnouncedKind.OTHER)
    recipients = (a.get("recipients") or "").strip()
    person_id = None
    for name, p in people_by_name.items():
        if p is not None and name and name in recipients and len(recipients) < len(name) + 40:
            person_id = p[0]
    return award_announced_build(
        conference=conf,
        kind=kind,
        kind_text=text[:120] if kind == AnnouncedKind.OTHER else "",
        decisions=decisions,
        person_id=person_id,
        recipient_name=(recipients or _("(as written in the report)"))[:255],
        issuer=(a.get("giver") or "")[:255],
        user=user,
    )
