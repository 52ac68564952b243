from django.db import migrations, models

from ctct.core.migration_ops import binary_collation

SQLITE = [
    # External content: the folded text is stored once, in search_entry.
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_key, words, reach, content='search_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES = [
    "ALTER TABLE search_entry ADD COLUMN title_vec tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title_key)) STORED",
    "ALTER TABLE search_entry ADD COLUMN words_vec tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED",
    # An array, not a tsvector: a directive addressed to 100,000 bodies carries more tokens
    # than a tsvector's 1 MB holds.
    "ALTER TABLE search_entry ADD COLUMN reach_arr text[] "
    "GENERATED ALWAYS AS (string_to_array(reach, ' ')) STORED",
    "CREATE INDEX search_entry_title_vec ON search_entry USING gin (title_vec)",
    "CREATE INDEX search_entry_words_vec ON search_entry USING gin (words_vec)",
    "CREATE INDEX search_entry_reach_arr ON search_entry USING gin (reach_arr)",
]
POSTGRES_DROP = [
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS title_vec",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS words_vec",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS reach_arr",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else ():
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP if vendor == "postgresql" else ():
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=16)),
                ("object_id", models.BigIntegerField()),
                ("title", models.CharField(max_length=500)),
                ("detail", models.CharField(blank=True, max_length=500)),
                ("text", models.TextField(blank=True)),
                ("url_name", models.CharField(max_length=80)),
                ("url_args", models.JSONField(default=list)),
                ("exact", models.TextField(blank=True)),
                ("title_key", models.TextField(blank=True)),
                ("words", models.TextField(blank=True)),
                ("reach", models.TextField(blank=True)),
                ("clearance", models.PositiveSmallIntegerField(default=0)),
                ("owner_path", models.CharField(blank=True, max_length=255)),
                ("date", models.DateField(blank=True, null=True)),
                ("type", models.CharField(blank=True, max_length=16)),
                ("subkind", models.CharField(blank=True, max_length=24)),
            ],
            options={"db_table": "search_entry"},
        ),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_once"),
        ),
        binary_collation("search_entry", "owner_path"),
        migrations.RunPython(forward, backward),
    ]
