"""Pages about people: search, a person's page with the title chain, and its forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.core.forms import create_form_page
from ctct.people import selectors, services
from ctct.people.access import get_person_for
from ctct.people.forms import PersonForm, PositionForm, RankForm
from ctct.text.titles import title_chain


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    results = selectors.search_people(request.scope, q, limit=50) if q.strip() else []
    posts = selectors.search_posts(request.scope, q) if q.strip() else []
    template = "people/_results.html" if request.htmx else "people/index.html"
    return render(request, template, {"q": q, "results": results, "posts": posts})


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

    def save(data):
        person = services.person_create(body=body, **data)
        return _("Added %(name)s.") % {"name": person.full_name}, person.get_absolute_url()

    return create_form_page(
        request,
        PersonForm(request.POST or None),
        save=save,
        template="people/form.html",
        title=_("New member of %(body)s") % {"body": body.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, "edit_people")
    form = PositionForm(
        request.POST or None, initial={"body": request.GET.get("body")}, request=request
    )

    def save(data):
        body = Body.objects.filter(pk=data.pop("body")).first()
        if body is None or not request.scope.allows("edit_people", body):
            form.add_error("body", _("No such body in your scope."))
            return None
        services.position_create(person=person, body=body, **data)
        return _("Position added."), person.get_absolute_url()

    return create_form_page(
        request,
        form,
        save=save,
        template="people/form.html",
        title=_("New position of %(name)s") % {"name": person.full_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rank_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, "edit_people")

    def save(data):
        services.rank_confer(person=person, **data)
        return _("Rank recorded."), person.get_absolute_url()

    return create_form_page(
        request,
        RankForm(request.POST or None),
        save=save,
        template="people/form.html",
        title=_("Confer a rank on %(name)s") % {"name": person.full_name},
    )
