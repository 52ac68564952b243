"""Pages of congress rounds: the rounds a user reaches, a round's dashboard (per level and
branch, the late and the pilots) and a body's preparation with its steps and reviews.

Views fetch through the scope (404 outside it) and read through ``selectors``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ctct.bodies.access import get_body_for
from ctct.congresses import selectors
from ctct.congresses.models import CongressRound, Preparation
from ctct.core.access import get_scoped
from ctct.core.treepaths import ancestor_paths

# The dashboard lists this many late bodies; the count says how many there are.
LATE_SHOWN = 50
# The index lists this many of the user's own bodies' preparations.
OWN_SHOWN = 20


def _number(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else 0


def get_round_for(request, pk: int) -> CongressRound:
    """A round the user may view: opened by a body in the user's scope; else 404."""
    qs = request.scope.filter(CongressRound.objects.select_related("body", "directive"), "body")
    return get_scoped(qs, pk)


def get_preparation_for(request, pk: int, action: str = "view") -> Preparation:
    qs = request.scope.filter(
        Preparation.objects.select_related("body", "round__body", "round__directive"),
        "body",
        action,
    )
    return get_scoped(qs, pk)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rounds = list(
        request.scope.filter(
            CongressRound.objects.select_related("body", "directive"), "body"
        ).order_by("-first_year", "body__path")[:100]
    )
    own_paths = request.scope.paths("view")[:OWN_SHOWN]
    own = list(
        Preparation.objects.filter(body__path__in=own_paths, round__state=CongressRound.State.OPEN)
        .select_related("body", "round")
        .order_by("body__path")
    )
    return render(request, "congresses/index.html", {"rounds": rounds, "own": own})


@login_required
@require_GET
def dashboard(request: HttpRequest, round_pk: int) -> HttpResponse:
    rnd = get_round_for(request, round_pk)
    at = None
    if pk := _number(request.GET.get("body", "")):
        at = get_body_for(request, pk)
        if not at.path.startswith(rnd.body.path):
            at = None
    today = timezone.localdate()
    board = selectors.round_dashboard(rnd, request.scope, today=today, at=at, limit=LATE_SHOWN)
    crumbs = []
    if at is not None and at.pk != rnd.body_id:
        paths = [p for p in ancestor_paths(at.path) if p.startswith(rnd.body.path)]
        crumbs = list(rnd.body.__class__.objects.filter(path__in=paths).order_by("path"))
    ctx = {"round": rnd, "board": board, "at": at or rnd.body, "crumbs": crumbs}
    return render(request, "congresses/dashboard.html", ctx)


@login_required
@require_GET
def preparation(request: HttpRequest, prep_pk: int) -> HttpResponse:
    prep = get_preparation_for(request, prep_pk)
    page = selectors.preparation_page(prep)
    ctx = {
        "prep": prep,
        "page": page,
        "today": timezone.localdate(),
        "can_see_round": request.scope.allows("view", prep.round.body),
    }
    return render(request, "congresses/preparation.html", ctx)
