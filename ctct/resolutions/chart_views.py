"""The heat map of a resolution's targets over the bodies below a body: rows the bodies a
chosen number of levels down that were handed any of the targets, columns the targets, each
cell the body's standing with its figure. A page of ``MAP_PAGE`` bodies at a time.

Scoped like the target page: the body must be in the user's scope (404 outside), and the
resolution must be the body's own or one whose targets were handed to the body (404 else).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctct.bodies.access import get_body_for
from ctct.core.access import get_scoped
from ctct.core.forms import page_number
from ctct.resolutions import chart_selectors
from ctct.resolutions.models import Resolution, TargetAssignment
from ctct.resolutions.models import Standing as StandingChoice

# The deepest level below a body a map may ask for (a tree is never deeper).
MAX_LEVEL = 30


def _level(raw: str) -> int:
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= 3:
        return min(max(int(raw), 1), MAX_LEVEL)
    return 1


@login_required
@require_GET
def subtree_map(request: HttpRequest, body_pk: int, pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    handed = TargetAssignment.objects.filter(body=body).values("target__resolution")
    qs = Resolution.objects.filter(Q(body=body) | Q(pk__in=handed)).select_related("body")
    resolution = get_scoped(qs, pk)
    size = chart_selectors.MAP_PAGE
    page = page_number(request)
    level = _level(request.GET.get("level", "1"))
    found = chart_selectors.subtree_map(
        resolution, body, level=level, offset=(page - 1) * size, limit=size
    )
    ctx = {
        "body": body,
        "map": found,
        "page": found.offset // size + 1,
        "legend": StandingChoice.choices,
        "resolution_visible": request.scope.allows("view", resolution.body),
    }
    return render(request, "resolutions/map.html", ctx)
