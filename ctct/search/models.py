"""The index: one row per record found by the search box.

The folded words live in ``title_key`` and ``words`` and the tokens of who may see the record in
``reach``. SQLite reads them through the FTS5 table ``search_fts`` (external content: the text
is stored once, here); PostgreSQL through generated ``tsvector('simple')`` columns with GIN
indexes. Both are created by the migration, per database.
"""

from __future__ import annotations

from django.db import models


class Entry(models.Model):
    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    detail = models.CharField(max_length=500, blank=True)
    #: the text shown in snippets (normalized, cut at TEXT_MAX characters)
    text = models.TextField(blank=True)
    url_name = models.CharField(max_length=80)
    url_args = models.JSONField(default=list)
    #: " word word " with diacritics, one tone placement: exact matches rank first
    exact = models.TextField(blank=True)
    #: " folded title and keywords ": matches in the title rank above matches in the text
    title_key = models.TextField(blank=True)
    #: "|title|other name|": the folded whole names of the record, for the whole-name rank
    names = models.TextField(blank=True, default="")
    #: every folded token of title, keywords and text
    words = models.TextField(blank=True)
    #: PostgreSQL only (empty on SQLite, whose FTS5 table has its own prefix index): the
    #: prefix tokens of ``words`` and of ``title_key`` (``tokens.prefix_tokens``), which the
    #: tsvectors carry beside the words
    prefixes = models.TextField(blank=True, default="")
    title_prefixes = models.TextField(blank=True, default="")
    #: who may see the record (core.findable, search.tokens.reach_tokens)
    reach = models.TextField(blank=True)
    clearance = models.PositiveSmallIntegerField(default=0)
    owner_path = models.CharField(max_length=255, blank=True)
    date = models.DateField(null=True, blank=True)
    type = models.CharField(max_length=16, blank=True)
    subkind = models.CharField(max_length=24, blank=True)

    class Meta:
        db_table = "search_entry"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
