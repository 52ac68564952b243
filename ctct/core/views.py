from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctct.bodies.selectors import children_with_counts


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the bodies the user is responsible for, with the size of each branch."""
    roots = list(request.scope.root_bodies()[:20])
    overview = [(b, children_with_counts(b, size=12)) for b in roots[:5]]
    return render(request, "core/home.html", {"roots": roots, "overview": overview})


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
