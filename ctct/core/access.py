"""Permission-checked lookups for views: no view fetches a record by bare id.

``get_for`` returns the row when the request's scope allows ``action`` on the body it belongs
to and raises Http404 otherwise (also when it exists but lies outside the user's reach, so its
existence is not revealed). The apps wrap it for their records (``ctct.bodies.access``,
``ctct.people.access``); core knows no app's model.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

MSG_NOT_FOUND = "No such record in your scope"


def get_scoped(queryset: QuerySet, pk: int, *, not_found: str = MSG_NOT_FOUND) -> Model:
    """The row ``pk`` of ``queryset``, already limited to what the user reaches, else 404."""
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404(not_found) from None


def get_for(
    request,
    queryset: QuerySet,
    pk: int,
    action: str = "view",
    *,
    body_field: str | None = None,
    not_found: str = MSG_NOT_FOUND,
) -> Model:
    """The row ``pk`` of ``queryset`` when the scope allows ``action`` on its ``body_field``
    (None: the row is a body itself), else 404."""
    scoped = request.scope.filter(queryset, body_field, action)
    return get_scoped(scoped, pk, not_found=not_found)
