"""Sections another area adds to a review report, without resolutions importing it.

A higher app (ratings, once it lands) registers in its ``ready()``::

    from ctct.resolutions import review_sections

    review_sections.register("ratings", "Kết quả đánh giá, xếp loại", ratings_lines)

``provider(body, start, end)`` returns the section's lines (Vietnamese, as printed) for the
body's review of the period from ``start`` to ``end``, or nothing to leave it out. It runs a
fixed number of queries of its own whatever the subtree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Provider = Callable[[object, dt.date, dt.date], Sequence[str] | None]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    provider: Provider


_SECTIONS: dict[str, Section] = {}


def register(key: str, title: str, provider: Provider) -> None:
    """Add (or replace, by ``key``) a section; sections print in the order registered."""
    _SECTIONS[key] = Section(key, title, provider)


def unregister(key: str) -> None:
    _SECTIONS.pop(key, None)


def sections() -> list[Section]:
    return list(_SECTIONS.values())
