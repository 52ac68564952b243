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
# ... and lists at most this many review reports of the user's own bodies.
HOME_REVIEWS = 5


def _behind(body: Body) -> list:
    return selectors.handed_and_behind(body)[1]


def body_section(request: HttpRequest, body: Body) -> dict | None:
    resolutions = list(selectors.body_resolutions(body)[: BODY_RESOLUTIONS + 1])
    handed, behind = selectors.handed_and_behind(body)
    can_edit = request.scope.allows("edit_resolutions", body)
    reviews = list(Review.objects.filter(body=body).order_by("-period", "kind")[:BODY_REVIEWS])
    if not resolutions and not handed and not behind and not can_edit and not reviews:
        return None
    return {
        "body": body,
        "resolutions": resolutions[:BODY_RESOLUTIONS],
        "more": len(resolutions) > BODY_RESOLUTIONS,
        "handed": handed,
        "behind": behind,
        "reviews": reviews,
        "can_edit": can_edit,
        "can_enter": request.scope.allows("enter_progress", body),
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
    # The review reports of the user's own bodies, the latest first (one query).
    reviews = list(
        Review.objects.filter(body__in=bodies)
        .select_related("body")
        .order_by("-period", "-dated", "-pk")[:HOME_REVIEWS]
    )
    if not at_risk and not reviews:
        return None
    return {
        "at_risk": at_risk[:HOME_TARGETS],
        "more": len(at_risk) > HOME_TARGETS,
        "reviews": reviews,
    }


# The kinds of conference that look back on a period (a review shows that period's resolutions).
REVIEW_KINDS = frozenset({"so_ket", "tong_ket"})


def conference_section(request: HttpRequest, conference) -> dict | None:
    """The resolution a conference adopted; for a resolution conference or a congress that
    has none linked, the forms to link one or to start it from the conference (to those who
    edit the body's resolutions); for a review, the resolutions of the period it reviews with
    their standing."""
    from ctct.core.forms import new_form_token
    from ctct.resolutions.forms import LinkConferenceForm
    from ctct.resolutions.services import ADOPTING_KINDS

    adopted = list(conference.resolutions.all())
    ctx: dict = {"adopted": adopted, "conference": conference}
    if (
        conference.kind in ADOPTING_KINDS
        and not adopted
        and request.scope.allows("edit_resolutions", conference.body)
    ):
        ctx["link_form"] = LinkConferenceForm(request=request, conference=conference)
        ctx["form_token"] = new_form_token()
    if conference.kind in REVIEW_KINDS and conference.period:
        ctx["reviewed"] = selectors.resolutions_reviewed(conference)
    if not (adopted or ctx.get("link_form") or ctx.get("reviewed")):
        return None
    return ctx


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
