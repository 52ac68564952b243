"""What the bodies app shows on pages of core: the start page's overview of the user's bodies."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.bodies.selectors import children_with_counts, root_bodies
from ctct.core import panels

# The start page lists this many of the user's bodies, and unfolds the first few.
HOME_ROOTS = 20
HOME_UNFOLDED = 5
HOME_CHILDREN = 12


def home_overview(request: HttpRequest, obj: None) -> dict:
    """The bodies the user is responsible for, with the size of each branch."""
    roots = list(root_bodies(request.scope)[:HOME_ROOTS])
    overview = [(b, children_with_counts(b, size=HOME_CHILDREN)) for b in roots[:HOME_UNFOLDED]]
    return {"roots": roots, "overview": overview}


def register_panels() -> None:
    panels.register(
        "home",
        name="bodies",
        order=10,
        template="bodies/_home_overview.html",
        context=home_overview,
    )
