"""Reads of congress rounds: the round's dashboard, a body's preparation and what falls due.

Every read takes a ``Scope`` and runs a fixed number of queries whatever the size of the tree:
the dashboard groups the preparations by level, branch and stage in one query, and reads the
late and the pilots as two short lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from ctct.bodies.models import Body
from ctct.congresses import rules as r
from ctct.congresses.models import (
    Congress,
    CongressRound,
    Level,
    Preparation,
    PreparationStep,
    Review,
    Stage,
)
from ctct.core.scopes import Scope
from ctct.core.treepaths import subtree_q

STAGES: tuple[int, ...] = (*r.STEPS, r.DONE)


def preparations(rnd: CongressRound, scope: Scope, *, at: Body | None = None) -> QuerySet:
    qs = scope.filter(Preparation.objects.filter(round=rnd), "body")
    if at is not None:
        qs = qs.filter(subtree_q(at.path, "body__"))
    return qs


@dataclass
class Row:
    """Counts of one level or one branch: per stage, late, done."""

    key: object
    label: str
    body: Body | None = None
    total: int = 0
    late: int = 0
    stages: dict[int, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))

    @property
    def done(self) -> int:
        return self.stages[r.DONE]

    @property
    def held(self) -> int:
        return self.stages[r.REPORTED] + self.stages[r.DONE]

    @property
    def bars(self) -> list[tuple[int, str, int, float]]:
        """(stage, label, count, percent) for the bar of stages."""
        return [
            (st, str(Stage(st).label), n, 100 * n / self.total if self.total else 0.0)
            for st, n in self.stages.items()
        ]

    def add(self, stage: int, n: int, late: int) -> None:
        self.total += n
        self.late += late
        self.stages[stage] += n


@dataclass
class Dashboard:
    round: CongressRound
    today: dt.date
    total: Row
    levels: list[Row]
    branches: list[Row]
    late: list[Preparation]
    late_total: int
    pilots: list[Preparation]


def round_dashboard(
    rnd: CongressRound,
    scope: Scope,
    *,
    today: dt.date,
    at: Body | None = None,
    limit: int = 50,
) -> Dashboard:
    """Per level (bottom-up) and per branch: who is at which step and how many are late; the
    late bodies (pilots first, then the most overdue) and the pilots. Four queries."""
    qs = preparations(rnd, scope, at=at)
    late_q = Q(next_deadline__lt=today)
    total = Row(key="all", label="")
    levels = {lv: Row(key=lv, label=str(Level(lv).label)) for lv in r.LEVELS}
    branches: dict[int | None, Row] = {}
    for row in qs.values("level", "branch_id", "stage").annotate(
        n=Count("id"), late=Count("id", filter=late_q)
    ):
        total.add(row["stage"], row["n"], row["late"])
        levels[row["level"]].add(row["stage"], row["n"], row["late"])
        branch = branches.setdefault(row["branch_id"], Row(key=row["branch_id"], label=""))
        branch.add(row["stage"], row["n"], row["late"])
    named = Body.objects.filter(pk__in=[k for k in branches if k is not None]).only(
        "id", "name", "short_name", "path", "depth"
    )
    for body in named:
        branches[body.pk].body, branches[body.pk].label = body, body.name
    if None in branches:
        branches[None].body, branches[None].label = rnd.body, rnd.body.name
    late = list(
        qs.filter(late_q)
        .select_related("body")
        .order_by("-pilot", "next_deadline", "body__path")[:limit]
    )
    for p in late:
        p.days_late = (today - p.next_deadline).days
    pilots = list(qs.filter(pilot=True).select_related("body").order_by("planned_on", "body__path"))
    return Dashboard(
        round=rnd,
        today=today,
        total=total,
        levels=[levels[lv] for lv in r.LEVELS if levels[lv].total],
        branches=sorted(branches.values(), key=lambda b: (b.key is not None, b.label)),
        late=late,
        late_total=total.late,
        pilots=pilots,
    )


@dataclass
class PreparationPage:
    preparation: Preparation
    steps: list[PreparationStep]
    reviews: list[Review]
    congress: Congress | None


def preparation_page(prep: Preparation) -> PreparationPage:
    """A body's preparation with its steps, the superior's reviews and the congress record.
    Three queries."""
    steps = list(PreparationStep.objects.filter(preparation=prep).order_by("kind"))
    reviews = list(Review.objects.filter(preparation=prep).select_related("reviewer"))
    congress = Congress.objects.filter(preparation=prep).select_related("term").first()
    return PreparationPage(preparation=prep, steps=steps, reviews=reviews, congress=congress)


def due_preparations(
    scope: Scope,
    *,
    today: dt.date,
    within_days: int = 7,
    limit: int = 100,
    under: Body | None = None,
) -> tuple[list[Preparation], int]:
    """The preparations of open rounds whose next step falls due by ``today + within_days``
    (or is overdue), for bodies in ``scope`` (in ``under``'s subtree): at most ``limit``,
    soonest deadline first, and how many in all. Two queries."""
    qs = scope.filter(
        Preparation.objects.filter(
            next_deadline__lte=today + dt.timedelta(days=within_days),
            round__state=CongressRound.State.OPEN,
        ),
        "body",
    )
    if under is not None:
        qs = qs.filter(subtree_q(under.path, "body__"))
    total = qs.count()
    rows = list(
        qs.select_related("body", "round").order_by("next_deadline", "body__path", "pk")[:limit]
    )
    return rows, total
