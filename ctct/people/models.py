"""People, their military ranks over time, and the positions they hold at bodies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctct.text import fold, name_key, titles


def rank_choices() -> list[tuple[str, str]]:
    """Ranks in ascending order, from the language layer's table (DOMAIN.md)."""
    from ctct.text.names import RANKS

    return [(r, r) for r in RANKS]


def validate_rank(value: str) -> None:
    from ctct.text.names import rank_order

    try:
        rank_order(value)
    except ValueError:
        raise ValidationError(
            _("“%(rank)s” is not a military rank."), code="unknown_rank", params={"rank": value}
        ) from None


class Person(models.Model):
    """A Party member or cadre: "Thiếu tướng Trần Chí Tâm"."""

    full_name = models.CharField(_("full name"), max_length=120)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("Party organization"),
        on_delete=models.PROTECT,
        related_name="members",
        help_text=_("The body where the person is a Party member (sinh hoạt)."),
    )
    # Current rank, denormalized from the latest RankRecord by the services; "" = civilian.
    rank = models.CharField(_("rank"), max_length=32, blank=True, validators=[validate_rank])
    rank_conferred_on = models.DateField(_("rank conferred on"), null=True, blank=True)
    party_joined_on = models.DateField(_("joined the Party on"), null=True, blank=True)
    party_confirmed_on = models.DateField(_("full Party member since"), null=True, blank=True)
    name_key = models.CharField(_("name key"), max_length=120, db_index=True, editable=False)
    search_key = models.CharField(_("search key"), max_length=120, db_index=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_key", "id"]

    def __str__(self) -> str:
        return f"{self.rank} {self.full_name}".strip()

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.full_name)
        self.search_key = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def is_military(self) -> bool:
        return bool(self.rank)


class RankRecord(models.Model):
    """One rank a person held, from the day it was conferred (the ranks held before)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="rank_records", verbose_name=_("person")
    )
    rank = models.CharField(_("rank"), max_length=32, validators=[validate_rank])
    conferred_on = models.DateField(_("conferred on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rank record")
        verbose_name_plural = _("rank records")
        ordering = ["person", "conferred_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "rank"], name="rank_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.rank} ({self.conferred_on:%d/%m/%Y})"


class TitleKind(models.TextChoices):
    PARTY = "party", _("Party post (Bí thư, Ủy viên ...)")
    COMMAND = "command", _("Command or political post (Chính ủy, Chủ nhiệm Chính trị ...)")
    STATE = "state", _("State post (Chủ tịch UBND ...)")


class Position(models.Model):
    """A title held at a body from a date to a date: "Bí thư Đảng ủy Cục Chính trị"."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="positions", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=120)
    title_kind = models.CharField(
        _("kind of post"), max_length=16, choices=TitleKind.choices, blank=True
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    # Folded "title + body + unit" so "chinh uy lu doan 657" finds who holds the post.
    search_key = models.CharField(
        _("search key"), max_length=600, db_index=True, editable=False, default=""
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-started_on", "id"]
        indexes = [models.Index(fields=["body", "ended_on"], name="position_body_current")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="position_ends_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.display

    def save(self, *args, **kwargs):
        if not self.title_kind:
            self.title_kind = titles.title_kind(self.title)
        self.search_key = position_search_key(self.title, self.body)
        super().save(*args, **kwargs)

    @property
    def display(self) -> str:
        """The title as the news writes it alone: "Chính ủy Lữ đoàn 657"."""
        return titles.format_title(self.title, self.title_kind, self.body)


def position_search_key(title: str, body) -> str:
    return fold(f"{title} {body.name} {body.unit_name}")[:600]
