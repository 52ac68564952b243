"""What the people app shows on a body's page: its leaders and members, an "Add member"
button."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.bodies.models import Body
from ctct.bodies.selectors import subtree_member_count
from ctct.core import panels
from ctct.people.selectors import body_leaders_by_person


def body_leaders(request: HttpRequest, body: Body) -> dict:
    return {
        "body": body,
        "leaders": body_leaders_by_person(body),
        "members_total": subtree_member_count(body),
    }


def body_add_member(request: HttpRequest, body: Body) -> dict | None:
    return {"body": body} if request.scope.allows("edit_people", body) else None


def register_panels() -> None:
    panels.register(
        "body.cards",
        name="leaders",
        order=10,
        template="people/_body_leaders.html",
        context=body_leaders,
    )
    panels.register(
        "body.actions",
        name="add_member",
        order=10,
        template="people/_body_add_member.html",
        context=body_add_member,
    )
