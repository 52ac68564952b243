from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctct.bodies.selectors import children_with_counts
from ctct.core import pickers


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


@login_required
@require_GET
def pick(request: HttpRequest, kind: str) -> HttpResponse:
    """Suggestions for a picker: what the user may choose for ``?action=`` matching ``?q=``.

    An HTML fragment of options for htmx; ``?format=json`` gives ``[{id, label, detail}]``.
    """
    # The box posts its own name ("issuer__q") when htmx sends it; ``q`` from elsewhere.
    query = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if k.endswith("__q")), ""
    )
    within = request.GET.get("within", "")
    choices = pickers.suggest(
        request,
        kind,
        query,
        request.GET.get("action"),
        within=int(within) if within.isdigit() and len(within) < 19 else None,
    )
    if request.GET.get("format") == "json":
        data = [{"id": c.pk, "label": c.label, "detail": c.detail} for c in choices]
        return JsonResponse({"results": data})
    return render(
        request,
        "core/_picker_options.html",
        {"choices": choices, "q": query.strip()},
    )
