"""Keeping the index: entries built from the registry (``core.findable``), written per kind.

- ``update(kind, ids)``: build the entries of those records again (a record its findable skips,
  or that no longer exists, leaves the index); ``remove(kind, ids)``.
- ``connect()`` (from ``apps.ready``): post_save / post_delete of every registered and watched
  model call them, and ``core.findable.changed`` / ``removed`` reach them for bulk writers.
- ``rebuild(kinds=None, progress=None)``: everything again, in batches (``ctct reindex``).

Writes happen in the caller's transaction, so a write that rolls back leaves the index as it was.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction
from django.db.models import CharField, F, TextField, Value
from django.db.models.functions import Concat, Left, Replace, Trim
from django.db.models.signals import post_delete, post_save, pre_save

from ctct.core import findable
from ctct.core.bulk import insert_rows
from ctct.search.models import Entry
from ctct.search.tokens import (
    MAX_INDEX_WORDS,
    exact_words,
    index_words,
    number_keys,
    prefix_tokens,
    reach_tokens,
)

#: characters of a record's text kept for snippets
TEXT_MAX = 50_000
#: records built and written at once
BATCH = 1000
_CHUNK = 500  # ids per IN (...)

MSG_UNKNOWN_KIND = "unknown kind %r"

#: PostgreSQL's GIN indexes of the index (as migration 0003 creates them: the words with the
#: scope, so the index intersects them): a full rebuild drops them first and builds them once
#: at the end.
PG_INDEXES = [
    (
        "search_entry_title_vec",
        "CREATE INDEX search_entry_title_vec ON search_entry USING gin (title_vec, reach_arr)",
    ),
    (
        "search_entry_words_vec",
        "CREATE INDEX search_entry_words_vec ON search_entry USING gin (words_vec, reach_arr)",
    ),
]


#: the GIN pending list of a one-kind rebuild on PostgreSQL (``gin_pending_list_limit``)
PENDING_LIST = "256MB"
#: from this many records of one kind, an update on PostgreSQL writes in bulk (``_update_bulk``)
BULK_UPDATE = 5000


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def names_key(names: Iterable[str]) -> str:
    """ "|chi bo dai doi 4|dai doi 4|": the folded whole names, each between bars."""
    keys = [" ".join(index_words(n)) for n in names if n]
    keys = [k for k in dict.fromkeys(keys) if k]
    return f"|{'|'.join(keys)}|" if keys else ""


def row_for(f: findable.Findable, e: findable.Entry, extra: list[str] | None = None) -> Entry:
    """The index row of one entry: folded words, exact words, who sees it."""
    return Entry(**row_values(f, e, extra))


def row_values(f: findable.Findable, e: findable.Entry, extra: list[str] | None = None) -> dict:
    """The values of the index row of one entry, by column (no model instance: a full
    rebuild writes them as they are)."""
    keywords = [*e.keywords, *(extra or ())]
    keys: list[str] = []
    for k in e.numbers:
        keys.extend(number_keys(k))
    title_tokens = index_words(e.title) + index_words(" ".join([*keywords, *e.numbers])) + keys
    title_tokens = list(dict.fromkeys(title_tokens)) if len(title_tokens) > 200 else title_tokens
    text_tokens = index_words(e.text, limit=max(0, MAX_INDEX_WORDS - len(title_tokens)))
    words = " ".join(title_tokens + text_tokens)
    exact = exact_words(e.title) + exact_words(" ".join(keywords))
    reach = reach_tokens(action=f.action, paths=e.paths, line_paths=e.line_paths, public=e.public)
    title_key = " ".join(title_tokens)
    title_prefixes = prefixes = ""
    if connection.vendor == "postgresql":
        in_title = prefix_tokens(set(title_tokens))
        title_prefixes = " ".join(in_title)
        prefixes = " ".join(in_title | prefix_tokens(set(text_tokens)))
    return dict(
        prefixes=prefixes,
        title_prefixes=title_prefixes,
        names=names_key([e.title, *e.names]),
        kind=f.kind,
        object_id=e.object_id,
        title=(e.title or "")[:500],
        detail=(e.detail or "")[:500],
        text=(e.text or "")[:TEXT_MAX],
        url_name=e.url_name,
        url_args=list(e.url_args),
        exact=f" {' '.join(exact)} ",
        title_key=f" {title_key} ",
        words=words,
        reach=" ".join(reach),
        clearance=int(e.clearance or 0),
        owner_path=e.owner_path or "",
        date=e.date,
        type=(e.type or "")[:16],
        subkind=(e.subkind or "")[:24],
    )


def build(kind: str, ids: list[int]) -> list[Entry]:
    return [Entry(**v) for v in build_values(kind, ids)]


def build_values(kind: str, ids: list[int]) -> list[dict]:
    """The values of the index rows of those records (``row_values``)."""
    f = findable.get(kind)
    if f is None:
        raise ValueError(MSG_UNKNOWN_KIND % kind)
    qs = f.model._default_manager.filter(pk__in=ids)
    entries = list(f.entries(qs))
    extra = findable.keywords_for(kind, [e.object_id for e in entries]) if entries else {}
    return [row_values(f, e, extra.get(e.object_id)) for e in entries]


def _chunks(ids: list[int], n: int = _CHUNK) -> Iterable[list[int]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def _fts_delete(where: str, params: list) -> None:
    """Take rows out of the FTS5 table (external content needs the old values)."""
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO search_fts(search_fts, rowid, title_key, words, reach) "
            f"SELECT 'delete', id, title_key, words, reach FROM search_entry WHERE {where}",
            params,
        )


def _fts_insert(ids: list[int]) -> None:
    with connection.cursor() as cur:
        for part in _chunks(ids):
            marks = ",".join(["%s"] * len(part))
            cur.execute(
                "INSERT INTO search_fts(rowid, title_key, words, reach) "
                f"SELECT id, title_key, words, reach FROM search_entry WHERE id IN ({marks})",
                part,
            )


_COLUMNS = [f.attname for f in Entry._meta.concrete_fields if not f.primary_key]


def _insert_fast(rows: list[dict]) -> None:
    """INSERT without the ORM's per-object work (the full rebuild: no ids needed back);
    ``core.bulk`` streams the rows with COPY on PostgreSQL."""
    values = []
    for r in rows:
        r["url_args"] = json.dumps(r["url_args"])
        values.append(tuple(r[c] for c in _COLUMNS))
    insert_rows(Entry, _COLUMNS, values)


def write(kind: str, ids: list[int], rows: list[Entry]) -> None:
    """Replace the entries of ``kind`` for ``ids`` by ``rows``."""
    with transaction.atomic():
        for part in _chunks(ids):
            marks = ",".join(["%s"] * len(part))
            if _is_sqlite():
                _fts_delete(f"kind = %s AND object_id IN ({marks})", [kind, *part])
            Entry.objects.filter(kind=kind, object_id__in=part).delete()
        if rows:
            made = Entry.objects.bulk_create(rows, batch_size=BATCH)
            if _is_sqlite():
                _fts_insert([r.pk for r in made])


def update(kind: str, ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in ids})
    if connection.vendor == "postgresql" and len(ids) >= BULK_UPDATE:
        _update_bulk(kind, ids)
        return
    for part in _chunks(ids, BATCH):
        write(kind, part, build(kind, part))


def _pending_list_raised(cur) -> None:
    """PostgreSQL: let the GIN indexes take the rows written next in a long pending list
    (``PENDING_LIST``), merged in bulk by ``_pending_list_merged``, not entry by entry."""
    cur.execute(f"SET LOCAL gin_pending_list_limit = '{PENDING_LIST}'")


def _pending_list_merged(cur) -> None:
    """Merge the pending lists once and set the limit back, so no later write of the
    transaction leaves a long pending list for searches to read."""
    for name, _sql in PG_INDEXES:
        cur.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
    cur.execute("SET LOCAL gin_pending_list_limit TO DEFAULT")


def _update_bulk(kind: str, ids: list[int]) -> None:
    """Many records of one kind on PostgreSQL (a generated world, a large import): their
    entries deleted and written again by COPY, the GIN indexes taking them in a pending list
    merged in bulk once at the end, not entry by entry."""
    with transaction.atomic(), connection.cursor() as cur:
        _pending_list_raised(cur)
        for part in _chunks(ids, BATCH):
            marks = ",".join(["%s"] * len(part))
            cur.execute(
                f"DELETE FROM search_entry WHERE kind = %s AND object_id IN ({marks})",
                [kind, *part],
            )
            _insert_fast(build_values(kind, part))
        _pending_list_merged(cur)


def remove(kind: str, ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in ids})
    if ids:
        write(kind, ids, [])


# --- words an entry shows of another record --------------------------------------------------


def _replaced(expr, pairs: list[tuple[str, str]]):
    for old, new in pairs:
        expr = Replace(expr, Value(old), Value(new), output_field=TextField())
    return expr


def rewrite(kind: str, ids, pairs: list[tuple[str, str]], *, composed: bool = False) -> int:
    """Replace, in the entries of ``kind`` for ``ids`` (a ``values("pk")`` queryset, run as a
    subquery), each old text of ``pairs`` by the new one: in the line shown as written, in the
    title key folded, in the exact words with their diacritics; in the text and the words too
    when the text is ``composed`` of such fields, else the new words are added to the words
    (a text that cites the old name is still found by it). One UPDATE (and on SQLite the
    FTS5 rows taken out and put back around it); no record is built again. Returns the
    number of entries rewritten."""
    pairs = [(o, n) for o, n in pairs if o and o != n]
    if not pairs:
        return 0
    folded = []
    exact = []
    for o, n in pairs:
        fo, fn = " ".join(index_words(o)), " ".join(index_words(n))
        if fo and fo != fn:
            folded.append((f" {fo} ", f" {fn} " if fn else " "))
        eo, en = " ".join(exact_words(o)), " ".join(exact_words(n))
        if eo and eo != en:
            exact.append((f" {eo} ", f" {en} " if en else " "))
    rows = Entry.objects.filter(kind=kind, object_id__in=ids)
    changes = {"detail": Left(_replaced(F("detail"), pairs), 500, output_field=CharField())}
    if composed:
        changes["text"] = _replaced(F("text"), pairs)
    if folded:
        changes["title_key"] = _replaced(F("title_key"), folded)
        if composed:  # words are stored without the outer spaces: pad, replace, trim
            padded = Concat(Value(" "), F("words"), Value(" "), output_field=TextField())
            changes["words"] = Trim(_replaced(padded, folded), output_field=TextField())
        else:
            added = " ".join(n.strip() for _o, n in folded if n.strip())
            changes["words"] = Concat(F("words"), Value(f" {added}"), output_field=TextField())
    if exact:
        changes["exact"] = _replaced(F("exact"), exact)
    if folded and connection.vendor == "postgresql":
        # the new words' prefix tokens join (an old word's stay until the next rebuild: a
        # prefix of the old name still finds the entry, as its words do in a cited text)
        added = " ".join(prefix_tokens(w for _o, n in folded for w in n.split()))
        if added:
            for column in ("prefixes", "title_prefixes"):
                changes[column] = Concat(F(column), Value(f" {added}"), output_field=TextField())
    with transaction.atomic():
        if _is_sqlite() and folded:
            sql, params = rows.values("id").query.sql_with_params()
            _fts_delete(f"id IN ({sql})", list(params))
        count = rows.update(**changes)
        if _is_sqlite() and folded and count:
            sql, params = rows.values("id").query.sql_with_params()
            with connection.cursor() as cur:
                cur.execute(
                    "INSERT INTO search_fts(rowid, title_key, words, reach) "
                    f"SELECT id, title_key, words, reach FROM search_entry WHERE id IN ({sql})",
                    params,
                )
    return count


def _on_shown_pre_save(fields: tuple[str, ...]) -> Callable:
    def receiver(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        instance._search_shown = (
            sender._default_manager.filter(pk=instance.pk).values(*fields).first()
        )

    return receiver


def _on_shown_save(fields: tuple[str, ...]) -> Callable:
    def receiver(sender, instance, raw=False, created=False, **kwargs):
        before = getattr(instance, "_search_shown", None)
        instance._search_shown = None
        if raw or created or not before:
            return
        now = {f: getattr(instance, f) or "" for f in fields}
        changed = [f for f in fields if (before[f] or "") != now[f]]
        if not changed:
            return
        # a field whose old text lies inside a field that did not change is left alone (the
        # unit "Lữ đoàn 657" inside the unchanged name "Đảng ủy Lữ đoàn 657")
        kept = [now[f] for f in fields if f not in changed]
        pair_of = {
            f: (before[f], now[f])
            for f in changed
            if before[f] and not any(before[f] in k for k in kept)
        }
        for kind, how in findable.shown(sender):
            # longest old text first ("Đảng ủy Lữ đoàn 657" before "Lữ đoàn 657")
            pairs = sorted(
                (pair_of[f] for f in how.fields if f in pair_of), key=lambda p: -len(p[0])
            )
            if pairs:
                rewrite(kind, how.ids(instance), pairs, composed=how.composed)

    return receiver


class _Handler:
    def changed(self, kind: str, ids: Iterable[int]) -> None:
        update(kind, ids)

    def removed(self, kind: str, ids: Iterable[int]) -> None:
        remove(kind, ids)


# --- signals ---------------------------------------------------------------------------------

_connected: list[tuple] = []


def _on_save(kind: str) -> Callable:
    def receiver(sender, instance, raw=False, **kwargs):
        if not raw:
            update(kind, [instance.pk])

    return receiver


def _on_delete(kind: str) -> Callable:
    def receiver(sender, instance, **kwargs):
        remove(kind, [instance.pk])

    return receiver


def _on_watched(kind: str, ids_of: Callable) -> Callable:
    def receiver(sender, instance, raw=False, **kwargs):
        if not raw:
            ids = [i for i in ids_of(instance) if i is not None]
            if ids:
                update(kind, ids)

    return receiver


def connect() -> None:
    """Connect the index to every registered model (once) and become findable's handler."""
    findable.set_handler(_Handler())
    if _connected:
        return
    for f in findable.findables():
        pairs = [
            (post_save, _on_save(f.kind), f.model),
            (post_delete, _on_delete(f.kind), f.model),
        ]
        for model, ids_of in findable.watched(f.kind):
            r = _on_watched(f.kind, ids_of)
            pairs += [(post_save, r, model), (post_delete, r, model)]
        for signal, receiver, model in pairs:
            signal.connect(receiver, sender=model, weak=False)
            _connected.append((signal, receiver, model))
    shown_models: dict[type, set[str]] = {}
    for f in findable.findables():
        for how in f.shows:
            shown_models.setdefault(how.model, set()).update(how.fields)
    for model, fields in shown_models.items():
        names = tuple(sorted(fields))
        for signal, receiver in (
            (pre_save, _on_shown_pre_save(names)),
            (post_save, _on_shown_save(names)),
        ):
            signal.connect(receiver, sender=model, weak=False)
            _connected.append((signal, receiver, model))
    from ctct.bodies.signals import body_moved

    body_moved.connect(_on_moved, dispatch_uid="search.moved", weak=False)


def _on_moved(sender, body, **kwargs) -> None:
    """A branch moved: index again every record whose entry names a body of it."""
    for f in findable.findables():
        if f.under is not None:
            update(f.kind, f.under(body.path))


# --- rebuilding ------------------------------------------------------------------------------


def rebuild(
    kinds: Iterable[str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> int:
    """Build the entries of ``kinds`` (all when None) again; returns how many were written.

    ``progress(n)`` is called after each batch with the number of records read. A full rebuild
    empties the index and, on SQLite, builds the FTS5 table once at the end (on PostgreSQL
    the GIN indexes); a rebuild of some kinds deletes their entries and writes them again in
    bulk. One transaction: a failure leaves the index as it was.
    """
    chosen = [f for f in findable.findables() if kinds is None or f.kind in set(kinds)]
    full = kinds is None
    pg = connection.vendor == "postgresql"
    # the next batch is built while the server writes the last (PostgreSQL, on a connection
    # of its own: only when nothing uncommitted of the caller's would be missing from it)
    ahead = pg and not connection.in_atomic_block
    written = 0
    with transaction.atomic():
        if full:
            with connection.cursor() as cur:
                if _is_sqlite():
                    cur.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")
                    cur.execute("DELETE FROM search_entry")
                elif pg:
                    # Building a GIN index once is far faster than growing it row by row.
                    cur.execute("TRUNCATE search_entry")
                    for name, _sql in PG_INDEXES:
                        cur.execute(f"DROP INDEX IF EXISTS {name}")
                else:
                    cur.execute("DELETE FROM search_entry")
        else:
            # some kinds: their entries go at once and come back in bulk, as in a full
            # rebuild; SQLite's FTS5 rows with them, PostgreSQL's GIN indexes take the new
            # rows in a pending list merged in bulk at the end, not entry by entry
            marks = ",".join(["%s"] * len(chosen))
            picked = [f.kind for f in chosen]
            if _is_sqlite():
                _fts_delete(f"kind IN ({marks})", picked)
            with connection.cursor() as cur:
                cur.execute(f"DELETE FROM search_entry WHERE kind IN ({marks})", picked)
                if pg:
                    _pending_list_raised(cur)
        for f in chosen:
            ids = list(f.model._default_manager.order_by("pk").values_list("pk", flat=True))
            batches = _built(f.kind, ids, batch)
            for part, rows in _ahead(batches) if ahead else batches:
                _insert_fast(rows)
                written += len(rows)
                if progress is not None:
                    progress(len(part))
        if full and _is_sqlite():
            with connection.cursor() as cur:
                cur.execute("INSERT INTO search_fts(search_fts) VALUES('rebuild')")
        elif _is_sqlite():
            with connection.cursor() as cur:
                cur.execute(
                    "INSERT INTO search_fts(rowid, title_key, words, reach) "
                    f"SELECT id, title_key, words, reach FROM search_entry WHERE kind IN ({marks})",
                    picked,
                )
        elif full and pg:
            with connection.cursor() as cur:
                cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for _name, sql in PG_INDEXES:
                    cur.execute(sql)
                cur.execute("ANALYZE search_entry")
        elif pg:
            with connection.cursor() as cur:
                _pending_list_merged(cur)
                cur.execute("ANALYZE search_entry")
    return written


def _built(kind: str, ids: list[int], batch: int) -> Iterator[tuple[list[int], list[dict]]]:
    for part in _chunks(ids, batch):
        yield part, build_values(kind, part)


_DONE = object()


def _ahead(batches: Iterator, depth: int = 2) -> Iterator:
    """The items of ``batches``, produced in a thread up to ``depth`` items ahead: reading
    and folding the next records (Python, holding the interpreter) overlaps the server's work
    on the rows just sent (COPY, the tsvectors), which waits on the socket. The thread reads
    through its own connection, closed when it ends; its error is raised here."""
    out: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in batches:
                if stop.is_set():
                    return
                out.put(item)
            out.put(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            out.put(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=produce, name="reindex-build", daemon=True)
    worker.start()
    try:
        while True:
            item = out.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # let a producer blocked on a full queue see the stop
            try:
                out.get(timeout=0.1)
            except queue.Empty:
                pass
        worker.join()


def total_records(kinds: Iterable[str] | None = None) -> int:
    """How many records a rebuild reads (for the progress bar)."""
    return sum(
        f.model._default_manager.count()
        for f in findable.findables()
        if kinds is None or f.kind in set(kinds)
    )
