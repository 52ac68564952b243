"""The whole names of a record (``Entry.names``), for the whole-name rank.

A plain ``ADD COLUMN`` with a default on both databases (no copy of the table: SQLite would
otherwise rebuild ``search_entry`` under its FTS5 table). Entries written before have no names
until ``ctct reindex`` runs.
"""

from django.db import migrations, models

ADD = "ALTER TABLE search_entry ADD COLUMN names text NOT NULL DEFAULT ''"
DROP = "ALTER TABLE search_entry DROP COLUMN names"


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, DROP)],
            state_operations=[
                migrations.AddField(
                    model_name="entry",
                    name="names",
                    field=models.TextField(blank=True, default=""),
                ),
            ],
        ),
    ]
