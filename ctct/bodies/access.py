"""Permission-checked lookups of bodies for views."""

from __future__ import annotations

from ctct.bodies.models import Body
from ctct.core.access import get_for

MSG_NO_SUCH_BODY = "No such body in your scope"


def get_body_for(request, pk: int, action: str = "view") -> Body:
    """The body ``pk`` when the request's scope allows ``action`` on it, else 404."""
    return get_for(request, Body.objects.all(), pk, action, not_found=MSG_NO_SUCH_BODY)
