"""Imported reports: a batch (one upload, one paste, one ``ctct import`` run) holds items,
one per report file; an item holds what the extraction engine read and, once applied, links
to every record it created or matched (``ImportLink``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Source(models.TextChoices):
    UPLOAD = "upload", _("Upload")
    PASTE = "paste", _("Pasted text")
    COMMAND = "command", _("Command line")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportBatch(models.Model):
    """One upload or archive. ``root`` is the body the import is for: organizers are looked
    for in its subtree and its superiors, and only users who can edit it see the batch."""

    root = models.ForeignKey(
        "bodies.Body", verbose_name=_("for body"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    label = models.CharField(_("name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("files"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # The ``WorkerBeat`` of the ``ctct import`` run writing the batch: when it stops beating
    # (or its process is gone), the batch is closed as interrupted (``recovery``).
    owner = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch", args=[self.pk])


class BulkJSONField(models.JSONField):
    """A JSONField written as plain ``VALUES`` rows by bulk inserts. On PostgreSQL Django
    bulk-inserts through ``UNNEST`` of arrays, which psycopg escapes character by character in
    Python: for a report's record and matches (kilobytes of JSON each) that took longer than
    everything else the import writes. A placeholder of the field's own turns it off."""

    def get_placeholder(self, value, compiler, connection) -> str:
        return "%s"


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    APPLIED = "applied", _("Applied")
    DUPLICATE = "duplicate", _("Already imported")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


class ImportItem(models.Model):
    """One report. ``record`` is the extraction record (EXTRACTION.md shape plus spans);
    review edits it in place. ``matches`` holds, per mention, the matcher's decision, its
    candidates and why, and the user's choice; nothing touches the records until applied."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(default=0)
    filename = models.CharField(_("file"), max_length=255)
    content_hash = models.CharField(max_length=64, db_index=True)
    text_hash = models.CharField(max_length=64, db_index=True, blank=True)
    # The uploaded member as stored for the worker (under CTCT_IMPORT_DIR/<batch>/items/).
    stored_name = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    text = models.TextField(_("text"), blank=True)
    record = BulkJSONField(default=dict, blank=True)
    matches = BulkJSONField(default=dict, blank=True)
    sentence_hashes = BulkJSONField(default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_items",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["text", "sentence_hashes"])

    class Meta:
        verbose_name = _("imported report")
        verbose_name_plural = _("imported reports")
        ordering = ["batch", "order", "id"]
        indexes = [models.Index(fields=["batch", "status"], name="import_item_batch_status")]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("imports:item", args=[self.pk])


class Fingerprint(models.Model):
    """A few sentence hashes of an item's text (the smallest ones: a bottom-k sketch), so the
    same article saved as HTML and as text is found without comparing every item."""

    item = models.ForeignKey(ImportItem, on_delete=models.CASCADE, related_name="fingerprints")
    value = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "value"], name="fingerprint_once"),
        ]

    def __str__(self) -> str:
        return f"{self.value:x}"


class LinkKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    PERSON = "person", _("Person")
    BODY = "body", _("Body")
    DOCUMENT = "document", _("Document")
    PARTICIPANT = "participant", _("Participant")
    AWARD = "award", _("Award")
    CONGRESS = "congress", _("Congress record")


class LinkAction(models.TextChoices):
    CREATED = "created", _("Created")
    MATCHED = "matched", _("Matched")


class ImportLink(models.Model):
    """Provenance: a record created or matched by an import keeps the item it came from."""

    item = models.ForeignKey(ImportItem, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=8, choices=LinkAction.choices)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"], name="import_link_object")]
        constraints = [
            models.UniqueConstraint(fields=["item", "kind", "object_id"], name="import_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.action}"


class BodyAlias(models.Model):
    """Another way reports write a body's name, learned when a user picks the body for it:
    the next report that writes it that way finds the body by itself."""

    key = models.CharField(max_length=255, db_index=True)  # folded, abbreviations expanded
    text = models.CharField(max_length=255)
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "body"], name="body_alias_once")]

    def __str__(self) -> str:
        return self.text


class WorkerBeat(models.Model):
    """A process that takes work (``ctct db_worker``, a ``ctct import`` run) says here that it
    is alive, every quarter of the lease (``CTCT_WORKER_LEASE_SECONDS``). Work whose process
    has not beaten for a lease, or whose process is gone from this host, is taken up again
    (``recovery``). Plumbing, like the task queue itself: no history."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
