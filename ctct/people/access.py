"""Permission-checked lookups of people for views."""

from __future__ import annotations

from ctct.core.access import get_scoped
from ctct.people.models import Person
from ctct.people.selectors import people_in_scope

MSG_NO_SUCH_PERSON = "No such person in your scope"


def get_person_for(request, pk: int, action: str = "view") -> Person:
    """The person ``pk`` when the request's scope allows ``action`` on them (see
    ``people_in_scope``: to view, also the leaders of bodies in scope), else 404."""
    qs = people_in_scope(request.scope, action).select_related("body")
    return get_scoped(qs, pk, not_found=MSG_NO_SUCH_PERSON)
