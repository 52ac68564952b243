"""Demo ratings: years of decided rating rounds for every member and body of the demo world,
the current year's round in progress, a few disciplined members and some five-year HTXSNV
streaks (``build_demo`` calls ``demo_ratings``; ``ctct bench ratings`` calls ``write_ratings``
with its own years).

Each root body opens a yearly round for its subtree. A member is rated at their body, counts
in the quota of the nearest grassroots organization above it, which decides; a body (standing
committees and political agencies left out) is rated at itself, counts in its own grassroots
organization (nearest grassroots-kind ancestor-or-self) and is decided by its parent: the
design of ``ctct.ratings`` (``../prompts/ratings_api.md``).

Levels follow a realistic spread (most members HTTNV, about one in eight HTXSNV, a few HTNV
and KHTNV), always within the quota of each grassroots organization (the excess of HTXSNV is
lowered to HTTNV, streak holders last), with scores in the level's band and task figures that
meet its conditions. A disciplined member is rated HTNV or lower that year. Everything comes
from the rules in force (``ctct.ratings.rules``), never from literals about levels.

Rows are written as the demo writes people: ids drawn beforehand, ``executemany``/``COPY``
(``ctct.core.bulk``) and, unless the caller turns it off (the benchmark), "created" history
rows, inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from ctct.core import treepaths
from ctct.core.bulk import allocate_ids, insert_history, insert_rows
from ctct.core.templatetags.change_reasons import DEMO_REASON
from ctct.ratings import rules as rr

# Bodies that get no sheet of their own (the committee's organs, not organizations).
UNRATED_KINDS = ("standing_committee", "political_agency")
# The spread of levels, best first, for members and for bodies (shares of those not on a
# streak); applied to the levels of the rules in order, the last share to any further level.
MEMBER_SPREAD = (0.13, 0.70, 0.15, 0.02)
BODY_SPREAD = (0.15, 0.68, 0.15, 0.02)
# Share of members and of bodies excellent every year (the five-year streaks).
STAR_SHARE = 0.02
BODY_STAR_SHARE = 0.04
# Members disciplined in a year (never streak holders or leaders).
DISCIPLINE_SHARE = 0.004
# Where the current year's sheets stand: the grassroots organizations that have decided
# already, and the steps of the others' sheets, by their cell.
DECIDED_SHARE = 0.1
STEP_SPREAD = (("waiting", 0.25), ("self_rated", 0.4), ("reviewed", 0.35))

SELF_ASSESSMENTS = (
    "Chấp hành nghiêm đường lối, chủ trương của Đảng; hoàn thành các nhiệm vụ được giao.",
    "Giữ gìn phẩm chất đạo đức, lối sống; có ý thức tổ chức kỷ luật, đoàn kết nội bộ.",
    "Thực hiện đúng chức trách, nhiệm vụ; tích cực học tập nâng cao trình độ.",
)
DISCIPLINE_REASONS = (
    "Vi phạm quy định về chế độ sinh hoạt đảng.",
    "Vi phạm kỷ luật, chấp hành không nghiêm chế độ quy định của đơn vị.",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao.",
)
STEPS = ("waiting", "self_rated", "reviewed", "decided")
SHEET_COLUMNS = [
    "id",
    "round_id",
    "subject",
    "person_id",
    "body_id",
    "rated_at_id",
    "decider_id",
    "grassroots_id",
    "year",
    "quarter",
    "step",
    "scores",
    "score",
    "on_time_pct",
    "beyond_pct",
    "late_pct",
    "self_assessment",
    "proposed_level",
    "proposed_at",
    "reviewed_level",
    "review_note",
    "reviewed_at",
    "decided_level",
    "decision_note",
    "decided_at",
]


@dataclass
class Subject:
    """One member or one body to rate: where, who decides, whose quota."""

    kind: str  # "person" or "body"
    pk: int
    rated_at: int
    decider: int
    grassroots: int | None
    since: int  # the first year it can be rated (joined the Party, founded)
    until: int  # the last year (a merged body's last whole year)
    star: bool = False
    leader: bool = False


@dataclass
class World:
    """The subjects under each root, read in three queries."""

    roots: list[int]
    members: dict[int, list[Subject]]  # root id -> its members
    bodies: dict[int, list[Subject]]  # root id -> its bodies


@dataclass
class Written:
    rounds: int = 0
    sheets: int = 0
    disciplines: int = 0
    stars: int = 0
    years: list[int] = field(default_factory=list)
    demo_s: float = 0.0  # the benchmark's time building the tree before the ratings


def read_world(rules: rr.Rules, rng: random.Random) -> World:
    """Every member and ratable body under each root, with their grassroots organization and
    decider resolved from the tree paths, and the streak holders drawn."""
    from ctct.bodies.models import Body
    from ctct.people.models import Person, Position

    rows = list(
        Body.objects.order_by("path").values_list(
            "id", "path", "depth", "kind", "founded_on", "merged_on", "dissolved_on"
        )
    )
    by_path = {r[1]: r for r in rows}
    grassroots_kinds = set(rules.grassroots_kinds)
    # nearest grassroots-kind ancestor-or-self, and the parent, per body (parents come first)
    own_grassroots: dict[int, int | None] = {}
    parent_of: dict[int, int | None] = {}
    root_of: dict[int, int] = {}
    for pk, path, _depth, kind, *_ in rows:
        up = by_path.get(treepaths.parent_path(path))
        parent_of[pk] = up[0] if up else None
        root_of[pk] = root_of[up[0]] if up else pk
        if kind in grassroots_kinds:
            own_grassroots[pk] = pk
        else:
            own_grassroots[pk] = own_grassroots[up[0]] if up else None
    roots = [pk for pk, parent in parent_of.items() if parent is None]
    world = World(roots=roots, members={r: [] for r in roots}, bodies={r: [] for r in roots})
    for pk, _path, _depth, kind, founded, merged, dissolved in rows:
        parent = parent_of[pk]
        if parent is None or kind in UNRATED_KINDS:
            continue
        ended = merged or dissolved
        world.bodies[root_of[pk]].append(
            Subject(
                "body",
                pk,
                rated_at=pk,
                decider=parent,
                grassroots=own_grassroots[pk],
                since=founded.year + 1 if founded else 0,
                until=ended.year - 1 if ended else 9999,
                star=rng.random() < BODY_STAR_SHARE,
            )
        )
    leaders = set(
        Position.objects.filter(ended_on__isnull=True).values_list("person_id", flat=True)
    )
    for pk, body_id, joined in Person.objects.order_by("id").values_list(
        "id", "body_id", "party_joined_on"
    ):
        if body_id is None:
            continue
        parent = parent_of[body_id]
        above = own_grassroots.get(parent) if parent is not None else None
        decider = above or parent or body_id
        world.members[root_of[body_id]].append(
            Subject(
                "person",
                pk,
                rated_at=body_id,
                decider=decider,
                grassroots=above,
                since=joined.year if joined else 0,
                until=9999,
                star=rng.random() < STAR_SHARE,
                leader=pk in leaders,
            )
        )
    return world


def _draw(rng: random.Random, codes: tuple[str, ...], spread: tuple[float, ...]) -> str:
    x = rng.random()
    for code, share in zip(codes, spread, strict=False):
        if x < share:
            return code
        x -= share
    return codes[min(len(spread), len(codes)) - 1]


def _within_quota(rules: rr.Rules, levels: dict[int, str], subjects: list[Subject]) -> None:
    """Lower the excess of the capped level to the next level, per grassroots organization
    (those on a streak last), so that every organization keeps within its quota."""
    capped = rules.quota_level
    lower = rules.codes[rules.rank(capped) + 1]
    groups: dict[int | None, list[Subject]] = defaultdict(list)
    for s in subjects:
        if s.pk in levels:
            groups[s.grassroots].append(s)
    for group in groups.values():
        if not rr.quota(rules, (levels[s.pk] for s in group)).over:
            continue
        # the excellent ones, streak holders at the end: lowered from the front
        top = sorted((s for s in group if levels[s.pk] == capped), key=lambda s: s.star)
        while top and rr.quota(rules, (levels[s.pk] for s in group)).over:
            s = top.pop(0)
            levels[s.pk] = lower
            s.star = False  # the streak is broken: an ordinary member from now on


class _Draws:
    """The random values of the sheets: scores in a level's band, task figures meeting its
    conditions, moments of the steps; with the tables they come from computed once (the
    benchmark draws millions)."""

    def __init__(self, rules: rr.Rules, rng: random.Random, today: dt.date):
        self.rules, self.rng, self.today = rules, rng, today
        self.bands: dict[str, tuple[int, int]] = {}
        for i, lv in enumerate(rules.levels):
            high = rules.levels[i - 1].min_score - Decimal("0.5") if i else rules.max_score
            self.bands[lv.code] = (int(lv.min_score * 2), int(max(lv.min_score, high) * 2))
        self._scores: dict[int, tuple[str, Decimal]] = {}
        self._moments: dict[tuple[int, int, int], dt.datetime] = {}

    def int(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high`` (both included)."""
        return low + int(self.rng.random() * (high - low + 1))

    def scores(self, code: str) -> tuple[str, Decimal]:
        """Scores per criteria group (as JSON) summing to a score in the level's band, in
        halves, each group's share of it in proportion to its maximum."""
        half = self.int(*self.bands[code])
        got = self._scores.get(half)
        if got is None:
            total = Decimal(half) / 2
            out: dict[str, str] = {}
            left = total
            groups = self.rules.criteria
            for i, c in enumerate(groups):
                if i == len(groups) - 1:
                    value = left
                else:
                    share = c.max / self.rules.max_score
                    value = min(c.max, (total * share * 2).quantize(Decimal(1)) / 2)
                out[c.code] = str(value)
                left -= value
            got = self._scores[half] = (json.dumps(out), total)
        return got

    def tasks(self, code: str) -> tuple[Decimal, Decimal, Decimal]:
        """On time, beyond requirement and late (percent) meeting the level's conditions."""
        lv = self.rules.level(code)
        if lv.min_on_time is not None:
            on_time = lv.min_on_time
        else:
            on_time = Decimal(self.int(70, 99))
        floor = int(lv.min_beyond) if lv.min_beyond is not None else 0
        cap = 60 if lv.min_beyond is not None else 25
        beyond = Decimal(self.int(floor, max(floor, cap)))
        late_cap = int(lv.max_late) if lv.max_late is not None else 40
        late = Decimal(0) if on_time >= 100 else Decimal(self.int(0, late_cap))
        return on_time, beyond, late

    def moment(self, year: int, month: int, first: int, last: int) -> dt.datetime:
        """9 a.m. on a day of the month between ``first`` and ``last``, not after today."""
        key = (year, month, self.int(first, last))
        got = self._moments.get(key)
        if got is None:
            on = min(dt.date(*key), self.today)
            got = self._moments[key] = timezone.make_aware(
                dt.datetime(on.year, on.month, on.day, 9)
            )
        return got


def write_ratings(
    *,
    years: list[int],
    current: int | None,
    rng: random.Random,
    today: dt.date,
    history: bool = True,
    decided_share: float = DECIDED_SHARE,
    step_spread=STEP_SPREAD,
    world: World | None = None,
) -> Written:
    """Decided rounds for ``years`` and, when ``current`` is given, that year's round in
    progress (a ``decided_share`` of the grassroots organizations decided, the other sheets
    at the steps of ``step_spread`` by cell), for every root of the tree."""
    from ctct.ratings.models import Discipline, RatingRound, RatingSheet

    rules = rr.current()
    world = world or read_world(rules, rng)
    now = timezone.now()
    written = Written(years=[*years, *([current] if current else [])])
    rounds: dict[tuple[int, int], int] = {}
    for root in world.roots:
        for year in written.years:
            opened = dt.date(year, 11, 1) if year != current else min(dt.date(year, 11, 1), today)
            rnd = RatingRound.objects.create(
                body_id=root,
                year=year,
                opened_on=opened,
                self_due=opened + dt.timedelta(days=20),
                review_due=opened + dt.timedelta(days=30),
                decide_due=opened + dt.timedelta(days=45),
                state=RatingRound.State.OPEN if year == current else RatingRound.State.CLOSED,
            )
            rounds[(root, year)] = rnd.pk
            written.rounds += 1

    codes = rules.codes
    draws = _Draws(rules, rng, today)
    worst_allowed_disciplined = next(
        (lv.code for lv in rules.levels if not lv.barred_by_discipline), codes[-1]
    )
    sheet_rows: list[tuple] = []
    discipline_rows: list[tuple] = []
    forms = [f.code for f in rules.discipline_forms if f.subject in ("person", "both")]
    for root in world.roots:
        members, bodies = world.members[root], world.bodies[root]
        everyone = [*members, *bodies]
        # the grassroots organizations of members that have decided this year already
        grassroots = sorted({s.grassroots for s in members if s.grassroots is not None})
        decided_now = set(
            rng.sample(grassroots, min(len(grassroots), round(len(grassroots) * decided_share)))
        )
        if grassroots and decided_share and not decided_now:
            decided_now.add(rng.choice(grassroots))
        cell_step = {}
        for year in written.years:
            levels: dict[int, str] = {}
            disciplined: set[int] = set()
            for s in members:
                if not s.since <= year <= s.until:
                    continue
                if not s.star and not s.leader and rng.random() < DISCIPLINE_SHARE:
                    disciplined.add(s.pk)
                    levels[s.pk] = codes[-1] if rng.random() < 0.2 else worst_allowed_disciplined
                else:
                    levels[s.pk] = rules.quota_level if s.star else _draw(rng, codes, MEMBER_SPREAD)
            _within_quota(rules, levels, members)
            body_levels: dict[int, str] = {}
            for s in bodies:
                if s.since <= year <= s.until:
                    body_levels[s.pk] = (
                        rules.quota_level if s.star else _draw(rng, codes, BODY_SPREAD)
                    )
            _within_quota(rules, body_levels, bodies)

            discipline_rows.extend((pk, year) for pk in sorted(disciplined))
            for s in everyone:
                level = (levels if s.kind == "person" else body_levels).get(s.pk)
                if level is None:
                    continue
                if year == current:
                    if s.grassroots in decided_now or (
                        s.grassroots is None and s.decider in decided_now
                    ):
                        step = "decided"
                    else:
                        if s.rated_at not in cell_step:
                            cell_step[s.rated_at] = _draw(
                                rng,
                                tuple(c for c, _ in step_spread),
                                tuple(p for _, p in step_spread),
                            )
                        step = cell_step[s.rated_at]
                else:
                    step = "decided"
                sheet_rows.append(_sheet_row(draws, s, rounds[(root, year)], year, step, level))
    # discipline rows: the member's body keeps them, their grassroots organization decides
    subject_of = {s.pk: s for root in world.roots for s in world.members[root]}
    disc = []
    for pk, year in discipline_rows:
        s = subject_of[pk]
        on = dt.date(year, rng.randint(2, 9), rng.randint(1, 28))
        if on > today:
            on = today - dt.timedelta(days=rng.randint(1, 30))
        disc.append(
            (
                "person",
                pk,
                None,
                s.rated_at,
                rng.choice(forms[:2] or forms),
                on,
                s.decider,
                rng.choice(DISCIPLINE_REASONS),
                now,
            )
        )
    if disc:
        ids = allocate_ids(Discipline, len(disc))
        cols = [
            "id",
            "subject",
            "person_id",
            "body_id",
            "at_id",
            "form",
            "decided_on",
            "decided_by_id",
            "reason",
            "created_at",
        ]
        rows = [(pk, *r) for pk, r in zip(ids, disc, strict=True)]
        insert_rows(Discipline, cols, rows)
        if history:
            insert_history(Discipline, cols, rows, now, reason=DEMO_REASON)
        written.disciplines = len(rows)
    if sheet_rows:
        ids = allocate_ids(RatingSheet, len(sheet_rows))
        rows = [(pk, *r) for pk, r in zip(ids, sheet_rows, strict=True)]
        insert_rows(RatingSheet, SHEET_COLUMNS, rows)
        if history:
            insert_history(RatingSheet, SHEET_COLUMNS, rows, now, reason=DEMO_REASON)
        written.sheets = len(rows)
    written.stars = sum(
        1 for r in world.roots for s in world.members[r] + world.bodies[r] if s.star
    )
    return written


def _sheet_row(draws: _Draws, s: Subject, round_id, year, step, level) -> tuple:
    """A sheet's values (SHEET_COLUMNS after the id) at ``step``. The level decided is
    ``level``; now and then the member proposed one better and the reviewer lowered it."""
    rules, rng = draws.rules, draws.rng
    scores, score = draws.scores(level)
    on_time, beyond, late = draws.tasks(level)
    proposed = level
    if level != rules.quota_level and rng.random() < 0.08:
        proposed = rules.codes[rules.rank(level) - 1]
    reached = STEPS.index(step)
    self_rated = reached >= 1
    reviewed = reached >= 2
    decided = reached >= 3
    note = "Đề nghị mức thấp hơn mức tự xếp loại." if reviewed and proposed != level else ""
    return (
        round_id,
        s.kind,
        s.pk if s.kind == "person" else None,
        s.pk if s.kind == "body" else None,
        s.rated_at,
        s.decider,
        s.grassroots,
        year,
        None,
        step,
        scores if self_rated else "{}",
        score if self_rated else None,
        on_time if self_rated else None,
        beyond if self_rated else None,
        late if self_rated and s.kind == "body" else None,
        SELF_ASSESSMENTS[int(rng.random() * len(SELF_ASSESSMENTS))] if self_rated else "",
        proposed if self_rated else "",
        draws.moment(year, 11, 5, 20) if self_rated else None,
        level if reviewed else "",
        note,
        draws.moment(year, 11, 21, 30) if reviewed else None,
        level if decided else "",
        "",
        draws.moment(year, 12, 5, 20) if decided else None,
    )


def demo_ratings(rng: random.Random, *, today: dt.date | None = None, history: bool = True):
    """The demo's ratings: the four years before this one decided, this year's round in
    progress (a few grassroots organizations decided, so their streak holders reach five
    years in a row)."""
    today = today or timezone.localdate()
    year = today.year
    return write_ratings(
        years=list(range(year - 4, year)), current=year, rng=rng, today=today, history=history
    )
