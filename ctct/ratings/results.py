"""Reads behind the exports and the charts of rating results, each with a fixed number of
queries whatever the size of the subtree:

- ``results(body, year)``: the results of the yearly round for ``body``'s subtree: per body
  directly below it (its whole subtree counted) and for the body's own members, how many
  members were decided at each level and their shares, the totals, the members of each level
  and the Party organizations of each level;
- ``distribution(body, year)``: the member counts per level for each body directly below
  (the bars of a year);
- ``trend(body)``: the member counts per level of the whole subtree, year by year.

A sheet counts at its decided level; a sheet not decided yet counts as "not decided". Only the
yearly rounds count (a quarterly round is a different measure). The caller has checked that
its scope may see ``body`` (and, for the names, rate there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import Substr

from ctct.bodies.models import Body
from ctct.core import treepaths
from ctct.ratings import rules as rr
from ctct.ratings.models import RatingRound, RatingSheet, Subject

UNDECIDED = ""  # the key of the sheets not decided yet
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def share(count: int, total: int) -> Decimal:
    """``count`` as a percent of ``total``, one decimal (0 of nothing)."""
    if not total:
        return Decimal(0)
    return (Decimal(count) * HUNDRED / total).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class Row:
    """The counts of one body (its subtree), or of the body's own members, or the total."""

    name: str
    path: str
    counts: dict[str, int]  # level code (UNDECIDED for not decided) -> members
    own: bool = False  # the members of the body itself, not of a body below

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def decided(self) -> int:
        return self.total - self.counts.get(UNDECIDED, 0)

    def count(self, code: str) -> int:
        return self.counts.get(code, 0)

    def share(self, code: str) -> Decimal:
        """The share of ``code`` among the decided (the way the reports give it)."""
        return share(self.count(code), self.decided)


@dataclass(frozen=True)
class Member:
    name: str
    rank: str
    body: str
    level: str


@dataclass(frozen=True)
class Organization:
    name: str
    level: str


@dataclass
class Results:
    body: Body
    year: int
    levels: tuple[rr.Level, ...]
    rows: list[Row]
    total: Row
    members: dict[str, list[Member]] = field(default_factory=dict)  # level -> members
    organizations: dict[str, list[Organization]] = field(default_factory=dict)
    organization_total: Row | None = None


def _sheets(body: Body, year: int, subject: str):
    return RatingSheet.objects.filter(
        treepaths.subtree_q(body.path, "rated_at__"),
        year=year,
        quarter__isnull=True,
        subject=subject,
    )


def _child_length(body: Body) -> int:
    return len(body.path) + treepaths.STEPLEN


def _rows(body: Body, counted) -> list[Row]:
    """The counts of ``counted`` (rows of a path prefix, a level, a count) as the rows of the
    bodies directly below ``body`` in tree order, the body's own members first (1 query for
    the bodies' names)."""
    by_prefix: dict[str, dict[str, int]] = {}
    for prefix, level, n in counted:
        counts = by_prefix.setdefault(prefix, {})
        counts[level or UNDECIDED] = counts.get(level or UNDECIDED, 0) + n
    names = dict(
        Body.objects.filter(path__in=[p for p in by_prefix if p != body.path])
        .order_by()
        .values_list("path", "name")
    )
    rows = []
    if body.path in by_prefix:
        rows.append(Row(body.name, body.path, by_prefix[body.path], own=True))
    rows += [Row(names.get(p, p), p, by_prefix[p]) for p in sorted(by_prefix) if p != body.path]
    return rows


def _sum(rows: list[Row], name: str, path: str) -> Row:
    counts: dict[str, int] = {}
    for r in rows:
        for code, n in r.counts.items():
            counts[code] = counts.get(code, 0) + n
    return Row(name, path, counts)


def distribution(body: Body, year: int) -> list[Row]:
    """Member counts per level of each body directly below ``body`` (its subtree), the body's
    own members first. Two queries."""
    counted = (
        _sheets(body, year, Subject.PERSON)
        .annotate(prefix=Substr("rated_at__path", 1, _child_length(body)))
        .values_list("prefix", "decided_level")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _rows(body, counted)


def results(body: Body, year: int, *, names: bool = True) -> Results:
    """The results of ``year``'s round for ``body``'s subtree (see the module). Four queries
    with the names, two without."""
    rules = rr.current()
    rows = distribution(body, year)
    out = Results(
        body=body,
        year=year,
        levels=rules.levels,
        rows=rows,
        total=_sum(rows, body.name, body.path),
    )
    if not names:
        return out
    members: dict[str, list[Member]] = {code: [] for code in (*rules.codes, UNDECIDED)}
    for name, rank, at, level in (
        _sheets(body, year, Subject.PERSON)
        .order_by("rated_at__path", "person__name_key", "person_id")
        .values_list("person__full_name", "person__rank", "rated_at__name", "decided_level")
    ):
        members.setdefault(level, []).append(Member(name, rank, at, level))
    out.members = members
    organizations: dict[str, list[Organization]] = {c: [] for c in (*rules.codes, UNDECIDED)}
    counts: dict[str, int] = {}
    for name, level in (
        _sheets(body, year, Subject.BODY)
        .exclude(body=body)
        .order_by("rated_at__path")
        .values_list("body__name", "decided_level")
    ):
        organizations.setdefault(level, []).append(Organization(name, level))
        counts[level or UNDECIDED] = counts.get(level or UNDECIDED, 0) + 1
    out.organizations = organizations
    out.organization_total = Row(body.name, body.path, counts)
    return out


@dataclass
class Year:
    year: int
    counts: dict[str, int]

    @property
    def decided(self) -> int:
        return sum(n for code, n in self.counts.items() if code != UNDECIDED)

    def share(self, code: str) -> Decimal:
        return share(self.counts.get(code, 0), self.decided)


def trend(body: Body) -> list[Year]:
    """Member counts per level of ``body``'s whole subtree, year by year (oldest first). One
    query."""
    years: dict[int, dict[str, int]] = {}
    for year, level, n in (
        RatingSheet.objects.filter(
            treepaths.subtree_q(body.path, "rated_at__"),
            quarter__isnull=True,
            subject=Subject.PERSON,
        )
        .values_list("year", "decided_level")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts = years.setdefault(year, {})
        counts[level or UNDECIDED] = counts.get(level or UNDECIDED, 0) + n
    return [Year(y, years[y]) for y in sorted(years)]


def years(body: Body) -> list[int]:
    """The years of the yearly rounds opened at ``body``, above it or below it (those that
    may rate someone in its subtree), newest first. One query."""
    above = treepaths.ancestor_paths(body.path, include_self=True)
    return list(
        RatingRound.objects.filter(quarter__isnull=True)
        .filter(Q(body__path__in=above) | treepaths.subtree_q(body.path, "body__"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


# --- the charts' data -------------------------------------------------------------------------
def bars_data(
    rows: list[Row], levels: tuple[rr.Level, ...], *, lang: str, axis: str, own: str = ""
) -> dict:
    """The distribution of a year as stacked bars: one bar per body, one part per level, in
    percent of the decided (``static/ratings/rating_charts.js`` draws it); the row of the
    body's own members labelled with ``own`` in brackets."""
    return {
        "kind": "rating_bars",
        "lang": lang,
        "axis": axis,
        "labels": [f"{r.name} ({own})" if r.own and own else r.name for r in rows],
        "datasets": [
            {
                "code": lv.code,
                "label": lv.short,
                "name": lv.name,
                "data": [float(r.share(lv.code)) for r in rows],
                "counts": [r.count(lv.code) for r in rows],
            }
            for lv in levels
        ],
    }


def trend_data(years: list[Year], levels: tuple[rr.Level, ...], *, lang: str, axis: str) -> dict:
    """The share of each level year by year, as lines."""
    return {
        "kind": "rating_trend",
        "lang": lang,
        "axis": axis,
        "labels": [str(y.year) for y in years],
        "datasets": [
            {
                "code": lv.code,
                "label": lv.short,
                "name": lv.name,
                "data": [float(y.share(lv.code)) for y in years],
                "counts": [y.counts.get(lv.code, 0) for y in years],
            }
            for lv in levels
        ],
    }
