"""Pages of the rating rounds: a body's ratings, opening a round (in the background for a big
subtree, with the opening's progress), a round's progress under a body, closing it, the
sheets a body keeps (self-rating and review), the decisions of a deciding committee with its
quota shown live, and the discipline records (recording and withdrawing them).

Every page is reached through a body the user may see (404 outside the scope) and then asks
for the action it needs (403 without it). A service's refusal is shown on the form that was
posted, with what was typed kept.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
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
from ctct.ratings import page_selectors, selectors, services, tasks
from ctct.ratings import rules as rating_rules
from ctct.ratings.models import Discipline, RatingRound, RatingSheet, RoundOpening
from ctct.ratings.round_forms import (
    DecideForm,
    DisciplineForm,
    DisciplineWithdrawForm,
    ReviewForm,
    RoundCloseForm,
    RoundOpenForm,
    SelfRatingForm,
    pending_levels,
    typed_scores,
)

MSG_NO_ROUND = gettext_lazy("No such rating round reaches this body.")
MSG_NOT_ALLOWED = gettext_lazy("Your role does not allow this here.")
MSG_NO_OPENING = gettext_lazy("No such opening of a round for this body.")
MSG_CLOSE_AT_OPENER = gettext_lazy("A round is closed by the body that opened it.")
MSG_NO_DISCIPLINE = gettext_lazy("No such discipline record kept at this body.")

# The discipline list shows this many a page.
DISCIPLINE_PAGE = 50

Step = RatingSheet.Step
OPEN = RatingRound.State.OPEN


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
    """A body the user may see and a sheet it keeps or reviews (the own sheet of a body right
    below it); else 404."""
    body = get_body_for(request, body_pk)
    qs = RatingSheet.objects.filter(
        Q(rated_at=body) | page_selectors.own_sheets_of_children_q(body)
    ).select_related("round__body", "person", "body", "rated_at", "decider", "grassroots")
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
        "can_decide": request.scope.allows("decide_ratings", body),
        "can_see_discipline": request.scope.allows("see_discipline", body),
        "can_record_discipline": request.scope.allows("record_discipline", body),
    }
    return render(request, "ratings/body.html", ctx)


def _open_initial(request, body: Body) -> dict:
    """Today's year and date; after a failed opening (``?again=<opening>``), what it asked."""
    today = timezone.localdate()
    initial = {"year": today.year, "opened_on": today}
    again = request.GET.get("again", "")
    if again.isdigit() and len(again) < 19:
        failed = RoundOpening.objects.filter(pk=int(again), body=body).first()
        if failed is not None:
            for name in ("year", "quarter", "opened_on", "self_due", "review_due", "decide_due"):
                initial[name] = getattr(failed, name)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, body_pk: int) -> HttpResponse:
    """Open a round: in the request for a small subtree; for a big one (at least
    ``tasks.open_inline_below()`` sheets) checked at once, then queued, and the user is sent
    to the opening's progress."""
    body = get_body_for(request, body_pk)
    _require(request, "open_rating_rounds", body)
    form = RoundOpenForm(
        request.POST or None, initial=_open_initial(request, body), request=request
    )

    def save(data):
        expected = services.round_sheets_expected(
            body=body, year=data["year"], quarter=data["quarter"]
        )
        if expected >= tasks.open_inline_below():
            opening = tasks.round_opening_start(
                body=body, user=request.user, expected=expected, **data
            )
            return _("Opening queued: %(n)s sheets to write.") % {"n": expected}, reverse(
                "ratings:opening", args=[body.pk, opening.pk]
            )
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


def _opening_at(request, body_pk: int, opening_pk: int) -> tuple[Body, RoundOpening]:
    body = get_body_for(request, body_pk)
    _require(request, "open_rating_rounds", body)
    opening = RoundOpening.objects.filter(pk=opening_pk, body=body).select_related("round").first()
    if opening is None:
        raise Http404(MSG_NO_OPENING)
    return body, opening


def _opening_context(body: Body, opening: RoundOpening) -> dict:
    status, error = tasks.opening_state(opening)
    expected = max(opening.expected, 1)
    return {
        "body": body,
        "opening": opening,
        "status": status,
        "status_label": RoundOpening.Status(status).label,
        "error": error,
        "finished": status in (RoundOpening.Status.DONE, RoundOpening.Status.FAILED),
        "failed": status == RoundOpening.Status.FAILED,
        "percent": min(100, opening.written * 100 // expected),
        "when": _when(opening),
    }


@login_required
@require_GET
def opening_page(request: HttpRequest, body_pk: int, opening_pk: int) -> HttpResponse:
    """A queued opening of a round: its progress, polled until the round is open (then a
    link to it) or the opening failed (then the reason and a way to try again)."""
    body, opening = _opening_at(request, body_pk, opening_pk)
    return render(request, "ratings/opening.html", _opening_context(body, opening))


@login_required
@require_GET
def opening_progress(request: HttpRequest, body_pk: int, opening_pk: int) -> HttpResponse:
    """The progress block of an opening (htmx, every 2 s while it runs)."""
    body, opening = _opening_at(request, body_pk, opening_pk)
    return render(request, "ratings/_opening.html", _opening_context(body, opening))


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
        "can_decide": request.scope.allows("decide_ratings", body) and rnd.state == OPEN,
        "can_close": _may_close(request, body, rnd) and rnd.state == OPEN,
    }
    return render(request, "ratings/round.html", ctx)


def _may_close(request, body: Body, rnd: RatingRound) -> bool:
    """Closing a round is for those who may open rounds at the body that opened it."""
    return rnd.body_id == body.pk and request.scope.allows("open_rating_rounds", body)


def _close_page(request, body, rnd, form, status=200) -> HttpResponse:
    ctx = {
        "body": body,
        "round": rnd,
        "when": _when(rnd),
        "form": form,
        "undecided": page_selectors.undecided_count(rnd),
        "closed": rnd.state == RatingRound.State.CLOSED,
        "form_token": form_token(request),
    }
    return render(request, "ratings/close.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, body_pk: int, round_pk: int) -> HttpResponse:
    """Confirm closing the round: how many sheets are not decided yet; the service refuses
    while any is (and a round already closed)."""
    body, rnd = _round_at(request, body_pk, round_pk)
    if rnd.body_id != body.pk:
        raise Http404(MSG_CLOSE_AT_OPENER)
    _require(request, "open_rating_rounds", body)
    if request.method == "GET":
        return _close_page(request, body, rnd, RoundCloseForm())
    if dup := already_submitted(request):
        return dup
    form = RoundCloseForm(request.POST)
    if form.is_valid():

        def save():
            services.round_close(round=rnd, user=request.user)
            return _("Rating round closed: %(when)s.") % {"when": _when(rnd)}, reverse(
                "ratings:round", args=[body.pk, rnd.pk]
            )

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _close_page(request, body, rnd, form, status=400)


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
        "to_review": page_selectors.own_sheets_of_children(rnd, body),
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
    may_rate = request.scope.allows("rate", body) and sheet.round.state == OPEN
    can_rate = may_rate and sheet.rated_at_id == body.pk
    self_form = self_form or _self_form(request, body, sheet, rules)
    review_form = review_form or _review_form(sheet, rules)
    typed = typed_scores(rules, self_form.data if self_form.is_bound else self_form.initial)
    can_review = (
        may_rate
        and services.reviews(sheet, body)
        and sheet.step in (Step.SELF_RATED, Step.REVIEWED)
    )
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
    if sheet.rated_at_id != body.pk:
        # a body above reviews this sheet; the self-rating is entered where it is kept
        raise PermissionDenied(MSG_NOT_ALLOWED)
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
                sheet=sheet, at=body, level=data["level"], note=data["note"], user=request.user
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
    page = page_of(qs, request, size=DISCIPLINE_PAGE)
    for d in page.items:
        d.can_withdraw = d.withdrawn_on is None and request.scope.allows("record_discipline", d.at)
    ctx = {
        "page": page,
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


def _withdraw_page(request, d: Discipline, form, status=200) -> HttpResponse:
    names = {f.code: f.name for f in rating_rules.current().discipline_forms}
    ctx = {
        "d": d,
        "form_name": names.get(d.form, d.form),
        "form": form,
        "form_token": form_token(request),
    }
    return render(request, "ratings/withdraw.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def discipline_withdraw(request: HttpRequest, body_pk: int, discipline_pk: int) -> HttpResponse:
    """Withdraw a discipline (an appeal upheld) from a date: not before its decision, not
    after today, once."""
    body = get_body_for(request, body_pk)
    if not request.scope.allows("see_discipline", body):
        raise Http404(MSG_NO_DISCIPLINE)
    d = (
        selectors.disciplines_visible(request.scope)
        .filter(pk=discipline_pk, at=body)
        .select_related("person", "body", "at", "decided_by")
        .first()
    )
    if d is None:
        raise Http404(MSG_NO_DISCIPLINE)
    _require(request, "record_discipline", body)
    if request.method == "GET":
        return _withdraw_page(request, d, DisciplineWithdrawForm())
    if dup := already_submitted(request):
        return dup
    form = DisciplineWithdrawForm(request.POST)
    if form.is_valid():

        def save():
            services.discipline_withdraw(
                discipline=d, on=form.cleaned_data["on"], user=request.user
            )
            return _("Discipline withdrawn."), reverse("ratings:discipline")

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _withdraw_page(request, d, form, status=400)
