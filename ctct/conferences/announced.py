"""The awards announced at a conference, without conferences importing the app that holds
them (ratings: an award decision names the conference that announced it).

A higher app registers one provider in its ``ready()``::

    from ctct.conferences import announced

    announced.register(announced_lines)

``provider(conference)`` returns the conference's award lines in the order recorded, in a
fixed number of queries. The news draft, the Party-layout record and the conference page
read them through ``lines_of``; with no provider, a conference announced nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AwardLine:
    award: str  # "Bằng khen"
    issuer: str  # "Ban Thường vụ Đảng ủy Quân khu"
    recipients: str
    reason: str = ""


Provider = Callable[[object], Sequence[AwardLine]]

_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a provider (once: registering the same function again changes nothing)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def unregister(provider: Provider) -> None:
    if provider in _PROVIDERS:
        _PROVIDERS.remove(provider)


def lines_of(conference) -> list[AwardLine]:
    return [line for provider in _PROVIDERS for line in provider(conference)]
