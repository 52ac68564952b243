"""What the accounts app shows on a body's page: the user's role there, an "Access" button."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.accounts.models import Role
from ctct.bodies.models import Body
from ctct.core import panels

ROLE_LABELS = dict(Role.choices)


def body_role(request: HttpRequest, body: Body) -> dict | None:
    role = ROLE_LABELS.get(request.scope.role_on(body))
    return {"role": role} if role else None


def body_access(request: HttpRequest, body: Body) -> dict | None:
    return {"body": body} if request.scope.allows("manage_access", body) else None


def register_panels() -> None:
    panels.register(
        "body.meta", name="role", order=10, template="accounts/_body_role.html", context=body_role
    )
    panels.register(
        "body.actions",
        name="access",
        order=30,
        template="accounts/_body_access.html",
        context=body_access,
    )
