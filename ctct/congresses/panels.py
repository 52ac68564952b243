"""What congresses show on a body's page: its current term, its preparation in an open round
and the rounds it opened. Three queries."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.bodies.models import Body
from ctct.congresses.models import CongressRound, Preparation, Term
from ctct.core import panels

# A body's page lists this many of the rounds it opened.
BODY_ROUNDS = 3


def body_section(request: HttpRequest, body: Body) -> dict | None:
    term = Term.objects.filter(body=body).order_by("-starts_on").first()
    prep = (
        Preparation.objects.filter(body=body, round__state=CongressRound.State.OPEN)
        .select_related("round")
        .order_by("-round__first_year")
        .first()
    )
    rounds = list(CongressRound.objects.filter(body=body).order_by("-first_year")[:BODY_ROUNDS])
    if term is None and prep is None and not rounds:
        return None
    return {"body": body, "term": term, "prep": prep, "rounds": rounds}


def register_panels() -> None:
    panels.register(
        "body",
        name="congresses",
        order=40,
        template="congresses/_body_section.html",
        context=body_section,
    )
