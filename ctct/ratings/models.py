"""The yearly (or quarterly) rating round, discipline records, award kinds and award decisions.

A body opens a ``RatingRound`` for its subtree and a year (optionally a quarter). Each Party
member and each subordinate body in the subtree gets a ``RatingSheet``: scores per criteria
group, the self-assessment and proposed level, the reviewer's level, the deciding committee's
level, with who and when at each step. The levels, score bands, criteria groups, the quota and
the streak length are settings (``ctct.ratings.rules``), never literals in code: a level is
stored as its code ("htxsnv").

``Discipline`` records bar levels and awards in their year. ``AwardKind`` rows are data (seeded
by a migration, edited in the admin): what the award is, who may give it, and the rule that
earns it. An ``AwardDecision`` is one numbered decision (a QĐ through the document registry) of
a giving body for a year; its ``Award`` rows are the recipients, each with the rule behind it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ctct.core.fields import actor_fk

SCORE_DIGITS = {"max_digits": 5, "decimal_places": 1}


class Subject(models.TextChoices):
    PERSON = "person", _("Party member")
    BODY = "body", _("Party organization")


class RatingRound(models.Model):
    """ "Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm 2025" of a body's
    subtree."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="rating_rounds",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, help_text=_("Empty for the yearly round.")
    )
    opened_on = models.DateField(_("opened on"))
    self_due = models.DateField(_("self-ratings due"))
    review_due = models.DateField(_("reviews due"))
    decide_due = models.DateField(_("decisions due"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("ordering document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The plan or guidance that orders the round, when it is registered."),
    )
    opened_by = actor_fk(_("opened by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating round")
        verbose_name_plural = _("rating rounds")
        ordering = ["-year", "-quarter", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"],
                condition=models.Q(quarter__isnull=True),
                name="rating_round_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["body", "year", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="rating_round_once_a_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__range=(1, 4)),
                name="rating_round_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        when = f"Q{self.quarter}/{self.year}" if self.quarter else str(self.year)
        return f"{when} — {self.body}"


class RoundOpening(models.Model):
    """An opening of a round queued to run in the background (a big subtree): what the form
    asked, how far the writing got, and the round once it is open. Plumbing, like the task
    queue itself: no history (the round and its sheets keep theirs)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Writing the sheets")
        DONE = "done", _("Opened")
        FAILED = "failed", _("Failed")

    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("opened by"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    self_due = models.DateField(_("self-ratings due"))
    review_due = models.DateField(_("reviews due"))
    decide_due = models.DateField(_("decisions due"))
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("ordering document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = actor_fk(_("requested by"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    expected = models.PositiveIntegerField(_("sheets expected"), default=0)
    written = models.PositiveIntegerField(_("sheets written"), default=0)
    round = models.ForeignKey(
        RatingRound,
        verbose_name=_("rating round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("round opening")
        verbose_name_plural = _("round openings")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        when = f"Q{self.quarter}/{self.year}" if self.quarter else str(self.year)
        return f"{when} — {self.body}"


class RatingSheet(models.Model):
    """One member's or one body's rating in a round: scores, the three levels and their steps.

    ``rated_at`` is the body where the sheet is kept: a member's cell that year, or for a body
    its own record. ``decider`` is the committee that decides the level (one level up), and
    ``grassroots`` the grassroots organization whose quota the sheet counts in (both resolved
    when the round opens). ``scores`` maps a criteria-group code to its score; ``score`` is
    their sum, stored for bands and sorting.
    """

    class Step(models.TextChoices):
        WAITING = "waiting", _("Waiting for the self-rating")
        SELF_RATED = "self_rated", _("Self-rated")
        REVIEWED = "reviewed", _("Reviewed")
        DECIDED = "decided", _("Decided")

    round = models.ForeignKey(
        RatingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="sheets"
    )
    subject = models.CharField(_("rated"), max_length=8, choices=Subject.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_sheets",
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("Party organization rated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_sheets",
    )
    rated_at = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("rated at"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decider = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    grassroots = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("grassroots organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Denormalized from the round, so that a person's history and the streaks are one index.
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    step = models.CharField(_("step"), max_length=12, choices=Step.choices, default=Step.WAITING)

    scores = models.JSONField(_("scores by criteria group"), default=dict, blank=True)
    score = models.DecimalField(_("score"), null=True, blank=True, **SCORE_DIGITS)
    # Task completion, in percent: on time, beyond requirement, late (for a body).
    on_time_pct = models.DecimalField(_("tasks on time (%)"), null=True, blank=True, **SCORE_DIGITS)
    beyond_pct = models.DecimalField(
        _("tasks beyond requirement (%)"), null=True, blank=True, **SCORE_DIGITS
    )
    late_pct = models.DecimalField(_("tasks late (%)"), null=True, blank=True, **SCORE_DIGITS)

    self_assessment = models.TextField(_("self-assessment"), blank=True)
    proposed_level = models.CharField(_("proposed level"), max_length=16, blank=True)
    proposed_by = actor_fk(_("self-rating entered by"))
    proposed_at = models.DateTimeField(_("self-rated at"), null=True, blank=True)

    reviewed_level = models.CharField(_("reviewer's level"), max_length=16, blank=True)
    review_note = models.TextField(_("review"), blank=True)
    reviewed_by = actor_fk(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    decided_level = models.CharField(_("decided level"), max_length=16, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = actor_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating sheet")
        verbose_name_plural = _("rating sheets")
        ordering = ["round", "rated_at", "subject", "id"]
        indexes = [
            models.Index(fields=["round", "step"], name="sheet_round_step"),
            models.Index(fields=["grassroots", "year"], name="sheet_grassroots_year"),
            models.Index(fields=["year", "decided_level"], name="sheet_year_level"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject="person", person__isnull=False, body__isnull=True)
                    | models.Q(subject="body", body__isnull=False, person__isnull=True)
                ),
                name="sheet_rates_one_subject",
            ),
            # One sheet per person (or body) per year, and per quarter of a quarterly round.
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=models.Q(person__isnull=False, quarter__isnull=True),
                name="sheet_person_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["body", "year"],
                condition=models.Q(body__isnull=False, quarter__isnull=True),
                name="sheet_body_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["person", "year", "quarter"],
                condition=models.Q(person__isnull=False, quarter__isnull=False),
                name="sheet_person_once_a_quarter",
            ),
            models.UniqueConstraint(
                fields=["body", "year", "quarter"],
                condition=models.Q(body__isnull=False, quarter__isnull=False),
                name="sheet_body_once_a_quarter",
            ),
        ]

    def __str__(self) -> str:
        who = self.person if self.subject == Subject.PERSON else self.body
        return f"{who} — {self.year}"

    @property
    def level(self) -> str:
        """The level that counts: the decided one, else the latest proposed."""
        return self.decided_level or self.reviewed_level or self.proposed_level


class Discipline(models.Model):
    """ "Khiển trách" of a member or a body, decided by an entitled level on a date."""

    subject = models.CharField(_("disciplined"), max_length=8, choices=Subject.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("Party organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    # Where the record is kept and scoped: the member's body at the time, or the body itself.
    at = models.ForeignKey(
        "bodies.Body", verbose_name=_("kept at"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(
        _("form"), max_length=16, help_text=_("A form of the settings: khiển trách, cảnh cáo ...")
    )
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    withdrawn_on = models.DateField(
        _("withdrawn on"),
        null=True,
        blank=True,
        help_text=_("When an appeal annulled the decision."),
    )
    recorded_by = actor_fk(_("recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("discipline records")
        ordering = ["-decided_on", "id"]
        indexes = [models.Index(fields=["decided_on"], name="discipline_decided_on")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject="person", person__isnull=False, body__isnull=True)
                    | models.Q(subject="body", body__isnull=False, person__isnull=True)
                ),
                name="discipline_one_subject",
            ),
        ]

    def __str__(self) -> str:
        who = self.person if self.subject == Subject.PERSON else self.body
        return f"{self.form} — {who} ({self.decided_on:%d/%m/%Y})"


class AwardKind(models.Model):
    """An award and its rule, as data: "Bằng khen of the province-level standing committee for
    members rated HTXSNV 5 years in a row".

    ``giver_tier`` names the tier of the body that may give it (a tier of the settings:
    grassroots, district, province ...); ``by_standing_committee`` says it is given by that
    body's standing committee. ``level`` and ``years`` are the rating rule that earns it (a
    level reached ``years`` years in a row); ``membership_years`` the Party-membership rule of a
    Huy hiệu Đảng. A kind with neither is given by hand (Chiến sĩ thi đua, Cờ thi đua ...).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("given to"), max_length=8, choices=Subject.choices)
    giver_tier = models.CharField(_("given by a body of tier"), max_length=16)
    by_standing_committee = models.BooleanField(_("by its standing committee"), default=False)
    level = models.CharField(_("rating level required"), max_length=16, blank=True)
    years = models.PositiveSmallIntegerField(_("years in a row"), null=True, blank=True)
    membership_years = models.PositiveSmallIntegerField(
        _("years of Party membership"), null=True, blank=True
    )
    conditions = models.TextField(
        _("other conditions"), blank=True, help_text=_("Checked by the staff when confirming.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award kind")
        verbose_name_plural = _("award kinds")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class AwardDecision(models.Model):
    """One decision of a giving body for a year: proposed by ctct, confirmed by the staff,
    drafted and issued as a numbered QĐ through the registry, and announced at a conference."""

    class State(models.TextChoices):
        # "Proposed" alone is a sheet's self-proposed level: the list's state has its context.
        PROPOSED = "proposed", pgettext_lazy("award decision", "Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        ISSUED = "issued", _("Issued")
        ANNOUNCED = "announced", _("Announced at a conference")

    giver = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("given by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    giver_name = models.CharField(
        _("given by (as announced)"),
        max_length=255,
        blank=True,
        help_text=_("“Ban Thường vụ Đảng ủy Quân khu”, when the giver is not a body held here."),
    )
    kind = models.ForeignKey(
        AwardKind,
        verbose_name=_("award"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    kind_name = models.CharField(
        _("award (as announced)"),
        max_length=200,
        blank=True,
        help_text=_("“Bằng khen”, when the award is not one of the kinds held here."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PROPOSED
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("decision document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("announced at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = actor_fk(_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-year", "giver", "kind__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["giver", "kind", "year"], name="award_decision_once_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} {self.year} — {self.giver_label}"

    @property
    def award_name(self) -> str:
        return self.kind_name or (self.kind.name if self.kind_id else "")

    @property
    def giver_label(self) -> str:
        return self.giver_name or (self.giver.name if self.giver_id else "")


class Award(models.Model):
    """One recipient of a decision, with the rule behind the name ("HTXSNV 2021–2025")."""

    class Source(models.TextChoices):
        PROPOSED = "proposed", _("Proposed from ratings")
        MANUAL = "manual", _("Added by hand")
        IMPORTED = "imported", _("Read from a report")

    decision = models.ForeignKey(
        AwardDecision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="awards"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("Party organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    reason = models.CharField(_("for"), max_length=500, blank=True)
    first_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.PROPOSED
    )
    included = models.BooleanField(
        _("included"), default=True, help_text=_("Unticked by the staff when confirming.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["decision", "recipient_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "person"],
                condition=models.Q(person__isnull=False),
                name="award_person_once_per_decision",
            ),
            models.UniqueConstraint(
                fields=["decision", "body"],
                condition=models.Q(body__isnull=False),
                name="award_body_once_per_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name} — {self.decision}"
