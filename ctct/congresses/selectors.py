"""Reads of congress rounds: the round's dashboard, a body's preparation and what falls due.

Every read takes a ``Scope`` and runs a fixed number of queries whatever the size of the tree:
the dashboard groups the preparations by level, branch and stage in one query, and reads the
late and the pilots as two short lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr

from ctct.bodies.models import Body
from ctct.congresses import rules as r
from ctct.congresses.models import (
    Congress,
    CongressMember,
    CongressRound,
    Level,
    Preparation,
    PreparationStep,
    Review,
    Role,
    Stage,
)
from ctct.core.scopes import Scope
from ctct.core.treepaths import STEPLEN, ancestor_paths, subtree_q

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
    # A level's window (first day, last day), as dates.
    window: tuple[dt.date, dt.date] | None = None
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
    late bodies (pilots first, then the most overdue) and the pilots. Four queries.

    ``at``: one branch of the round (its subtree); below the round's body its rows are the
    bodies right under ``at``."""
    qs = preparations(rnd, scope, at=at)
    late_q = Q(next_deadline__lt=today)
    total = Row(key="all", label="")
    levels = {
        lv: Row(
            key=lv,
            label=str(Level(lv).label),
            window=rnd.window(lv) if lv in rnd.windows else None,
        )
        for lv in r.LEVELS
    }
    branches: dict[object, Row] = {}
    counts = Count("id"), Count("id", filter=late_q)
    below = at is not None and at.pk != rnd.body_id
    if below:
        # A body inside the round: its branches are the bodies right under it (the prefix of
        # their path one step longer than its own); its own preparation has its own path.
        cut = len(at.path) + STEPLEN
        grouped = qs.annotate(branch_key=Substr("body__path", 1, cut))
    else:
        grouped = qs.annotate(branch_key=F("branch_id"))
    for row in grouped.values("level", "branch_key", "stage").annotate(n=counts[0], late=counts[1]):
        total.add(row["stage"], row["n"], row["late"])
        levels[row["level"]].add(row["stage"], row["n"], row["late"])
        key = row["branch_key"]
        if below and key == at.path:
            key = None
        branch = branches.setdefault(key, Row(key=key, label=""))
        branch.add(row["stage"], row["n"], row["late"])
    late = list(
        qs.filter(late_q)
        .select_related("body")
        .order_by("-pilot", "next_deadline", "body__path")[:limit]
    )
    # The branches' bodies and, for each late body, those between the page's body and it
    # (to tell namesakes apart: "Chi bộ Đại đội 1" under "Lữ đoàn 657"), in one query.
    own = at if below else rnd.body
    between = {p.pk: ancestor_paths(p.body.path, below=own.path) for p in late}
    keys = [k for k in branches if k is not None]
    wanted = Q(**{"path__in" if below else "pk__in": keys}) | Q(
        path__in={path for paths in between.values() for path in paths}
    )
    by_path = {}
    for body in Body.objects.filter(wanted).only("id", "name", "short_name", "path", "depth"):
        by_path[body.path] = body
        row = branches.get(body.path if below else body.pk)
        if row is not None:
            row.body, row.label = body, body.name
    if None in branches:
        branches[None].body, branches[None].label = own, own.name
    for p in late:
        p.days_late = (today - p.next_deadline).days
        p.chain = [by_path[path] for path in between[p.pk] if path in by_path]
    pilots = list(qs.filter(pilot=True).select_related("body").order_by("planned_on", "body__path"))
    for p in pilots:
        p.is_late = p.next_deadline is not None and p.next_deadline < today
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
    # The congress's people by role ("presidium", "directing", ...), in the order entered.
    members: dict[str, list[CongressMember]] = field(default_factory=dict)

    @property
    def presidium(self) -> list[CongressMember]:
        return self.members.get(Role.PRESIDIUM, [])

    @property
    def directing(self) -> list[CongressMember]:
        return self.members.get(Role.DIRECTING, [])


def preparation_page(prep: Preparation) -> PreparationPage:
    """A body's preparation with its steps, the superior's reviews and the congress record
    with its people. Three queries, four once the congress is recorded."""
    steps = list(PreparationStep.objects.filter(preparation=prep).order_by("kind"))
    reviews = list(Review.objects.filter(preparation=prep).select_related("reviewer"))
    congress = Congress.objects.filter(preparation=prep).select_related("term").first()
    members: dict[str, list[CongressMember]] = {}
    if congress is not None:
        for m in congress.members.select_related("person").order_by("id"):
            members.setdefault(m.role, []).append(m)
    return PreparationPage(
        preparation=prep, steps=steps, reviews=reviews, congress=congress, members=members
    )


def term_targets(congress: Congress | None, body: Body, *, today: dt.date | None = None) -> list:
    """The term targets of the congress resolution (those whose period is the congress's
    term; yearly steps toward them are left out), each with its figure at ``body`` rolled up
    from the bodies below and its standing (``resolutions.selectors.BodyTarget``). Three
    queries; none without a linked resolution."""
    if congress is None or congress.resolution_id is None:
        return []
    from ctct.resolutions.selectors import body_targets

    rows = body_targets(body, today=today, period=congress.term.label)
    return [bt for bt in rows if bt.target.resolution_id == congress.resolution_id]


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
