"""Builders of people and their posts for tests, through ``person_create`` and
``position_create``::

    commissar = make_person(body=brigade, rank="Đại tá", titles=["Bí thư", "Chính ủy"])
    make_position(person=commissar, body=region, title="Ủy viên")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ctct.bodies.models import Body
from ctct.core.tests.factories import unique
from ctct.people.models import Person, Position
from ctct.people.services import person_create, position_create

# The day ranks are conferred and posts begin unless a test says otherwise.
SINCE = dt.date(2020, 1, 1)

# Names none of the shared tree's people carry, so a made person never matches one of them.
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLES = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc", "Thanh", "Công", "Đình")
GIVENS = ("Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Thắng")


def person_name(n: int | None = None) -> str:
    """A Vietnamese full name, different for each of a thousand numbers in a row."""
    n = unique() if n is None else n
    return f"{FAMILIES[n % 10]} {MIDDLES[n // 10 % 10]} {GIVENS[n // 100 % 10]}"


def make_person(
    *,
    body: Body,
    full_name: str | None = None,
    rank: str = "",
    rank_conferred_on: dt.date | None = None,
    titles: Iterable[str] = (),
    since: dt.date = SINCE,
    **overrides,
) -> Person:
    """A member of ``body``; with ``rank`` (conferred on ``since`` unless given) and a post
    at ``body`` for each of ``titles``, begun on ``since``."""
    if rank and rank_conferred_on is None:
        rank_conferred_on = since
    person = person_create(
        full_name=full_name or person_name(),
        body=body,
        rank=rank,
        rank_conferred_on=rank_conferred_on,
        **overrides,
    )
    for title in titles:
        make_position(person=person, body=body, title=title, started_on=since)
    return person


def make_position(
    *,
    person: Person,
    body: Body | None = None,
    title: str = "Ủy viên",
    started_on: dt.date = SINCE,
    ended_on: dt.date | None = None,
) -> Position:
    """A post of ``person`` at ``body`` (the body they belong to unless given)."""
    return position_create(
        person=person,
        body=body or person.body,
        title=title,
        started_on=started_on,
        ended_on=ended_on,
    )
