"""Fast row writing for bulk work (demo data, addressing a directive to 20,000 bodies,
importing an archive of reports).

The ORM's per-object work dominates at that scale; these helpers write precomputed rows with
``executemany`` on SQLite and ``COPY`` on PostgreSQL, and mirror them as "created" history
rows so bulk writes keep the same who/when/what as single saves. ``insert_objects`` does the
same for model instances built as for ``bulk_create``, with ids drawn beforehand
(``allocate_ids``), so rows can point at each other before anything is written.
"""

from __future__ import annotations

import enum
import json

from django.db import connection, models
from django.utils import timezone

BATCH = 10000
HISTORY_COLUMNS = ["history_date", "history_change_reason", "history_type", "history_user_id"]


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """INSERT ``rows`` (values in the order of ``columns``, given as attnames)."""
    if not rows:
        return
    fields = {f.attname: f for f in model._meta.concrete_fields}
    # Columns left out take their model default ("" for a blank CharField), as save() would.
    defaults = [
        f
        for f in fields.values()
        if f.attname not in columns
        and not f.primary_key
        and not f.null
        and (f.has_default() or f.empty_strings_allowed)
    ]
    if defaults:
        columns = [*columns, *(f.attname for f in defaults)]
        values = tuple(f.get_default() for f in defaults)
        rows = [(*r, *values) for r in rows]
    dated = {
        i: _date_value(fields[c])
        for i, c in enumerate(columns)
        if c in fields and fields[c].get_internal_type() in ("DateField", "DateTimeField")
    }
    if dated:  # drivers differ on dates: each field converts its own

        def prep(r: tuple) -> tuple:
            r = list(r)
            for i, conv in dated.items():
                r[i] = conv(r[i])
            return tuple(r)

        rows = [prep(r) for r in rows]
    _write(model, columns, rows)


def _date_value(field):
    """The field's conversion of a date or datetime for the driver, memoized (few distinct)."""
    memo: dict = {}

    def conv(value):
        if value is None:
            return None
        got = memo.get(value)
        if got is None:
            got = memo[value] = field.get_db_prep_save(value, connection)
        return got

    return conv


def _write(model, columns: list[str], rows: list[tuple]) -> None:
    """The INSERT itself: values ready for the driver."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    cols = ", ".join(qn(c) for c in columns)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a round trip per row.
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            return
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        for i in range(0, len(rows), BATCH):
            cur.executemany(sql, rows[i : i + BATCH])


def insert_history(
    model, columns: list[str], rows: list[tuple], when, *, reason: str, user_id=None
) -> None:
    """One "created" history row per written row; ``columns`` must start with "id"."""
    insert_rows(*_history_rows(model, columns, rows, (when, reason, "+", user_id)))


def _history_rows(model, columns: list[str], rows: list[tuple], extra: tuple):
    """The history model, its columns and its rows mirroring written rows (the fields the
    history keeps, then ``extra``: date, reason, type, user)."""
    hist = model.history.model
    kept = {f.attname for f in hist._meta.concrete_fields}  # history may exclude some fields
    idx = [i for i, c in enumerate(columns) if c in kept]
    return (
        hist,
        [*(columns[i] for i in idx), *HISTORY_COLUMNS],
        [(*(r[i] for i in idx), *extra) for r in rows],
    )


def last_history_id(model) -> int:
    """The id of the model's newest history row (0 before any): a mark to read later what
    changed past it (``history_id__gt``)."""
    rows = model.history.model.objects.order_by("-history_id").values_list("history_id", flat=True)
    return rows.first() or 0


def next_id(model) -> int:
    """The first free id, for rows written with explicit ids (then call reset_sequences)."""
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def reset_sequences(models) -> None:
    """After rows were written with explicit ids, let the database's counters catch up."""
    from django.core.management.color import no_style

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cur.execute(sql)


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load. On PostgreSQL outside a
    transaction also VACUUM, so counts over fresh rows can use index-only scans."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


# --- model instances -----------------------------------------------------------------------
def allocate_ids(model, n: int) -> list[int]:
    """``n`` fresh ids for rows of ``model`` written with explicit ids, safe beside other
    writers. PostgreSQL draws them from the table's sequence. SQLite gives the ones after the
    largest ever used (``sqlite_sequence`` too: an id of a deleted row is not given again),
    which no other connection can take meanwhile: the caller holds the write lock (an
    IMMEDIATE transaction) until the rows are written."""
    if n <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), pk, n],
            )
            return [row[0] for row in cur.fetchall()]
        if not connection.in_atomic_block:
            raise RuntimeError("allocate_ids on SQLite needs the write transaction held")
        qn = connection.ops.quote_name
        cur.execute(f"SELECT MAX({qn(pk)}) FROM {qn(table)}")
        top = cur.fetchone()[0] or 0
        cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cur.fetchone()
        top = max(top, row[0] if row and row[0] else 0)
    return list(range(top + 1, top + 1 + n))


def _preparer(field, *, add: bool = True):
    """A function of an instance giving the field's value as the driver takes it: what
    ``bulk_create`` (``add``) or ``bulk_update`` would write, without their per-value round
    of method calls."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, add), connection)
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def json_value(obj):
            value = getattr(obj, attname)
            if value is None and field.null:
                return None
            return json.dumps(value, cls=encoder)

        return json_value
    if isinstance(field, models.DateField):  # and DateTimeField: each driver its own way
        conv = _date_value(field)
        return lambda obj: conv(getattr(obj, attname))
    if field.is_relation:
        cache_name = field.cache_name

        def fk_value(obj):
            value = getattr(obj, attname)
            if value is None:  # pointing at an instance that got its id after it was set
                target = obj._state.fields_cache.get(cache_name)
                if target is not None and target.pk is not None:
                    setattr(obj, field.name, target)  # the id, and the instance kept cached
                    value = target.pk
            return value

        return fk_value

    def plain(obj):
        value = getattr(obj, attname)
        return value.value if isinstance(value, enum.Enum) else value

    return plain


def assign_ids(model, objs: list) -> None:
    """Give unsaved instances their ids now (``allocate_ids``), so that rows written in the
    same batch can point at them."""
    todo = [o for o in objs if o.pk is None]
    for obj, pk in zip(todo, allocate_ids(model, len(todo)), strict=True):
        obj.pk = pk


def insert_objects(model, objs: list, *, history_user_id=None, reason: str | None = None) -> None:
    """Write new instances (built as for ``bulk_create``: no ``save()``, no signals) in one
    statement, with a "created" history row each when the model keeps history. Instances
    without an id get one (``assign_ids``); foreign keys to instances given ids since they
    were set are read from those instances."""
    if not objs:
        return
    assign_ids(model, objs)
    fields = list(model._meta.concrete_fields)
    prepare = [_preparer(f) for f in fields]
    rows = [tuple(p(obj) for p in prepare) for obj in objs]
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    columns = [f.attname for f in fields]
    _write(model, columns, rows)
    _history(model, columns, rows, "+", history_user_id, reason)


def update_objects(model, objs: list, *, history_user_id=None, reason: str | None = None) -> None:
    """Save changed instances (every field) in one statement, with a "changed" history row
    each when the model keeps history, as ``save()`` one by one would."""
    if not objs:
        return
    fields = list(model._meta.concrete_fields)
    prepare = [_preparer(f, add=False) for f in fields]
    rows = [tuple(p(obj) for p in prepare) for obj in objs]  # auto_now fields set first
    # One UPDATE per row, sent together (psycopg pipelines executemany): bulk_update's
    # CASE WHEN over every field costs more to build than to run.
    qn = connection.ops.quote_name
    pk = next(i for i, f in enumerate(fields) if f.primary_key)
    rest = [i for i in range(len(fields)) if i != pk]
    sets = ", ".join(f"{qn(fields[i].column)} = %s" for i in rest)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(fields[pk].column)} = %s"
    with connection.cursor() as cur:
        cur.executemany(sql, [(*(r[i] for i in rest), r[pk]) for r in rows])
    _history(model, [f.attname for f in fields], rows, "~", history_user_id, reason)


def _history(model, columns: list[str], rows: list[tuple], kind: str, user_id, reason) -> None:
    """History rows of ``kind`` ("+" created, "~" changed) mirroring written rows."""
    if not hasattr(model, "history"):
        return
    when = models.DateTimeField().get_db_prep_save(timezone.now(), connection)
    _write(*_history_rows(model, columns, rows, (when, reason, kind, user_id)))
