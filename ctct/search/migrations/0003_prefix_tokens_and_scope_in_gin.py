"""PostgreSQL: prefix tokens, and the scope inside the full-text GIN indexes.

- ``title_vec`` and ``words_vec`` also carry the prefix tokens of their words (``^tr``,
  ``^tra`` ... ``^truong``, written by the index in ``title_prefixes`` and ``prefixes``), so
  that the last word being typed is one posting list, as in SQLite's FTS5 prefix index:
  "thang:*" no longer merges the lists of every word that starts so (``tokens.prefix_tokens``,
  ``SHORT_PREFIX_MAX``).
- The GIN indexes hold ``(words_vec, reach_arr)`` and ``(title_vec, reach_arr)``, so the
  index itself intersects the words' hits with the user's scope: a cell secretary's "an toan
  giao thong" reads its one hit, not the 7,000 of the whole tree checked row by row.

Both databases get the two text columns (a plain ``ADD COLUMN`` with a default, as 0002);
SQLite leaves them empty (its FTS5 table already does both). On PostgreSQL the entries
written before get their prefix tokens here (``prefixes_sql``, the same as the index's), so no
reindex is needed.
"""

from django.db import migrations, models

ADD = [
    "ALTER TABLE search_entry ADD COLUMN prefixes text NOT NULL DEFAULT ''",
    "ALTER TABLE search_entry ADD COLUMN title_prefixes text NOT NULL DEFAULT ''",
]
DROP = [
    "ALTER TABLE search_entry DROP COLUMN prefixes",
    "ALTER TABLE search_entry DROP COLUMN title_prefixes",
]


def _vec(column: str, prefixes: str) -> str:
    return (
        f"(to_tsvector('simple', {column}) || "
        f"array_to_tsvector(array_remove(string_to_array({prefixes}, ' '), '')))"
    )


def prefixes_sql(column: str) -> str:
    """The prefix tokens of a column of folded words, as ``tokens.prefix_tokens`` gives them
    (each word's first 2..7 characters, marked, once; in no particular order)."""
    return (
        "(SELECT coalesce(string_agg(DISTINCT '^' || left(w, k), ' '), '') "
        f"FROM unnest(string_to_array({column}, ' ')) AS w, "
        "generate_series(2, least(length(w), 7)) AS k)"
    )


POSTGRES = [
    "DROP INDEX IF EXISTS search_entry_title_vec",
    "DROP INDEX IF EXISTS search_entry_words_vec",
    "DROP INDEX IF EXISTS search_entry_reach_arr",
    "ALTER TABLE search_entry DROP COLUMN title_vec, DROP COLUMN words_vec",
    # the entries already written get their prefix tokens here: no reindex is needed
    f"UPDATE search_entry SET prefixes = {prefixes_sql('words')}, "
    f"title_prefixes = {prefixes_sql('title_key')}",
    "ALTER TABLE search_entry "
    f"ADD COLUMN title_vec tsvector GENERATED ALWAYS AS {_vec('title_key', 'title_prefixes')} "
    f"STORED, ADD COLUMN words_vec tsvector GENERATED ALWAYS AS {_vec('words', 'prefixes')} "
    "STORED",
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX search_entry_title_vec ON search_entry USING gin (title_vec, reach_arr)",
    "CREATE INDEX search_entry_words_vec ON search_entry USING gin (words_vec, reach_arr)",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS search_entry_title_vec",
    "DROP INDEX IF EXISTS search_entry_words_vec",
    "ALTER TABLE search_entry DROP COLUMN title_vec, DROP COLUMN words_vec, "
    "ADD COLUMN title_vec tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', title_key)) STORED, "
    "ADD COLUMN words_vec tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', words)) STORED",
    "CREATE INDEX search_entry_title_vec ON search_entry USING gin (title_vec)",
    "CREATE INDEX search_entry_words_vec ON search_entry USING gin (words_vec)",
    "CREATE INDEX search_entry_reach_arr ON search_entry USING gin (reach_arr)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACK:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_entry_names")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, DROP)],
            state_operations=[
                migrations.AddField(
                    model_name="entry",
                    name="prefixes",
                    field=models.TextField(blank=True, default=""),
                ),
                migrations.AddField(
                    model_name="entry",
                    name="title_prefixes",
                    field=models.TextField(blank=True, default=""),
                ),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
