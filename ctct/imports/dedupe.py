"""Is this report already in? An earlier item of the same bytes, the same text, or (mostly) the
same sentences: the same article saved as HTML and as text.

``find_duplicate`` asks the database, for a single report. ``DuplicateIndex`` asks memory the
same questions, for a bulk import: the hashes and sketches of the items on record are loaded
once, and every item of the run is added as it is read, before it is even written.

A background task asks the database before it takes the import lock (``mark``, then
``find_duplicates`` for its reports), side by side with the other workers, and under the lock
looks only at the items whose history moved past the mark since (``DuplicateIndex.catch_up``).
"""

from __future__ import annotations

from django.db import connection

from ctct.core.bulk import last_history_id
from ctct.imports.fingerprint import similarity
from ctct.imports.models import Fingerprint, ImportItem, ItemStatus
from ctct.imports.prepare import Prepared

DUPLICATE_SIMILARITY = 0.8
CANDIDATES = 50  # items sharing half the sketch that are compared sentence by sentence
LIST_LIMIT = 500  # a sketch value of more items than this is boilerplate (find_duplicate)
# Items that stand for their report: the ones waiting, failed, copies or discarded do not.
NOT_ORIGINAL = [ItemStatus.DUPLICATE, ItemStatus.DISCARDED, ItemStatus.FAILED, ItemStatus.PENDING]


def _originals():
    return ImportItem.objects.exclude(status__in=NOT_ORIGINAL)


def _need(sketch: list[int]) -> int:
    # Boilerplate sentences shared by many reports ("Hội nghị đã thảo luận ...") alone never
    # make a candidate: a candidate shares at least half of the sketch.
    return max(1, len(sketch) // 2)


def find_duplicate(p: Prepared, *, exclude: int | None = None) -> ImportItem | None:
    """The earliest item of the same bytes, the same text, or mostly the same sentences."""
    return find_duplicates([p], exclude=exclude)[0]


def find_duplicates(ps: list[Prepared], *, exclude: int | None = None) -> list[ImportItem | None]:
    """``find_duplicate`` for several reports, each against the items on record (not against
    each other), in a few statements for all of them."""
    qs = _originals()
    if exclude:
        qs = qs.exclude(pk=exclude)
    by_content = _earliest(qs, "content_hash", {p.content_hash for p in ps})
    by_text = _earliest(qs, "text_hash", {p.text_hash for p in ps if p.text_hash})
    found: list[int | None] = [
        by_content.get(p.content_hash) or (by_text.get(p.text_hash) if p.text_hash else None)
        for p in ps
    ]
    alike = [i for i, p in enumerate(ps) if found[i] is None and p.sketch]
    if alike:
        for i, pk in zip(alike, _alike(qs, [ps[i] for i in alike]), strict=True):
            found[i] = pk
    items = ImportItem.objects.in_bulk([pk for pk in found if pk is not None])
    return [items[pk] if pk is not None else None for pk in found]


def _earliest(qs, field: str, hashes: set[str]) -> dict[str, int]:
    """The smallest id among the items of each hash, read through the hash's index. Not MIN(id)
    nor ORDER BY id LIMIT 1: PostgreSQL answers both by walking the primary key until a row
    matches, which for a hash no item has (every new report) is the whole table."""
    out: dict[str, int] = {}
    for part in _parts(sorted(hashes)):
        for value, pk in qs.filter(**{f"{field}__in": part}).order_by().values_list(field, "id"):
            if value not in out or pk < out[value]:
                out[value] = pk
    return out


def _alike(qs, ps: list[Prepared]) -> list[int | None]:
    """For each report, the earliest item on record with mostly the same sentences.

    Candidates are the items in the lists of the sketch's values of at most LIST_LIMIT items: a
    longer list is a boilerplate sentence ("Hội nghị đã thảo luận ...") that thousands of
    reports share, and reading it would grow with the archive. A copy shares the rare values
    too; only items alike in boilerplate alone are not looked at. Of the items that share at
    least half of a report's sketch, the first CANDIDATES by id are compared sentence by
    sentence."""
    every = sorted({v for p in ps for v in p.sketch})
    rare = {v for v, n in _list_sizes(every) if n <= LIST_LIMIT}
    held: dict[int, set[int]] = {}  # item id -> the values of ``every`` it holds
    near_lists: dict[int, list[int]] = {}  # rare value -> the items holding it
    for part in _parts(sorted(rare)):
        for value, item_id in Fingerprint.objects.filter(value__in=part).values_list(
            "value", "item_id"
        ):
            near_lists.setdefault(value, []).append(item_id)
    near = sorted({i for lst in near_lists.values() for i in lst})
    for part in _parts(near):
        rows = Fingerprint.objects.filter(item_id__in=part, value__in=every)
        for item_id, value in rows.values_list("item_id", "value"):
            held.setdefault(item_id, set()).add(value)
    candidates: list[list[int]] = []
    for p in ps:
        values = set(p.sketch)
        need = _need(p.sketch)
        mine = {i for v in values & rare for i in near_lists.get(v, ())}
        ids = sorted(i for i in mine if len(held.get(i, set()) & values) >= need)
        candidates.append(ids[:CANDIDATES])
    wanted = sorted({i for ids in candidates for i in ids})
    hashes: dict[int, list[int]] = {}
    for part in _parts(wanted):
        hashes.update(qs.filter(pk__in=part).values_list("pk", "sentence_hashes"))
    return [
        next(
            (
                i
                for i in ids
                if i in hashes and similarity(p.sentence_hashes, hashes[i]) >= DUPLICATE_SIMILARITY
            ),
            None,
        )
        for p, ids in zip(ps, candidates, strict=True)
    ]


def _parts(values: list, size: int = 500):
    """Lists of at most ``size`` values, for IN (...) and UNION ALL statements (SQLite caps
    both)."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def mark() -> int:
    """Where the items' history stands: ``DuplicateIndex.catch_up`` reads what moved past it."""
    return last_history_id(ImportItem)


def _list_sizes(values: list[int]) -> list[tuple[int, int]]:
    """How many items each value's list holds, counted no further than LIST_LIMIT + 1 (one
    statement per 200 values; each count stops early on the value's index)."""
    table = connection.ops.quote_name(Fingerprint._meta.db_table)
    one = f"SELECT %s, COUNT(*) FROM (SELECT 1 FROM {table} WHERE value = %s LIMIT %s) t"
    out: list[tuple[int, int]] = []
    with connection.cursor() as cur:
        for part in _parts(values, 200):
            cur.execute(
                " UNION ALL ".join([one] * len(part)),
                [x for v in part for x in (v, v, LIST_LIMIT + 1)],
            )
            out.extend(cur.fetchall())
    return out


class DuplicateIndex:
    """``find_duplicate`` in memory, for one bulk import.

    Holds the original items on record (loaded once, then topped up by ``refresh`` with what
    other processes added) and the items of this run, saved or not. ``find`` returns an
    ``ImportItem``: of this run, or a stand-in with the id and conference of one on record.
    """

    def __init__(self, *, load: bool = True) -> None:
        """``load=False``: hold only the items added here and ask the database
        (``find_duplicate``) for the rest, for a few reports written together."""
        self.ask_database = not load
        self.by_content: dict[str, ImportItem] = {}
        self.by_text: dict[str, ImportItem] = {}
        self.by_print: dict[int, list[ImportItem]] = {}
        self.hashes: dict[int, list[int]] = {}  # id(item) -> sentence hashes, when known
        self.age: dict[int, int] = {}  # id(item) -> the order items came in
        self.prints: dict[int, set[int]] = {}  # id(item) -> its sketch
        self._seen = 0  # highest item id read from the database
        self._own: list[ImportItem] = []  # this run's items not yet seen written
        # id(Prepared) -> what find_duplicate answered before the lock (catch_up)
        self._answers: dict[int, ImportItem | None] = {}
        if load:
            self.refresh()

    def refresh(self) -> None:
        """Read the originals other processes recorded since the last look (this run's own,
        written since, are here already)."""
        own = {i.pk for i in self._own if i.pk is not None}
        self._own = [i for i in self._own if i.pk is None]
        rows = (
            _originals()
            .filter(pk__gt=self._seen)
            .order_by("pk")
            .values_list("pk", "content_hash", "text_hash", "conference_id")
        )
        found = list(rows.iterator(5000))
        if found:
            self._seen = found[-1][0]
        stand_ins = self._stand_ins(found, skip=own)
        if stand_ins:
            first = min(stand_ins)
            prints = Fingerprint.objects.filter(item_id__gte=first)
            self._add_prints(stand_ins, prints.values_list("value", "item_id").iterator(20000))

    def catch_up(self, since: int, answers: dict[int, ImportItem | None]) -> None:
        """For a few reports checked against the database before the import lock was taken
        (``load=False``): ``answers`` maps ``id(prepared)`` to what ``find_duplicate`` said then,
        and ``since`` is the ``mark()`` taken before asking. Under the lock, the originals
        among the items whose history moved past the mark (other workers' reports written in
        between) join the index, and an answer naming an item that moved is not trusted:
        ``find`` asks the database again for that report."""
        moved = set(
            ImportItem.history.model.objects.filter(history_id__gt=since).values_list(
                "id", flat=True
            )
        )
        self._answers = {k: v for k, v in answers.items() if v is None or v.pk not in moved}
        if not moved:
            return
        rows = (
            _originals()
            .filter(pk__in=moved)
            .order_by("pk")
            .values_list("pk", "content_hash", "text_hash", "conference_id")
        )
        stand_ins = self._stand_ins(rows, skip=set())
        if stand_ins:
            prints = Fingerprint.objects.filter(item_id__in=list(stand_ins))
            self._add_prints(stand_ins, prints.values_list("value", "item_id"))

    def _stand_ins(self, rows, *, skip: set[int]) -> dict[int, ImportItem]:
        """Items on record (``pk, content_hash, text_hash, conference_id`` rows) into the
        index as stand-ins; their sentence hashes are read when a candidate needs them."""
        stand_ins: dict[int, ImportItem] = {}
        for pk, content, text, conference_id in rows:
            if pk in skip:
                continue
            item = ImportItem(pk=pk, conference_id=conference_id)
            stand_ins[pk] = item
            self.age[id(item)] = len(self.age)
            self.by_content.setdefault(content, item)
            if text:
                self.by_text.setdefault(text, item)
        return stand_ins

    def _add_prints(self, stand_ins: dict[int, ImportItem], rows) -> None:
        for value, item_id in rows:
            item = stand_ins.get(item_id)
            if item is not None:
                self.by_print.setdefault(value, []).append(item)
                self.prints.setdefault(id(item), set()).add(value)

    def add(self, item: ImportItem, p: Prepared) -> None:
        """An original item of this run (saved or not)."""
        self.by_content.setdefault(p.content_hash, item)
        if p.text_hash:
            self.by_text.setdefault(p.text_hash, item)
        self.prints[id(item)] = set(p.sketch)
        for value in self.prints[id(item)]:
            self.by_print.setdefault(value, []).append(item)
        self.hashes[id(item)] = p.sentence_hashes
        self.age[id(item)] = len(self.age)
        self._own.append(item)

    def find(self, p: Prepared) -> ImportItem | None:
        hit = self._find(p)
        if hit is None and self.ask_database:
            hit = self._answers[id(p)] if id(p) in self._answers else find_duplicate(p)
        return hit

    def _find(self, p: Prepared) -> ImportItem | None:
        hit = self.by_content.get(p.content_hash)
        if hit is None and p.text_hash:
            hit = self.by_text.get(p.text_hash)
        if hit is not None or not p.sketch:
            return hit
        # An item sharing `need` of the k values is in at least one of the lists of any
        # k - need + 1 of them: the shortest lists are enough to find every candidate, and
        # the long ones (boilerplate sentences) are never walked.
        values = set(p.sketch)
        need = _need(p.sketch)
        lists = sorted((self.by_print.get(v, ()) for v in values), key=len)
        items = {id(i): i for lst in lists[: len(values) - need + 1] for i in lst}
        candidates = sorted(
            (k for k, i in items.items() if len(self.prints[k] & values) >= need),
            key=self.age.get,
        )
        for item in (items[k] for k in candidates[:CANDIDATES]):  # the earliest first
            if similarity(p.sentence_hashes, self._hashes(item)) >= DUPLICATE_SIMILARITY:
                return item
        return None

    def _hashes(self, item: ImportItem) -> list[int]:
        got = self.hashes.get(id(item))
        if got is None:
            got = ImportItem.objects.filter(pk=item.pk).values_list("sentence_hashes", flat=True)
            got = self.hashes[id(item)] = list(got.first() or [])
        return got
