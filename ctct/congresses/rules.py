"""The congress regulation as data: the rhythm of terms, the windows of each level, the
review lead time and the share of votes needed to be elected.

The defaults follow ``../shared/DOMAIN.md`` (Congresses): terms of 5 years, cells twice per
term (a pilot since 1 July 2025 lets some cells hold one congress per term, Quy định
294-QĐ/TW), congresses bottom-up with each level's window, the superior reviewing the papers
at least 45 working days before the opening. A deployment changes any of them with the
``CTCT_CONGRESSES`` setting (a dict whose keys override ``DEFAULTS``): a new directive is a
settings change, not a code change. ``current()`` builds the ``Rules``; the functions below
are plain Python on a ``Rules`` value, so tests build their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

# The levels of a round, bottom-up: the order congresses are held in.
CELL = "cell"  # chi bộ trực thuộc
GRASSROOTS = "grassroots"  # đảng bộ / chi bộ cơ sở (the body the cells belong to)
UPPER = "upper"  # the levels above grassroots, below the round's own body
TOP = "top"  # the body that opened the round
LEVELS: tuple[str, ...] = (CELL, GRASSROOTS, UPPER, TOP)

# The steps of a body's preparation, in order.
PLAN = 1  # plan adopted (kế hoạch chuẩn bị đại hội)
PAPERS = 2  # draft political report and personnel plan sent up
REVIEW = 3  # the superior's review approved
HELD = 4  # the congress held
REPORTED = 5  # results reported up
STEPS: tuple[int, ...] = (PLAN, PAPERS, REVIEW, HELD, REPORTED)
DONE = 6  # the stage of a preparation whose steps are all done

DEFAULTS: dict[str, object] = {
    "term_years": 5,
    # Cells hold congresses twice per term; 1 under Quy định 294-QĐ/TW's pilot.
    "cell_congresses_per_term": 2,
    # The superior reviews the papers at least this many working days before the opening.
    "review_lead_working_days": 45,
    # The papers go up this many working days before the review is due ...
    "papers_before_review_working_days": 10,
    # ... and the plan is adopted this many working days before the papers go up.
    "plan_before_papers_working_days": 20,
    # Results are reported within this many working days after the congress closes.
    "report_after_working_days": 5,
    # The window of each level, as month-day pairs in the year the term begins (the 2025
    # round: grassroots by 30/6, provinces and the military region by October).
    "windows": {
        CELL: ["03-01", "05-15"],
        GRASSROOTS: ["04-01", "06-30"],
        UPPER: ["07-01", "09-15"],
        TOP: ["09-15", "10-31"],
    },
    # To be elected a candidate needs more than this share of the valid votes (percent).
    "election_share": "50",
    # The titles the elected hold from the congress's date (cells, then other bodies).
    "titles": {
        "secretary": "Bí thư",
        "deputy": "Phó Bí thư",
        "committee_cell": "Chi ủy viên",
        "committee": "Đảng ủy viên",
        "inspection": "Ủy viên Ủy ban Kiểm tra",
    },
    # Days off besides weekends: month-days every year, and single dates (Tết, the lunar
    # holidays, the days swapped by the government each year).
    "holidays": ["01-01", "04-30", "05-01", "09-01", "09-02"],
    "holiday_dates": [],
}


@dataclass(frozen=True)
class Rules:
    term_years: int
    cell_congresses_per_term: int
    review_lead_working_days: int
    papers_before_review_working_days: int
    plan_before_papers_working_days: int
    report_after_working_days: int
    windows: Mapping[str, tuple[str, str]]
    election_share: Decimal
    titles: Mapping[str, str]
    holidays: frozenset[tuple[int, int]]  # (month, day)
    holiday_dates: frozenset[dt.date]


def build(overrides: Mapping[str, object] | None = None) -> Rules:
    data = {**DEFAULTS, **(overrides or {})}
    windows = {**DEFAULTS["windows"], **data["windows"]}  # type: ignore[dict-item]
    return Rules(
        term_years=int(data["term_years"]),  # type: ignore[arg-type]
        cell_congresses_per_term=int(data["cell_congresses_per_term"]),  # type: ignore[arg-type]
        review_lead_working_days=int(data["review_lead_working_days"]),  # type: ignore[arg-type]
        papers_before_review_working_days=int(data["papers_before_review_working_days"]),  # type: ignore[arg-type]
        plan_before_papers_working_days=int(data["plan_before_papers_working_days"]),  # type: ignore[arg-type]
        report_after_working_days=int(data["report_after_working_days"]),  # type: ignore[arg-type]
        windows={k: (str(v[0]), str(v[1])) for k, v in windows.items()},
        election_share=Decimal(str(data["election_share"])),
        titles={**DEFAULTS["titles"], **data["titles"]},  # type: ignore[dict-item]
        holidays=frozenset(
            (int(h[:2]), int(h[3:5]))
            for h in map(str, data["holidays"])  # type: ignore[call-overload]
        ),
        holiday_dates=frozenset(
            d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
            for d in data["holiday_dates"]  # type: ignore[attr-defined]
        ),
    )


def current() -> Rules:
    """The rules in force: the defaults with the ``CTCT_CONGRESSES`` setting applied."""
    from django.conf import settings

    return build(getattr(settings, "CTCT_CONGRESSES", None))


# --- working days -----------------------------------------------------------------------------
def is_working_day(rules: Rules, day: dt.date) -> bool:
    return (
        day.weekday() < 5
        and (day.month, day.day) not in rules.holidays
        and day not in rules.holiday_dates
    )


def add_working_days(rules: Rules, day: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days after ``day`` (before it when ``n`` is negative).

    >>> r = build()
    >>> add_working_days(r, dt.date(2025, 6, 6), 1)  # a Friday: the next Monday
    datetime.date(2025, 6, 9)
    >>> add_working_days(r, dt.date(2025, 6, 9), -1)
    datetime.date(2025, 6, 6)
    """
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        day += dt.timedelta(days=step)
        if is_working_day(rules, day):
            left -= 1
    return day


def working_days_between(rules: Rules, start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to ``end`` (negative when ``end`` is
    earlier)."""
    if end < start:
        return -working_days_between(rules, end, start)
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        n += is_working_day(rules, day)
    return n


def review_in_time(rules: Rules, decided_on: dt.date, opening: dt.date) -> bool:
    """Is a review decided on ``decided_on`` at least the lead time before ``opening``?"""
    return working_days_between(rules, decided_on, opening) >= rules.review_lead_working_days


# --- terms and windows ------------------------------------------------------------------------
def term_label(first_year: int, last_year: int) -> str:
    return f"{first_year}-{last_year}"


def parse_label(label: str) -> tuple[int, int]:
    """(first year, last year) of "2025-2030"; ValueError for anything else."""
    first, sep, last = (label or "").strip().replace("–", "-").partition("-")
    if not sep or not first.isdigit() or not last.isdigit() or int(last) <= int(first):
        raise ValueError(label)
    return int(first), int(last)


def body_terms(rules: Rules, level: str, first_year: int) -> list[tuple[int, int]]:
    """The terms a body of ``level`` holds in the term beginning ``first_year``: the whole
    term, or for cells (twice per term) its halves: 2025-2027 and 2027-2030."""
    last = first_year + rules.term_years
    per = rules.cell_congresses_per_term if level == CELL else 1
    if per <= 1:
        return [(first_year, last)]
    bounds = [first_year + (rules.term_years * i) // per for i in range(per)] + [last]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def level_term_label(rules: Rules, level: str, first_year: int) -> str:
    """The label of the first term a body of ``level`` opens in a round: "2025-2027" for a
    cell holding two congresses per term, "2025-2030" otherwise."""
    return term_label(*body_terms(rules, level, first_year)[0])


def window(rules: Rules, level: str, first_year: int) -> tuple[dt.date, dt.date]:
    """The default window of ``level`` in the round of the term beginning ``first_year``."""
    start, end = rules.windows[level]
    return (
        dt.date.fromisoformat(f"{first_year}-{start}"),
        dt.date.fromisoformat(f"{first_year}-{end}"),
    )


def windows(rules: Rules, first_year: int) -> dict[str, tuple[dt.date, dt.date]]:
    return {level: window(rules, level, first_year) for level in LEVELS}


def step_deadlines(rules: Rules, opening: dt.date) -> dict[int, dt.date]:
    """The deadline of each step of a body's preparation, counted back from its planned
    opening (the review at least the lead time before it) and forward for the report."""
    review = add_working_days(rules, opening, -rules.review_lead_working_days)
    papers = add_working_days(rules, review, -rules.papers_before_review_working_days)
    plan = add_working_days(rules, papers, -rules.plan_before_papers_working_days)
    report = add_working_days(rules, opening, rules.report_after_working_days)
    return {PLAN: plan, PAPERS: papers, REVIEW: review, HELD: opening, REPORTED: report}


def planned_dates(start: dt.date, end: dt.date, n: int, *, pilots: int = 0) -> Iterable[dt.date]:
    """``n`` opening dates spread over a window, the first ``pilots`` on its first day (đại
    hội điểm: held first, to learn from)."""
    span = max((end - start).days, 0)
    for i in range(n):
        if i < pilots:
            yield start
        else:
            yield start + dt.timedelta(days=min(span, 1 + (span * (i - pilots)) // max(n, 1)))


def elected(rules: Rules, share: Decimal) -> bool:
    """Does ``share`` (percent of the valid votes) elect? More than the needed share."""
    return share > rules.election_share
