"""Pages of congress rounds: the rounds a user reaches, a round's dashboard (per level and
branch, the late and the pilots) and a body's preparation with its steps and reviews.

Views fetch through the scope (404 outside it) and read through ``selectors``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body, BodyKind
from ctct.congresses import news, rules, selectors, services
from ctct.congresses.forms import (
    CongressForm,
    CongressResolutionForm,
    PostponeForm,
    ReviewForm,
    RoundOpenForm,
    StepForm,
)
from ctct.congresses.models import Congress, CongressKind, CongressRound, Preparation
from ctct.core.access import get_scoped
from ctct.core.forms import (
    already_submitted,
    apply_validation_error,
    create_form_page,
    form_token,
    submit_once,
)
from ctct.core.treepaths import ancestor_paths, parent_path

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


def _may_open(request) -> bool:
    """May the user open a round: for a body with bodies below it to hold their congresses
    (a cell holds its own in the round of a body above it)."""
    scope = request.scope
    if not scope.reaches("open_congress_rounds"):
        return False
    if scope.is_superuser:
        return True
    paths = scope.paths("open_congress_rounds")
    return Body.objects.filter(path__in=paths).exclude(kind=BodyKind.CELL).exists()


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
    ctx = {
        "rounds": rounds,
        "own": own,
        "may_open": _may_open(request),
    }
    return render(request, "congresses/index.html", ctx)


@login_required
@require_GET
def dashboard(request: HttpRequest, round_pk: int) -> HttpResponse:
    rnd = get_round_for(request, round_pk)
    at = None
    if pk := _number(request.GET.get("body", "")):
        at = get_body_for(request, pk)
        if not at.path.startswith(rnd.body.path):
            at = None
    return _dashboard_page(request, rnd, at or rnd.body, by_body=False)


@login_required
@require_GET
def body_round(request: HttpRequest, body_pk: int, round_pk: int) -> HttpResponse:
    """A body's own branch of a round opened above it (or by it): the preparations of its
    subtree, reached from the body's page by whoever sees the body, even without seeing the
    body that opened the round; 404 for a body outside the scope or outside the round."""
    at = get_body_for(request, body_pk)
    rnd = CongressRound.objects.select_related("body", "directive").filter(pk=round_pk).first()
    if rnd is None or not at.path.startswith(rnd.body.path):
        raise Http404
    return _dashboard_page(request, rnd, at, by_body=True)


def _dashboard_page(request, rnd: CongressRound, at: Body, *, by_body: bool) -> HttpResponse:
    today = timezone.localdate()
    board = selectors.round_dashboard(rnd, request.scope, today=today, at=at, limit=LATE_SHOWN)
    crumbs = []
    if at.pk != rnd.body_id:
        paths = [
            p for p in ancestor_paths(at.path, include_self=True) if p.startswith(rnd.body.path)
        ]
        crumbs = list(request.scope.filter(Body.objects.filter(path__in=paths)).order_by("path"))
    ctx = {
        "round": rnd,
        "board": board,
        "at": at,
        "crumbs": crumbs,
        "by_body": by_body,
        "sees_round": request.scope.allows("view", rnd.body),
    }
    return render(request, "congresses/dashboard.html", ctx)


def _may_review(request, prep: Preparation) -> bool:
    """The superior decides on a body's papers: the review action one level up."""
    up = parent_path(prep.body.path) or prep.round.body.path
    return up != prep.body.path and request.scope.allows_path("review_congress", up)


def _may_step(request, prep: Preparation) -> bool:
    return request.scope.allows("prepare_congress", prep.body) and prep.stage in (
        rules.PLAN,
        rules.PAPERS,
        rules.REPORTED,
    )


def _preparation_page(request, prep: Preparation, *, status: int = 200, **forms) -> HttpResponse:
    page = selectors.preparation_page(prep)
    may_review = prep.stage == rules.REVIEW and _may_review(request, prep)
    ctx = {
        "prep": prep,
        "page": page,
        "today": timezone.localdate(),
        "can_see_round": request.scope.allows("view", prep.round.body),
        "step_form": (
            (forms.get("step_form") or StepForm(initial={"kind": prep.stage}))
            if _may_step(request, prep)
            else None
        ),
        "review_form": (forms.get("review_form") or ReviewForm()) if may_review else None,
        "may_record": _may_record(request, prep),
        "postpone_form": (
            (forms.get("postpone_form") or PostponeForm(initial={"planned_on": prep.planned_on}))
            if request.scope.allows("prepare_congress", prep.body)
            and prep.stage not in (rules.REPORTED, rules.DONE)
            else None
        ),
        "news": news.draft(page.congress) if page.congress else None,
        "term_targets": selectors.term_targets(page.congress, prep.body),
        "may_start_resolution": _may_start_resolution(request, prep, page.congress),
        "form_token": form_token(request),
    }
    return render(request, "congresses/preparation.html", ctx, status=status)


@login_required
@require_GET
def preparation(request: HttpRequest, prep_pk: int) -> HttpResponse:
    return _preparation_page(request, get_preparation_for(request, prep_pk))


@login_required
@require_POST
def step(request: HttpRequest, prep_pk: int) -> HttpResponse:
    """The body marks its next step done."""
    prep = get_preparation_for(request, prep_pk, "prepare_congress")
    if dup := already_submitted(request):
        return dup
    form = StepForm(request.POST)
    if form.is_valid():

        def save():
            services.step_done(
                preparation=prep,
                kind=form.cleaned_data["kind"] or prep.stage,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
            return _("Step recorded."), reverse("congresses:preparation", args=[prep.pk])

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            if "kind" not in getattr(e, "error_dict", {}):
                apply_validation_error(form, e)
            else:
                # The step was marked meanwhile (another tab, another user): back to the page
                # as it stands now, with why nothing was saved.
                messages.error(request, " ".join(e.messages))
                return redirect("congresses:preparation", prep.pk)
    return _preparation_page(request, prep, status=400, step_form=form)


@login_required
@require_POST
def review(request: HttpRequest, prep_pk: int) -> HttpResponse:
    """The superior approves the papers or returns them with comments."""
    prep = get_preparation_for(request, prep_pk)
    if not _may_review(request, prep):
        raise Http404
    if dup := already_submitted(request):
        return dup
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def save():
            services.review_decide(
                preparation=prep,
                approved=data["decision"] == ReviewForm.APPROVE,
                decided_on=data["decided_on"],
                comments=data["comments"],
                user=request.user,
            )
            return _("Decision recorded."), reverse("congresses:preparation", args=[prep.pk])

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _preparation_page(request, prep, status=400, review_form=form)


# --- opening a round --------------------------------------------------------------------------
@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    """A superior opens the congress round of its subtree (those allowed to open rounds on a
    body above the cells)."""
    if not _may_open(request):
        raise Http404
    initial = {"opened_on": timezone.localdate()}
    form = RoundOpenForm(request.POST or None, initial=initial, request=request)

    def save(data):
        rnd, _n = services.round_open(
            body=data["body"],
            directive=data["directive"],
            term_label=data["term_label"],
            opened_on=data["opened_on"],
            windows=data["windows"],
            pilots=data["pilots"],
            user=request.user,
        )
        return _("Congress round opened."), reverse("congresses:dashboard", args=[rnd.pk])

    return create_form_page(
        request,
        form,
        save=save,
        template="congresses/round_form.html",
        title=_("Open a congress round"),
    )


# --- the congress record ----------------------------------------------------------------------
def _congress_form(request, prep: Preparation, data=None) -> CongressForm:
    superior = prep.round.body if prep.round.body_id != prep.body_id else None
    up = parent_path(prep.body.path)
    if up and up.startswith(prep.round.body.path):
        superior = Body.objects.filter(path=up).first() or superior
    initial = {
        "term_label": prep.term_label,
        "kind": CongressKind.ALL_MEMBERS if prep.level == rules.CELL else CongressKind.DELEGATES,
        "opened_on": prep.planned_on,
        "directed_by": superior.pk if superior else None,
    }
    return CongressForm(
        data, initial=initial, request=request, inspection=prep.body.kind != BodyKind.CELL
    )


def _may_record(request, prep: Preparation) -> bool:
    return request.scope.allows("prepare_congress", prep.body) and prep.stage == rules.HELD


@login_required
def congress(request: HttpRequest, prep_pk: int) -> HttpResponse:
    """The body records its congress on its preparation's page."""
    prep = get_preparation_for(request, prep_pk, "prepare_congress")
    if prep.stage != rules.HELD:
        raise Http404
    form = _congress_form(request, prep, request.POST or None)
    if request.method == "POST":
        if dup := already_submitted(request):
            return dup
        if form.is_valid():
            data = form.cleaned_data

            def save():
                services.congress_record(
                    body=prep.body,
                    term_label=data["term_label"],
                    kind=data["kind"],
                    number=data["number"],
                    opened_on=data["opened_on"],
                    closed_on=data["closed_on"],
                    directed_by=data["directed_by"],
                    delegates_summoned=data["delegates_summoned"],
                    delegates_present=data["delegates_present"],
                    committee=data["committee"],
                    secretary=data["secretary"],
                    deputies=data["deputies"],
                    presidium=data["presidium"],
                    directing=data["directing"],
                    inspection=data.get("inspection", []),
                    delegates=data["delegates"],
                    postponement_reason=data["postponement_reason"],
                    user=request.user,
                )
                return _("Congress recorded."), reverse("congresses:preparation", args=[prep.pk])

            try:
                if done := submit_once(request, save):
                    return done
            except ValidationError as e:
                apply_validation_error(form, e)
        status = 400
    else:
        status = 200
    ctx = {"prep": prep, "form": form, "form_token": form_token(request)}
    return render(request, "congresses/congress_form.html", ctx, status=status)


@login_required
@require_POST
def postpone(request: HttpRequest, prep_pk: int) -> HttpResponse:
    """The body moves its planned opening, with the reason."""
    prep = get_preparation_for(request, prep_pk, "prepare_congress")
    if prep.stage == rules.DONE or prep.stage == rules.REPORTED:
        raise Http404
    if dup := already_submitted(request):
        return dup
    form = PostponeForm(request.POST)
    if form.is_valid():

        def save():
            services.preparation_postpone(
                preparation=prep,
                planned_on=form.cleaned_data["planned_on"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
            return _("Opening moved."), reverse("congresses:preparation", args=[prep.pk])

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _preparation_page(request, prep, status=400, postpone_form=form)


# --- the congress resolution -----------------------------------------------------------------
MSG_NO_RESOLUTION_RIGHT = gettext_lazy("You may not edit the resolutions of %(body)s.")


def _may_start_resolution(request, prep: Preparation, record: Congress | None) -> bool:
    """Who recorded the congress starts its resolution: ``prepare_congress`` and
    ``edit_resolutions`` on the body, while none is linked."""
    return (
        record is not None
        and record.resolution_id is None
        and request.scope.allows("prepare_congress", prep.body)
        and request.scope.allows("edit_resolutions", prep.body)
    )


@login_required
def resolution_new(request: HttpRequest, prep_pk: int) -> HttpResponse:
    """The congress resolution, started from the record: the resolutions app's form and
    service with the congress's body and term; the congress is linked to it."""
    prep = get_preparation_for(request, prep_pk, "prepare_congress")
    record = Congress.objects.filter(preparation=prep).select_related("term").first()
    if record is None:
        raise Http404
    if not request.scope.allows("edit_resolutions", prep.body):
        raise PermissionDenied(str(MSG_NO_RESOLUTION_RIGHT) % {"body": prep.body.name})
    back = reverse("congresses:preparation", args=[prep.pk]) + "#resolution"
    if record.resolution_id is not None:
        return redirect(back)
    initial = {"title": services.RESOLUTION_TITLE.format(congress=news.draft(record).headline)}
    form = CongressResolutionForm(request.POST or None, initial=initial, request=request)

    def save(data):
        services.congress_resolution_create(
            congress=record, title=data["title"], document=data["document"], user=request.user
        )
        return _("Resolution recorded and linked to the congress; add its term targets."), back

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("The resolution of the congress, term %(term)s") % {"term": record.term.label},
        context={"body": prep.body},
    )


# --- the news draft ---------------------------------------------------------------------------
@login_required
@require_GET
def news_text(request: HttpRequest, prep_pk: int) -> HttpResponse:
    """The news draft of the congress as a text file."""
    prep = get_preparation_for(request, prep_pk)
    record = Congress.objects.filter(preparation=prep).first()
    if record is None:
        raise Http404
    draft = news.draft(record)
    response = HttpResponse(draft.text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dai-hoi-{record.pk}.txt"'
    return response
