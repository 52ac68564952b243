"""Pages about people: search, a person's page with the title chain, and its forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctct.bodies.models import Body
from ctct.core.access import get_body_for, get_person_for
from ctct.core.forms import already_submitted, apply_validation_error, form_token, mark_submitted
from ctct.people import selectors, services
from ctct.people.forms import PersonForm, PositionForm, RankForm
from ctct.people.titles import title_chain


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    results = selectors.search_people(request.scope, q, limit=50) if q.strip() else []
    template = "people/_results.html" if request.htmx else "people/index.html"
    return render(request, template, {"q": q, "results": results})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk)
    current = selectors.current_positions(person)
    all_positions = list(person.positions.select_related("body").order_by("-started_on"))
    # Positions at bodies outside the user's reach are counted, not shown.
    shown = [p for p in all_positions if request.scope.allows("view", p.body)]
    history = list(person.history.select_related("history_user").order_by("-history_date")[:10])
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "chain": title_chain(current),
            "positions": shown,
            "hidden_positions": len(all_positions) - len(shown),
            "ranks": selectors.person_rank_history(person),
            "history": history,
            "body_visible": request.scope.allows("view", person.body),
            "can_edit": request.scope.allows("edit_people", person.body),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk, "edit_people")
    if request.method == "POST" and (dup := already_submitted(request)):
        return dup
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                full_name=data["full_name"],
                body=body,
                rank=data["rank"],
                rank_conferred_on=data["rank_conferred_on"],
                birth_date=data["birth_date"],
                party_joined_on=data["party_joined_on"],
                party_confirmed_on=data["party_confirmed_on"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Added %(name)s.") % {"name": person.full_name})
            mark_submitted(request, person.get_absolute_url())
            return redirect(person)
    title = _("New member of %(body)s") % {"body": body.name}
    return render(
        request,
        "people/form.html",
        {"form": form, "title": title, "form_token": form_token(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, "edit_people")
    if request.method == "POST" and (dup := already_submitted(request)):
        return dup
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = Body.objects.filter(pk=data["body"]).first()
        if body is None or not request.scope.allows("edit_people", body):
            form.add_error("body", _("No such body in your scope."))
        else:
            try:
                services.position_create(
                    person=person,
                    body=body,
                    title=data["title"],
                    started_on=data["started_on"],
                    ended_on=data["ended_on"],
                )
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, _("Position added."))
                mark_submitted(request, person.get_absolute_url())
                return redirect(person)
    title = _("New position of %(name)s") % {"name": person.full_name}
    return render(
        request,
        "people/form.html",
        {"form": form, "title": title, "form_token": form_token(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rank_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, "edit_people")
    if request.method == "POST" and (dup := already_submitted(request)):
        return dup
    form = RankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rank_confer(
                person=person,
                rank=form.cleaned_data["rank"],
                conferred_on=form.cleaned_data["conferred_on"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Rank recorded."))
            mark_submitted(request, person.get_absolute_url())
            return redirect(person)
    title = _("Confer a rank on %(name)s") % {"name": person.full_name}
    return render(
        request,
        "people/form.html",
        {"form": form, "title": title, "form_token": form_token(request)},
    )
