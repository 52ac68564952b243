"""Matching what a report names to the records already there.

One ``Matcher`` serves one batch: it caches the tree (about 20,000 bodies load in a tenth of a
second) and every person it has looked up, and learns the records the batch creates, so
the thousandth report of an archive finds the people the first one created.

Decisions, per mention:
- ``matched``: exactly one record is consistent with what the report says and the evidence
  for it is strong (a post at the same body, or the same rank within the holding body's
  reach) and clearly ahead of any other;
- ``new``: nothing of that name exists, or every namesake contradicts the report (a rank
  that person did not hold on that day: ranks only go up);
- ``review``: namesakes remain that the report cannot tell apart, or the only candidate
  agrees by name alone; a person picks, seeing the candidates and why;
- ``unresolved``: the organizer is not in the tree (a person picks the body).

People: name (diacritics count) plus rank and posts over time. Bodies: normalized name,
unit name, short name, learned aliases (``BodyAlias``), abbreviations ("QK7"), and context
(a bare "Lữ đoàn" or "Đảng ủy" inside a report about Lữ đoàn 657 is that brigade; of two
"Chi bộ Đại đội 7" the one whose parent units the report names). Documents: the canonical
key of the number, then the date and issuer.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from dataclasses import dataclass, field
from itertools import chain

from django.utils.translation import gettext as _

from ctct.bodies.models import Body
from ctct.core.treepaths import ancestor_paths
from ctct.text import fold, name_key, parse_docnumber
from ctct.text.bodynames import STANDING_COMMITTEE_PREFIXES, body_key, strip_party_prefix
from ctct.text.docnumbers import (
    NATIONAL_ISSUERS,
    DocNumberError,
    canonical_key,
    format_citation,
    issuers_named,
    with_issuer,
)
from ctct.text.names import TITLE_PATTERN, is_rank, rank_order

MATCHED, NEW, REVIEW, UNRESOLVED = "matched", "new", "review", "unresolved"

# Scores: a candidate is matched automatically at STRONG or above when the runner-up trails by
# at least MARGIN; below STRONG it goes to review.
STRONG = 3.0
MARGIN = 1.5


def describe(reason: dict) -> str:
    """One reason of a candidate, in the interface's language."""
    code, p = reason.get("code", ""), reason.get("params", {})
    texts = {
        "rank_same": _("held the rank %(rank)s on %(date)s"),
        "rank_consistent": _("rank %(rank)s fits the ranks on record (%(known)s)"),
        "rank_conflict": _("rank on record %(known)s rules out %(rank)s on %(date)s"),
        "rank_unknown": _("no rank to compare"),
        "civilian": _("civilian, as in the report"),
        "post_same": _("held the post %(post)s"),
        "post_then": _("held the post %(post)s (%(when)s)"),
        "same_body": _("worked at %(body)s"),
        "in_reach": _("belongs to %(body)s, within the reach of the holding body"),
        "name_only": _("only the name agrees"),
        "namesakes": _("%(count)s people share this name"),
        "no_candidate": _("nobody of this name is on record"),
        "all_conflict": _("every namesake on record is ruled out by rank"),
        "body_name": _("name matches %(body)s"),
        "body_alias": _("known alias of %(body)s"),
        "body_context": _("the report's own unit"),
        "body_parent_named": _("the report names its parent unit %(parent)s"),
        "body_ambiguous": _("%(count)s bodies have this name"),
        "body_missing": _("no body of this name in the tree"),
        "doc_key": _("same number %(citation)s"),
        "doc_date": _("same date %(date)s"),
        "doc_date_differs": _("dated %(date)s, not %(other)s"),
        "doc_issuer": _("the issuer named beside the number: %(issuer)s"),
        "doc_missing": _("not yet registered"),
        "doc_bad_number": _("the number cannot be read: %(text)s"),
        "user": _("chosen by %(user)s"),
    }
    text = texts.get(code)
    if text is None:
        return code
    try:
        return text % p
    except (KeyError, TypeError, ValueError):
        return text


def _r(code: str, **params) -> dict:
    return {"code": code, "params": {k: str(v) for k, v in params.items()}}


@dataclass
class Candidate:
    id: int
    label: str
    score: float
    reasons: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "score": round(self.score, 2),
            "reasons": self.reasons,
        }


@dataclass
class Match:
    decision: str
    object_id: int | None = None
    candidates: list[Candidate] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)
    by: str = "auto"

    def to_json(self) -> dict:
        return {
            "decision": self.decision,
            "object_id": self.object_id,
            "candidates": [c.to_json() for c in self.candidates],
            "reasons": self.reasons,
            "by": self.by,
        }

    @property
    def certain(self) -> bool:
        return self.decision in (MATCHED, NEW)


# --- bodies ---------------------------------------------------------------------------------
@dataclass
class BodyInfo:
    id: int
    path: str
    name: str
    unit: str
    kind: str
    closed: dt.date | None
    successor_id: int | None
    unit_key: str = ""


class BodyIndex:
    """Every body by its name keys, loaded once: name, unit name, short name, aliases."""

    def __init__(self) -> None:
        self.bodies: dict[int, BodyInfo] = {}
        self.by_key: dict[str, list[int]] = {}
        self.by_unit: dict[str, list[int]] = {}
        self._ancestors: dict[int, list[BodyInfo]] = {}
        self._upper: dict[int, frozenset[str]] = {}
        self._lookups: dict[str, tuple[list[int], str]] = {}
        rows = Body.objects.values_list(
            "id",
            "path",
            "name",
            "short_name",
            "unit_name",
            "kind",
            "merged_on",
            "dissolved_on",
            "successor_id",
        )
        for pk, path, name, short, unit, kind, merged, dissolved, succ in rows.iterator(2000):
            info = BodyInfo(pk, path, name, unit, kind, merged or dissolved, succ, body_key(unit))
            self.bodies[pk] = info
            self._add(self.by_key, body_key(name), pk)
            if short:
                self._add(self.by_key, body_key(short), pk)
            unit_key = body_key(unit) if unit else strip_party_prefix(body_key(name))[1]
            if unit_key:
                self._add(self.by_unit, unit_key, pk)
        from ctct.imports.models import BodyAlias

        for key, pk in BodyAlias.objects.values_list("key", "body_id"):
            self._add(self.by_key, key, pk)

    @staticmethod
    def _add(index: dict[str, list[int]], key: str, pk: int) -> None:
        ids = index.setdefault(key, [])
        if pk not in ids:
            ids.append(pk)

    def add_alias(self, key: str, pk: int) -> None:
        self._add(self.by_key, key, pk)
        self._lookups.clear()

    def lookup(self, text: str) -> tuple[list[int], str]:
        """Bodies a written name may mean, and whether by full name or by unit."""
        ids, how = _memo(self._lookups, text, lambda: self._lookup(text))
        return list(ids), how

    def _lookup(self, text: str) -> tuple[list[int], str]:
        key = body_key(text)
        if not key:
            return [], ""
        if key in self.by_key:
            return list(self.by_key[key]), "name"
        prefix, unit = strip_party_prefix(key)
        ids = list(self.by_unit.get(unit, [])) if unit else []
        if ids and prefix:
            # "Ban Thường vụ Đảng ủy X" prefers X's standing committee; "Chi bộ X" a cell.
            if prefix in STANDING_COMMITTEE_PREFIXES:
                ids = [i for i in ids if self.bodies[i].kind == "standing_committee"] or ids
            else:
                ids = [i for i in ids if self.bodies[i].kind != "standing_committee"] or ids
        return ids, "unit"

    def ancestors(self, pk: int) -> list[BodyInfo]:
        """From the root down to the parent (kept: the tree is read once per import)."""
        got = self._ancestors.get(pk)
        if got is None:
            path = self.bodies[pk].path
            got = [a for p in ancestor_paths(path) if (a := self._by_path(p))]
            self._ancestors[pk] = got
        return got

    def upper_units(self, pk: int) -> frozenset[str]:
        """The unit names of a body's ancestors below the root ("lu doan 657")."""
        got = self._upper.get(pk)
        if got is None:
            got = frozenset(a.unit_key for a in self.ancestors(pk)[1:] if len(a.unit_key) > 4)
            self._upper[pk] = got
        return got

    def _by_path(self, path: str) -> BodyInfo | None:
        if not hasattr(self, "_paths"):
            self._paths = {b.path: b for b in self.bodies.values()}
        return self._paths.get(path)

    def label(self, pk: int) -> str:
        info = self.bodies[pk]
        parents = [a.unit or a.name for a in self.ancestors(pk)[-2:]]
        return f"{info.name} ({', '.join(reversed(parents))})" if parents else info.name


_INDEX: tuple[tuple, BodyIndex] | None = None


def body_index() -> BodyIndex:
    """The tree's index, reused while no body or alias changed (a worker processes one
    report per task: it must not reload 20,000 bodies each time)."""
    global _INDEX
    from django.db.models import Count, Max

    from ctct.imports.models import BodyAlias

    history = Body.history.model
    signature = (
        tuple(Body.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(history.objects.aggregate(m=Max("history_date"), i=Max("history_id")).values()),
        BodyAlias.objects.aggregate(m=Max("id"))["m"],
    )
    if _INDEX is None or _INDEX[0] != signature:
        _INDEX = (signature, BodyIndex())
    return _INDEX[1]


# --- people ---------------------------------------------------------------------------------
@dataclass
class PostInfo:
    title: str  # folded: "chinh uy"
    body_id: int
    start: dt.date
    end: dt.date | None
    text: str  # "Chính ủy Lữ đoàn 657"


@dataclass
class PersonInfo:
    id: int
    name: str
    body_id: int
    ranks: list[tuple[dt.date | None, int, str]] = field(default_factory=list)
    posts: list[PostInfo] = field(default_factory=list)
    known: tuple[int, str] = (-1, "")  # _known_ranks, for this many ranks

    @property
    def military(self) -> bool:
        return bool(self.ranks)


@functools.lru_cache(maxsize=4096)
def _day(on: dt.date | None) -> str:
    return on.strftime("%d/%m/%Y") if on else "?"


@functools.lru_cache(maxsize=4096)
def _fold_title(title: str) -> str:
    return fold(title)


@functools.lru_cache(maxsize=65536)
def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _rows(qs, *, dates: tuple[int, ...] = ()):
    """The rows of a ``values_list`` query read straight from the cursor: for the hundreds
    of thousands of rows of a preload, the ORM's per-row conversions cost more than the
    query. Dates come back as text from SQLite and are parsed here."""
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        while batch := cur.fetchmany(20000):
            for row in batch:
                if dates:
                    row = list(row)
                    for i in dates:
                        if isinstance(row[i], str):
                            row[i] = _date(row[i])
                yield row


PERSON_FIELDS = ("id", "full_name", "name_key", "body_id", "rank", "rank_conferred_on")
RANK_FIELDS = ("person_id", "conferred_on", "rank")
POST_FIELDS = ("person_id", "title", "body_id", "started_on", "ended_on")


def people_mark() -> tuple[int, int, int]:
    """Where the history of people, rank records and posts stands (``refresh_people``)."""
    from ctct.core.bulk import last_history_id
    from ctct.people.models import Person, Position, RankRecord

    return (last_history_id(Person), last_history_id(RankRecord), last_history_id(Position))


def _read_records(by_id: dict[int, PersonInfo], ranks, posts) -> None:
    """Rank records and posts (``RANK_FIELDS``, ``POST_FIELDS`` rows) of the people read."""
    with_records: set[int] = set()
    for pid, on, rank in ranks:
        info = by_id.get(pid)
        if info is None:
            continue
        if pid not in with_records:
            info.ranks = []  # the records replace the denormalized current rank
            with_records.add(pid)
        info.ranks.append((on, rank_order(rank), rank))
    for pid, title, body_id, start, end in posts:
        info = by_id.get(pid)
        if info is not None:
            info.posts.append(PostInfo(_fold_title(title), body_id, start, end, title))
    for info in by_id.values():
        info.ranks.sort(key=lambda r: (r[0] or dt.date.min, r[1]))


def _memo(cache: dict, key, make, *, limit: int = 50000):
    """``cache[key]``, made once by ``make()``; a cache past ``limit`` entries starts over."""
    got = cache.get(key)
    if got is None:
        if len(cache) >= limit:
            cache.clear()
        got = cache[key] = make()
    return got


def _known_ranks(c: PersonInfo) -> str:
    """ "Thượng tá 2021, Đại tá 2024": the last ranks on record, for a reason shown."""
    if c.known[0] != len(c.ranks):
        text = ", ".join(f"{r[2]} {r[0]:%Y}" if r[0] else r[2] for r in c.ranks[-3:])
        c.known = (len(c.ranks), text)
    return c.known[1]


def _level(rank: str | None) -> int | None:
    if not rank or not is_rank(rank):
        return None
    return rank_order(rank)


@dataclass
class ResolvedPost:
    """One title of a report's person, with the body it refers to when that is certain."""

    text: str
    title: str  # as written: "Chính ủy"
    title_key: str  # folded
    body_id: int | None


class Matcher:
    def __init__(self, root: Body | None = None) -> None:
        self.root_path = root.path if root is not None else ""
        self.index = body_index()
        self.people: dict[str, list[PersonInfo]] = {}
        self.people_by_id: dict[int, PersonInfo] = {}
        self.documents: dict[str, list[tuple]] = {}  # canonical key -> (id, date, issuer)
        self.preloaded = False
        self.documents_preloaded = False
        # Name keys whose people this matcher has changed since ``preload_people`` (created,
        # promoted, reloaded): decisions a snapshot made about those names are stale.
        self.changed: set[str] = set()
        self._organizers: dict[str, tuple] = {}
        self._posts: dict[tuple[str, int | None], ResolvedPost] = {}

    # bodies ----------------------------------------------------------------------------------
    def _in_root(self, pk: int) -> bool:
        path = self.index.bodies[pk].path
        return (
            not self.root_path or path.startswith(self.root_path) or self.root_path.startswith(path)
        )

    def refresh_bodies(self) -> bool:
        """Take the tree's index again if a body or an alias changed since this matcher was
        made; True when it did (decisions about bodies made before are then stale)."""
        index = body_index()
        if index is self.index:
            return False
        self.index = index
        self._organizers.clear()
        self._posts.clear()
        return True

    def organizer(self, text: str | None, report_text: str = "") -> Match:
        if not text:
            return Match(UNRESOLVED, reasons=[_r("body_missing")])
        ids, how, keys, every_key = self._organizer_candidates(text)
        if not ids:
            return Match(UNRESOLVED, reasons=[_r("body_missing")])
        if len(ids) == 1:
            code = "body_name" if how == "name" else "body_alias"
            pk = ids[0]
            return Match(
                MATCHED,
                pk,
                [self._body_candidate(pk, 5.0, [_r(code, body=self.index.bodies[pk].name)])],
            )
        # Several bodies carry the name ("Chi bộ Đại đội 7"): the one whose parent units the
        # report names wins.
        folded = f" {fold(report_text)} "
        # the upper units' names are few ("tieu doan 2", "trung doan 4"): test each once
        named = {k for k in every_key if f" {k} " in folded}
        counts = [len(k & named) for k in keys]
        top = heapq.nsmallest(10, range(len(ids)), key=lambda i: (-counts[i], i))
        scored = []
        for i in top:  # labels and reasons only for the candidates shown
            pk = ids[i]
            last = [a for a in self.index.ancestors(pk)[1:] if a.unit_key in named][-1:]
            reasons = [_r("body_parent_named", parent=a.unit) for a in last]
            scored.append(Candidate(pk, self.index.label(pk), 1.0 + counts[i], reasons))
        reasons = [_r("body_ambiguous", count=len(ids))]
        if scored[0].score > 1.0 and scored[0].score > scored[1].score:
            return Match(MATCHED, scored[0].id, scored, reasons)
        return Match(REVIEW, None, scored, reasons)

    def _organizer_candidates(self, text: str):
        """The bodies (within the import's reach) a written name may mean, with their upper
        units' names; the same names recur in report after report."""

        def make():
            ids, how = self.index.lookup(text)
            ids = [i for i in ids if self._in_root(i)]
            keys = [self.index.upper_units(pk) for pk in ids]
            return ids, how, keys, frozenset().union(*keys)

        return _memo(self._organizers, text, make, limit=20000)

    def _body_candidate(self, pk: int, score: float, reasons: list[dict]) -> Candidate:
        return Candidate(pk, self.index.label(pk), score, reasons)

    def resolve_post(self, text: str, context: int | None) -> ResolvedPost:
        """ "Chính ủy Lữ đoàn 657" -> ("Chính ủy", Lữ đoàn 657's body); a bare "Bí thư Đảng
        ủy" or "Chính ủy Lữ đoàn" inside a report about that unit -> the report's body."""
        return _memo(self._posts, (text, context), lambda: self._resolve_post(text, context))

    def _resolve_post(self, text: str, context: int | None) -> ResolvedPost:
        m = TITLE_PATTERN.match(text.strip())
        if not m:
            return ResolvedPost(text, text, fold(text), None)
        title = m.group(0)
        rest = text.strip()[m.end() :].strip(" ,-")
        body_id = None
        key = body_key(rest)
        if not key:
            body_id = context
        elif context is not None and self._is_bare(key, context):
            body_id = self._bare_target(key, context)
        else:
            ids, _how = self.index.lookup(rest)
            if len(ids) > 1 and context is not None:
                bodies, here = self.index.bodies, self.index.bodies[context].path
                near = [
                    i
                    for i in ids
                    if (there := bodies[i].path).startswith(here) or here.startswith(there)
                ]
                ids = near or ids
            if len(ids) == 1:
                body_id = ids[0]
        return ResolvedPost(text, title, fold(title), body_id)

    def _is_bare(self, key: str, context: int) -> bool:
        """A kind word with no name: "dang uy", "lu doan", "dang uy lu doan"."""
        prefix, unit = strip_party_prefix(key)
        if not unit:
            return True
        return (
            not any(ch.isdigit() for ch in unit)
            and len(unit.split()) <= 2
            and any(
                body_key(b.unit).startswith(unit)
                for b in [self.index.bodies[context], *self.index.ancestors(context)]
                if b.unit
            )
        )

    def _bare_target(self, key: str, context: int) -> int:
        _prefix, unit = strip_party_prefix(key)
        if not unit:
            return context
        for b in [self.index.bodies[context], *reversed(self.index.ancestors(context))]:
            if b.unit and body_key(b.unit).startswith(unit):
                return b.id
        return context

    # people ----------------------------------------------------------------------------------
    def preload_people(self) -> None:
        """Load everyone at once (three passes over people, ranks and posts): for archives of
        thousands of reports this costs seconds once instead of three queries a report.
        People created by other processes meanwhile are not seen by this matcher."""
        from ctct.people.models import Person, Position, RankRecord

        self.people.clear()
        self.people_by_id.clear()
        self.changed.clear()
        people = Person.objects.values_list(*PERSON_FIELDS)
        by_id = self._read_people(_rows(people, dates=(5,)), fresh=True)
        ranks = _rows(RankRecord.objects.values_list(*RANK_FIELDS), dates=(1,))
        posts = _rows(Position.objects.values_list(*POST_FIELDS), dates=(3, 4))
        _read_records(by_id, ranks, posts)
        self.preloaded = True

    def load_people(self, names: list[str]) -> None:
        """Fetch every person of these names (and their ranks and posts) in three queries."""
        if self.preloaded:
            return
        keys = {name_key(n) for n in names} - set(self.people)
        if not keys:
            return
        for k in keys:
            self.people[k] = []
        self._load_keys(keys)

    def _load_keys(self, keys: set[str]) -> None:
        """Everyone whose name has one of these keys, 500 keys a query."""
        from ctct.people.models import Person

        ordered = sorted(keys)
        for i in range(0, len(ordered), 500):
            self._load(Person.objects.filter(name_key__in=ordered[i : i + 500]))

    def refresh_people(self, mark: tuple[int, int, int]) -> tuple[int, int, int]:
        """Read again the names loaded here whose people changed since ``people_mark()``
        returned ``mark`` (a person of the name created, edited or deleted, a rank or post
        recorded); returns the mark this matcher is now current to. A background task loads
        and matches before it takes the import lock, and under the lock only what other
        workers wrote in between is read again. The names read again are marked
        ``changed``, so decisions made before are made again."""
        from ctct.people.models import Person, Position, RankRecord

        person_mark, rank_mark, post_mark = mark
        people = Person.history.model.objects.filter(history_id__gt=person_mark)
        ranks = RankRecord.history.model.objects.filter(history_id__gt=rank_mark)
        posts = Position.history.model.objects.filter(history_id__gt=post_mark)
        keys: set[str] = set()
        ids: set[int] = set()
        for history_id, pk, key in people.values_list("history_id", "id", "name_key"):
            person_mark = max(person_mark, history_id)
            ids.add(pk)
            keys.add(key)  # the name it has now; the one it had is found by id below
        for history_id, pk in ranks.values_list("history_id", "person_id"):
            rank_mark = max(rank_mark, history_id)
            ids.add(pk)
        for history_id, pk in posts.values_list("history_id", "person_id"):
            post_mark = max(post_mark, history_id)
            ids.add(pk)
        keys.update(name_key(self.people_by_id[i].name) for i in ids if i in self.people_by_id)
        keys &= set(self.people)  # only the names this matcher holds
        for k in keys:
            for info in self.people[k]:
                self.people_by_id.pop(info.id, None)
            self.people[k] = []
        self.changed |= keys  # a name whose last person went away is changed too
        self._load_keys(keys)
        return (person_mark, rank_mark, post_mark)

    def load_person_ids(self, ids: list[int]) -> None:
        """Fetch these people by id (a pick on the review page the names did not bring)."""
        from ctct.people.models import Person

        self._load(Person.objects.filter(pk__in=[i for i in ids if i not in self.people_by_id]))

    def _load(self, people) -> None:
        from ctct.people.models import Position, RankRecord

        by_id = self._read_people(people.values_list(*PERSON_FIELDS), fresh=False)
        ids = list(by_id)
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
        ranks = chain.from_iterable(
            RankRecord.objects.filter(person_id__in=c).values_list(*RANK_FIELDS) for c in chunks
        )
        posts = chain.from_iterable(
            Position.objects.filter(person_id__in=c).values_list(*POST_FIELDS) for c in chunks
        )
        _read_records(by_id, ranks, posts)

    def _read_people(self, rows, *, fresh: bool) -> dict[int, PersonInfo]:
        """People rows (``PERSON_FIELDS``) into the caches; ``fresh``: the caches were empty,
        so nobody read is there already."""
        by_id: dict[int, PersonInfo] = {}
        for pk, full, key, body_id, rank, conferred in rows:
            info = PersonInfo(pk, full, body_id)
            if rank:
                info.ranks.append((conferred, rank_order(rank), rank))
            by_id[pk] = info
            bucket = self.people.setdefault(key, [])
            if not fresh:
                bucket[:] = [p for p in bucket if p.id != pk]
                self.changed.add(key)
            bucket.append(info)
            self.people_by_id[pk] = info
        return by_id

    def learn_person(self, info: PersonInfo) -> None:
        """A person created or changed by this batch: later reports must find them."""
        key = name_key(info.name)
        bucket = self.people.setdefault(key, [])
        bucket[:] = [p for p in bucket if p.id != info.id] + [info]
        self.people_by_id[info.id] = info
        self.changed.add(key)

    def learn_rank(self, info: PersonInfo, on: dt.date, rank: str) -> None:
        """A promotion this batch recorded for a person already known."""
        info.ranks.append((on, rank_order(rank), rank))
        self.changed.add(name_key(info.name))

    def is_changed(self, name: str) -> bool:
        """Has this matcher changed the people of this name since ``preload_people``?"""
        return name_key(name) in self.changed

    def person_info(self, pk: int) -> PersonInfo | None:
        return self.people_by_id.get(pk)

    def person(
        self, mention: dict, *, on: dt.date | None, context: int | None
    ) -> tuple[Match, list[ResolvedPost]]:
        name = mention.get("name") or ""
        rank = mention.get("rank")
        posts = [self.resolve_post(t, context) for t in mention.get("positions") or []]
        key = name_key(name)
        if key not in self.people:
            self.load_people([name])
        namesakes = self.people.get(key, [])
        if not namesakes:
            return Match(NEW, reasons=[_r("no_candidate")]), posts
        level = _level(rank)
        scored: list[Candidate] = []
        for c in namesakes:
            cand = self._score(c, level, rank, posts, on, context)
            if cand is not None:
                scored.append(cand)
        scored.sort(key=lambda c: (-c.score, c.id))
        shown = {c.id: c for c in namesakes}
        for cand in scored[:10]:
            cand.label = self._person_label(shown[cand.id], on)
        if not scored:
            return Match(
                NEW, reasons=[_r("all_conflict"), _r("namesakes", count=len(namesakes))]
            ), posts
        reasons = [_r("namesakes", count=len(namesakes))] if len(namesakes) > 1 else []
        best = scored[0]
        runner = scored[1].score if len(scored) > 1 else float("-inf")
        if best.score >= STRONG and best.score - runner >= MARGIN:
            return Match(MATCHED, best.id, scored[:10], reasons), posts
        return Match(REVIEW, None, scored[:10], reasons), posts

    def _score(
        self,
        c: PersonInfo,
        level: int | None,
        rank: str | None,
        posts: list[ResolvedPost],
        on: dt.date | None,
        context: int | None,
    ) -> Candidate | None:
        score = 0.0
        reasons: list[dict] = []
        when = _day(on)
        # Rank: ranks only go up, so the report's rank must lie between the last rank on
        # record before that day and the first one after it.
        if level is not None:
            if not c.ranks:
                return None  # a civilian on record, a rank in the report
            before = [r for r in c.ranks if on is None or r[0] is None or r[0] <= on]
            after = [r for r in c.ranks if on is not None and r[0] is not None and r[0] > on]
            lo = before[-1][1] if before else None
            hi = after[0][1] if after else None
            if on is None:
                levels = [r[1] for r in c.ranks]
                if level in levels:
                    score += 1.0
                    reasons.append(_r("rank_consistent", rank=rank, known=_known_ranks(c)))
                elif level < min(levels):
                    return None
                else:
                    score += 0.5
                    reasons.append(_r("rank_consistent", rank=rank, known=_known_ranks(c)))
            elif (lo is not None and level < lo) or (hi is not None and level > hi):
                return None
            elif lo == level:
                score += 2.0
                reasons.append(_r("rank_same", rank=rank, date=when))
            else:
                score += 0.5
                reasons.append(_r("rank_consistent", rank=rank, known=_known_ranks(c)))
        elif c.military:
            reasons.append(_r("rank_unknown"))
        else:
            score += 0.5
            reasons.append(_r("civilian"))
        # Posts: the same title at the same body is the strongest evidence; a post at that
        # body in another year still counts (people move, archives come in any order).
        best_post = 0.0
        post_reason = None
        for rp in posts:
            if rp.body_id is None:
                continue
            for p in c.posts:
                if p.body_id != rp.body_id:
                    continue
                active = on is None or (p.start <= on and (p.end is None or p.end >= on))
                same_title = p.title == rp.title_key
                if same_title and active:
                    value, reason = 3.0, _r("post_same", post=rp.text)
                elif same_title:
                    value, reason = 2.0, _r("post_then", post=rp.text, when=f"{p.start:%Y}")
                else:
                    value, reason = 1.5, _r("same_body", body=self.index.bodies[p.body_id].name)
                if value > best_post:
                    best_post, post_reason = value, reason
        if post_reason:
            score += best_post
            reasons.append(post_reason)
        # Reach: a member or post holder in the holding body's subtree or at its superiors.
        if context is not None and best_post < 3.0:
            ctx = self.index.bodies[context].path
            homes = [c.body_id] + [p.body_id for p in c.posts]
            for b in homes:
                info = self.index.bodies.get(b)
                if info and (info.path.startswith(ctx) or ctx.startswith(info.path)):
                    score += 1.0
                    reasons.append(_r("in_reach", body=info.name))
                    break
        if not reasons or all(r["code"] == "rank_unknown" for r in reasons):
            reasons.append(_r("name_only"))
        return Candidate(c.id, "", score, reasons)  # labelled if shown

    def _person_label(self, c: PersonInfo, on: dt.date | None) -> str:
        rank = ""
        if c.ranks:
            prior = [r for r in c.ranks if on is None or r[0] is None or r[0] <= on]
            rank = (prior or c.ranks)[-1][2]
        posts = sorted(c.posts, key=lambda p: p.start, reverse=True)[:2]
        where = "; ".join(
            f"{p.text} {self.index.bodies[p.body_id].unit or self.index.bodies[p.body_id].name} ({p.start:%Y})"
            for p in posts
            if p.body_id in self.index.bodies
        )
        if not where and c.body_id in self.index.bodies:
            where = self.index.bodies[c.body_id].name
        return " ".join(x for x in [rank, c.name] if x) + (f" — {where}" if where else "")

    # documents -------------------------------------------------------------------------------
    def preload_documents(self) -> None:
        """Every registered document by canonical key, at once (bulk imports): a key not
        here then needs no query. Documents registered by other processes meanwhile are not
        seen (the registry refuses a second registration of the same number)."""
        from ctct.documents.models import Document

        self.documents.clear()
        rows = Document.objects.exclude(canonical_key="").order_by("id")
        for key, pk, issued, issuer in _rows(
            rows.values_list("canonical_key", "id", "issued_on", "issuer_name"), dates=(2,)
        ):
            self.documents.setdefault(key, []).append((pk, issued, issuer))
        self.documents_preloaded = True

    def learn_document(self, key: str, pk: int, issued_on, issuer_name: str) -> None:
        self.documents.setdefault(key, []).append((pk, issued_on, issuer_name))

    def _documents_keyed(self, key: str) -> list[tuple]:
        from ctct.documents.models import Document

        rows = self.documents.get(key)
        if rows is None and self.documents_preloaded:
            rows = []
        if rows is None:
            rows = self.documents[key] = list(
                Document.objects.filter(canonical_key=key).values_list(
                    "id", "issued_on", "issuer_name"
                )
            )
        return rows

    def document(self, doc: dict, text: str = "") -> tuple[Match, str | None, str | None]:
        """Returns the match, the citation to register, and the canonical key.

        A Party citation without its symbol ("Chỉ thị số 35 của Bộ Chính trị") is looked
        for under the symbol of the issuer named beside it, or, failing that, in its sentence
        of ``text`` (a national issuer only): "35-CT/TW"."""
        citation = citation_of(doc)
        try:
            parsed = parse_docnumber(citation)
            key = canonical_key(parsed)
        except (DocNumberError, ValueError):
            return Match(UNRESOLVED, reasons=[_r("doc_bad_number", text=citation)]), None, None
        date = doc.get("date")
        if parsed.symbol is None:
            named = self._document_of_issuer(parsed, doc, text, date)
            if named is not None:
                return named
            # no symbol and no issuer's document: nothing to register it under
            return Match(UNRESOLVED, reasons=[_r("doc_bad_number", text=citation)]), None, None
        match = _document_match(self._documents_keyed(key), citation, date)
        return match, citation, key

    def _document_of_issuer(self, parsed, doc: dict, text: str, date) -> tuple | None:
        """The registered document a symbol-less citation is, by the issuer's symbol."""
        written = (doc.get("issuer") or "").strip()
        codes = issuers_named(written)
        if not codes:
            near = _sentence_around(text, doc.get("spans"))
            codes = [c for c in issuers_named(near) if c in NATIONAL_ISSUERS]
        if len(set(codes)) != 1:
            return None
        try:
            full = with_issuer(parsed, codes[0])
        except DocNumberError:
            return None
        rows = self._documents_keyed(canonical_key(full))
        if codes[0] not in NATIONAL_ISSUERS:  # many bodies write this symbol: theirs only
            rows = [r for r in rows if _same_issuer_name(r[2], written)]
        citation = format_citation(full)
        match = _document_match(rows, citation, date)
        if match.decision == NEW:
            return None
        for c in match.candidates:
            c.reasons.insert(1, _r("doc_issuer", issuer=written or codes[0]))
        return match, citation, canonical_key(full)


def _document_match(rows: list[tuple], citation: str, date: str | None) -> Match:
    """The decision among the registered documents of one key: (id, issued on, issuer)."""
    cands = []
    for pk, issued, issuer_name in rows:
        reasons = [_r("doc_key", citation=citation)]
        score = 3.0
        if date and issued:
            if issued.isoformat() == date:
                score += 2.0
                reasons.append(_r("doc_date", date=f"{issued:%d/%m/%Y}"))
            else:
                continue  # the same number in another term or year: another document
        cands.append(Candidate(pk, f"{citation} — {issuer_name}".strip(" —"), score, reasons))
    if not cands:
        return Match(NEW, reasons=[_r("doc_missing")])
    cands.sort(key=lambda c: -c.score)
    if len(cands) == 1 or cands[0].score > cands[1].score:
        return Match(MATCHED, cands[0].id, cands)
    return Match(REVIEW, None, cands)


def _sentence_around(text: str, spans) -> str:
    """The sentence of ``text`` holding the first span (where a citation was read)."""
    if not text or not spans or not isinstance(spans[0], list | tuple) or len(spans[0]) != 2:
        return ""
    start, end = spans[0]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        return ""
    lo = max(text.rfind(stop, 0, start) for stop in ".!?\n") + 1
    ends = [i for stop in ".!?\n" if (i := text.find(stop, end)) != -1]
    return text[lo : min(ends) if ends else len(text)]


def _same_issuer_name(registered: str, written: str) -> bool:
    a, b = fold(registered or ""), fold(written or "")
    return bool(a and b) and (a in b or b in a)


def citation_of(doc: dict) -> str:
    """ "Chỉ thị số 2889-CT/ĐU ngày 10/9/2024" from a record's document."""
    type_name = doc.get("type") or ""
    number = doc.get("number") or ""
    symbol = doc.get("symbol") or ""
    head = symbol.split("/")[0]
    party = "/" in symbol and "-" not in head and not re.fullmatch(r"\d{4}", head)
    sep = ("-" if party else "/") if symbol else ""
    text = f"{type_name} số {number}{sep}{symbol}".strip()
    date = doc.get("date")
    if date:
        y, m, d = date.split("-")
        text += f" ngày {int(d)}/{int(m)}/{y}"
    return text
