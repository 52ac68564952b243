"""Migration helpers shared by the apps."""

from __future__ import annotations

from django.db import migrations


def binary_collation(table: str, column: str, length: int = 255) -> migrations.RunPython:
    """Compare a tree-path column byte by byte on PostgreSQL (COLLATE "C").

    Path ranges (``path >= p AND path < next(p)``) then run on memcmp instead of the locale's
    collation, and counts over a 20,000-body subtree can use an index-only scan. SQLite
    already compares TEXT as bytes (BINARY), so nothing changes there.
    """

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE varchar({length}) COLLATE "C"'
            )

    return migrations.RunPython(forward, migrations.RunPython.noop)
