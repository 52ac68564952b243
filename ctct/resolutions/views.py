"""Pages of resolutions and targets: a body's resolutions, a resolution with its tasks, groups
and targets, a target's standing at a body with the bodies behind, and the forms that write
them (create, copy, add a task, group or target, hand a target down, enter progress).

Views parse, fetch through the scope (404 outside it) and call the services; a service's
ValidationError is shown on the form that was posted, with everything typed kept.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.conferences.periods import period_words
from ctct.core.access import get_scoped
from ctct.core.forms import (
    FORM_TOKEN,
    already_submitted,
    apply_validation_error,
    create_form_page,
    form_token,
    page_of,
    submit_once,
)
from ctct.core.treepaths import subtree_q
from ctct.resolutions import chart_selectors, selectors, services
from ctct.resolutions.forms import (
    CopyForm,
    HandDownForm,
    HandDownLevelForm,
    ProgressForm,
    ResolutionForm,
    TargetForm,
    TextForm,
)
from ctct.resolutions.models import ProgressEntry, Resolution, Target, TargetAssignment

# A hand-down form offers at most this many subordinate bodies, one value box each.
HAND_DOWN_ROWS = 200
# The list of resolutions shows this many a page.
INDEX_PAGE = 50
# The list of resolutions also shows the targets handed to this many of the user's own bodies
# (three queries each).
OWN_BODIES = 5
# A target's page lists this many of the latest entries.
ENTRIES_SHOWN = 30


def _number(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else 0


def get_resolution_for(request, pk: int, action: str = "view") -> Resolution:
    qs = request.scope.filter(
        Resolution.objects.select_related("body", "adopted_at", "document", "previous"),
        "body",
        action,
    )
    return get_scoped(qs, pk)


def get_target_at(request, body_pk: int, target_pk: int, action: str = "view"):
    """A body the user may ``action`` on, and a target it holds or was handed; else 404."""
    body = get_body_for(request, body_pk, action)
    qs = Target.objects.filter(
        Q(resolution__body=body)
        | Q(pk__in=TargetAssignment.objects.filter(body=body).values("target"))
    ).select_related("resolution__body", "parent")
    return body, get_scoped(qs, target_pk)


def _standings(body: Body, resolution: Resolution | None = None) -> list:
    """The standing of each target ``body`` holds or was handed (of one resolution)."""
    out = []
    for bt in selectors.body_targets(body):
        if resolution is not None and bt.target.resolution_id != resolution.pk:
            continue
        out.append(selectors.node_standing(bt.target, bt.node))
    return out


# --- a body's resolutions -------------------------------------------------------------------
@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The resolutions of the bodies the user reaches, newest period first."""
    qs = request.scope.filter(
        Resolution.objects.select_related("body", "document").order_by("-period", "body__path"),
        "body",
    )
    page = page_of(qs, request, size=INDEX_PAGE)
    # The targets superiors handed to the user's own bodies: what a cell's secretary works on,
    # though the superior's resolution itself is out of their reach.
    own = Body.objects.filter(path__in=request.scope.paths("view")[:OWN_BODIES]).order_by("path")
    handed = []
    for body in own:
        got, behind = selectors.handed_and_behind(body)
        handed.extend(s for s in behind + got if s.root.assignment_id is not None)
    ctx = {
        "page": page,
        "resolutions": page.items,
        "handed": handed,
        "can_create": request.scope.reaches("edit_resolutions"),
    }
    return render(request, "resolutions/index.html", ctx)


@login_required
@require_GET
def body_page(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    ctx = {
        "body": body,
        "resolutions": list(selectors.body_resolutions(body)),
        "standings": _standings(body),
        "can_edit": request.scope.allows("edit_resolutions", body),
        "can_enter": request.scope.allows("enter_progress", body),
    }
    return render(request, "resolutions/body.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not request.scope.reaches("edit_resolutions"):
        raise Http404
    initial = {}
    if pk := _number(request.GET.get("body", "")):
        initial["body"] = get_body_for(request, pk, "edit_resolutions").pk
    form = ResolutionForm(request.POST or None, initial=initial, request=request)

    def save(data):
        resolution = services.resolution_create(user=request.user, **data)
        return _("Resolution recorded."), reverse("resolutions:detail", args=[resolution.pk])

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("New resolution"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    previous = get_resolution_for(request, pk, "edit_resolutions")
    form = CopyForm(request.POST or None)

    def save(data):
        resolution = services.resolution_copy(
            previous=previous,
            period=data["period"],
            title=data["title"] or None,
            user=request.user,
        )
        return _("Resolution started from the previous one."), reverse(
            "resolutions:detail", args=[resolution.pk]
        )

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("Start a new resolution from “%(title)s” (%(period)s)")
        % {"title": previous.title, "period": period_words(previous.period)},
        context={"body": previous.body, "resolution": previous},
    )


# --- a resolution ---------------------------------------------------------------------------
def _detail(request, resolution: Resolution, status: int = 200, **forms) -> HttpResponse:
    ctx = {
        "resolution": resolution,
        "body": resolution.body,
        "focus_tasks": list(resolution.focus_tasks.all()),
        "solution_groups": list(resolution.solution_groups.all()),
        "standings": _standings(resolution.body, resolution),
        "copies": list(resolution.copies.all()),
        "can_edit": request.scope.allows("edit_resolutions", resolution.body),
        "can_enter": request.scope.allows("enter_progress", resolution.body),
        "task_form": forms.get("task_form") or TextForm(prefix="task"),
        "group_form": forms.get("group_form") or TextForm(prefix="group"),
    }
    return render(request, "resolutions/detail.html", ctx, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_resolution_for(request, pk))


def _text_post(request, pk: int, prefix: str, add, message: str) -> HttpResponse:
    resolution = get_resolution_for(request, pk, "edit_resolutions")
    if dup := already_submitted(request):
        return dup
    form = TextForm(request.POST, prefix=prefix)
    if form.is_valid():

        def save():
            add(resolution=resolution, text=form.cleaned_data["text"], user=request.user)
            return message, reverse("resolutions:detail", args=[resolution.pk])

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _detail(request, resolution, status=400, **{f"{prefix}_form": form})


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _text_post(request, pk, "task", services.focus_task_add, _("Focus task added."))


@login_required
@require_POST
def group_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _text_post(request, pk, "group", services.solution_group_add, _("Solution group added."))


@login_required
@require_http_methods(["GET", "POST"])
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for(request, pk, "edit_resolutions")
    form = TargetForm(request.POST or None, resolution=resolution)

    def save(data):
        services.target_add(
            resolution=resolution,
            user=request.user,
            **{**data, "period": data["period"] or None},
        )
        return _("Target added."), reverse("resolutions:detail", args=[resolution.pk])

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("New target of “%(title)s”") % {"title": resolution.title},
        context={"body": resolution.body, "resolution": resolution},
    )


# --- a target at a body ---------------------------------------------------------------------
@login_required
@require_GET
def target_page(request: HttpRequest, body_pk: int, target_pk: int) -> HttpResponse:
    body, target = get_target_at(request, body_pk, target_pk)
    standing = selectors.target_standing(target, at=body)
    if standing is None:
        raise Http404
    paths = [n.body.path for n in standing.rows]
    entries = (
        ProgressEntry.objects.filter(target=target, body__path__in=paths)
        .select_related("body", "document", "conference", "entered_by")
        .order_by("-on", "-id")[:ENTRIES_SHOWN]
    )
    can_see_holder = request.scope.allows("view", target.resolution.body)
    ctx = {
        "body": body,
        "target": target,
        "standing": standing,
        "behind": selectors.target_behind(target, at=body),
        "entries": list(entries),
        "resolution_visible": can_see_holder,
        "can_edit": request.scope.allows("edit_resolutions", body),
        "can_enter": request.scope.allows("enter_progress", body),
        "may_hand_down": Body.objects.filter(subtree_q(body.path), depth=body.depth + 1).exists(),
        "progress": chart_selectors.target_progress(target, at=body),
    }
    return render(request, "resolutions/target.html", ctx)


def _share(target: Target, body: Body) -> TargetAssignment | None:
    """The body's share of the target (None when it holds the target itself)."""
    if target.resolution.body_id == body.pk:
        return None
    return TargetAssignment.objects.get(target=target, body=body)


@login_required
@require_http_methods(["GET", "POST"])
def hand_down(request: HttpRequest, body_pk: int, target_pk: int) -> HttpResponse:
    body, target = get_target_at(request, body_pk, target_pk, "edit_resolutions")
    via = _share(target, body)
    handed = set(TargetAssignment.objects.filter(target=target).values_list("body_id", flat=True))
    offered = [
        b
        for b in Body.objects.filter(subtree_q(body.path), depth=body.depth + 1)
        .filter(merged_on__isnull=True, dissolved_on__isnull=True)
        .order_by("path")[:HAND_DOWN_ROWS]
        if b.pk not in handed
    ]
    how = request.POST.get("how", "")
    form = HandDownForm(request.POST if how == "chosen" else None, bodies=offered)
    level_form = HandDownLevelForm(request.POST if how == "level" else None)
    url = reverse("resolutions:target", args=[body.pk, target.pk])
    if request.method == "POST":
        if dup := already_submitted(request):
            return dup
        posted = form if how == "chosen" else level_form
        if how in ("chosen", "level") and posted.is_valid():

            def save():
                if how == "chosen":
                    values, weights = form.chosen()
                    rows = services.target_hand_down(
                        target=target, values=values, weights=weights, via=via, user=request.user
                    )
                else:
                    rows = services.target_hand_down_level(
                        target=target,
                        level=posted.cleaned_data["level"],
                        value=posted.cleaned_data["value"],
                        via=via,
                        user=request.user,
                    )
                return _("Target handed to %(n)s bodies.") % {"n": len(rows)}, url

            try:
                if done := submit_once(request, save):
                    return done
            except ValidationError as e:
                apply_validation_error(posted, e)  # a refusal of a body or value: on the form
    ctx = {
        "body": body,
        "target": target,
        "form": form,
        "level_form": level_form,
        "form_token": form_token(request),
        "title": _("Hand down “%(title)s”") % {"title": target.title},
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "resolutions/hand_down.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest, body_pk: int, target_pk: int) -> HttpResponse:
    body, target = get_target_at(request, body_pk, target_pk, "enter_progress")
    form = ProgressForm(
        request.POST or None,
        initial={"on": timezone.localdate()},
        body=body,
        target=target,
        request=request,
    )

    def save(data):
        services.progress_enter(
            target=target,
            body=body,
            token=request.POST.get(FORM_TOKEN, "")[:64].strip(),
            user=request.user,
            **data,
        )
        return _("Progress entered."), reverse("resolutions:target", args=[body.pk, target.pk])

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("Progress of “%(title)s” at %(body)s") % {"title": target.title, "body": body.name},
        context={"body": body, "target": target},
    )
