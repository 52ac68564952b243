"""Pages that correct or remove what was written: a resolution, its focus tasks and solution
groups, its targets, the shares handed down (and handing a target to any body below), and
progress entries.

Each view fetches its record through the scope (404 outside it), then asks for the action the
change needs (403 for a role that may not act); a service's refusal is shown on the form or
on the confirmation page, with what was typed kept. A removal asks to confirm first.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ctct.bodies.models import Body
from ctct.core.access import get_scoped
from ctct.core.forms import apply_validation_error, create_form_page
from ctct.resolutions import services
from ctct.resolutions.forms import (
    EntryForm,
    EntryRemoveForm,
    HandDownAnyForm,
    ResolutionEditForm,
    ShareForm,
    TargetEditForm,
    TextForm,
)
from ctct.resolutions.models import (
    FocusTask,
    ProgressEntry,
    Resolution,
    SolutionGroup,
    Target,
    TargetAssignment,
)
from ctct.resolutions.permissions import may_correct_entry
from ctct.resolutions.views import _share, get_resolution_for, get_target_at

MSG_ALREADY_REMOVED = gettext_lazy("It was already removed.")
MSG_NOT_YOUR_ENTRY = gettext_lazy(
    "Only the one who entered it, or a secretary of a body above, may correct this entry."
)

# The two ordered lists of a resolution, by the name their URLs carry.
PARTS = {
    "tasks": (FocusTask, "task", "focus-tasks"),
    "groups": (SolutionGroup, "group", "solution-groups"),
}


def _require(request, action: str, body) -> None:
    if not request.scope.allows(action, body):
        raise PermissionDenied


def _resolution(request, pk: int) -> Resolution:
    """The resolution (404 outside the scope) when the user may edit it (else 403)."""
    resolution = get_resolution_for(request, pk)
    _require(request, "edit_resolutions", resolution.body)
    return resolution


def _detail_url(resolution_pk: int, anchor: str = "") -> str:
    url = reverse("resolutions:detail", args=[resolution_pk])
    return f"{url}#{anchor}" if anchor else url


def _gone(request, model, pk: int, url: str) -> HttpResponse:
    """A second confirmation of a removal finds the record gone: say so (when its body is in
    the user's reach); else 404."""
    if not request.POST.get("confirmed"):
        raise Http404
    removed = model.history.filter(id=pk, history_type="-").first()
    body_id = getattr(removed, "body_id", None)
    if removed is None or (
        body_id is not None and not request.scope.allows("view", Body.objects.get(pk=body_id))
    ):
        raise Http404
    messages.info(request, MSG_ALREADY_REMOVED)
    return redirect(url)


def _confirm(request, *, what: str, back: str, title: str, form=None, status: int = 200):
    ctx = {"what": what, "back": back, "title": title, "form": form}
    return render(request, "resolutions/confirm_remove.html", ctx, status=status)


def _edit_page(request, form, *, title: str, save, done: str, context: dict) -> HttpResponse:
    """GET shows ``form``; a valid POST calls ``save(cleaned_data)`` and goes to ``done``;
    a refusal is shown on the form (400) with what was typed kept."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                message = save(form.cleaned_data)
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, message)
                return redirect(done)
    ctx = {"form": form, "title": title, **context}
    return render(request, "resolutions/form.html", ctx, status=status)


def _remove(request, *, what: str, back: str, done: str, title: str, remove, message: str):
    """Confirm first (GET, or a POST without ``confirmed``), then remove; a refusal is shown
    on the confirmation page."""
    if request.method == "POST" and request.POST.get("confirmed"):
        try:
            remove()
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return _confirm(request, what=what, back=back, title=title, status=400)
        messages.success(request, message)
        return redirect(done)
    return _confirm(request, what=what, back=back, title=title)


# --- a resolution ---------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def resolution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = _resolution(request, pk)
    form = ResolutionEditForm(request.POST or None, resolution=resolution, request=request)

    def save(data):
        services.resolution_update(resolution=resolution, user=request.user, **data)
        return _("Resolution corrected.")

    return _edit_page(
        request,
        form,
        title=_("Correct “%(title)s”") % {"title": resolution.title},
        save=save,
        done=_detail_url(resolution.pk),
        context={"body": resolution.body, "resolution": resolution},
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        resolution = _resolution(request, pk)
    except Http404:
        return _gone(request, Resolution, pk, reverse("resolutions:index"))
    return _remove(
        request,
        what=resolution.title,
        back=_detail_url(resolution.pk),
        done=reverse("resolutions:body", args=[resolution.body_id]),
        title=_("Remove the resolution?"),
        remove=lambda: services.resolution_remove(resolution=resolution, user=request.user),
        message=_("Resolution removed: %(title)s") % {"title": resolution.title},
    )


# --- focus tasks and solution groups --------------------------------------------------------
def _part(request, pk: int, kind: str, part_pk: int):
    if kind not in PARTS:
        raise Http404
    resolution = _resolution(request, pk)
    model, name, anchor = PARTS[kind]
    part = get_scoped(model.objects.filter(resolution=resolution), part_pk)
    return resolution, part, name, anchor


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request: HttpRequest, pk: int, kind: str, part_pk: int) -> HttpResponse:
    resolution, part, name, anchor = _part(request, pk, kind, part_pk)
    form = TextForm(request.POST or None, initial={"text": part.text})
    update = getattr(services, f"{'focus_task' if name == 'task' else 'solution_group'}_update")

    def save(data):
        update(**{name: part}, text=data["text"], user=request.user)
        return _("Corrected.")

    return _edit_page(
        request,
        form,
        title=_("Correct the focus task") if name == "task" else _("Correct the solution group"),
        save=save,
        done=_detail_url(resolution.pk, anchor),
        context={"body": resolution.body, "resolution": resolution},
    )


@login_required
@require_POST
def part_move(request: HttpRequest, pk: int, kind: str, part_pk: int) -> HttpResponse:
    resolution, part, name, anchor = _part(request, pk, kind, part_pk)
    move = getattr(services, f"{'focus_task' if name == 'task' else 'solution_group'}_move")
    move(**{name: part}, up=request.POST.get("direction") != "down", user=request.user)
    return redirect(_detail_url(resolution.pk, anchor))


@login_required
@require_http_methods(["GET", "POST"])
def part_remove(request: HttpRequest, pk: int, kind: str, part_pk: int) -> HttpResponse:
    try:
        resolution, part, name, anchor = _part(request, pk, kind, part_pk)
    except Http404:
        if kind not in PARTS:
            raise
        return _gone(request, PARTS[kind][0], part_pk, _detail_url(_resolution(request, pk).pk))
    remove = getattr(services, f"{'focus_task' if name == 'task' else 'solution_group'}_remove")
    return _remove(
        request,
        what=part.text,
        back=_detail_url(resolution.pk, anchor),
        done=_detail_url(resolution.pk, anchor),
        title=_("Remove the focus task?") if name == "task" else _("Remove the solution group?"),
        remove=lambda: remove(**{name: part}, user=request.user),
        message=_("Removed."),
    )


# --- targets --------------------------------------------------------------------------------
def _target(request, pk: int, target_pk: int):
    resolution = _resolution(request, pk)
    return resolution, get_scoped(
        Target.objects.filter(resolution=resolution).select_related("parent"), target_pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    resolution, target = _target(request, pk, target_pk)
    form = TargetEditForm(request.POST or None, target=target, resolution=resolution)

    def save(data):
        services.target_update(
            target=target,
            user=request.user,
            **{**data, "period": data["period"] or None},
        )
        return _("Target corrected.")

    return _edit_page(
        request,
        form,
        title=_("Correct the target “%(title)s”") % {"title": target.title},
        save=save,
        done=reverse("resolutions:target", args=[resolution.body_id, target.pk]),
        context={"body": resolution.body, "resolution": resolution, "target": target},
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_remove(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    try:
        resolution, target = _target(request, pk, target_pk)
    except Http404:
        return _gone(request, Target, target_pk, _detail_url(_resolution(request, pk).pk))
    return _remove(
        request,
        what=target.title,
        back=_detail_url(resolution.pk),
        done=_detail_url(resolution.pk),
        title=_("Remove the target?"),
        remove=lambda: services.target_remove(target=target, user=request.user),
        message=_("Target removed: %(title)s") % {"title": target.title},
    )


# --- shares handed down ---------------------------------------------------------------------
def _share_of(request, share_pk: int):
    """A share the user sees (404 otherwise), the body that handed it, and 403 unless the user
    may edit that body's resolutions."""
    share = get_scoped(
        request.scope.filter(
            TargetAssignment.objects.select_related(
                "body", "target__resolution__body", "parent__body"
            ),
            "body",
        ),
        share_pk,
    )
    hander = share.parent.body if share.parent_id else share.target.resolution.body
    _require(request, "edit_resolutions", hander)
    return share, hander


@login_required
@require_http_methods(["GET", "POST"])
def share_edit(request: HttpRequest, share_pk: int) -> HttpResponse:
    share, hander = _share_of(request, share_pk)
    form = ShareForm(request.POST or None, share=share)

    def save(data):
        services.share_update(share=share, user=request.user, **data)
        return _("%(body)s's value changed.") % {"body": share.body.name}

    return _edit_page(
        request,
        form,
        title=_("Value of “%(title)s” handed to %(body)s")
        % {"title": share.target.title, "body": share.body.name},
        save=save,
        done=reverse("resolutions:target", args=[hander.pk, share.target_id]),
        context={"body": hander, "target": share.target},
    )


@login_required
@require_http_methods(["GET", "POST"])
def share_withdraw(request: HttpRequest, share_pk: int) -> HttpResponse:
    try:
        share, hander = _share_of(request, share_pk)
    except Http404:
        return _gone(request, TargetAssignment, share_pk, reverse("resolutions:index"))
    url = reverse("resolutions:target", args=[hander.pk, share.target_id])
    return _remove(
        request,
        what=f"{share.target.title} → {share.body.name}",
        back=url,
        done=url,
        title=_("Withdraw the target from %(body)s?") % {"body": share.body.name},
        remove=lambda: services.share_withdraw(share=share, user=request.user),
        message=_("Target withdrawn from %(body)s.") % {"body": share.body.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def hand_down_any(request: HttpRequest, body_pk: int, target_pk: int) -> HttpResponse:
    """Hand the target (or the body's share of it) to one body anywhere below, chosen with the
    body picker limited to the body's subtree."""
    body, target = get_target_at(request, body_pk, target_pk)
    _require(request, "edit_resolutions", body)
    via = _share(target, body)
    form = HandDownAnyForm(request.POST or None, holder=body, request=request)

    def save(data):
        chosen = data["body"]
        weights = {chosen: data["weight"]} if data["weight"] else None
        services.target_hand_down(
            target=target,
            values={chosen: data["target_value"]},
            weights=weights,
            via=via,
            user=request.user,
        )
        return _("Target handed to %(body)s.") % {"body": chosen.name}, reverse(
            "resolutions:target", args=[body.pk, target.pk]
        )

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("Hand “%(title)s” to a body below %(body)s")
        % {"title": target.title, "body": body.name},
        context={"body": body, "target": target},
    )


# --- progress entries -----------------------------------------------------------------------
def _entry(request, entry_pk: int) -> ProgressEntry:
    entry = get_scoped(
        request.scope.filter(
            ProgressEntry.objects.select_related("body", "target__resolution"), "body"
        ),
        entry_pk,
    )
    if not may_correct_entry(request.scope, request.user, entry):
        raise PermissionDenied(MSG_NOT_YOUR_ENTRY)
    return entry


def _entry_url(entry: ProgressEntry) -> str:
    return reverse("resolutions:target", args=[entry.body_id, entry.target_id]) + "#entries"


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, entry_pk: int) -> HttpResponse:
    entry = _entry(request, entry_pk)
    form = EntryForm(request.POST or None, entry=entry)

    def save(data):
        services.progress_correct(entry=entry, user=request.user, **data)
        return _("Entry corrected.")

    return _edit_page(
        request,
        form,
        title=_("Correct the entry of %(date)s at %(body)s")
        % {"date": f"{entry.on:%d/%m/%Y}", "body": entry.body.name},
        save=save,
        done=_entry_url(entry),
        context={"body": entry.body, "target": entry.target},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_remove(request: HttpRequest, entry_pk: int) -> HttpResponse:
    try:
        entry = _entry(request, entry_pk)
    except Http404:
        return _gone(request, ProgressEntry, entry_pk, reverse("resolutions:index"))
    form = EntryRemoveForm(request.POST or None)
    what = f"{entry.on:%d/%m/%Y} · {entry.body.name}: {entry.value.normalize():f}"
    title = _("Remove the entry?")
    back = _entry_url(entry)
    if request.method == "POST" and request.POST.get("confirmed"):
        if form.is_valid():
            try:
                services.progress_remove(
                    entry=entry, reason=form.cleaned_data["reason"], user=request.user
                )
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, _("Entry removed."))
                return redirect(back)
        return _confirm(request, what=what, back=back, title=title, form=form, status=400)
    return _confirm(request, what=what, back=back, title=title, form=form.__class__())
