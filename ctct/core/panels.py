"""Panels: the parts of a lower app's page that higher apps fill in.

A body's page belongs to ``bodies``, yet it shows the body's leaders (``people``), its
documents (``documents``) and its conferences (``conferences``); the home page belongs to
``core``. A lower app may not import a higher one, so the page names only a *place* and each
higher app registers what it shows there, in its ``AppConfig.ready()``::

    from ctct.core import panels

    panels.register(
        "body",
        name="conferences",
        order=30,
        template="conferences/_body_section.html",
        context=body_section,  # (request, body) -> dict | None
    )

The page's template renders the panels of a place in order (then by name)::

    {% load panels %}{% panels "body" body %}

``context(request, obj)`` returns the panel template's context, or ``None`` to hide the panel
(when the user may not see it, or it has nothing to show). The template gets that context
plus ``request``, ``obj`` and the page's CSRF token, like an inclusion tag.

The places (``PAGES``):

- ``home``: sections of the start page (``obj`` is ``None``);
- ``body.meta``: facts appended to the line under a body's name;
- ``body.actions``: buttons on a body's page;
- ``body.cards``: cards beside the body's history;
- ``body``: sections of a body's page, above its subordinate bodies;
- ``person``: sections of a person's page, below the positions and ranks;
- ``conference``: sections of a conference's page, above its history.

A name is registered once per place: a second registration is a mistake (two apps, or one
app twice) and raises ``ImproperlyConfigured``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

PAGES = frozenset(
    {"home", "body.meta", "body.actions", "body.cards", "body", "person", "conference"}
)

MSG_UNKNOWN_PAGE = "No page place %(page)r to register the panel %(name)r in."
MSG_DUPLICATE = "A panel named %(name)r is already registered for %(page)r."

PanelContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    """One section a higher app adds to a page."""

    page: str
    name: str
    order: int
    template: str
    context: PanelContext


_PANELS: dict[str, dict[str, Panel]] = {}


def register(page: str, *, name: str, order: int, template: str, context: PanelContext) -> Panel:
    """Add a panel to ``page`` (call from ``AppConfig.ready()``)."""
    if page not in PAGES:
        raise ImproperlyConfigured(MSG_UNKNOWN_PAGE % {"page": page, "name": name})
    registered = _PANELS.setdefault(page, {})
    if name in registered:
        raise ImproperlyConfigured(MSG_DUPLICATE % {"page": page, "name": name})
    panel = Panel(page=page, name=name, order=order, template=template, context=context)
    registered[name] = panel
    return panel


def panels_for(page: str) -> list[Panel]:
    """The panels of ``page`` in the order they are shown."""
    return sorted(_PANELS.get(page, {}).values(), key=lambda p: (p.order, p.name))


def shown(page: str, request: HttpRequest, obj: Any) -> list[tuple[Panel, dict[str, Any]]]:
    """Each panel of ``page`` that shows something to ``request``'s user, with its context."""
    out = []
    for panel in panels_for(page):
        values = panel.context(request, obj)
        if values is not None:
            out.append((panel, values))
    return out
