"""The ratings start page: the bodies the user works for, each with its ratings and awards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctct.bodies.models import Body

# A user granted on more bodies than this sees the first ones, in tree order.
SHOWN = 50


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    scope = request.scope
    if scope.is_superuser:
        roots = Body.objects.filter(depth=1)
    else:
        roots = Body.objects.filter(path__in=scope.paths("view"))
    bodies = list(roots.order_by("path")[:SHOWN])
    return render(
        request,
        "ratings/index.html",
        {
            "bodies": bodies,
            "can_see_discipline": any(scope.allows("see_discipline", b) for b in bodies),
        },
    )
