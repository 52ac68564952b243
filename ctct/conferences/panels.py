"""What the conferences app shows on a body's page: its conferences, those it still owes and
the requirements assigned to it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from ctct.bodies.models import Body
from ctct.conferences import selectors
from ctct.core import panels


def body_conferences(request: HttpRequest, body: Body) -> dict:
    today = timezone.localdate()
    return {
        "body": body,
        "owed": selectors.owed_conferences(body, today=today, scope=request.scope),
        "can_edit": request.scope.allows("edit_conferences", body),
        **selectors.body_conferences(body, today=today, limit=5),
    }


def register_panels() -> None:
    panels.register(
        "body",
        name="conferences",
        order=30,
        template="conferences/_body_section.html",
        context=body_conferences,
    )
