"""Permission-checked lookups for views: no view fetches a record by bare id.

Each ``get_*_for`` returns the record when the request's scope allows ``action`` on it and
raises Http404 otherwise (also when it exists but lies outside the user's reach).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404


def get_body_for(request, pk: int, action: str = "view"):
    from ctct.bodies.models import Body

    body = get_object_or_404(Body, pk=pk)
    if not request.scope.allows(action, body):
        raise Http404("No such body in your scope")
    return body


def get_person_for(request, pk: int, action: str = "view"):
    from ctct.people.selectors import people_in_scope

    qs = people_in_scope(request.scope, action).select_related("body")
    return get_object_or_404(qs, pk=pk)
