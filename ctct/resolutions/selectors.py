"""Reads of resolutions and targets. Each runs a fixed number of queries whatever the tree.

The roll-up of a target over a subtree fetches, in one query, every share of the target
handed down inside the subtree and the entries of their bodies (the latest of each body is
picked in Python), then rolls values up level by level in Python, deepest bodies first,
following ``TargetAssignment.parent``. The rows' body and share records are loaded in one
more query when a page first reads them: the figures need neither (``Node.path`` and
``Node.depth`` are there for ordering without it; BENCHMARKS.md has the times at 20,000
bodies). A share that was itself handed further down
takes its figure from its subordinates; the body's own entries count only while none of
them has entered anything.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from django.db import connection
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from ctct.bodies.models import Body
from ctct.core.treepaths import path_upper_bound, subtree_q
from ctct.resolutions import standing as st
from ctct.resolutions.models import ProgressEntry, Resolution, Target, TargetAssignment
from ctct.resolutions.services import period_span


class _Records:
    """The body and share records of a roll-up's rows, loaded together in one query the first
    time a page reads one (the figures themselves need neither)."""

    def __init__(self, target_ids: list[int], at_path: str) -> None:
        self.target_ids = target_ids
        self.at_path = at_path
        self.shares: dict[int, TargetAssignment] | None = None

    def share(self, pk: int) -> TargetAssignment:
        if self.shares is None:
            self.shares = {
                a.pk: a
                for a in TargetAssignment.objects.filter(target__in=self.target_ids)
                .filter(subtree_q(self.at_path, "body__"))
                .select_related("body")
            }
        return self.shares[pk]


class Node:
    """One body's part in a target: its own value, its figure (rolled up from the bodies it
    handed its share to, or its own latest entry) and its standing.

    ``body`` and ``assignment`` (None: the resolution's own body) are records; for the rows
    below the root they are loaded, all at once, when first read."""

    __slots__ = (
        "_assignment",
        "_body",
        "_records",
        "assignment_id",
        "body_id",
        "children",
        "depth",
        "judged_comparison",
        "judged_target",
        "latest_on",
        "latest_value",
        "parent_id",
        "path",
        "rolled",
        "standing",
        "target_id",
        "target_value",
        "value",
        "weight",
    )

    def __init__(
        self,
        body_id: int,
        path: str,
        depth: int,
        assignment_id: int | None,
        target_value: Decimal,
        weight: Decimal,
        latest_value: Decimal | None,
        latest_on: dt.date | None,
        parent_id: int | None = None,
        target_id: int | None = None,
        *,
        body: Body | None = None,
        assignment: TargetAssignment | None = None,
        records: _Records | None = None,
    ) -> None:
        self.body_id = body_id
        self.path = path
        self.depth = depth
        self.assignment_id = assignment_id
        self.target_value = target_value
        self.weight = weight
        self.latest_value = latest_value
        self.latest_on = latest_on
        self._body = body
        self._assignment = assignment
        self._records = records
        self.parent_id = parent_id  # the share this one was handed down from
        self.target_id = target_id
        self.children: Sequence[Node] = ()  # a leaf's: shared, never changed
        self.value: Decimal | None = None
        self.rolled: st.Rolled | None = None
        self.standing: str = st.NO_DATA
        # What the figure is judged against: a share of bodies meeting their own is a percentage.
        self.judged_target: Decimal = st.NO
        self.judged_comparison: str = st.AT_LEAST

    @property
    def assignment(self) -> TargetAssignment | None:
        if self._assignment is None and self.assignment_id is not None:
            self._assignment = self._records.share(self.assignment_id)  # type: ignore[union-attr]
        return self._assignment

    @property
    def body(self) -> Body:
        if self._body is None:
            self._body = self.assignment.body  # type: ignore[union-attr]
        return self._body

    @property
    def is_behind(self) -> bool:
        return self.standing in st.BEHIND

    def __repr__(self) -> str:
        return f"Node(body={self.body_id}, value={self.value}, standing={self.standing})"


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
        if self.root.assignment_id is not None or end.year != start.year:
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


# The shares and, after them, every entry of the same targets in the subtree: one query. The
# latest entry of each body is picked in Python (faster than a window or a subquery per row).
_SHARES_SQL = """
SELECT 0, a.id, a.parent_id, a.body_id, CAST(a.target_value AS TEXT), CAST(a.weight AS TEXT),
       a.target_id, b.path, b.depth, NULL
FROM {assignment} a INNER JOIN {body} b ON b.id = a.body_id
WHERE a.target_id IN ({targets}) AND b.path >= %s{upper}
UNION ALL
SELECT 1, e.id, NULL, e.body_id, CAST(e.value AS TEXT), NULL, e.target_id, NULL, NULL,
       CAST(e.{on} AS TEXT)
FROM {entry} e{entry_join}
WHERE e.target_id IN ({targets}){entry_where}
"""


class _Convert:
    """Values read as text to Decimal and date, memoized: a roll-up holds few distinct values
    (text is read and hashed faster than the drivers' Decimals and dates)."""

    def __init__(self) -> None:
        self.memo: dict = {None: None}

    def number(self, raw) -> Decimal | None:
        got = self.memo.get(raw, self)
        if got is self:
            got = self.memo[raw] = Decimal(str(raw)).quantize(CENTS)
        return got  # type: ignore[return-value]

    def day(self, raw) -> dt.date | None:
        got = self.memo.get(raw, self)
        if got is self:
            got = self.memo[raw] = dt.date.fromisoformat(raw)
        return got  # type: ignore[return-value]


CENTS = Decimal("0.01")


def share_rows(targets: list[Target], at: Body, *, whole: bool = False) -> list[tuple]:
    """The shares of ``targets`` handed to bodies in ``at``'s subtree, then every entry of
    those targets in it, as raw rows (one query). ``whole``: ``at`` holds all of ``targets``."""
    qn = connection.ops.quote_name
    upper = path_upper_bound(at.path)
    sql = _SHARES_SQL.format(
        on=qn("on"),
        assignment=qn(TargetAssignment._meta.db_table),
        body=qn(Body._meta.db_table),
        entry=qn(ProgressEntry._meta.db_table),
        targets=", ".join(["%s"] * len(targets)),
        upper=" AND b.path < %s" if upper is not None else "",
        # a target's entries are all in its holder's subtree: no need to look at their bodies
        entry_join="" if whole else f" INNER JOIN {qn(Body._meta.db_table)} b ON b.id = e.body_id",
        entry_where="" if whole else " AND b.path >= %s" + (" AND b.path < %s" if upper else ""),
    )
    ids = [t.pk for t in targets]
    bounds = [at.path, *([upper] if upper is not None else [])]
    with connection.cursor() as cur:
        cur.execute(sql, [*ids, *bounds, *ids, *([] if whole else bounds)])
        return cur.fetchall()


def _shares(targets: list[Target], at: Body, *, whole: bool = False) -> list[Node]:
    """A node for every share of ``targets`` handed to a body in ``at``'s subtree, with the
    body's latest value (one query: the shares, then the entries). ``whole``: ``at`` holds
    all of ``targets``."""
    rows = share_rows(targets, at, whole=whole)
    ids = [t.pk for t in targets]
    records = _Records(ids, at.path)
    conv = _Convert()
    number, day = conv.number, conv.day
    latest: dict[tuple[int, int], tuple] = {}
    for kind, pk, _parent, body_id, value, _w, target_id, _p, _d, on in rows:
        if kind:  # an entry: the latest day of each body wins (one entry a day), then the id
            key = (target_id, body_id)
            mark = (day(on), pk)
            if key not in latest or latest[key][0] < mark:
                latest[key] = (mark, value)
    nodes = []
    for kind, pk, parent_id, body_id, value, weight, target_id, path, depth, _on in rows:
        if kind:
            continue
        last = latest.get((target_id, body_id))
        node = Node(
            body_id,
            path,
            depth,
            pk,
            number(value),  # type: ignore[arg-type]
            number(weight),  # type: ignore[arg-type]
            number(last[1]) if last else None,
            last[0][0] if last else None,
            parent_id,
            target_id,
            records=records,
        )
        nodes.append(node)
    return nodes


def _root(body: Body, assignment: TargetAssignment | None, holder) -> Node:
    """The node a roll-up starts from: the resolution's body, or a body handed the target."""
    return Node(
        body_id=body.pk,
        path=body.path,
        depth=body.depth,
        assignment_id=assignment.pk if assignment is not None else None,
        target_value=holder.target_value,
        weight=getattr(holder, "weight", st.YES),
        latest_value=holder.latest_value,
        latest_on=holder.latest_on,
        body=body,
        assignment=assignment,
    )


_PATH = attrgetter("path")


@contextmanager
def _no_collection():
    """Pause the cyclic garbage collector while a roll-up makes its tens of thousands of
    objects: they hold no cycles (reference counting frees them), but making them would
    start collections that walk the whole heap, a third of the time at 20,000 bodies. The
    collector is back on (if it was on) as soon as the roll-up is done."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _roll(target: Target, root: Node, shares: list[Node], today: dt.date):
    """Attach the shares handed down from ``root`` and compute figures and standings."""
    shares.sort(key=_PATH)
    by_parent: dict[int | None, list[Node]] = {}
    for n in shares:  # each body's list in tree order
        by_parent.setdefault(n.parent_id, []).append(n)
    rows = []
    stack = [root]
    while stack:  # top-down: collect the tree, every share after the one it came from
        node = stack.pop()
        rows.append(node)
        kids = node.children = by_parent.get(node.assignment_id, ())
        stack.extend(kids)
    start, end = period_span(target.period)
    rule, measure, comparison = target.rollup, target.measure, target.comparison
    shared = st.share_target(rule, measure, comparison, Decimal(0))
    judged_by_share = shared[:2]  # (measure, comparison) of a rolled-up figure
    memo: dict[tuple, str] = {}
    # A Sub for each distinct part, and a standing for each distinct figure: there are few,
    # and making them costs more than finding them. Keys are the values' identities (hashing
    # Decimals is slow): the values are shared objects, alive until the roll-up is done.
    subs: dict[tuple, st.Sub] = {}

    def sub(c: Node) -> st.Sub:
        key = (id(c.value), id(c.judged_target), c.judged_comparison, id(c.weight))
        got = subs.get(key)
        if got is None:
            got = subs[key] = st.Sub(c.value, c.judged_target, c.judged_comparison, c.weight)
        return got

    for node in reversed(rows):  # bottom-up: roll up, every share before the one it came from
        rolled = None
        if node.children:
            rolled = node.rolled = st.rollup(rule, [sub(c) for c in node.children])
        baseline = target.baseline_value if node.assignment_id is None else None
        if rolled is not None and rolled.reported:
            node.value = rolled.value
            m, c = judged_by_share
            judged = st.share_target(rule, measure, comparison, node.target_value)[2]
        else:
            node.value = node.latest_value
            m, c, judged = measure, comparison, node.target_value
        node.judged_target = judged
        node.judged_comparison = c
        # the baseline is the holder's figure a year earlier, not a share's
        key = (m, c, id(judged), id(node.value), id(baseline))
        standing = memo.get(key)
        if standing is None:
            standing = memo[key] = st.standing(
                measure=m,
                comparison=c,
                target=judged,
                value=node.value,
                start=start,
                end=end,
                today=today,
                baseline=baseline,
            )
        node.standing = standing
    rows.sort(key=_PATH)
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
    with _no_collection():
        return _standing(target, holder, at, today)


def _standing(target: Target, holder: Body, at: Body, today: dt.date) -> TargetStanding | None:
    shares = _shares([target], at, whole=at.pk == holder.pk)
    if at.pk == holder.pk:
        root = _root(holder, None, target)
    else:
        mine = next((n for n in shares if n.body_id == at.pk), None)
        if mine is None:
            return None
        shares.remove(mine)
        mine._body = at
        root = mine
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
    return sorted(result.behind, key=lambda n: (n.standing != st.MISSED, n.path))


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
    with _no_collection():
        shares = _shares(targets, body) if targets else []
        by_target: dict[int, list[Node]] = {}
        for n in shares:
            if n.body_id != body.pk:
                by_target.setdefault(n.target_id, []).append(n)  # type: ignore[arg-type]
        out = []
        for t in held_targets:
            root = _root(body, None, t)
            _roll(t, root, by_target.get(t.pk, []), today)
            out.append(BodyTarget(t, root))
        for a in handed:
            root = _root(body, a, a)
            _roll(a.target, root, by_target.get(a.target_id, []), today)
            out.append(BodyTarget(a.target, root))
    return out


def handed_and_behind(body: Body) -> tuple[list, list]:
    """The targets handed to ``body`` by a superior on which nobody is behind (each with its
    standing), and the targets it holds or was handed on which it, or a body below it, is
    behind. Three queries."""
    handed, behind = [], []
    for bt in body_targets(body):
        s = node_standing(bt.target, bt.node)
        if bt.node.is_behind or s.behind:
            behind.append(s)
        elif bt.node.assignment_id is not None:
            handed.append(s)  # those behind are listed once, under "behind"
    return handed, behind


def node_standing(target: Target, root: Node) -> TargetStanding:
    """A node already rolled up (``body_targets``) as a target's standing: every body below
    it in tree order and their counts. No query."""
    rows, stack = [], [root]
    while stack:
        node = stack.pop()
        rows.append(node)
        stack.extend(node.children)
    rows = [root] + sorted(rows[1:], key=lambda n: n.path)
    return TargetStanding(target, root, rows, st.count_standings(n.standing for n in rows[1:]))


@dataclass
class Due:
    target: Target
    assignment: TargetAssignment | None
    deadline: dt.date

    def overdue(self, today: dt.date) -> bool:
        return self.deadline < today


def unentered(until: dt.date):
    """The rule of an entry falling due, as two querysets to narrow: the targets whose
    deadline is by ``until`` and whose holder (the resolution's body) has entered nothing for
    them, and the shares of such targets whose body has entered nothing."""
    held_entered = ProgressEntry.objects.filter(
        target=OuterRef("pk"), body=OuterRef("resolution__body")
    )
    held = Target.objects.filter(entry_deadline__lte=until).exclude(Exists(held_entered))
    handed_entered = ProgressEntry.objects.filter(target=OuterRef("target"), body=OuterRef("body"))
    handed = TargetAssignment.objects.filter(target__entry_deadline__lte=until).exclude(
        Exists(handed_entered)
    )
    return held, handed


def entries_due(body: Body, *, today: dt.date | None = None, within: int = 30) -> list[Due]:
    """The targets ``body`` holds or was handed whose entries are due within ``within`` days
    (or overdue) and for which it has entered nothing yet in the target's period; soonest
    first. Two queries."""
    today = today or timezone.localdate()
    held, handed = unentered(today + dt.timedelta(days=within))
    held = held.filter(resolution__body=body).select_related("resolution")
    handed = handed.filter(body=body).select_related("target__resolution")
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
    "unentered",
    "node_standing",
    "resolution_for",
    "target_behind",
    "target_standing",
]


@dataclass
class Reviewed:
    """A resolution a review conference looks back on, with its targets' standing at the
    resolution's body (how many targets stand where)."""

    resolution: Resolution
    counts: dict[str, int]

    @property
    def targets(self) -> int:
        return sum(self.counts.values())


def resolutions_reviewed(conference, *, today: dt.date | None = None) -> list[Reviewed]:
    """The resolutions of the body that held a review conference whose period overlaps the
    period it reviews (the year's resolution for a half-year review, the half-year's for the
    year's), newest first, each with its targets' standing. Four queries; none without a
    period."""
    if not conference.period:
        return []
    start, end = period_span(conference.period)
    rows = []
    for r in Resolution.objects.filter(body_id=conference.body_id).order_by("-period", "-id"):
        a, b = period_span(r.period)
        if a <= end and start <= b:
            rows.append(r)
    if not rows:
        return []
    wanted = {r.pk for r in rows}
    standings: dict[int, list[str]] = {pk: [] for pk in wanted}
    for bt in body_targets(conference.body, today=today):
        if bt.target.resolution_id in wanted:
            standings[bt.target.resolution_id].append(bt.standing)
    return [Reviewed(r, st.count_standings(standings[r.pk])) for r in rows]
