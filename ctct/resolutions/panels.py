"""What resolutions show on the pages of lower apps: on a body's page its resolutions and the
targets it is behind on; on the home page the targets at risk of the user's bodies; on a
conference's page the resolution it adopted."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.bodies.models import Body
from ctct.core import panels
from ctct.resolutions import selectors
from ctct.resolutions.models import Review

# A body's page lists this many resolutions; the home page looks at this many of the user's
# bodies (three queries each) and lists at most this many targets.
BODY_RESOLUTIONS = 5
# ... and this many of its review reports (one query).
BODY_REVIEWS = 3
HOME_BODIES = 5
HOME_TARGETS = 10


def _behind(body: Body) -> list:
    """The targets ``body`` holds or was handed on which it, or a body below it, is behind."""
    out = []
    for bt in selectors.body_targets(body):
        s = selectors.node_standing(bt.target, bt.node)
        if bt.node.is_behind or s.behind:
            out.append(s)
    return out


def body_section(request: HttpRequest, body: Body) -> dict | None:
    resolutions = list(selectors.body_resolutions(body)[: BODY_RESOLUTIONS + 1])
    behind = _behind(body)
    can_edit = request.scope.allows("edit_resolutions", body)
    reviews = list(Review.objects.filter(body=body).order_by("-period", "kind")[:BODY_REVIEWS])
    if not resolutions and not behind and not can_edit and not reviews:
        return None
    return {
        "body": body,
        "resolutions": resolutions[:BODY_RESOLUTIONS],
        "more": len(resolutions) > BODY_RESOLUTIONS,
        "behind": behind,
        "reviews": reviews,
        "can_edit": can_edit,
    }


def home_section(request: HttpRequest, obj: None) -> dict | None:
    paths = request.scope.paths("view")[:HOME_BODIES]
    if not paths:
        return None
    bodies = list(Body.objects.filter(path__in=paths).order_by("path"))
    at_risk = []
    for body in bodies:
        for s in _behind(body):
            at_risk.append(s)
    if not at_risk:
        return None
    return {"at_risk": at_risk[:HOME_TARGETS], "more": len(at_risk) > HOME_TARGETS}


def conference_section(request: HttpRequest, conference) -> dict | None:
    adopted = list(conference.resolutions.all())
    return {"adopted": adopted, "conference": conference} if adopted else None


def register_panels() -> None:
    panels.register(
        "body",
        name="resolutions",
        order=35,
        template="resolutions/_body_section.html",
        context=body_section,
    )
    panels.register(
        "home",
        name="resolutions",
        order=30,
        template="resolutions/_home_section.html",
        context=home_section,
    )
    panels.register(
        "conference",
        name="resolutions",
        order=30,
        template="resolutions/_conference_section.html",
        context=conference_section,
    )
