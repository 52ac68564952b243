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

from django.db.models import Q

from ctct.ratings import rules as rl
from ctct.ratings.models import Discipline, RatingSheet, Subject
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
            for n in range(len(path) - 4, 0, -4):
                anc = by_path.get(path[:n])
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


def task_figures(sheets: list[RatingSheet]) -> dict[int, dict[str, Decimal | None]]:
    """For body sheets: the shares (percent) of tasks on time, beyond requirement and late in
    the sheet's period, from what ctct holds. Empty where it holds nothing."""
    return {}


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
    rows = RatingSheet.objects.filter(
        grassroots_id=gid, year=year, quarter=quarter, subject=Subject.PERSON
    ).values_list(
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
