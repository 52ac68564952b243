"""What the awards part of the ratings app shows on lower apps' pages: an "Awards" button on
the page of a body that may give awards (a Party committee or its standing committee), and
the awards a member received on the person's page."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.core import panels

GIVING_KINDS_EXTRA = {"standing_committee"}


def body_action(request: HttpRequest, body) -> dict | None:
    from ctct.ratings import rules

    if body.kind not in {*rules.current().grassroots_kinds, *GIVING_KINDS_EXTRA}:
        return None
    return {"body": body} if request.scope.allows("view", body) else None


def person_awards(request: HttpRequest, person) -> dict | None:
    from ctct.ratings.awards import awards_received

    if not request.scope.allows("view", person.body):
        return None
    received = awards_received(person)
    return {"awards": received} if received else None


def register() -> None:
    panels.register(
        "body.actions",
        name="awards",
        order=40,
        template="ratings/awards/_body_action.html",
        context=body_action,
    )
    panels.register(
        "person",
        name="awards",
        order=40,
        template="ratings/awards/_person_panel.html",
        context=person_awards,
    )
