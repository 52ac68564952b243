"""The demo's congress round: a round a few months in.

``demo_congresses(region, rng)`` opens the round of a branch of the region (the region itself
when its tree is small) from a directive of the region, with windows placed around today: the
cells' window is past, the grassroots' window runs now, the levels above come later. Then it
walks every preparation through the congress services as the bodies would have: the pilots
held first, most cells held and reported, some bodies late (a step whose deadline passed not
done), and one superior's review returned with comments. The cell of ``waiting`` (the demo
secretary's) has adopted its plan and still owes its papers, so that its secretary can send
them and the officer above review them. Deterministic for a given ``rng`` and day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ctct.bodies.models import Body, BodyKind
from ctct.congresses import rules as r
from ctct.congresses import services
from ctct.congresses.models import CongressKind, Preparation
from ctct.core.treepaths import parent_path, subtree_q
from ctct.people.models import Person

# The round is opened over a branch of at most this many bodies (recording a congress runs
# the services: a few dozen queries each).
MAX_BODIES = 400
# Share of the non-pilot cells and grassroots bodies that fall behind.
LATE_SHARE = 0.12
RETURNED_COMMENTS = (
    "Báo cáo chính trị chưa đánh giá đủ kết quả thực hiện các chỉ tiêu nhiệm kỳ; phương án "
    "nhân sự cấp ủy chưa bảo đảm cơ cấu, đề nghị bổ sung và trình lại."
)


@dataclass
class DemoRound:
    round: object
    bodies: int
    held: int
    late: int
    returned: object


def _root(region: Body) -> Body:
    if Body.objects.filter(subtree_q(region.path)).count() <= MAX_BODIES:
        return region
    best, best_n = region, 0
    for child in Body.objects.filter(subtree_q(region.path), depth=region.depth + 1).exclude(
        kind=BodyKind.CELL
    ):
        n = Body.objects.filter(subtree_q(child.path)).count()
        if best_n < n <= MAX_BODIES:
            best, best_n = child, n
    return best


def _windows(today: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    d = dt.timedelta
    return {
        r.CELL: (today - d(days=120), today - d(days=40)),
        r.GRASSROOTS: (today - d(days=60), today + d(days=40)),
        r.UPPER: (today + d(days=50), today + d(days=90)),
        r.TOP: (today + d(days=100), today + d(days=120)),
    }


@transaction.atomic
def demo_congresses(
    region: Body,
    rng: random.Random,
    *,
    today: dt.date | None = None,
    waiting: Body | None = None,
):
    from ctct.documents import services as documents

    today = today or timezone.localdate()
    root = _root(region)
    opened_on = today - dt.timedelta(days=240)
    first_year = today.year
    directive = documents.document_issue(
        issuer=region,
        type_code="KH",
        issued_on=opened_on - dt.timedelta(days=10),
        title=f"Lãnh đạo đại hội đảng bộ các cấp tiến tới Đại hội nhiệm kỳ {first_year}-"
        f"{first_year + 5}",
    )
    levels = services.levels_of(
        root,
        list(
            documents.recipients_for(root=root, include_root=True).values_list("pk", "path", "kind")
        ),
    )
    pilots = []
    for level in (r.CELL, r.GRASSROOTS):
        first = sorted(
            (
                b
                for b in Body.objects.filter(
                    pk__in=[pk for pk, lv in levels.items() if lv == level]
                )
            ),
            key=lambda b: b.path,
        )[:1]
        pilots += first
    rnd, n = services.round_open(
        body=root,
        directive=directive,
        term_label=f"{first_year}-{first_year + 5}",
        opened_on=opened_on,
        windows=_windows(today),
        pilots=pilots,
    )
    members = _members(rnd)
    held = late = 0
    preps = list(
        Preparation.objects.filter(round=rnd)
        .select_related("body", "round")
        .order_by("planned_on", "body__path")
    )
    # One grassroots body still before its congress sends its papers, and the superior
    # returns them (whatever the day the demo is built: the windows follow today).
    ahead = [p for p in preps if p.level == r.GRASSROOTS and not p.pilot and p.planned_on > today]
    returning = max(ahead, key=lambda p: (p.planned_on, p.body.path)) if ahead else None
    for prep in preps:
        is_late = (
            not prep.pilot and prep.level in (r.CELL, r.GRASSROOTS) and rng.random() < LATE_SHARE
        )
        owes_papers = waiting is not None and prep.body_id == waiting.pk and not prep.pilot
        done = _walk(
            prep,
            today,
            rng,
            is_late,
            members.get(prep.body_id, []),
            stop=r.PAPERS if owes_papers else (r.REVIEW if prep is returning else None),
        )
        held += done
        late += is_late
    returned = _return_one(rnd, today)
    return DemoRound(rnd, n, held, late, returned)


def _members(rnd) -> dict[int, list[Person]]:
    """Up to 12 candidates per body: its own members, or for a committee whose members sit
    in the cells below, the members of its subtree."""
    preps = list(Preparation.objects.filter(round=rnd).select_related("body"))
    ids = [p.body_id for p in preps]
    out: dict[int, list[Person]] = {}
    for person in Person.objects.filter(body_id__in=ids).order_by("body_id", "id"):
        if len(out.setdefault(person.body_id, [])) < 12:
            out[person.body_id].append(person)
    for prep in preps:
        if len(out.get(prep.body_id, [])) < 3:
            out[prep.body_id] = list(
                Person.objects.filter(subtree_q(prep.body.path, "body__")).order_by(
                    "body__path", "id"
                )[:12]
            )
    return out


def _steps(prep) -> dict[int, dt.date]:
    return dict(prep.steps.values_list("kind", "deadline"))


def _walk(prep, today, rng, is_late: bool, people: list[Person], stop: int | None = None) -> bool:
    """Do the steps whose deadlines have passed (a late body stops at one of them, ``stop``
    when given). True when the congress was recorded."""
    deadlines = _steps(prep)
    choice = rng.choice([r.PLAN, r.PAPERS]) if is_late else None  # drawn alike either way
    stop = stop or choice
    for kind in r.STEPS:
        due = deadlines[kind]
        if kind == stop:
            return False
        if kind == r.HELD:
            if prep.planned_on > today - dt.timedelta(days=2) or len(people) < 3:
                return False
            _record(prep, rng, people)
            continue
        if kind == r.REPORTED:
            if due > today:
                return True
            on = due - dt.timedelta(days=rng.randint(0, 2))
            services.step_done(preparation=prep, kind=kind, done_on=on)
            return True
        if kind == r.REVIEW:
            if due > today:
                return False
            on = due - dt.timedelta(days=rng.randint(1, 5))
            services.review_decide(preparation=prep, approved=True, decided_on=on)
            continue
        # The plan and the papers: done before their deadline, once it is near.
        if due > today + dt.timedelta(days=7):
            return False
        on = min(due - dt.timedelta(days=rng.randint(0, 4)), today)
        services.step_done(preparation=prep, kind=kind, done_on=on)
    return False


def _record(prep, rng, people: list[Person]) -> None:
    cell = prep.body.kind == BodyKind.CELL
    size = 3 if cell or len(people) < 7 else min(7, len(people) - 3)
    committee = people[:size]
    inspection = [] if cell else people[size : size + 3]
    delegates = people[:1] + people[size : size + 2] if not cell else people[:2]
    summoned = max(len(people), 9) + rng.randint(0, 30)
    up = Body.objects.filter(path=parent_path(prep.body.path) or "")
    services.congress_record(
        body=prep.body,
        term_label=prep.term_label,
        kind=CongressKind.ALL_MEMBERS if cell else CongressKind.DELEGATES,
        opened_on=prep.planned_on,
        closed_on=prep.planned_on + dt.timedelta(days=0 if cell else 1),
        delegates_summoned=summoned,
        delegates_present=summoned - rng.randint(0, 2),
        committee=[(p, f"{rng.randint(72, 100)}") for p in committee],
        secretary=committee[0],
        deputies=committee[1:2],
        inspection=[(p, f"{rng.randint(70, 98)}") for p in inspection],
        delegates=[(p, f"{rng.randint(65, 95)}") for p in dict.fromkeys(delegates)],
        directed_by=up.first() or prep.round.body,
    )


def _return_one(rnd, today):
    """The superior returns one body's papers with comments (that body prepares them
    again)."""
    for prep in Preparation.objects.filter(round=rnd, stage=r.REVIEW).order_by("planned_on", "id"):
        due = _steps(prep)[r.REVIEW]
        on = min(due, today) - dt.timedelta(days=1)
        if on < rnd.opened_on:
            continue
        return services.review_decide(
            preparation=prep, approved=False, decided_on=on, comments=RETURNED_COMMENTS
        )
    return None
