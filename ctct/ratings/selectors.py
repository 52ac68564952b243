"""Reads of ratings: a round's progress, the sheets of a body and of a decider, the quota of a
grassroots organization, the facts the conditions are checked against, histories and streaks,
discipline records.

Every selector runs a fixed number of queries whatever the number of sheets; those a page
calls are given the user's ``Scope``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from ctct.core.treepaths import ancestor_paths
from ctct.ratings import rules as rl
from ctct.ratings.models import Discipline, RatingRound, RatingSheet, Subject
from ctct.ratings.periods import span


# --- facts ----------------------------------------------------------------------------------
def _spans_q(periods: Iterable[tuple[int, int | None]], prefix: str = "") -> Q:
    q = Q(pk__in=[])
    for year, quarter in set(periods):
        start, end = span(year, quarter)
        q |= Q(**{f"{prefix}decided_on__gte": start, f"{prefix}decided_on__lte": end})
    return q


def _in(day: dt.date, year: int, quarter: int | None) -> bool:
    start, end = span(year, quarter)
    return start <= day <= end


def _overlaps(start: dt.date, end: dt.date | None, year: int, quarter: int | None) -> bool:
    first, last = span(year, quarter)
    return start <= last and (end is None or end >= first)


def facts_for(sheets: Iterable[RatingSheet]) -> dict[int, rl.Facts]:
    """The facts of each sheet (by id) the conditions of a level are checked against: the
    score and the task figures entered on it, discipline in its period, and for a body a
    disciplined subordinate body or leader and the task figures ctct holds (when none were
    entered). At most six queries, whatever the number of sheets."""
    sheets = list(sheets)
    people = [s for s in sheets if s.subject == Subject.PERSON]
    bodies = [s for s in sheets if s.subject == Subject.BODY]
    live = Q(withdrawn_on__isnull=True)

    disciplined_people: dict[int, list[dt.date]] = defaultdict(list)
    if people:
        rows = Discipline.objects.filter(
            live,
            _spans_q((s.year, s.quarter) for s in people),
            subject=Subject.PERSON,
            person_id__in={s.person_id for s in people},
        ).values_list("person_id", "decided_on")
        for person_id, day in rows:
            disciplined_people[person_id].append(day)

    body_days: dict[int, list[dt.date]] = defaultdict(list)  # a body's own discipline
    below: dict[int, list[dt.date]] = defaultdict(list)  # a body below or a leader's
    figures: dict[int, dict[str, Decimal | None]] = {}
    if bodies:
        from ctct.bodies.models import Body

        periods = {(s.year, s.quarter) for s in bodies}
        ids = {s.body_id for s in bodies}
        paths = dict(Body.objects.filter(pk__in=ids).values_list("pk", "path"))
        by_path = {p: pk for pk, p in paths.items()}
        rows = Discipline.objects.filter(live, _spans_q(periods), subject=Subject.BODY).values_list(
            "body_id", "body__path", "decided_on"
        )
        for body_id, path, day in rows:
            if body_id in ids:
                body_days[body_id].append(day)
            # every ancestor among the rated bodies has a disciplined subordinate
            for anc_path in ancestor_paths(path):
                anc = by_path.get(anc_path)
                if anc is not None:
                    below[anc].append(day)
        leaders = Discipline.objects.filter(
            live,
            _spans_q(periods),
            subject=Subject.PERSON,
            person__positions__body_id__in=ids,
        ).values_list(
            "decided_on",
            "person__positions__body_id",
            "person__positions__started_on",
            "person__positions__ended_on",
        )
        sheet_periods = defaultdict(set)
        for s in bodies:
            sheet_periods[s.body_id].add((s.year, s.quarter))
        for day, body_id, started, ended in leaders:
            for year, quarter in sheet_periods[body_id]:
                if _in(day, year, quarter) and _overlaps(started, ended, year, quarter):
                    below[body_id].append(day)
        figures = task_figures(bodies)

    out: dict[int, rl.Facts] = {}
    for s in sheets:
        if s.subject == Subject.PERSON:
            days = disciplined_people.get(s.person_id, [])
            out[s.pk] = rl.Facts(
                score=s.score,
                on_time=s.on_time_pct,
                beyond=s.beyond_pct,
                late=s.late_pct,
                disciplined=any(_in(d, s.year, s.quarter) for d in days),
            )
        else:
            held = figures.get(s.pk, {})
            out[s.pk] = rl.Facts(
                score=s.score,
                on_time=s.on_time_pct if s.on_time_pct is not None else held.get("on_time"),
                beyond=s.beyond_pct if s.beyond_pct is not None else held.get("beyond"),
                late=s.late_pct if s.late_pct is not None else held.get("late"),
                disciplined=any(_in(d, s.year, s.quarter) for d in body_days.get(s.body_id, [])),
                subordinate_disciplined=any(
                    _in(d, s.year, s.quarter) for d in below.get(s.body_id, [])
                ),
                is_body=True,
            )
    return out


STEP_STAMPS = {1: "received", 2: "disseminated", 3: "concretized", 4: "reported"}


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


def task_figures(
    sheets: list[RatingSheet], *, today: dt.date | None = None
) -> dict[int, dict[str, Decimal | None]]:
    """For body sheets (by id): the shares (percent) of tasks done on time, beyond
    requirement and late in the sheet's period, from what ctct holds. Three queries.

    The tasks are the steps of the directives addressed to the body whose deadline falls in
    the period (on time: the step taken by its deadline; late: taken after it, or not taken
    once it has passed) and the targets handed to the body whose period ends in the rating
    period (met: on time, and beyond requirement when an at-least target was exceeded;
    missed: late). ``beyond`` is a share of the targets only (None without targets). A sheet
    whose body has no such task gets no figures."""
    from ctct.conferences.periods import as_period
    from ctct.documents.models import Recipient
    from ctct.documents.models import Step as DocStep
    from ctct.resolutions import standing as st
    from ctct.resolutions.models import ProgressEntry, TargetAssignment

    today = today or timezone.localdate()
    by_body: dict[int, list[RatingSheet]] = defaultdict(list)
    for s in sheets:
        if s.subject == Subject.BODY:
            by_body[s.body_id].append(s)
    if not by_body:
        return {}
    periods = {(s.year, s.quarter) for ss in by_body.values() for s in ss}
    first = min(span(y, q)[0] for y, q in periods)
    last = max(span(y, q)[1] for y, q in periods)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # on time, late, all,
    # targets, beyond

    deadline_q = Q(pk__in=[])
    for name in STEP_STAMPS.values():
        deadline_q |= Q(**{f"distribution__{name}_by__range": (first, last)})
    fields = [f"distribution__{n}_by" for n in STEP_STAMPS.values()]
    stamps = [f"{n}_at" for n in STEP_STAMPS.values()]
    rows = (
        Recipient.objects.filter(deadline_q, body_id__in=by_body)
        .exclude(step=DocStep.NOT_APPLICABLE)
        .values_list("body_id", *fields, *stamps)
    )
    n = len(STEP_STAMPS)
    for body_id, *values in rows:
        for deadline, done in zip(values[:n], values[n:], strict=True):
            if deadline is None:
                continue
            done_on = timezone.localdate(done) if done is not None else None
            for s in by_body[body_id]:
                start, end = span(s.year, s.quarter)
                if not start <= deadline <= end:
                    continue
                c = counts[s.pk]
                if done_on is not None and done_on <= deadline:
                    c[0] += 1
                elif done_on is not None or deadline < today:
                    c[1] += 1
                else:
                    continue  # not due yet: not a task of the figures
                c[2] += 1

    shares = list(
        TargetAssignment.objects.filter(body_id__in=by_body).values_list(
            "pk",
            "body_id",
            "target_value",
            "target__comparison",
            "target__measure",
            "target__period",
            "target__baseline_value",
        )
    )
    ends = {}
    for pk, _b, _t, _c, _m, period, _base in shares:
        p = as_period(period)
        if p is not None:
            ends[pk] = p.span()
    latest: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    if ends:
        for assignment_id, on, value in (
            ProgressEntry.objects.filter(assignment_id__in=list(ends), on__lte=last)
            .order_by("on", "pk")
            .values_list("assignment_id", "on", "value")
        ):
            latest[assignment_id].append((on, value))
    for pk, body_id, target, comparison, measure, _period, baseline in shares:
        if pk not in ends:
            continue
        t_start, t_end = ends[pk]
        for s in by_body[body_id]:
            start, end = span(s.year, s.quarter)
            if not start <= t_end <= end or t_end >= today:
                continue  # another period's, or not over yet
            values = [v for on, v in latest.get(pk, []) if on <= t_end]
            value = values[-1] if values else None
            standing = st.standing(
                measure=measure,
                comparison=comparison,
                target=target,
                value=value,
                start=t_start,
                end=t_end,
                today=today,
                baseline=baseline,
            )
            c = counts[s.pk]
            c[2] += 1
            c[3] += 1
            if standing == st.MET:
                c[0] += 1
                if comparison == st.AT_LEAST and value is not None and value > target:
                    c[4] += 1
            else:
                c[1] += 1

    out: dict[int, dict[str, Decimal | None]] = {}
    for pk, (on_time, late, whole, targets, beyond) in counts.items():
        if not whole:
            continue
        out[pk] = {
            "on_time": _share(on_time, whole),
            "late": _share(late, whole),
            "beyond": _share(beyond, targets) if targets else None,
        }
    return out


# --- the quota ------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuotaLine:
    """One member's sheet as the quota sees it."""

    sheet_id: int
    person_id: int
    name: str
    level: str  # the level that counts: pending, decided, else the latest proposal
    score: Decimal | None
    decided: bool  # already decided (holds its place)
    pending: bool  # being decided now


@dataclass(frozen=True)
class QuotaView:
    """The quota of one grassroots organization with the pending levels applied.

    ``quota`` is the one enforced: the sheets decided or being decided (``pending``), its
    base those at a base level, ``used`` those at the capped level. ``expected`` counts the
    undecided proposals too (what the cap will be if the proposals stand). ``over`` lists who
    is past the cap: decided sheets hold their places, then the pending ones by score."""

    grassroots_id: int
    year: int
    quarter: int | None
    quota: rl.Quota
    expected: rl.Quota
    capped: list[QuotaLine] = field(default_factory=list)
    over: list[QuotaLine] = field(default_factory=list)
    lines: list[QuotaLine] = field(default_factory=list)

    @property
    def is_over(self) -> bool:
        return bool(self.over)


def quota_for(
    *,
    grassroots,
    year: int,
    quarter: int | None = None,
    pending: Mapping[int, str] | None = None,
    rules: rl.Rules | None = None,
) -> QuotaView:
    """The quota of ``grassroots`` (a body or its id) for a period, with ``pending`` (sheet id
    → level, the levels being decided) applied. One query."""
    rules = rules or rl.current()
    pending = pending or {}
    gid = getattr(grassroots, "pk", grassroots)
    rows = (
        RatingSheet.objects.filter(
            grassroots_id=gid, year=year, quarter=quarter, subject=Subject.PERSON
        )
        .order_by()  # the order of the lines does not matter; sorting costs more than reading
        .values_list(
            "pk",
            "person_id",
            "person__rank",
            "person__full_name",
            "step",
            "decided_level",
            "reviewed_level",
            "proposed_level",
            "score",
        )
    )
    lines: list[QuotaLine] = []
    for pk, person_id, rank, name, step, decided, reviewed, proposed, score in rows:
        is_decided = step == RatingSheet.Step.DECIDED
        is_pending = pk in pending and not is_decided
        if is_pending:
            level = pending[pk]
        else:
            level = decided if is_decided else (reviewed or proposed)
        lines.append(
            QuotaLine(
                sheet_id=pk,
                person_id=person_id,
                name=f"{rank} {name}".strip(),
                level=level or "",
                score=score,
                decided=is_decided,
                pending=is_pending,
            )
        )
    q = rl.quota(rules, (ln.level for ln in lines if ln.decided or ln.pending))
    capped = sorted(
        (ln for ln in lines if ln.level == rules.quota_level and (ln.decided or ln.pending)),
        key=lambda ln: (not ln.decided, -(ln.score or 0), ln.sheet_id),
    )
    return QuotaView(
        grassroots_id=gid,
        year=year,
        quarter=quarter,
        quota=q,
        expected=rl.quota(rules, (ln.level for ln in lines)),
        capped=capped,
        over=capped[q.allowed :],
        lines=lines,
    )


# --- rounds and sheets ----------------------------------------------------------------------
@dataclass
class ProgressRow:
    """The sheets of one body (where they are kept) in a round, counted by step."""

    body_id: int
    name: str
    path: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def decided(self) -> int:
        return self.counts.get(RatingSheet.Step.DECIDED, 0)

    @property
    def done(self) -> bool:
        return self.decided == self.total


def round_progress(scope, round) -> list[ProgressRow]:  # noqa: A002
    """Per body of the round the scope reaches (where sheets are kept): how many sheets are at
    each step, in tree order. One query."""
    qs = scope.filter(RatingSheet.objects.filter(round=round), "rated_at")
    rows: dict[int, ProgressRow] = {}
    for body_id, name, path, step, n in (
        qs.values_list("rated_at_id", "rated_at__name", "rated_at__path", "step")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row = rows.get(body_id)
        if row is None:
            row = rows[body_id] = ProgressRow(
                body_id, name, path, {step: 0 for step in RatingSheet.Step.values}
            )
        row.counts[step] = n
    return sorted(rows.values(), key=lambda r: r.path)


def round_totals(rows: Iterable[ProgressRow]) -> dict[str, int]:
    """The counts of ``round_progress`` rows added up, by step."""
    out = {step: 0 for step in RatingSheet.Step.values}
    for row in rows:
        for step, n in row.counts.items():
            out[step] += n
    return out


def _sheets():
    return RatingSheet.objects.select_related("person", "body", "rated_at", "round").order_by(
        "rated_at__path", "subject", "person__search_key", "body__path", "pk"
    )


def sheets_at(scope, round, body) -> list[RatingSheet]:  # noqa: A002
    """The sheets kept at ``body`` in the round (its members', and its own), when the scope
    reaches the body. One query."""
    if not scope.allows("view", body):
        return []
    return list(_sheets().filter(round=round, rated_at=body))


def sheets_to_decide(scope, round, decider, action: str = "view") -> list[RatingSheet]:  # noqa: A002
    """The sheets ``decider`` decides in the round, when the scope reaches it for ``action``
    (the page asks "decide_ratings" to show the form). One query."""
    if not scope.allows(action, decider):
        return []
    return list(_sheets().filter(round=round, decider=decider))


def rounds_visible(scope, *, body=None):
    """The rounds opened by bodies the scope reaches, newest first; ``body``: only its own."""
    qs = scope.filter(RatingRound.objects.select_related("body", "document"), "body")
    if body is not None:
        qs = qs.filter(body=body)
    return qs.order_by("-year", "-quarter", "body__path", "pk")


def deciders_in(scope, round) -> list[tuple[int, str, int, int]]:  # noqa: A002
    """The deciding bodies of a round the scope reaches: (id, name, sheets, decided), in tree
    order. One query."""
    qs = scope.filter(RatingSheet.objects.filter(round=round), "decider")
    out = (
        qs.values_list("decider_id", "decider__name", "decider__path")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(step=RatingSheet.Step.DECIDED)))
        .order_by("decider__path")
    )
    return [(pk, name, n, done) for pk, name, _path, n, done in out]


# --- history and streaks --------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryRow:
    year: int
    quarter: int | None
    level: str  # the decided level; the latest proposal while undecided
    decided: bool
    body_id: int  # where the sheet was kept (the member's cell that year, or the body)
    body_name: str
    sheet_id: int


@dataclass(frozen=True)
class History:
    """A person's or a body's ratings across years (newest first) and the current streak: how
    many years in a row, ending with the latest decided year, at ``streak_level`` (the best
    level) — a gap, a missing year or a lower level breaks it."""

    rows: list[HistoryRow]
    levels_by_year: dict[int, str]
    streak: int
    streak_level: str
    streak_until: int | None

    def streak_at(self, year: int, floor: str, rules: rl.Rules | None = None) -> int:
        return rl.streak(rules or rl.current(), self.levels_by_year, year, floor)


def _history(rows: list[HistoryRow], rules: rl.Rules) -> History:
    by_year: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        if r.decided and r.quarter is None:
            by_year[r.year].append(r.level)
    # several sheets of a year (predecessors merged into one): the lowest level counts
    levels = {y: max(codes, key=rules.rank) for y, codes in by_year.items() if codes}
    best = rules.levels[0].code
    until = max(levels) if levels else None
    run = rl.streak(rules, levels, until, best) if until is not None else 0
    rows = sorted(rows, key=lambda r: (-r.year, -(r.quarter or 5), r.sheet_id))
    return History(rows, levels, run, best, until)


def person_history(person, *, rules: rl.Rules | None = None) -> History:
    """The ratings of ``person`` across years, wherever they were members. One query."""
    rules = rules or rl.current()
    rows = [
        HistoryRow(y, q, d or rv or p, step == RatingSheet.Step.DECIDED, b, name, pk)
        for pk, y, q, step, d, rv, p, b, name in RatingSheet.objects.filter(
            person=person
        ).values_list(
            "pk",
            "year",
            "quarter",
            "step",
            "decided_level",
            "reviewed_level",
            "proposed_level",
            "rated_at_id",
            "rated_at__name",
        )
    ]
    return _history(rows, rules)


def predecessors(body) -> list[int]:
    """The ids of the bodies merged into ``body``, directly or through merged bodies. One
    query (the merged bodies are few)."""
    from ctct.bodies.models import Body

    into: dict[int, list[int]] = defaultdict(list)
    for pk, successor in Body.objects.filter(successor__isnull=False).values_list(
        "pk", "successor_id"
    ):
        into[successor].append(pk)
    out: list[int] = []
    todo = [getattr(body, "pk", body)]
    seen = set(todo)
    while todo:
        for pk in into.get(todo.pop(), []):
            if pk not in seen:
                seen.add(pk)
                out.append(pk)
                todo.append(pk)
    return out


def body_history(body, *, rules: rl.Rules | None = None) -> History:
    """The ratings of ``body`` across years, its predecessors' included (the bodies merged
    into it, through ``Body.successor``): a year rated only under a predecessor counts for the
    merged body; when several were rated that year, the lowest level counts. Two queries."""
    rules = rules or rl.current()
    ids = [body.pk, *predecessors(body)]
    rows = [
        HistoryRow(y, q, d or rv or p, step == RatingSheet.Step.DECIDED, b, name, pk)
        for pk, y, q, step, d, rv, p, b, name in RatingSheet.objects.filter(
            body_id__in=ids
        ).values_list(
            "pk",
            "year",
            "quarter",
            "step",
            "decided_level",
            "reviewed_level",
            "proposed_level",
            "body_id",
            "body__name",
        )
    ]
    own = {r.year for r in rows if r.body_id == body.pk and r.decided and r.quarter is None}
    # the body's own rating of a year stands; predecessors fill the years before the merger
    rows = [r for r in rows if r.body_id == body.pk or r.quarter is not None or r.year not in own]
    return _history(rows, rules)


# --- discipline -----------------------------------------------------------------------------
def disciplines_visible(
    scope,
    *,
    person=None,
    body=None,
    year: int | None = None,
    below=None,
    include_withdrawn: bool = True,
):
    """The discipline records the scope may see ("see_discipline" on the body where each is
    kept), newest first; filtered by ``person``, ``body`` (the disciplined organization),
    ``year`` (decided in it) and ``below`` (kept in that body's subtree)."""
    qs = scope.filter(
        Discipline.objects.select_related("person", "body", "at", "decided_by", "document"),
        "at",
        action="see_discipline",
    )
    if person is not None:
        qs = qs.filter(person=person)
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(decided_on__year=year)
    if below is not None:
        from ctct.core.treepaths import subtree_q

        qs = qs.filter(subtree_q(below.path, "at__"))
    if not include_withdrawn:
        qs = qs.filter(withdrawn_on__isnull=True)
    return qs.order_by("-decided_on", "-pk")
