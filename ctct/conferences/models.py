"""Conferences (hội nghị): who held them, who took part in which role, what they
disseminated, concluded and awarded, and the news report drafted from them.

The link to a disseminated document lives here (``ConferenceDocument`` points at the holding
body's ``documents.Recipient``) so the documents app never imports conferences.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def validate_period(value: str) -> None:
    """A stored period is a code: 2025, 2025-H1, 2025-Q3, 2025-9M or 2025-2030 (forms and
    services turn words such as "6 tháng đầu năm 2025" into it, ``ctct.conferences.periods``)."""
    from ctct.conferences.periods import check_period_code

    check_period_code(value)


class Kind(models.TextChoices):
    SO_KET = "so_ket", _("Interim review (sơ kết)")
    TONG_KET = "tong_ket", _("Final review (tổng kết)")
    RA_NGHI_QUYET = "ra_nghi_quyet", _("Resolution conference (ra nghị quyết)")
    QUAN_TRIET = "quan_triet", _("Dissemination (quán triệt)")
    DAI_HOI = "dai_hoi", _("Congress (đại hội)")
    THUONG_KY = "thuong_ky", _("Regular meeting (thường kỳ)")
    CHUYEN_DE = "chuyen_de", _("Thematic meeting (chuyên đề)")
    OTHER = "other", _("Other")


class PartOfDay(models.TextChoices):
    NONE = "", _("—")
    MORNING = "sang", _("Morning (sáng)")
    AFTERNOON = "chieu", _("Afternoon (chiều)")


class Role(models.TextChoices):
    CHAIR = "chair", _("Chaired (chủ trì)")
    DIRECTED = "directed", _("Attended and directed (dự và chỉ đạo)")
    REPORTED = "reported", _("Presented the report (trình bày báo cáo)")
    SPOKE = "spoke", _("Spoke (tham luận)")
    ATTENDED = "attended", _("Attended (tham dự)")
    AWARDED = "awarded", _("Presented or received an award")


KEY_ROLES = (Role.CHAIR, Role.DIRECTED, Role.REPORTED)


class Conference(models.Model):
    """ "Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết ... 6 tháng đầu năm 2025"."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("holding body"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    # The holding body's path, copied so a subtree's calendar is one index range scan.
    body_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(
        _("subject"),
        max_length=300,
        blank=True,
        help_text=_("For a thematic or other meeting: what it is about."),
    )
    held_on = models.DateField(_("date"))
    part_of_day = models.CharField(
        _("time of day"), max_length=8, choices=PartOfDay.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    period = models.CharField(
        _("period"),
        max_length=20,
        blank=True,
        validators=[validate_period],
        help_text=_("The period it reviews or plans: 2025-H1, 2025, 2025-Q3, term 2025-2030."),
    )
    report = models.ForeignKey(
        "documents.Document",
        verbose_name=_("report presented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    results = models.TextField(
        _("results"), blank=True, help_text=_("What the report and the discussion found.")
    )
    direction = models.TextField(
        _("direction"),
        blank=True,
        help_text=_("The tasks the conference set for the period ahead."),
    )
    minutes = models.TextField(_("minutes (biên bản)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["body_path"])

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["held_on", "body_path"], name="conference_day_path"),
            models.Index(fields=["body", "kind", "period"], name="conference_body_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.body} · {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("conferences:detail", args=[self.pk])


class Participant(models.Model):
    """One person in one role, with the titles they held that day (a snapshot, editable)."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conference_roles",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    rank = models.CharField(_("rank"), max_length=32, blank=True)
    titles = models.CharField(
        _("titles that day"),
        max_length=500,
        blank=True,
        help_text=_("As the news writes them: “Bí thư Đảng ủy, Chính ủy Lữ đoàn 657”."),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    is_guest = models.BooleanField(
        _("guest"), default=False, help_text=_("From outside the holding body's reach.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["conference", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "role"],
                condition=models.Q(role="chair"),
                name="one_chair_per_conference",
                violation_error_message=_("A conference has one chair."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.rank} {self.full_name}".strip()

    @property
    def title_list(self) -> list[str]:
        return [t.strip() for t in self.titles.split(",") if t.strip()]


class ConferenceDocument(models.Model):
    """A document the conference disseminated, and the holding body's cascade row for it."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="conference_links"
    )
    recipient = models.ForeignKey(
        "documents.Recipient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_links",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disseminated document")
        verbose_name_plural = _("disseminated documents")
        constraints = [
            models.UniqueConstraint(fields=["conference", "document"], name="conference_doc_once")
        ]

    def __str__(self) -> str:
        return str(self.document)


class Conclusion(models.Model):
    """A conclusion or requirement of the conference, assignable and tracked to done."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="conclusions")
    text = models.TextField(_("requirement"))
    assignee = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conference_tasks",
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["conference", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


def photo_path(instance: Photo, filename: str) -> str:
    return f"conferences/{instance.conference_id}/{filename}"


class Photo(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("image"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["conference", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Article(models.Model):
    """The news report of a conference; its history keeps every version."""

    conference = models.OneToOneField(Conference, on_delete=models.CASCADE, related_name="article")
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    byline = models.CharField(_("byline"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def __str__(self) -> str:
        return self.headline or str(self.conference)
