"""Terms of bodies, the congress round of a subtree, each body's preparation and the congress
record.

A superior opens a ``CongressRound`` for its subtree from the directive that orders it. Every
active body of the subtree gets a ``Preparation`` (its level, whether it is a pilot, its
planned opening, where it stands) with one ``PreparationStep`` row per step (plan adopted,
papers sent up, the superior's review, congress held, results reported), each with its
deadline (``rules.step_deadlines``) and the day it was done. ``Review`` rows keep each of the
superior's decisions (approved, or returned with comments). A ``Congress`` is the record of
what was held: dates, kind, "lần thứ", the term it opened (``Term``), the delegates, and
``CongressMember`` rows for the presidium, the elected committee with vote shares, the
secretary and deputies, the inspection committee and the delegates to the next level.

The preparation keeps its ``stage`` (the next step to do) and that step's deadline
(``next_deadline``) so the round's dashboard and the "Đến hạn" list are one grouped query
whatever the size of the tree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctct.congresses import rules as r
from ctct.core.fields import actor_fk


class Level(models.TextChoices):
    CELL = r.CELL, _("Cell (chi bộ)")
    GRASSROOTS = r.GRASSROOTS, _("Grassroots (cơ sở)")
    UPPER = r.UPPER, _("Above grassroots")
    TOP = r.TOP, _("The round's own body")


class StepKind(models.IntegerChoices):
    PLAN = r.PLAN, _("Plan adopted")
    PAPERS = r.PAPERS, _("Papers sent up")
    REVIEW = r.REVIEW, _("Superior's review")
    HELD = r.HELD, _("Congress held")
    REPORTED = r.REPORTED, _("Results reported")


class Stage(models.IntegerChoices):
    """Where a preparation stands: the next step to do, or done."""

    PLAN = r.PLAN, _("Preparing the plan")
    PAPERS = r.PAPERS, _("Preparing the papers")
    REVIEW = r.REVIEW, _("In review")
    HELD = r.HELD, _("Ready to hold")
    REPORTED = r.REPORTED, _("Reporting")
    DONE = r.DONE, _("Done")


class Term(models.Model):
    """A body's term (nhiệm kỳ) "2025-2030", opened by the congress that elected its committee.

    ``numbering`` is the registry's term (``documents.Term``) that numbers the body's Party
    documents from the day after that congress closes."""

    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="congress_terms",
    )
    label = models.CharField(_("term"), max_length=20, help_text=_("e.g. 2025-2030"))
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    number = models.PositiveSmallIntegerField(
        _("congress number"), help_text=_("“lần thứ”: the congress that opened the term")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    numbering = models.OneToOneField(
        "documents.Term",
        verbose_name=_("document numbering term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="congress_term",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["body", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["body", "label"], name="congress_term_label"),
            models.UniqueConstraint(fields=["body", "starts_on"], name="congress_term_start"),
            models.CheckConstraint(
                condition=models.Q(last_year__gt=models.F("first_year")),
                name="congress_term_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.label}"


class CongressRound(models.Model):
    """ "Đại hội Đảng các cấp nhiệm kỳ 2025-2030" in a body's subtree."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="congress_rounds",
    )
    directive = models.ForeignKey(
        "documents.Document",
        verbose_name=_("ordering directive"),
        on_delete=models.PROTECT,
        related_name="congress_rounds",
    )
    term_label = models.CharField(_("term"), max_length=20)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    # {level: [first day, last day]} as ISO dates.
    windows = models.JSONField(_("windows per level"), default=dict)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    opened_on = models.DateField(_("opened on"))
    opened_by = actor_fk(_("opened by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("congress round")
        verbose_name_plural = _("congress rounds")
        ordering = ["-first_year", "body"]
        constraints = [
            models.UniqueConstraint(fields=["body", "term_label"], name="congress_round_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.term_label}"

    def window(self, level: str):
        import datetime as dt

        first, last = self.windows[level]
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


class Preparation(models.Model):
    """One body's way to its congress in a round."""

    round = models.ForeignKey(
        CongressRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="preparations",
        db_index=False,  # the unique (round, body) leads with it
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="congress_preparations",
        db_index=False,  # the (body, next_deadline) index leads with it
    )
    # The round body's child the body lies under (None for the round's own body): the
    # dashboard's branch, kept so grouping by branch needs no path arithmetic in SQL.
    branch = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("branch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # read through the preparation, never searched by
        # A copy of what the body's path says, written with it: no check per row at commit.
        db_constraint=False,
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    pilot = models.BooleanField(_("pilot congress (đại hội điểm)"), default=False)
    term_label = models.CharField(_("term"), max_length=20)
    planned_on = models.DateField(_("planned opening"))
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices, default=r.PLAN)
    next_deadline = models.DateField(_("next deadline"), null=True, blank=True)
    postponement_reason = models.TextField(_("reason for postponement"), blank=True)

    # A round writes 20,000 of these at once: the history keeps no index it does not need.
    history = HistoricalRecords(no_db_index=["round", "body", "branch"])

    class Meta:
        verbose_name = _("congress preparation")
        verbose_name_plural = _("congress preparations")
        ordering = ["round", "-pilot", "planned_on", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "body"], name="preparation_unique")]
        indexes = [
            models.Index(fields=["round", "level", "stage"], name="preparation_round_stage"),
            models.Index(fields=["body", "next_deadline"], name="preparation_body_due"),
            models.Index(fields=["next_deadline"], name="preparation_due"),
        ]

    def __str__(self) -> str:
        return f"{self.body} ({self.round.term_label})"

    @property
    def done(self) -> bool:
        return self.stage == r.DONE


class PreparationStep(models.Model):
    preparation = models.ForeignKey(
        Preparation,
        verbose_name=_("preparation"),
        on_delete=models.CASCADE,
        related_name="steps",
        db_index=False,  # the unique (preparation, kind) leads with it
        # Steps are written only with their preparation, in the same statement batch, and
        # deleted with it by the ORM: no per-row check at commit for 100,000 of them.
        db_constraint=False,
    )
    kind = models.PositiveSmallIntegerField(_("step"), choices=StepKind.choices)
    deadline = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    note = models.TextField(_("note"), blank=True)

    # Five per body of a round, written at once: no history index beyond simple_history's own.
    history = HistoricalRecords(no_db_index=["preparation", "done_by"])

    class Meta:
        verbose_name = _("preparation step")
        verbose_name_plural = _("preparation steps")
        ordering = ["preparation", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["preparation", "kind"], name="preparation_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.preparation_id}: {self.get_kind_display()}"


class Review(models.Model):
    """The superior's decision on a body's congress papers."""

    preparation = models.ForeignKey(
        Preparation, verbose_name=_("preparation"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("reviewing body"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    approved = models.BooleanField(_("approved"))
    comments = models.TextField(_("comments"), blank=True)
    decided_by = actor_fk(_("decided by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review of congress papers")
        verbose_name_plural = _("reviews of congress papers")
        ordering = ["preparation", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.preparation_id} {self.decided_on}"


class CongressKind(models.TextChoices):
    DELEGATES = "delegates", _("Congress of delegates (đại hội đại biểu)")
    ALL_MEMBERS = "all_members", _("Congress of all members (đại hội toàn thể)")


class Source(models.TextChoices):
    ENTERED = "entered", _("Entered by hand")
    IMPORTED = "imported", _("Read from an imported report")


class Congress(models.Model):
    """ "Đại hội đại biểu Đảng bộ Lữ đoàn 657 lần thứ XV, nhiệm kỳ 2025-2030".

    A congress entered by hand has every field. One read from an imported report
    (``source`` imported) has what the report gives: the kind, the closing day and the
    delegates stay empty when it does not say them, and ``number_counted`` says the "lần thứ"
    was counted from the body's terms on record rather than read (``missing``)."""

    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="congresses"
    )
    preparation = models.OneToOneField(
        Preparation,
        verbose_name=_("preparation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="congress",
    )
    term = models.OneToOneField(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="congress"
    )
    conference = models.OneToOneField(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="congress",
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.ENTERED
    )
    number = models.PositiveSmallIntegerField(_("congress number (lần thứ)"))
    number_counted = models.BooleanField(
        _("number counted from the terms on record"), default=False
    )
    # Empty only on an imported congress whose report does not say them.
    kind = models.CharField(_("kind"), max_length=12, choices=CongressKind.choices, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    directed_by = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("directing superior"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delegates_summoned = models.PositiveIntegerField(_("delegates summoned"), null=True, blank=True)
    delegates_present = models.PositiveIntegerField(_("delegates present"), null=True, blank=True)
    postponement_reason = models.TextField(_("reason for postponement"), blank=True)
    resolution = models.ForeignKey(
        "resolutions.Resolution",
        verbose_name=_("congress resolution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="congresses",
    )
    recorded_by = actor_fk(_("recorded by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["body", "-opened_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__gte=models.F("opened_on")),
                name="congress_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(delegates_present__lte=models.F("delegates_summoned")),
                name="congress_present_le_summoned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.term.label}"

    @property
    def imported(self) -> bool:
        return self.source == Source.IMPORTED

    @property
    def missing(self) -> list[str]:
        """What the record lacks, in words: the report it was read from did not say it.
        Reads the members (prefetch ``members`` to spare the query)."""
        out = []
        if self.number_counted:
            out.append(_("the congress number (lần thứ), counted from the terms on record"))
        if not self.kind:
            out.append(_("the kind (delegates or all members)"))
        if self.closed_on is None:
            out.append(_("the closing day"))
        if self.delegates_summoned is None:
            out.append(_("the delegates summoned"))
        if self.delegates_present is None:
            out.append(_("the delegates present"))
        if self.directed_by_id is None:
            out.append(_("the directing superior"))
        roles = {m.role for m in self.members.all()}
        if Role.COMMITTEE not in roles:
            out.append(_("the elected committee"))
        if Role.SECRETARY not in roles:
            out.append(_("the secretary"))
        return out


class Role(models.TextChoices):
    PRESIDIUM = "presidium", _("Presidium (đoàn chủ tịch)")
    DIRECTING = "directing", _("Directing for the superior (dự, chỉ đạo)")
    COMMITTEE = "committee", _("Committee member (cấp ủy viên)")
    SECRETARY = "secretary", _("Secretary (bí thư)")
    DEPUTY = "deputy", _("Deputy secretary (phó bí thư)")
    INSPECTION = "inspection", _("Inspection committee member")
    DELEGATE = "delegate", _("Delegate to the next level")


class CongressMember(models.Model):
    """A person in one role at a congress, with the share of the valid votes that elected
    them, in percent."""

    congress = models.ForeignKey(
        Congress, verbose_name=_("congress"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="congress_roles",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    vote_share = models.DecimalField(
        _("share of votes (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    position = models.ForeignKey(
        "people.Position",
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("congress member")
        verbose_name_plural = _("congress members")
        ordering = ["congress", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "person", "role"], name="congress_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
