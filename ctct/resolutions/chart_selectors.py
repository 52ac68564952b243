"""Reads behind the charts of the resolution pages, each with a fixed number of queries:

- ``target_progress``: a target's figure at a body over time (the body's own entries, or the
  figure rolled up from the bodies below as it stood on each day something was entered), with
  the target value and the straight path from the baseline that the standing rule expects;
- ``subtree_map``: the standing of every target of a resolution at each body one level (or a
  chosen number of levels) below a body: the rows of a heat map of bodies × targets, a page at
  a time.

Both fetch the shares and the entries of a subtree in one query, as ``selectors`` does, and
roll up with the same code (``selectors._roll``), so a chart says what the tables say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from ctct.bodies.models import Body
from ctct.resolutions import standing as st
from ctct.resolutions.models import Resolution, Target
from ctct.resolutions.selectors import (
    Node,
    _Convert,
    _no_collection,
    _roll,
    _root,
    _shares,
    _targets_with_own,
    share_rows,
)
from ctct.resolutions.services import period_span

# A progress line has at most this many points: the days something was entered, thinned
# evenly (the first and the latest always kept) when there are more.
MAX_POINTS = 24
# Each point is a roll-up of the whole subtree: over a large one, fewer points (at least two),
# so that points × shares stays under this.
POINT_WORK = 100_000
# A heat map shows this many bodies a page.
MAP_PAGE = 100
# The measures whose standing follows a straight path from the baseline to the target.
PATH_MEASURES = (st.COUNT, st.PERCENT)


# --- a target's progress over time ------------------------------------------------------------
@dataclass
class Point:
    on: dt.date
    value: Decimal | None
    standing: str


@dataclass
class Progress:
    target: Target
    body: Body
    start: dt.date
    end: dt.date
    target_value: Decimal  # what the figure is judged against (100 for a share of bodies)
    points: list[Point]
    # the straight path the standing rule expects, from the baseline (0 when none) on the
    # first day to the target on the last; empty for yes/no and rating levels
    path: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    thinned: bool = False  # more days were entered than there are points


def _all_rows(targets: list[Target], at: Body, *, whole: bool) -> list[tuple]:
    """The shares of ``targets`` in ``at``'s subtree and every entry of them (one query)."""
    return share_rows(targets, at, whole=whole)


def _thin(days: list[dt.date], most: int) -> list[dt.date]:
    """At most ``most`` of ``days`` (sorted), evenly spread, the first and the last kept."""
    if len(days) <= most:
        return days
    step = (len(days) - 1) / (most - 1)
    return [days[round(i * step)] for i in range(most)]


def target_progress(
    target: Target, *, at: Body | None = None, today: dt.date | None = None
) -> Progress | None:
    """The figure of ``target`` at ``at`` (default: the resolution's body) on each day an
    entry was made at it or below it (at most ``MAX_POINTS`` days), with its standing as it
    was that day (fewer over a large subtree: ``POINT_WORK``). None when ``at`` neither holds
    the target nor was handed it. Two queries."""
    today = today or timezone.localdate()
    target = _targets_with_own(Target.objects.filter(pk=target.pk)).get()
    holder = target.resolution.body
    at = at or holder
    if not at.path.startswith(holder.path):
        return None
    whole = at.pk == holder.pk
    rows = _all_rows([target], at, whole=whole)
    conv = _Convert()
    nodes: list[Node] = []
    entries: list[tuple[dt.date, int, int, Decimal]] = []
    for kind, pk, parent_id, body_id, value, weight, _t, path, depth, on in rows:
        if kind:
            entries.append((conv.day(on), pk, body_id, conv.number(value)))  # type: ignore[arg-type]
        else:
            nodes.append(
                Node(
                    body_id,
                    path,
                    depth,
                    pk,
                    conv.number(value),  # type: ignore[arg-type]
                    conv.number(weight),  # type: ignore[arg-type]
                    None,
                    None,
                    parent_id,
                    target.pk,
                )
            )
    if whole:
        root = _root(holder, None, target)
        root.latest_value = root.latest_on = None  # set again from the entries, day by day
    else:
        root = next((n for n in nodes if n.body_id == at.pk), None)  # type: ignore[assignment]
        if root is None:
            return None
        nodes.remove(root)
        root._body = at
    start, end = period_span(target.period)
    entries = [e for e in entries if e[0] <= today]
    entries.sort()
    days = sorted({e[0] for e in entries})
    shown = _thin(days, max(2, min(MAX_POINTS, POINT_WORK // (len(nodes) + 1))))
    by_body = {n.body_id: n for n in nodes}
    by_body[root.body_id] = root
    points = []
    with _no_collection():
        i = 0
        for day in shown:
            while i < len(entries) and entries[i][0] <= day:
                on, _pk, body_id, value = entries[i]
                node = by_body.get(body_id)
                if node is not None:  # the latest of a body wins: entries are in order
                    node.latest_value, node.latest_on = value, on
                i += 1
            _roll(target, root, list(nodes), day)
            points.append(Point(day, root.value, root.standing))
    if not points:  # nothing entered: judge the target as today, for its value
        _roll(target, root, list(nodes), today)
    path = []
    if target.measure in PATH_MEASURES:
        # the baseline is the holder's own figure a year earlier, not a share of bodies'
        rolled_share = target.rollup == st.SHARE_MEETING and bool(root.children)
        baseline = target.baseline_value if whole and not rolled_share else None
        path = [(start, baseline if baseline is not None else st.NO), (end, root.judged_target)]
    return Progress(
        target=target,
        body=at,
        start=start,
        end=end,
        target_value=root.judged_target,
        points=points,
        path=path,
        thinned=len(days) > len(shown),
    )


# --- the subtree's standing as a heat map -------------------------------------------------------
@dataclass
class MapCell:
    target: Target
    node: Node | None  # None: the target was not handed to the body

    # A page reads ``node.body_id``, never ``node.body`` (which would load every share).


@dataclass
class MapRow:
    body: Body
    cells: list[MapCell]  # one per column


@dataclass
class SubtreeMap:
    resolution: Resolution
    at: Body
    targets: list[Target]  # the columns: the resolution's targets ``at`` holds or was handed
    roots: list[MapCell]  # ``at``'s own figure and standing for each column
    level: int  # how many levels below ``at`` the rows are
    levels: list[int]  # the levels below ``at`` where some body holds a share
    rows: list[MapRow]  # one page of the bodies at that level, in tree order
    total: int  # bodies at that level in all
    offset: int
    counts: list[dict[str, int]] = field(default_factory=list)  # per column, over all rows

    @property
    def last(self) -> int:
        """The position of the page's last row among all (from 1)."""
        return self.offset + len(self.rows)

    @property
    def has_next(self) -> bool:
        return self.last < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def subtree_map(
    resolution: Resolution,
    at: Body,
    *,
    level: int = 1,
    offset: int = 0,
    limit: int = MAP_PAGE,
    today: dt.date | None = None,
) -> SubtreeMap:
    """The standing of each target of ``resolution`` that ``at`` holds or was handed, at every
    body ``level`` levels below ``at`` handed any of them: a page of ``limit`` bodies from
    ``offset``, in tree order, each with a cell per target. Three queries (the targets, the
    shares with their entries, the page's bodies), one when ``at`` has no such target."""
    today = today or timezone.localdate()
    whole = at.pk == resolution.body_id
    qs = Target.objects.filter(resolution=resolution)
    if not whole:
        qs = qs.filter(assignments__body=at)
    targets = list(_targets_with_own(qs).order_by("order", "id"))
    roots: list[MapCell] = []
    by_body: dict[int, dict[int, Node]] = {}
    levels: set[int] = set()
    if targets:
        with _no_collection():
            shares = _shares(targets, at, whole=whole)
            per_target: dict[int, list[Node]] = {t.pk: [] for t in targets}
            mine: dict[int, Node] = {}
            for n in shares:
                if n.body_id == at.pk:
                    mine[n.target_id] = n  # type: ignore[index]
                else:
                    per_target[n.target_id].append(n)  # type: ignore[index]
            for t in targets:
                root = _root(at, None, t) if whole else mine[t.pk]
                root._body = at
                rows = _roll(t, root, per_target[t.pk], today)
                roots.append(MapCell(t, root))
                for n in rows[1:]:
                    levels.add(n.depth - at.depth)
                    if n.depth == at.depth + level:
                        by_body.setdefault(n.body_id, {})[t.pk] = n
    ordered = sorted(by_body.items(), key=lambda kv: next(iter(kv[1].values())).path)
    if offset >= len(ordered) > 0:  # past the end: the last page
        offset = (len(ordered) - 1) // limit * limit
    page = ordered[offset : offset + limit]
    bodies = Body.objects.in_bulk([pk for pk, _ in page]) if page else {}
    counts = []
    for t in targets:
        c = st.count_standings(cells[t.pk].standing for _, cells in ordered if t.pk in cells)
        counts.append(c)
    return SubtreeMap(
        resolution=resolution,
        at=at,
        targets=targets,
        roots=roots,
        level=level,
        levels=sorted(levels),
        rows=[
            MapRow(bodies[pk], [MapCell(t, cells.get(t.pk)) for t in targets]) for pk, cells in page
        ],
        total=len(ordered),
        offset=offset,
        counts=counts,
    )


__all__ = [
    "MAP_PAGE",
    "MAX_POINTS",
    "MapCell",
    "MapRow",
    "Point",
    "Progress",
    "SubtreeMap",
    "subtree_map",
    "target_progress",
]
