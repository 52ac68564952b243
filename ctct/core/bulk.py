"""Fast row writing for bulk work (demo data, addressing a directive to 20,000 bodies).

The ORM's per-object work dominates at that scale; these helpers write precomputed rows with
``executemany`` on SQLite and ``COPY`` on PostgreSQL, and mirror them as "created" history
rows so bulk writes keep the same who/when/what as single saves.
"""

from __future__ import annotations

from django.db import connection

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
    dated = [
        i
        for i, c in enumerate(columns)
        if c in fields and fields[c].get_internal_type() in ("DateField", "DateTimeField")
    ]
    if dated:  # drivers differ on dates: each field converts its own (memoized, few distinct)
        memo: dict = {}

        def conv(i: int, v):
            key = (i, v)
            if key not in memo:
                memo[key] = fields[columns[i]].get_db_prep_save(v, connection)
            return memo[key]

        def prep(r: tuple) -> tuple:
            r = list(r)
            for i in dated:
                if r[i] is not None:
                    r[i] = conv(i, r[i])
            return tuple(r)

        rows = [prep(r) for r in rows]
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
    hist = model.history.model
    kept = {f.attname for f in hist._meta.concrete_fields}  # history may exclude some fields
    idx = [i for i, c in enumerate(columns) if c in kept]
    extra = (when, reason, "+", user_id)
    insert_rows(
        hist,
        [*(columns[i] for i in idx), *HISTORY_COLUMNS],
        [(*(r[i] for i in idx), *extra) for r in rows],
    )


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
