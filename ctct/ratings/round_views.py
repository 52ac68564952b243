"""Pages of the rating rounds: a body's ratings, opening a round, a round's progress under a
body, the sheets a body keeps (self-rating and review), the decisions of a deciding committee
with its quota shown live, and the discipline records.

Every page is reached through a body the user may see (404 outside the scope) and then asks
for the action it needs (403 without it). A service's refusal is shown on the form that was
posted, with what was typed kept.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.core.access import get_scoped
from ctct.core.forms import (
    already_submitted,
    apply_validation_error,
    create_form_page,
    form_token,
    page_of,
    submit_once,
)
from ctct.ratings import page_selectors, selectors, services
from ctct.ratings import rules as rating_rules
from ctct.ratings.models import RatingRound, RatingSheet
from ctct.ratings.round_forms import (
    DecideForm,
    DisciplineForm,
    ReviewForm,
    RoundOpenForm,
    SelfRatingForm,
    pending_levels,
    typed_scores,
)

MSG_NO_ROUND = gettext_lazy("No such rating round reaches this body.")
MSG_NOT_ALLOWED = gettext_lazy("Your role does not allow this here.")

# The discipline list shows this many a page.
DISCIPLINE_PAGE = 50

Step = RatingSheet.Step


def _require(request, action: str, body: Body) -> None:
    if not request.scope.allows(action, body):
        raise PermissionDenied(MSG_NOT_ALLOWED)


def _round_at(request, body_pk: int, round_pk: int) -> tuple[Body, RatingRound]:
    """A body the user may see and a round opened by it or a body above it; else 404."""
    body = get_body_for(request, body_pk)
    rnd = page_selectors.round_reaching(body, round_pk)
    if rnd is None:
        raise Http404(MSG_NO_ROUND)
    return body, rnd


def _sheet_at(request, body_pk: int, sheet_pk: int) -> tuple[Body, RatingSheet]:
    """A body the user may see and a sheet it keeps; else 404."""
    body = get_body_for(request, body_pk)
    qs = RatingSheet.objects.filter(rated_at=body).select_related(
        "round__body", "person", "body", "rated_at", "decider", "grassroots"
    )
    return body, get_scoped(qs, sheet_pk)


def _when(rnd: RatingRound) -> str:
    if rnd.quarter:
        return _("quarter %(q)s of %(year)s") % {"q": rnd.quarter, "year": rnd.year}
    return str(rnd.year)


# --- a body's ratings ------------------------------------------------------------------------
@login_required
@require_GET
def body_page(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    rounds = page_selectors.rounds_reaching(body)
    ctx = {
        "body": body,
        "rounds": rounds,
        "can_open": request.scope.allows("open_rating_rounds", body),
        "can_see_discipline": request.scope.allows("see_discipline", body),
        "can_record_discipline": request.scope.allows("record_discipline", body),
    }
    return render(request, "ratings/body.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    _require(request, "open_rating_rounds", body)
    today = timezone.localdate()
    form = RoundOpenForm(
        request.POST or None,
        initial={"year": today.year, "opened_on": today},
        request=request,
    )

    def save(data):
        rnd = services.round_open(body=body, user=request.user, **data)
        return _("Rating round opened: %(when)s.") % {"when": _when(rnd)}, reverse(
            "ratings:round", args=[body.pk, rnd.pk]
        )

    return create_form_page(
        request,
        form,
        save=save,
        template="ratings/form.html",
        title=_("Open a rating round for %(body)s") % {"body": body.name},
        context={"body": body},
    )


# --- a round's progress ------------------------------------------------------------------------
@login_required
@require_GET
def round_page(request: HttpRequest, body_pk: int, round_pk: int) -> HttpResponse:
    body, rnd = _round_at(request, body_pk, round_pk)
    progress = page_selectors.round_progress_under(request.scope, rnd, body)
    ctx = {
        "body": body,
        "round": rnd,
        "when": _when(rnd),
        "r": progress,
        "can_rate": request.scope.allows("rate", body),
        "can_decide": request.scope.allows("decide_ratings", body),
    }
    return render(request, "ratings/round.html", ctx)


# --- the sheets a body keeps --------------------------------------------------------------------
@login_required
@require_GET
def sheets_page(request: HttpRequest, body_pk: int, round_pk: int) -> HttpResponse:
    body, rnd = _round_at(request, body_pk, round_pk)
    sheets = page_selectors.sheets_kept_at(rnd, body)
    ctx = {
        "body": body,
        "round": rnd,
        "when": _when(rnd),
        "sheets": sheets,
        "rules": rating_rules.current(),
        "can_rate": request.scope.allows("rate", body),
    }
    return render(request, "ratings/sheets.html", ctx)


def _self_form(request, body, sheet, rules, data=None) -> SelfRatingForm:
    initial = {
        "level": sheet.proposed_level,
        "assessment": sheet.self_assessment,
        "on_time": sheet.on_time_pct,
        "beyond": sheet.beyond_pct,
        "late": sheet.late_pct,
        **{f"score_{k}": v for k, v in (sheet.scores or {}).items()},
    }
    band_url = reverse("ratings:sheet_band", args=[body.pk, sheet.pk])
    return SelfRatingForm(
        data, initial=initial, rules=rules, band_url=band_url, is_body=sheet.subject == "body"
    )


def _review_form(sheet, rules, data=None) -> ReviewForm:
    initial = {"level": sheet.reviewed_level or sheet.proposed_level, "note": sheet.review_note}
    return ReviewForm(data, initial=initial, rules=rules)


def _band(rules, scores) -> dict | None:
    if scores is None:
        return None
    total = sum(scores.values())
    code = rating_rules.band_level(rules, total)
    return {"score": total, "max": rules.max_score, "level": rules.level(code)}


def _sheet_page(request, body, sheet, *, self_form=None, review_form=None, status=200):
    rules = rating_rules.current()
    can_rate = request.scope.allows("rate", body)
    self_form = self_form or _self_form(request, body, sheet, rules)
    review_form = review_form or _review_form(sheet, rules)
    typed = typed_scores(rules, self_form.data if self_form.is_bound else self_form.initial)
    can_review = can_rate and sheet.step in (Step.SELF_RATED, Step.REVIEWED)
    # A refusal of a form no longer shown (the sheet was decided meanwhile) is still said.
    refusals = []
    for form, shown in (
        (self_form, can_rate and sheet.step != Step.DECIDED),
        (review_form, can_review),
    ):
        if form.is_bound and not shown:
            refusals += [m for errors in form.errors.values() for m in errors]
    ctx = {
        "refusals": refusals,
        "body": body,
        "sheet": sheet,
        "round": sheet.round,
        "when": _when(sheet.round),
        "rules": rules,
        "levels": {lv.code: lv for lv in rules.levels},
        "can_rate": can_rate and sheet.step != Step.DECIDED,
        "can_review": can_review,
        "self_form": self_form,
        "review_form": review_form,
        "band": _band(rules, typed),
        "form_token": form_token(request),
    }
    return render(request, "ratings/sheet.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def sheet_page(request: HttpRequest, body_pk: int, sheet_pk: int) -> HttpResponse:
    """The sheet, its self-rating form (POST here) and its review form."""
    body, sheet = _sheet_at(request, body_pk, sheet_pk)
    if request.method == "GET":
        return _sheet_page(request, body, sheet)
    _require(request, "rate", body)
    if dup := already_submitted(request):
        return dup
    rules = rating_rules.current()
    form = _self_form(request, body, sheet, rules, request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def save():
            services.sheet_self_rate(
                sheet=sheet,
                scores=form.scores(),
                level=data["level"],
                assessment=data["assessment"],
                on_time=data["on_time"],
                beyond=data["beyond"],
                late=data.get("late"),
                user=request.user,
            )
            return _("Self-rating saved: %(who)s.") % {"who": _subject(sheet)}, reverse(
                "ratings:sheets", args=[body.pk, sheet.round_id]
            )

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _sheet_page(request, body, sheet, self_form=form, status=400)


@login_required
@require_http_methods(["POST"])
def sheet_review(request: HttpRequest, body_pk: int, sheet_pk: int) -> HttpResponse:
    body, sheet = _sheet_at(request, body_pk, sheet_pk)
    _require(request, "rate", body)
    if dup := already_submitted(request):
        return dup
    rules = rating_rules.current()
    form = _review_form(sheet, rules, request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def save():
            services.sheet_review(
                sheet=sheet, level=data["level"], note=data["note"], user=request.user
            )
            return _("Review saved: %(who)s.") % {"who": _subject(sheet)}, reverse(
                "ratings:sheets", args=[body.pk, sheet.round_id]
            )

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _sheet_page(request, body, sheet, review_form=form, status=400)


@login_required
@require_GET
def sheet_band(request: HttpRequest, body_pk: int, sheet_pk: int) -> HttpResponse:
    """The best level of the score band of the scores typed so far (an htmx fragment)."""
    _body, _sheet = _sheet_at(request, body_pk, sheet_pk)
    rules = rating_rules.current()
    return render(
        request, "ratings/_band.html", {"band": _band(rules, typed_scores(rules, request.GET))}
    )


def _subject(sheet: RatingSheet) -> str:
    return str(sheet.person if sheet.subject == "person" else sheet.body)


# --- deciding ------------------------------------------------------------------------------------
def _decide_context(request, body, rnd, form, rules, pending) -> dict:
    sheets = form.sheets
    return {
        "body": body,
        "round": rnd,
        "when": _when(rnd),
        "form": form,
        "rules": rules,
        "levels": {lv.code: lv for lv in rules.levels},
        "quotas": page_selectors.quota_rows(rules, rnd, sheets, pending),
        "form_token": form_token(request),
        "editable": rnd.state == RatingRound.State.OPEN,
    }


def _decide_form(request, body, rnd, rules, data=None) -> DecideForm:
    sheets = page_selectors.sheets_decided_by(rnd, body)
    initial = {}
    for s in sheets:
        initial[f"level_{s.pk}"] = s.decided_level or s.reviewed_level or s.proposed_level
        initial[f"note_{s.pk}"] = s.decision_note
    quota_url = reverse("ratings:decide_quota", args=[body.pk, rnd.pk])
    return DecideForm(data, initial=initial, rules=rules, sheets=sheets, quota_url=quota_url)


def _initial_pending(form: DecideForm) -> dict[int, str]:
    return {
        s.pk: form.initial[f"level_{s.pk}"]
        for s in form.sheets
        if form.initial.get(f"level_{s.pk}") and s.step not in (Step.DECIDED, Step.WAITING)
    }


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, body_pk: int, round_pk: int) -> HttpResponse:
    body, rnd = _round_at(request, body_pk, round_pk)
    _require(request, "decide_ratings", body)
    rules = rating_rules.current()
    if request.method == "GET":
        form = _decide_form(request, body, rnd, rules)
        ctx = _decide_context(request, body, rnd, form, rules, _initial_pending(form))
        return render(request, "ratings/decide.html", ctx)
    if dup := already_submitted(request):
        return dup
    form = _decide_form(request, body, rnd, rules, request.POST)
    pending = pending_levels(rules, form.sheets, request.POST)
    if form.is_valid():
        levels = form.levels()

        def save():
            done = services.sheets_decide(
                decider=body, round=rnd, levels=levels, notes=form.notes(), user=request.user
            )
            return _("%(n)s sheets decided.") % {"n": len(done)}, reverse(
                "ratings:round", args=[body.pk, rnd.pk]
            )

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    ctx = _decide_context(request, body, rnd, form, rules, pending)
    return render(request, "ratings/decide.html", ctx, status=400)


@login_required
@require_GET
def decide_quota(request: HttpRequest, body_pk: int, round_pk: int) -> HttpResponse:
    """The quota of each grassroots organization with the levels chosen so far (htmx)."""
    body, rnd = _round_at(request, body_pk, round_pk)
    _require(request, "decide_ratings", body)
    rules = rating_rules.current()
    sheets = page_selectors.sheets_decided_by(rnd, body)
    pending = pending_levels(rules, sheets, request.GET)
    ctx = {
        "quotas": page_selectors.quota_rows(rules, rnd, sheets, pending),
        "rules": rules,
        "levels": {lv.code: lv for lv in rules.levels},
    }
    return render(request, "ratings/_quota.html", ctx)


# --- discipline ------------------------------------------------------------------------------
@login_required
@require_GET
def discipline_list(request: HttpRequest) -> HttpResponse:
    if not request.scope.reaches("see_discipline"):
        raise PermissionDenied(MSG_NOT_ALLOWED)
    qs = selectors.disciplines_visible(request.scope).order_by("-decided_on", "-pk")
    rules = rating_rules.current()
    names = {f.code: f.name for f in rules.discipline_forms}
    ctx = {
        "page": page_of(qs, request, size=DISCIPLINE_PAGE),
        "names": names,
        "can_record": request.scope.reaches("record_discipline"),
    }
    return render(request, "ratings/discipline.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def discipline_record(request: HttpRequest) -> HttpResponse:
    if not request.scope.reaches("record_discipline"):
        raise PermissionDenied(MSG_NOT_ALLOWED)
    rules = rating_rules.current()
    form = DisciplineForm(request.POST or None, rules=rules, request=request)

    def save(data):
        target = data["person"].body if data["person"] is not None else data["body"]
        if target is None or not request.scope.allows("record_discipline", target):
            raise ValidationError(MSG_NOT_ALLOWED, code="not_allowed")
        services.discipline_record(user=request.user, **data)
        return _("Discipline recorded."), reverse("ratings:discipline")

    return create_form_page(
        request,
        form,
        save=save,
        template="ratings/form.html",
        title=_("Record a discipline"),
    )
