"""Pages of the Party tree: the tree browser with search, a body's page, and its forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctct.bodies import selectors, services
from ctct.bodies.access import get_body_for
from ctct.bodies.forms import BodyForm, BodyMoveForm
from ctct.bodies.models import Body
from ctct.core.forms import apply_validation_error, create_form_page, page_number

CHILDREN_PER_PAGE = 50


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    roots = list(selectors.root_bodies(request.scope))
    return render(request, "bodies/tree.html", {"roots": roots})


@login_required
@require_GET
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx fragment that unfolds one node of the tree."""
    body = get_body_for(request, pk)
    kids = selectors.children_with_counts(body, page=page_number(request), size=CHILDREN_PER_PAGE)
    return render(request, "bodies/_children.html", {"parent": body, "kids": kids})


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    results = selectors.search_bodies(request.scope, q) if q.strip() else []
    template = "bodies/_search_results.html" if request.htmx else "bodies/search.html"
    return render(request, template, {"q": q, "results": results})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_body_for(request, pk)
    kids = selectors.children_with_counts(body, page=page_number(request), size=CHILDREN_PER_PAGE)
    history = list(body.history.select_related("history_user").order_by("-history_date")[:10])
    context = {
        "body": body,
        "breadcrumb": selectors.visible_ancestors(body, request.scope),
        "kids": kids,
        "predecessors": list(body.predecessors.all()),
        "history": history,
        "can_edit": request.scope.allows("edit_bodies", body),
    }
    return render(request, "bodies/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_body_for(request, pk, "edit_bodies")
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {f: form.cleaned_data[f] for f in services.EDITABLE_FIELDS}
            services.body_update(body=Body.objects.get(pk=body.pk), **fields)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect(body)
    return render(
        request, "bodies/form.html", {"form": form, "body": body, "title": _("Edit body")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_body_for(request, pk, "edit_bodies")

    def save(data):
        child = services.body_create(
            parent=parent, **{f: data[f] for f in services.EDITABLE_FIELDS}
        )
        return _("Created %(name)s.") % {"name": child.name}, child.get_absolute_url()

    return create_form_page(
        request,
        BodyForm(request.POST or None),
        save=save,
        template="bodies/form.html",
        title=_("New subordinate body of %(name)s") % {"name": parent.name},
        context={"body": parent},
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_body_for(request, pk, "edit_bodies")
    if body.is_root():
        raise Http404("A root body cannot be moved")
    form = BodyMoveForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_move(body=body, new_parent=form.cleaned_data["new_parent"])
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Moved."))
            return redirect("bodies:detail", pk=body.pk)
    return render(
        request, "bodies/form.html", {"form": form, "body": body, "title": _("Move body")}
    )
