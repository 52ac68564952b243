"""Reads about conferences, always through a scope, with fixed query counts."""

from __future__ import annotations

import calendar as cal
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

from ctct.bodies.models import Body
from ctct.conferences import announced
from ctct.conferences.models import Conference, Kind
from ctct.conferences.news import NewsAward, NewsInput, NewsPerson
from ctct.core.scopes import Scope
from ctct.core.treepaths import subtree_q

# When a body owes a review, as data (DOMAIN.md: keep rules in settings). ``opens`` and ``due``
# are (month, day) in the period's year, or in the next year when ``next_year`` is set.
DEFAULT_DUES = [
    {"kind": "so_ket", "period": "{year}-H1", "opens": (6, 1), "due": (7, 31), "next_year": False},
    {"kind": "tong_ket", "period": "{year}", "opens": (12, 1), "due": (1, 31), "next_year": True},
]
# A review not held is listed (as overdue) for this long after its due date.
OWED_GRACE_DAYS = 60
DAY_LIMIT = 4  # conferences listed in one calendar cell; the rest are counted


def conference_dues() -> list[dict]:
    return getattr(settings, "CTCT_CONFERENCE_DUES", DEFAULT_DUES)


def conferences_in_scope(scope: Scope, action: str = "view"):
    if scope.is_superuser:
        return Conference.objects.all()
    q = None
    for p in scope.paths(action):
        q = subtree_q(p, "body_") if q is None else q | subtree_q(p, "body_")
    return Conference.objects.filter(q) if q is not None else Conference.objects.none()


# --- calendar -----------------------------------------------------------------------------
@dataclass
class Day:
    date: dt.date | None
    items: list[dict] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def calendar_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last month the calendar shows: no conference can be recorded before
    the Party was founded (3/2/1930) or more than ``PLAN_YEARS_AHEAD`` years ahead."""
    from ctct.core.dates import PARTY_FOUNDED
    from ctct.core.dates import PLAN_YEARS_AHEAD as MAX_YEARS_AHEAD

    return PARTY_FOUNDED.replace(day=1), dt.date(today.year + MAX_YEARS_AHEAD, 12, 1)


def month_end(first: dt.date) -> dt.date:
    return first.replace(day=cal.monthrange(first.year, first.month)[1])


@dataclass
class Month:
    first: dt.date
    weeks: list[list[Day]]
    total: int
    bounds: tuple[dt.date, dt.date] | None = None  # the first and last month one may open

    @property
    def prev(self) -> str | None:
        if self.bounds and self.first <= self.bounds[0]:
            return None
        d = self.first - dt.timedelta(days=1)
        return f"{d:%Y-%m}"

    @property
    def next(self) -> str | None:
        if self.bounds and self.first >= self.bounds[1]:
            return None
        d = self.first + dt.timedelta(days=32)
        return f"{d:%Y-%m}"


# Words that name the kind of Party body rather than the unit: a label left with only these
# ("Đảng ủy", "Ban Thường vụ Đảng ủy") says too little and keeps the full name.
BODY_KIND_WORDS = {"ban", "bộ", "chi", "cơ", "quan", "sở", "thường", "vụ", "ủy", "uỷ", "đảng"}
LABEL_MAX = 40


def calendar_label(name: str, known_units: Sequence[str] = ()) -> str:
    """A body's name as a calendar cell shows it: without the unit the reader is already in
    ("Đảng ủy Cục Chính trị Quân khu 8" in the calendar of Quân khu 8 is "Đảng ủy Cục Chính
    trị"), and cut at a word past ``LABEL_MAX`` characters. Never the abbreviated short name
    ("ĐU CCT QK8"), which few can read."""
    label = " ".join(name.split())
    for unit in sorted((u for u in known_units if u), key=len, reverse=True):
        if label.endswith(" " + unit):
            rest = label[: -len(unit) - 1].rstrip(" ,-–")
            if set(rest.casefold().split()) - BODY_KIND_WORDS:
                label = rest
                break
    if len(label) > LABEL_MAX:
        label = label[:LABEL_MAX].rsplit(" ", 1)[0] + "…"
    return label


def month_calendar(
    scope: Scope,
    first: dt.date,
    *,
    root: Body | None = None,
    known_units: Sequence[str] = (),
    bounds: tuple[dt.date, dt.date] | None = None,
) -> Month:
    """The conferences of one month in the user's reach (below ``root`` if given), as a grid
    of weeks from Monday, each labelled by ``calendar_label`` (``known_units``: the units the
    reader is in). One query: a range scan on (held_on, body_path)."""
    last = month_end(first)
    qs = conferences_in_scope(scope).filter(held_on__gte=first, held_on__lte=last)
    if root is not None:
        qs = qs.filter(subtree_q(root.path, "body_"))
    rows = qs.order_by("held_on", "part_of_day", "body_path", "id").values_list(
        "id", "held_on", "part_of_day", "kind", "body__name"
    )
    days: dict[dt.date, Day] = defaultdict(lambda: Day(None))
    labels = dict(Kind.choices)
    total = 0
    for pk, held_on, part, kind, name in rows:
        day = days[held_on]
        day.total += 1
        total += 1
        if len(day.items) < DAY_LIMIT:
            day.items.append(
                {
                    "pk": pk,
                    "part": part,
                    "kind": labels.get(kind, kind),
                    "body": calendar_label(name, known_units),
                    "body_name": name,
                }
            )
    weeks = []
    for week in cal.Calendar().monthdatescalendar(first.year, first.month):
        row = []
        for d in week:
            if d.month != first.month:
                row.append(Day(None))
            else:
                got = days.get(d)
                row.append(Day(d, got.items if got else [], got.total if got else 0))
        weeks.append(row)
    return Month(first, weeks, total, bounds)


def nearest_conferences(
    scope: Scope, first: dt.date, *, root: Body | None = None
) -> tuple[Conference | None, Conference | None]:
    """The last conference before the month of ``first`` and the first one after it, in the
    user's reach (below ``root`` if given): where to look when the month is empty. Two
    queries, each an index scan on (held_on, body_path) from the month outwards."""
    qs = conferences_in_scope(scope).select_related("body")
    if root is not None:
        qs = qs.filter(subtree_q(root.path, "body_"))
    before = qs.filter(held_on__lt=first).order_by("-held_on", "-id").first()
    after = qs.filter(held_on__gt=month_end(first)).order_by("held_on", "id").first()
    return before, after


def day_conferences(scope: Scope, day: dt.date, *, root: Body | None = None):
    qs = conferences_in_scope(scope).filter(held_on=day).select_related("body")
    if root is not None:
        qs = qs.filter(subtree_q(root.path, "body_"))
    return qs.order_by("part_of_day", "body_path", "id")


def body_conferences(body: Body, *, today: dt.date, limit: int = 10) -> dict:
    """A body's own conferences (the next ones, then the latest held) and the requirements
    conferences assigned to it that are not done yet, the nearest deadline first."""
    from django.db.models import F

    from ctct.conferences.models import Conclusion

    qs = Conference.objects.filter(body=body)
    tasks = (
        Conclusion.objects.filter(assignee=body, done_on__isnull=True)
        .select_related("conference__body")
        .order_by(F("due_on").asc(nulls_last=True), "id")[:limit]
    )
    return {
        "upcoming": list(qs.filter(held_on__gt=today).order_by("held_on", "id")[:limit]),
        "past": list(qs.filter(held_on__lte=today).order_by("-held_on", "-id")[:limit]),
        "tasks": list(tasks),
        "today": today,
    }


# --- what a body owes ---------------------------------------------------------------------
@dataclass
class Owed:
    kind: str
    label: str
    period: str = ""
    due: dt.date | None = None
    overdue: bool = False
    document: object = None


def owed_conferences(body: Body, *, today: dt.date, scope: Scope | None = None) -> list[Owed]:
    """Reviews the body has not held for a period now open (``CTCT_CONFERENCE_DUES``), and
    documents addressed to it that no conference has disseminated yet (of those ``scope`` is
    cleared for; without a scope, unclassified ones only). Two queries."""
    from ctct.documents.models import Recipient, Step

    wanted = []
    for rule in conference_dues():
        for year in (today.year - 1, today.year):
            opens = dt.date(year, *rule["opens"])
            due = dt.date(year + (1 if rule.get("next_year") else 0), *rule["due"])
            if opens <= today <= due + dt.timedelta(days=rule.get("grace_days", OWED_GRACE_DAYS)):
                wanted.append((rule["kind"], rule["period"].format(year=year), due))
    held = set(
        Conference.objects.filter(
            body=body, kind__in={k for k, _, _ in wanted}, period__in={p for _, p, _ in wanted}
        ).values_list("kind", "period")
    )
    labels = dict(Kind.choices)
    out = [
        Owed(kind, labels[kind], period, due, today > due)
        for kind, period, due in wanted
        if (kind, period) not in held
    ]
    recipients = (
        (scope or Scope(user_id=None))
        .within_clearance(
            Recipient.objects.filter(body=body, step__in=[Step.ADDRESSED, Step.RECEIVED]),
            "document__security_level",
        )
        .select_related("document", "distribution")
        .order_by("distribution__disseminated_by", "id")
    )
    for r in recipients:
        due = r.distribution.disseminated_by
        out.append(
            Owed(
                Kind.QUAN_TRIET,
                labels[Kind.QUAN_TRIET],
                "",
                due,
                bool(due and today > due),
                r.document,
            )
        )
    return out


# --- the news input -----------------------------------------------------------------------
def news_input(conference: Conference, *, byline: str = "") -> NewsInput:
    """The plain data the news templates draft from. Five queries."""
    conf = Conference.objects.select_related("body").get(pk=conference.pk)
    people: dict[object, NewsPerson] = {}
    for p in conf.participants.order_by("order", "id"):
        key = p.person_id or ("guest", p.full_name)
        if key not in people:
            people[key] = NewsPerson(p.full_name, p.rank, p.title_list, [])
        people[key].roles.append(p.role)
    docs = [
        d.document.citation + (f" của {d.document.issuer.name}" if d.document.issuer else "")
        for d in conf.documents.select_related("document__issuer").order_by("id")
    ]
    awards = [
        NewsAward(a.award, a.issuer, a.recipients, a.reason) for a in announced.lines_of(conf)
    ]
    return NewsInput(
        kind=conf.kind,
        organizer=conf.body.name,
        unit=conf.body.unit_name,
        held_on=conf.held_on,
        part_of_day=conf.part_of_day,
        period=conf.period,
        title=conf.title,
        people=list(people.values()),
        documents=docs,
        results=conf.results,
        direction=conf.direction,
        requirements=[c.text for c in conf.conclusions.order_by("order", "id")],
        awards=awards,
        byline=byline,
    )
