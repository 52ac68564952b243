"""Reads of resolutions and targets. Each runs a fixed number of queries whatever the tree.

The roll-up of a target over a subtree fetches, in one query, every share of the target
handed down inside the subtree with each body's latest value (a subquery on the
``entry_once_a_day`` index), then rolls values up level by level in Python, deepest bodies
first, following ``TargetAssignment.parent``. A share that was itself handed further down
takes its figure from its subordinates; the body's own entries count only while none of
them has entered anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from ctct.bodies.models import Body
from ctct.core.scopes import subtree_q
from ctct.resolutions import standing as st
from ctct.resolutions.models import ProgressEntry, Resolution, Target, TargetAssignment
from ctct.resolutions.services import period_span


@dataclass
class Node:
    """One body's part in a target: its own value, its figure (rolled up from the bodies it
    handed its share to, or its own latest entry) and its standing."""

    body: Body
    assignment: TargetAssignment | None  # None: the resolution's own body
    target_value: Decimal
    weight: Decimal
    latest_value: Decimal | None
    latest_on: dt.date | None
    children: list[Node] = field(default_factory=list)
    value: Decimal | None = None
    rolled: st.Rolled | None = None
    standing: str = st.NO_DATA
    # What the figure is judged against: a share of bodies meeting their own is a percentage.
    judged_target: Decimal = Decimal(0)
    judged_comparison: str = st.AT_LEAST

    @property
    def is_behind(self) -> bool:
        return self.standing in st.BEHIND


@dataclass
class TargetStanding:
    target: Target
    root: Node
    rows: list[Node]  # the root and every body below it that rolls into it, in tree order
    counts: dict[str, int]

    @property
    def behind(self) -> list[Node]:
        return [n for n in self.rows[1:] if n.is_behind]

    @property
    def same_period(self) -> str:
        """The holder's figure against its baseline, as a report says it: "đạt 92% so với
        cùng kỳ năm 2024"; empty without a baseline, or for a congress term (which has no
        "same period a year earlier")."""
        start, end = period_span(self.target.period)
        if self.root.assignment is not None or end.year != start.year:
            return ""
        return st.same_period_words(
            value=self.root.value,
            last_year=self.target.baseline_value,
            year=start.year - 1,
            met=self.root.standing == st.MET,
        )


def _latest(field_name: str):
    entries = ProgressEntry.objects.filter(
        target=OuterRef("target" if field_name == "assignment" else "pk"),
        body=OuterRef("body" if field_name == "assignment" else "resolution__body"),
    ).order_by("-on", "-id")
    return {
        "latest_value": Subquery(entries.values("value")[:1]),
        "latest_on": Subquery(entries.values("on")[:1]),
    }


def _targets_with_own(qs):
    """Targets with their resolution and body, and the holder's own latest value."""
    return qs.select_related("resolution__body").annotate(**_latest("target"))


def _shares(targets: list[Target], at: Body) -> list[TargetAssignment]:
    """Every share of ``targets`` handed to a body in ``at``'s subtree, with its latest value."""
    return list(
        TargetAssignment.objects.filter(target__in=targets)
        .filter(subtree_q(at.path, "body__"))
        .select_related("body")
        .annotate(**_latest("assignment"))
    )


def _node(body: Body, assignment: TargetAssignment | None, holder) -> Node:
    return Node(
        body=body,
        assignment=assignment,
        target_value=holder.target_value,
        weight=getattr(holder, "weight", st.YES),
        latest_value=holder.latest_value,
        latest_on=holder.latest_on,
    )


def _roll(target: Target, root: Node, shares: list[TargetAssignment], today: dt.date):
    """Attach the shares handed down from ``root`` and compute figures and standings."""
    by_parent: dict[int | None, list[TargetAssignment]] = {}
    for a in shares:
        by_parent.setdefault(a.parent_id, []).append(a)
    rows = [root]
    stack = [root]
    while stack:  # top-down: collect the tree
        node = stack.pop()
        key = node.assignment.pk if node.assignment is not None else None
        kids = sorted(by_parent.get(key, []), key=lambda a: a.body.path)
        node.children = [_node(a.body, a, a) for a in kids]
        stack.extend(node.children)
        rows.extend(node.children)
    start, end = period_span(target.period)
    for node in sorted(rows, key=lambda n: -n.body.depth):  # bottom-up: roll up
        measure, comparison, judged = target.measure, target.comparison, node.target_value
        if node.children:
            subs = [
                st.Sub(c.value, c.judged_target, c.judged_comparison, c.weight)
                for c in node.children
            ]
            node.rolled = st.rollup(target.rollup, subs)
            measure, comparison, judged = st.share_target(
                target.rollup, measure, comparison, judged
            )
        if node.rolled is not None and node.rolled.reported:
            node.value = node.rolled.value
        else:
            node.value = node.latest_value
            measure, comparison, judged = target.measure, target.comparison, node.target_value
        node.judged_target = judged
        node.judged_comparison = comparison
        node.standing = st.standing(
            measure=measure,
            comparison=comparison,
            target=judged,
            value=node.value,
            start=start,
            end=end,
            today=today,
            # the baseline is the holder's figure a year earlier, not a share's
            baseline=target.baseline_value if node.assignment is None else None,
        )
    rows.sort(key=lambda n: n.body.path)
    return rows


def target_standing(
    target: Target, *, at: Body | None = None, today: dt.date | None = None
) -> TargetStanding | None:
    """The standing of ``target`` at ``at`` (default: the resolution's body) and at every
    body below it that rolls into it. None when ``at`` neither holds the target nor was
    handed it. Two queries."""
    today = today or timezone.localdate()
    target = _targets_with_own(Target.objects.filter(pk=target.pk)).get()
    holder = target.resolution.body
    at = at or holder
    if not at.path.startswith(holder.path):
        return None
    shares = _shares([target], at)
    if at.pk == holder.pk:
        root = _node(holder, None, target)
    else:
        mine = next((a for a in shares if a.body_id == at.pk), None)
        if mine is None:
            return None
        root = _node(mine.body, mine, mine)
    rows = _roll(target, root, shares, today)
    return TargetStanding(target, root, rows, st.count_standings(n.standing for n in rows[1:]))


def target_behind(
    target: Target, *, at: Body | None = None, today: dt.date | None = None
) -> list[Node]:
    """The bodies below ``at`` that are behind on ``target`` (at risk or missed), worst
    first: missed, then at risk, each in tree order."""
    result = target_standing(target, at=at, today=today)
    if result is None:
        return []
    return sorted(result.behind, key=lambda n: (n.standing != st.MISSED, n.body.path))


@dataclass
class BodyTarget:
    target: Target
    node: Node

    @property
    def standing(self) -> str:
        return self.node.standing


def body_targets(
    body: Body, *, today: dt.date | None = None, period: str | None = None
) -> list[BodyTarget]:
    """The targets ``body`` holds (its resolutions') and those handed to it, each with its
    figure rolled up from the bodies below and its standing. Three queries.

    ``period``: only the targets of that period code ("2025")."""
    today = today or timezone.localdate()
    held = Target.objects.filter(resolution__body=body)
    mine = TargetAssignment.objects.filter(body=body).select_related(
        "body", "target__resolution__body"
    )
    if period:
        held = held.filter(period=period)
        mine = mine.filter(target__period=period)
    held_targets = list(_targets_with_own(held).order_by("resolution__period", "order"))
    handed = list(mine.annotate(**_latest("assignment")).order_by("target__period", "target_id"))
    targets = held_targets + [a.target for a in handed]
    shares = _shares(targets, body) if targets else []
    by_target: dict[int, list[TargetAssignment]] = {}
    for a in shares:
        by_target.setdefault(a.target_id, []).append(a)
    out = []
    for t in held_targets:
        root = _node(body, None, t)
        _roll(t, root, by_target.get(t.pk, []), today)
        out.append(BodyTarget(t, root))
    for a in handed:
        root = _node(body, a, a)
        _roll(a.target, root, by_target.get(a.target_id, []), today)
        out.append(BodyTarget(a.target, root))
    return out


def node_standing(target: Target, root: Node) -> TargetStanding:
    """A node already rolled up (``body_targets``) as a target's standing: every body below
    it in tree order and their counts. No query."""
    rows, stack = [], [root]
    while stack:
        node = stack.pop()
        rows.append(node)
        stack.extend(node.children)
    rows = [root] + sorted(rows[1:], key=lambda n: n.body.path)
    return TargetStanding(target, root, rows, st.count_standings(n.standing for n in rows[1:]))


@dataclass
class Due:
    target: Target
    assignment: TargetAssignment | None
    deadline: dt.date

    def overdue(self, today: dt.date) -> bool:
        return self.deadline < today


def entries_due(body: Body, *, today: dt.date | None = None, within: int = 30) -> list[Due]:
    """The targets ``body`` holds or was handed whose entries are due within ``within`` days
    (or overdue) and for which it has entered nothing yet in the target's period; soonest
    first. Two queries."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=within)
    entered = ProgressEntry.objects.filter(target=OuterRef("pk"), body=body)
    held = (
        Target.objects.filter(resolution__body=body, entry_deadline__lte=until)
        .exclude(Exists(entered))
        .select_related("resolution")
    )
    handed_entered = ProgressEntry.objects.filter(target=OuterRef("target"), body=body)
    handed = (
        TargetAssignment.objects.filter(body=body, target__entry_deadline__lte=until)
        .exclude(Exists(handed_entered))
        .select_related("target__resolution")
    )
    rows = [Due(t, None, t.entry_deadline) for t in held]  # type: ignore[arg-type]
    rows += [Due(a.target, a, a.target.entry_deadline) for a in handed]  # type: ignore[arg-type]
    return sorted(rows, key=lambda d: (d.deadline, d.target.pk))


def body_resolutions(body: Body):
    """A body's resolutions, newest period first (one query)."""
    return Resolution.objects.filter(body=body).select_related("adopted_at", "document")


def resolution_for(body: Body, period: str) -> Resolution | None:
    """The body's resolution for a period, the latest recorded if there are several."""
    return Resolution.objects.filter(body=body, period=period).order_by("-id").first()


__all__ = [
    "BodyTarget",
    "Due",
    "Node",
    "TargetStanding",
    "body_resolutions",
    "body_targets",
    "entries_due",
    "node_standing",
    "resolution_for",
    "target_behind",
    "target_standing",
]
