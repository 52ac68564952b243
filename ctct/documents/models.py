"""Documents, their numbering, their relations, and the cascade of a directive down the tree.

A superior issues a numbered document (Chỉ thị 2889-CT/ĐU); a distribution addresses it to
bodies below with deadlines; every recipient moves through the steps received →
disseminated (by a conference) → concretized (by its own document) → reported, or is marked
not applicable with a reason. Each step records who and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctct.core.security import SecurityLevel


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")


class DocumentStyle(models.TextChoices):
    PARTY = "party", _("Party document (2889-CT/ĐU)")
    STATE = "state", _("State document (123/QĐ-UBND)")


class Term(models.Model):
    """A committee's term (nhiệm kỳ): Party document numbers run through it.

    It begins the day after the congress that elected the committee closes and ends when the
    next congress closes. Bodies without a recorded term use ``CTCT_PARTY_TERMS``.
    """

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="terms", verbose_name=_("body")
    )
    label = models.CharField(_("term"), max_length=20, help_text=_("e.g. 2025-2030"))
    congress_opened_on = models.DateField(_("congress opened on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["body", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["body", "starts_on"], name="term_start_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.label}"


class NumberSeries(models.Model):
    """The running number of one issuer, series and numbering period.

    ``series`` is a type code ("CT", "QĐ-UBND"), or "ĐH" for the one series a congress shares
    across all types. ``period`` is the term label for Party documents ("2025-2030"), the year
    for state documents ("2026"). Numbers are taken by incrementing ``last_number`` inside the
    transaction that creates the document, so a failed issue gives its number back: no gaps,
    no duplicates, also under concurrent issuing.
    """

    issuer = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="number_series"
    )
    series = models.CharField(max_length=24)
    period = models.CharField(max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "series", "period"], name="series_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}:{self.series}:{self.period} #{self.last_number}"


class Document(models.Model):
    style = models.CharField(_("style"), max_length=8, choices=DocumentStyle.choices)
    type_code = models.CharField(
        _("type code"), max_length=12, help_text=_("CT, NQ, HD, KH, QĐ ...")
    )
    type_name = models.CharField(_("type"), max_length=40, help_text=_("Chỉ thị, Nghị quyết ..."))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    number_text = models.CharField(_("number as written"), max_length=12, blank=True)
    year = models.PositiveSmallIntegerField(_("year in the number"), null=True, blank=True)
    symbol = models.CharField(
        _("symbol"), max_length=40, blank=True, help_text=_("CT/ĐU, HD-CT, QĐ-UBND ...")
    )
    issuer = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("Empty for a document from outside the tree (Bộ Chính trị, Chính phủ ...)."),
    )
    issuer_name = models.CharField(_("issuer as written"), max_length=255, blank=True)
    # The body whose register an external document entered (the receiving body): who may
    # record it, and who sees it (that body's subtree and its superiors). Empty on documents
    # of the tree and on external ones brought in by imports, which everyone sees.
    registered_in = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("registered in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_documents",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    title = models.CharField(_("summary (trích yếu)"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    security_level = models.PositiveSmallIntegerField(
        _("security level"), choices=SecurityLevel.choices, default=SecurityLevel.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED
    )
    is_congress = models.BooleanField(_("congress document"), default=False)
    series = models.ForeignKey(
        NumberSeries, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    canonical_key = models.CharField(max_length=120, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            # A number is used once in its series and period.
            models.UniqueConstraint(fields=["series", "number"], name="document_number_once"),
        ]
        indexes = [models.Index(fields=["issuer", "canonical_key"], name="document_issuer_key")]

    def __str__(self) -> str:
        return self.citation

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def number_display(self) -> str:
        """The number as the canonical form writes it: "2889-CT/ĐU", "123/QĐ-UBND"."""
        number = self.number_text or (str(self.number) if self.number is not None else "")
        if not self.symbol:
            return number
        return (
            f"{number}-{self.symbol}"
            if self.style == DocumentStyle.PARTY
            else f"{number}/{self.symbol}"
        )

    @property
    def citation(self) -> str:
        numbered = self.number is not None or bool(self.number_text)
        if numbered:
            out = f"{self.type_name} số {self.number_display}"
        elif self.status == DocumentStatus.DRAFT:  # its number is taken when it is issued
            out = f"{self.type_name} (dự thảo)"
        else:
            out = self.type_name
        if self.issued_on:
            out += f" ngày {self.issued_on.day}/{self.issued_on.month}/{self.issued_on.year}"
        return out

    @property
    def is_external(self) -> bool:
        return self.issuer_id is None


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"documents/{instance.document_id}/{filename}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    CONCRETIZES = "concretizes", _("concretizes")
    GUIDES = "guides", _("guides")
    REPLACES = "replaces", _("replaces")
    AMENDS = "amends", _("amends")


class DocumentRelation(models.Model):
    """``source`` implements / concretizes / guides / replaces / amends ``target`` (upstream)."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_up")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_down")
    kind = models.CharField(_("relation"), max_length=12, choices=RelationKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="relation_once")]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"


class Step(models.IntegerChoices):
    """Where a recipient stands; the steps are taken in this order."""

    ADDRESSED = 0, _("Addressed")
    RECEIVED = 1, _("Received")
    DISSEMINATED = 2, _("Disseminated")
    CONCRETIZED = 3, _("Concretized")
    REPORTED = 4, _("Reported")
    NOT_APPLICABLE = 9, _("Not applicable")


# What a body has to do to reach a step, for "next step" and "missing step" columns.
STEP_ACTIONS = {
    1: _("Receive"),
    2: _("Disseminate"),
    3: _("Concretize"),
    4: _("Report"),
}

STEP_FIELDS = {
    Step.RECEIVED: "received",
    Step.DISSEMINATED: "disseminated",
    Step.CONCRETIZED: "concretized",
    Step.REPORTED: "reported",
}


class Distribution(models.Model):
    """A document addressed to bodies, with a deadline for each step."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="distributions")
    received_by = models.DateField(_("receive by"), null=True, blank=True)
    disseminated_by = models.DateField(_("disseminate by"), null=True, blank=True)
    concretized_by = models.DateField(_("concretize by"), null=True, blank=True)
    reported_by = models.DateField(_("report by"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self) -> str:
        return f"{self.document} → {self.recipients.count()}"

    def deadline(self, step: int):
        return getattr(self, f"{STEP_FIELDS[step]}_by", None) if step in STEP_FIELDS else None


class Recipient(models.Model):
    """One body's progress on one distributed document."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="recipients"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="addressed")
    # The body's tree path, copied so roll-ups group by branch without a join. Kept in step
    # by bodies.services when a body moves.
    body_path = models.CharField(max_length=255, db_index=True)
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices, default=Step.ADDRESSED)

    received_at = models.DateTimeField(null=True, blank=True)
    received_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disseminated_at = models.DateTimeField(null=True, blank=True)
    disseminated_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dissemination_note = models.CharField(_("conference"), max_length=500, blank=True)
    concretized_at = models.DateTimeField(null=True, blank=True)
    concretized_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    implementing_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="concretizes_for"
    )
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_for"
    )
    not_applicable_reason = models.CharField(_("reason"), max_length=500, blank=True)
    not_applicable_at = models.DateTimeField(null=True, blank=True)
    not_applicable_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [models.UniqueConstraint(fields=["document", "body"], name="recipient_once")]
        indexes = [
            models.Index(fields=["document", "body_path"], name="recipient_doc_path"),
            models.Index(fields=["body", "step"], name="recipient_body_step"),
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.document}"
