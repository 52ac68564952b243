"""Reads about people, always through a scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from ctct.bodies.models import Body
from ctct.core.scopes import Scope
from ctct.core.treepaths import subtree_q
from ctct.people.models import Person, Position, RankRecord
from ctct.text import fold
from ctct.text.titles import KIND_ORDER, title_chain, title_rank


def people_in_scope(scope: Scope, action: str = "view"):
    """People the user may see: members of bodies in scope, and (to view only) anyone who
    holds or held a position at a body in scope — the leaders of a body are visible to
    everyone who can see the body."""
    if scope.is_superuser:
        return Person.objects.all()
    members = scope.body_q(action, "body__")
    if action != "view":
        return Person.objects.filter(members)
    holders = Position.objects.filter(scope.body_q(action, "body__")).values("person_id")
    return Person.objects.filter(members | Q(pk__in=holders))


def current_positions(person: Person, on: dt.date | None = None) -> list[Position]:
    on = on or dt.date.today()
    return list(
        person.positions.filter(started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("body")
    )


def person_title_chain(person: Person, on: dt.date | None = None) -> list[str]:
    return title_chain(current_positions(person, on))


def person_rank_history(person: Person) -> list[RankRecord]:
    return list(person.rank_records.order_by("conferred_on"))


def body_leaders(body: Body, on: dt.date | None = None) -> list[Position]:
    """Current positions held at ``body``, Party posts first."""
    on = on or dt.date.today()
    rows = list(
        Position.objects.filter(body=body, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("person")
    )
    return sorted(rows, key=lambda p: (KIND_ORDER.get(p.title_kind, 1), title_rank(p.title)))


def search_people(
    scope: Scope, query: str, *, limit: int = 20, action: str = "view", within: Body | None = None
) -> list[Person]:
    """People by name, diacritics optional; only those ``action`` reaches (and with
    ``within``, only members of that body's branch)."""
    tokens = fold(query).split()
    if not tokens:
        return []
    qs = people_in_scope(scope, action)
    if within is not None:
        qs = qs.filter(subtree_q(within.path, "body__"))
    for t in tokens[:6]:
        qs = qs.filter(Q(search_key__startswith=t) | Q(search_key__contains=f" {t}"))
    return list(qs.select_related("body")[:limit])


def body_leaders_by_person(
    body: Body, on: dt.date | None = None
) -> list[tuple[Person, list[Position]]]:
    """The body's current leaders, each once, with the titles they hold here."""
    grouped: dict[int, tuple[Person, list[Position]]] = {}
    for pos in body_leaders(body, on):
        grouped.setdefault(pos.person_id, (pos.person, []))[1].append(pos)
    return list(grouped.values())


def current_positions_of(
    people: list[Person], scope: Scope, on: dt.date | None = None
) -> dict[int, list[Position]]:
    """Each person's current positions at bodies the user may see (one query for all)."""
    on = on or dt.date.today()
    out: dict[int, list[Position]] = {p.pk: [] for p in people}
    rows = (
        Position.objects.filter(person__in=list(out), started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("body")
    )
    for pos in rows:
        if scope.allows("view", pos.body):
            out[pos.person_id].append(pos)
    return out


def search_posts(
    scope: Scope, query: str, *, limit: int = 20, on: dt.date | None = None
) -> list[Position]:
    """Who holds a post now: "chinh uy lu doan 657" finds the commissar of Lữ đoàn 657."""
    tokens = fold(query).split()
    if not tokens:
        return []
    on = on or dt.date.today()
    qs = Position.objects.filter(started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )
    if not scope.is_superuser:
        qs = qs.filter(scope.body_q("view", "body__"))
    for t in tokens[:8]:
        qs = qs.filter(Q(search_key__startswith=t) | Q(search_key__contains=f" {t}"))
    return list(qs.select_related("person", "body").order_by("body__depth", "body__path")[:limit])
