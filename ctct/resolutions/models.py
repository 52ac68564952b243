"""Leadership resolutions (nghị quyết lãnh đạo), their targets (chỉ tiêu), and the progress
that comes back up the tree.

A resolution belongs to a body and a period (a half-year, a year, a quarter or a congress
term, stored as the conferences store it: "2025-H1", "2025", "2025-Q3", "2025-2030"). It holds
ordered focus tasks, solution groups and targets. A target is handed down to subordinate
bodies (``TargetAssignment``, each with its own value; an assignment may itself be handed
further down, ``parent``); progress entries record values at the holder or at an assignee.
Standings and roll-ups are computed (``ctct.resolutions.standing``), never stored.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctct.core.fields import actor_fk
from ctct.resolutions import standing as st


def validate_period(value: str) -> None:
    """A stored period is a code (services turn words such as "năm 2025" into it)."""
    from ctct.conferences.periods import check_period_code

    check_period_code(value)


class Measure(models.TextChoices):
    PERCENT = st.PERCENT, _("Percentage")
    COUNT = st.COUNT, _("Count")
    YES_NO = st.YES_NO, _("Yes or no")
    RATING = st.RATING, _("Rating level")


class Comparison(models.TextChoices):
    AT_LEAST = st.AT_LEAST, _("At least")
    AT_MOST = st.AT_MOST, _("At most")
    EXACTLY = st.EXACTLY, _("Exactly")


class Rollup(models.TextChoices):
    SUM = st.SUM, _("Sum")
    MEAN = st.MEAN, _("Mean")
    WEIGHTED_MEAN = st.WEIGHTED_MEAN, _("Weighted mean")
    MINIMUM = st.MINIMUM, _("Minimum")
    SHARE_MEETING = st.SHARE_MEETING, _("Share of bodies meeting their own")


class Standing(models.TextChoices):
    MET = st.MET, _("Met")
    ON_TRACK = st.ON_TRACK, _("On track")
    AT_RISK = st.AT_RISK, _("At risk")
    MISSED = st.MISSED, _("Missed")
    NO_DATA = st.NO_DATA, _("No data yet")


VALUE_DIGITS = {"max_digits": 14, "decimal_places": 2}


class Resolution(models.Model):
    """ "Nghị quyết lãnh đạo thực hiện nhiệm vụ 6 tháng cuối năm 2025" of Đảng ủy Lữ đoàn 657."""

    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="resolutions"
    )
    period = models.CharField(_("period"), max_length=20, validators=[validate_period])
    title = models.CharField(_("title"), max_length=500)
    adopted_at = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("adopted at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("numbered resolution (NQ)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_by = actor_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["body", "-period", "id"]
        indexes = [models.Index(fields=["body", "period"], name="resolution_body_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(document__isnull=False),
                name="resolution_document_once",
            )
        ]

    def __str__(self) -> str:
        return self.title


class FocusTask(models.Model):
    """A nhiệm vụ trọng tâm, in the order the resolution lists them."""

    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution"),
        on_delete=models.CASCADE,
        related_name="focus_tasks",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focus task")
        verbose_name_plural = _("focus tasks")
        ordering = ["resolution", "order"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "order"], name="focus_task_order")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class SolutionGroup(models.Model):
    """A nhóm giải pháp, in the order the resolution lists them."""

    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution"),
        on_delete=models.CASCADE,
        related_name="solution_groups",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("solution group")
        verbose_name_plural = _("solution groups")
        ordering = ["resolution", "order"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "order"], name="solution_group_order")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Target(models.Model):
    """A chỉ tiêu: "100% chi bộ đạt trong sạch vững mạnh", "kết nạp ít nhất 12 đảng viên"."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="targets"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=500)
    measure = models.CharField(_("measure"), max_length=16, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    comparison = models.CharField(
        _("comparison"), max_length=16, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target_value = models.DecimalField(_("target value"), **VALUE_DIGITS)
    baseline_value = models.DecimalField(
        _("baseline value"),
        null=True,
        blank=True,
        help_text=_("The same period a year earlier (so với cùng kỳ), when known."),
        **VALUE_DIGITS,
    )
    rollup = models.CharField(_("roll-up"), max_length=16, choices=Rollup.choices)
    # The target's own period: the resolution's, or a part of it (a yearly step of a term).
    period = models.CharField(_("period"), max_length=20, validators=[validate_period])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("step toward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="steps",
    )
    entry_deadline = models.DateField(_("entries due"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["resolution", "order"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "order"], name="target_order"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="target_not_own_step"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TargetAssignment(models.Model):
    """A target handed to a subordinate body with its own value (its share of the target).

    ``parent`` is the assignment it was handed down from when an intermediate body passed its
    own share further down; None when the resolution's body handed it directly.
    """

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="assignments"
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="target_assignments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("handed down from"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    target_value = models.DecimalField(_("target value"), **VALUE_DIGITS)
    weight = models.DecimalField(
        _("weight"),
        max_digits=10,
        decimal_places=2,
        default=1,
        help_text=_("How much the body counts in a weighted mean (its members, its strength)."),
    )
    handed_by = actor_fk(_("handed down by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target handed down")
        verbose_name_plural = _("targets handed down")
        constraints = [
            models.UniqueConstraint(fields=["target", "body"], name="assignment_once"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="assignment_weight"),
        ]

    def __str__(self) -> str:
        return f"{self.target} → {self.body}"


class ProgressEntry(models.Model):
    """A value of a target at one body on one day, with its evidence and who entered it."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="entries"
    )
    assignment = models.ForeignKey(
        TargetAssignment,
        verbose_name=_("target handed down"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="entries",
    )
    # The body the value is about: the assignee, or the resolution's body for its own target.
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    on = models.DateField(_("as of"))
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    # The posting's once-only token (a form's, or an import's key): a repeat is refused.
    token = models.CharField(_("token"), max_length=64, blank=True, editable=False)
    entered_by = actor_fk(_("entered by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["target", "body", "-on", "-id"]
        constraints = [
            # One value per target, body and day (a second one is the same entry posted twice);
            # its index also serves "the latest value of each body".
            models.UniqueConstraint(fields=["target", "body", "on"], name="entry_once_a_day"),
            models.UniqueConstraint(
                fields=["token"], condition=~models.Q(token=""), name="entry_token_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} · {self.body} · {self.on:%d/%m/%Y}: {self.value}"


class ReviewKind(models.TextChoices):
    """The conferences' kinds of review (``ctct.conferences.models.Kind``)."""

    SO_KET = "so_ket", _("Interim review (sơ kết)")
    TONG_KET = "tong_ket", _("Final review (tổng kết)")


class Review(models.Model):
    """A review report (báo cáo sơ kết / tổng kết) of a body for a period.

    Its facts are assembled from the records when it is shown or written
    (``review_selectors.review_assemble``); what the staff write is kept in immutable
    ``ReviewVersion`` rows, one per save."""

    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="reviews"
    )
    period = models.CharField(_("period"), max_length=20, validators=[validate_period])
    kind = models.CharField(_("kind"), max_length=16, choices=ReviewKind.choices)
    title = models.CharField(_("title"), max_length=500)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("numbered report (BC)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    dated = models.DateField(_("dated"))
    created_by = actor_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["body", "-period", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["body", "period", "kind"], name="review_once"),
        ]

    def __str__(self) -> str:
        return self.title


class ReviewVersion(models.Model):
    """What the staff wrote, as saved once: never changed; a save makes the next number."""

    review = models.ForeignKey(
        Review, verbose_name=_("review report"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    strengths = models.TextField(_("strengths (ưu điểm)"), blank=True)
    limitations = models.TextField(
        _("limitations (hạn chế)"),
        blank=True,
        help_text=_("One per line: the next review brings each forward."),
    )
    causes = models.TextField(_("causes (nguyên nhân)"), blank=True)
    lessons = models.TextField(_("lessons (bài học kinh nghiệm)"), blank=True)
    direction = models.TextField(_("direction (phương hướng, nhiệm vụ)"), blank=True)
    # The previous review's limitations and what became of each: [{"text": ..., "outcome": ...}]
    carried = models.JSONField(_("limitations brought forward"), default=list, blank=True)
    # The posting's once-only token: the same form posted twice makes one version.
    token = models.CharField(_("token"), max_length=64, blank=True, editable=False)
    saved_by = actor_fk(_("saved by"))
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("review version")
        verbose_name_plural = _("review versions")
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="review_version_once"),
            models.UniqueConstraint(
                fields=["token"], condition=~models.Q(token=""), name="review_version_token_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.number}"
