"""Reads the ratings pages need beyond ``selectors``: the rounds that reach a body, a round's
progress rolled up by branch with the late sheets flagged, and the sheets a body keeps.

Each function runs a fixed number of queries whatever the size of the round.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.core.scopes import Scope
from ctct.core.treepaths import STEPLEN, ancestor_paths, subtree_q
from ctct.ratings.models import RatingRound, RatingSheet, Subject

Step = RatingSheet.Step

# The steps in the order a sheet passes them, with the colour class of the stacked bars
# (the cascade dashboard's: s0 the lightest, s3 the darkest).
STEPS: tuple[tuple[str, str], ...] = (
    (Step.WAITING, "0"),
    (Step.SELF_RATED, "1"),
    (Step.REVIEWED, "2"),
    (Step.DECIDED, "3"),
)


def rounds_reaching(body: Body) -> list[RatingRound]:
    """The rounds opened by ``body`` or a body above it, the latest first (one query)."""
    paths = ancestor_paths(body.path, include_self=True)
    return list(
        RatingRound.objects.filter(body__path__in=paths)
        .select_related("body", "document")
        .order_by("-year", "-quarter", "-pk")
    )


def round_reaching(body: Body, pk: int) -> RatingRound | None:
    """The round ``pk`` when it was opened by ``body`` or a body above it."""
    paths = ancestor_paths(body.path, include_self=True)
    return (
        RatingRound.objects.filter(pk=pk, body__path__in=paths)
        .select_related("body", "document")
        .first()
    )


def late_q(rnd: RatingRound, today: dt.date) -> Q:
    """Sheets behind their due date on ``today``: no self-rating after ``self_due``, no review
    after ``review_due``, no decision after ``decide_due``."""
    q = Q(pk__in=[])
    if today > rnd.self_due:
        q |= Q(step=Step.WAITING)
    if today > rnd.review_due:
        q |= Q(step=Step.SELF_RATED)
    if today > rnd.decide_due:
        q |= ~Q(step=Step.DECIDED)
    return q


@dataclass
class Segment:
    step: str
    label: str
    cls: str
    n: int
    share: int
    x: float
    width: float


@dataclass
class Counts:
    by_step: dict[str, int] = field(default_factory=dict)
    late: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_step.values())

    def add(self, other: Counts) -> None:
        for k, v in other.by_step.items():
            self.by_step[k] = self.by_step.get(k, 0) + v
        self.late += other.late

    @property
    def segments(self) -> list[Segment]:
        total = self.total or 1
        out, x = [], 0.0
        labels = dict(Step.choices)
        for step, cls in STEPS:
            n = self.by_step.get(step, 0)
            width = 100 * n / total
            out.append(Segment(step, labels[step], cls, n, round(width), x, width))
            x += width
        return out


@dataclass
class Branch:
    body: Body
    counts: Counts
    # For a late body: the bodies between the page's body and it, nearest first, which tell
    # namesakes apart ("Chi bộ Đại đội 1" of Tiểu đoàn 1 › Lữ đoàn 657 or of Lữ đoàn 999).
    chain: list[Body] = field(default_factory=list)


@dataclass
class Progress:
    root: Body
    overall: Counts
    branches: list[Branch]
    late_bodies: list[Branch]  # bodies keeping late sheets, the most late first
    legend: list[tuple[str, str]]


def round_progress_under(
    scope: Scope, rnd: RatingRound, root: Body, *, today: dt.date | None = None
) -> Progress:
    """The sheets of ``rnd`` kept at ``root`` and below, counted at each step: in all, per
    direct subordinate branch (its whole subtree), and the bodies keeping late sheets, each
    with the bodies between ``root`` and it. Four queries: the counts by body and step, the
    late counts by body, the bodies, then the branches' heads and the late bodies' parents."""
    today = today or timezone.localdate()
    sheets = scope.filter(
        RatingSheet.objects.filter(round=rnd).filter(subtree_q(root.path, "rated_at__")),
        "rated_at",
    )
    per_body: dict[int, Counts] = defaultdict(Counts)
    for row in sheets.values("rated_at", "step").annotate(n=Count("id")).order_by():
        per_body[row["rated_at"]].by_step[row["step"]] = row["n"]
    for row in (
        sheets.filter(late_q(rnd, today)).values("rated_at").annotate(n=Count("id")).order_by()
    ):
        per_body[row["rated_at"]].late = row["n"]
    bodies = (
        {
            b.pk: b
            for b in Body.objects.filter(pk__in=list(per_body)).only(
                "id", "path", "depth", "name", "short_name", "kind"
            )
        }
        if per_body
        else {}
    )
    overall = Counts()
    branches: dict[str, Branch] = {}
    child_len = len(root.path) + STEPLEN
    for body_id, counts in per_body.items():
        overall.add(counts)
        body = bodies.get(body_id)
        if body is None or body.pk == root.pk:
            continue
        branches.setdefault(body.path[:child_len], Branch(body=None, counts=Counts()))  # type: ignore[arg-type]
        branches[body.path[:child_len]].counts.add(counts)
    late = sorted(
        (Branch(body=bodies[i], counts=c) for i, c in per_body.items() if c.late and i in bodies),
        key=lambda b: (-b.counts.late, b.body.name),
    )
    chains = {b.body.pk: ancestor_paths(b.body.path, below=root.path) for b in late}
    wanted = set(branches) | {p for paths in chains.values() for p in paths}
    if wanted:
        above = {b.path: b for b in Body.objects.filter(path__in=list(wanted))}
        for path, branch in branches.items():
            branch.body = above.get(path)
        for b in late:
            b.chain = [above[p] for p in reversed(chains[b.body.pk]) if p in above]
    listed = sorted((b for b in branches.values() if b.body is not None), key=lambda b: b.body.name)
    return Progress(
        root=root,
        overall=overall,
        branches=listed,
        late_bodies=late,
        legend=[(cls, dict(Step.choices)[step]) for step, cls in STEPS],
    )


def sheets_kept_at(rnd: RatingRound, body: Body) -> list[RatingSheet]:
    """The sheets of ``rnd`` kept at ``body``: its members' (by name), then its own (one
    query)."""
    return list(
        RatingSheet.objects.filter(round=rnd, rated_at=body)
        .select_related("person", "body")
        .order_by("subject", "person__full_name", "body__name", "pk")
    )


def own_sheets_of_children_q(body: Body) -> Q:
    """The own sheets of the bodies right below ``body``, which ``body`` reviews."""
    return Q(
        subject=Subject.BODY,
        body__depth=body.depth + 1,
        body__path__startswith=body.path,
    )


def own_sheets_of_children(rnd: RatingRound, body: Body) -> list[RatingSheet]:
    """The sheets of ``rnd`` that ``body`` reviews without keeping them: the own sheets of the
    bodies right below it, by name (one query)."""
    return list(
        RatingSheet.objects.filter(own_sheets_of_children_q(body), round=rnd)
        .select_related("body")
        .order_by("body__name", "pk")
    )


def sheets_decided_by(rnd: RatingRound, decider: Body) -> list[RatingSheet]:
    """The sheets of ``rnd`` that ``decider`` decides, by where they are kept then by name
    (one query)."""
    return list(
        RatingSheet.objects.filter(round=rnd, decider=decider)
        .select_related("person", "body", "rated_at", "grassroots")
        .order_by("rated_at__path", "subject", "person__full_name", "body__name", "pk")
    )


SUBJECT_LABELS = {"person": _("Party member"), "body": _("Party organization")}


@dataclass
class QuotaRow:
    """One grassroots organization's quota with the levels being chosen applied."""

    grassroots: Body
    view: object  # selectors.QuotaView

    @property
    def quota(self):
        return self.view.quota

    @property
    def over(self):
        return self.view.over


def quota_rows(
    rules, rnd: RatingRound, sheets: list[RatingSheet], pending: dict[int, str]
) -> list[QuotaRow]:
    """The quota of each grassroots organization the members' ``sheets`` count in, for the
    round's year (and quarter), with the ``pending`` levels (sheet id -> level) applied: one
    query per organization (a deciding committee decides the members of one, as a rule)."""
    from ctct.ratings.selectors import quota_for

    ids = {s.grassroots_id for s in sheets if s.subject == "person" and s.grassroots_id}
    if not ids:
        return []
    bodies = sorted(Body.objects.filter(pk__in=ids), key=lambda b: b.name)
    return [
        QuotaRow(
            grassroots=b,
            view=quota_for(
                grassroots=b, year=rnd.year, quarter=rnd.quarter, pending=pending, rules=rules
            ),
        )
        for b in bodies
    ]


def undecided_count(rnd: RatingRound) -> int:
    """The sheets of the round not decided yet (one query)."""
    return rnd.sheets.exclude(step=Step.DECIDED).count()
