"""What the documents app shows on a body's page: its inbox and, for those who may, a button
to issue a document."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.bodies.models import Body
from ctct.core import panels


def body_actions(request: HttpRequest, body: Body) -> dict:
    return {"body": body, "can_issue": request.scope.allows("issue_documents", body)}


def register_panels() -> None:
    panels.register(
        "body.actions",
        name="documents",
        order=20,
        template="documents/_body_actions.html",
        context=body_actions,
    )
