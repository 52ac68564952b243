"""Pages of awards: a giving body's lists for a year (each name with the rule behind it,
untick, propose again, add by hand, confirm), a decision's page (the QĐ drafted and issued,
.docx and .xlsx), and the downloads.

Viewing: whoever's scope views the giving body. Writing: ``give_awards`` on it (a POST
outside that answers 404). A refusal of the services is shown on the page, the rule named,
with nothing changed.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body, BodyKind
from ctct.core.access import get_scoped
from ctct.core.forms import already_submitted, create_form_page, form_token, submit_once
from ctct.ratings import award_export, awards
from ctct.ratings.award_forms import AddForm, IssueForm, ProposeForm, TickForm
from ctct.ratings.models import AwardDecision

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def default_year(today: dt.date | None = None) -> int:
    """The year whose awards are worked on: the past year until mid-year, then this one."""
    today = today or dt.date.today()
    return today.year if today.month >= 7 else today.year - 1


def _year(request) -> int:
    raw = request.GET.get("year", "")
    # four digits at most: the number checked is the number used (never "0202599999")
    if raw.isascii() and raw.isdigit() and len(raw) <= 4:
        if awards.FIRST_YEAR <= int(raw) <= awards.LAST_YEAR:
            return int(raw)
    return default_year()


def get_decision_for(request, pk: int, action: str = "view") -> AwardDecision:
    qs = request.scope.filter(
        AwardDecision.objects.select_related("giver", "kind", "document", "confirmed_by"),
        "giver",
        action,
    )
    return get_scoped(qs, pk)


def _errors(e: ValidationError) -> list[str]:
    return list(e.messages)


# --- a giver's lists ----------------------------------------------------------------------------
def _body_page(request, body, year: int, *, errors=(), status=200) -> HttpResponse:
    lists = awards.giver_lists(request.scope, body, year)
    if lists is None:
        raise Http404
    ctx = {
        "body": body,
        "year": year,
        "years": [year - 1, year + 1],
        "lists": lists,
        # The kinds its standing committee gives are on the standing committee's page.
        "standing": list(
            Body.objects.filter(
                path__startswith=body.path,
                depth=body.depth + 1,
                kind=BodyKind.STANDING_COMMITTEE,
            )
        ),
        "can_give": request.scope.allows("give_awards", body) and bool(lists),
        "errors": errors,
        "form_token": form_token(request),
    }
    return render(request, "ratings/awards/body.html", ctx, status=status)


@login_required
@require_GET
def body_awards(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    return _body_page(request, body, _year(request))


@login_required
@require_POST
def body_propose(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk, "give_awards")
    if dup := already_submitted(request):
        return dup
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _body_page(request, body, _year(request), errors=[_("Choose a year.")], status=400)
    year = form.cleaned_data["year"]

    def save():
        decisions = awards.award_propose(giver=body, year=year, user=request.user)
        count = sum(d.awards.count() for d in decisions)
        return _("Lists proposed from the ratings: %(n)s names.") % {"n": count}, (
            reverse("ratings:awards_body", args=[body.pk]) + f"?year={year}"
        )

    try:
        if done := submit_once(request, save):
            return done
    except ValidationError as e:
        return _body_page(request, body, year, errors=_errors(e), status=400)
    raise Http404  # pragma: no cover (save always returns)


@login_required
@require_http_methods(["GET", "POST"])
def body_add(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk, "give_awards")
    kinds = awards.kinds_given_by(body)
    if not kinds:
        raise Http404
    initial = {"year": _year(request)}
    form = AddForm(request.POST or None, initial=initial, kinds=kinds, request=request)
    branch = Body.objects.get_parent(body) if body.kind == BodyKind.STANDING_COMMITTEE else body
    for name in ("person", "body"):
        form.fields[name].limit_to_branch((branch or body).pk)

    def save(data):
        award = awards.award_add(
            giver=body,
            kind=data["kind"],
            year=data["year"],
            person=data["person"],
            body=data["body"],
            reason=data["reason"],
            user=request.user,
        )
        return _("%(name)s added to the list.") % {"name": award.recipient_name}, reverse(
            "ratings:awards_decision", args=[award.decision_id]
        )

    return create_form_page(
        request,
        form,
        save=save,
        template="ratings/awards/form.html",
        title=_("Add to an award list"),
        context={"body": body},
    )


# --- a decision -------------------------------------------------------------------------------
def _decision_page(request, decision, *, errors=(), issue_form=None, status=200) -> HttpResponse:
    names = list(
        decision.awards.select_related("person__body", "body").order_by("recipient_name", "id")
    )
    can_give = request.scope.allows("give_awards", decision.giver)
    ctx = {
        "decision": decision,
        "body": decision.giver,
        "awards": names,
        "included": sum(1 for a in names if a.included),
        "can_give": can_give,
        "is_open": decision.state == AwardDecision.State.PROPOSED,
        "rule": awards.rule_words(decision.kind),
        "rule_giver": awards.rule_giver(decision.kind),
        "issue_form": issue_form or IssueForm(),
        "errors": errors,
        "form_token": form_token(request),
    }
    return render(request, "ratings/awards/decision.html", ctx, status=status)


@login_required
@require_GET
def decision_page(request: HttpRequest, decision_pk: int) -> HttpResponse:
    return _decision_page(request, get_decision_for(request, decision_pk))


def _act(request, decision_pk: int, act, *, form=None) -> HttpResponse:
    """Run ``act(decision)`` once per form token; refusals shown on the decision's page."""
    decision = get_decision_for(request, decision_pk, "give_awards")
    if dup := already_submitted(request):
        return dup
    if form is not None and not form.is_valid():
        return _decision_page(
            request,
            decision,
            errors=[m for errs in form.errors.values() for m in errs],
            issue_form=form if isinstance(form, IssueForm) else None,
            status=400,
        )
    url = reverse("ratings:awards_decision", args=[decision.pk])

    def save():
        return act(decision), url

    try:
        if done := submit_once(request, save):
            return done
    except ValidationError as e:
        decision.refresh_from_db()
        return _decision_page(request, decision, errors=_errors(e), status=400)
    raise Http404  # pragma: no cover


@login_required
@require_POST
def decision_tick(request: HttpRequest, decision_pk: int) -> HttpResponse:
    form = TickForm(request.POST)

    def act(decision):
        award = decision.awards.filter(pk=form.cleaned_data["award"]).first()
        if award is None:
            raise ValidationError(_("No such name on this list."))
        award = awards.award_exclude(
            award=award, included=form.cleaned_data["included"], user=request.user
        )
        if award.included:
            return _("%(name)s is ticked again.") % {"name": award.recipient_name}
        return _("%(name)s is unticked.") % {"name": award.recipient_name}

    return _act(request, decision_pk, act, form=form)


@login_required
@require_POST
def decision_confirm(request: HttpRequest, decision_pk: int) -> HttpResponse:
    def act(decision):
        awards.award_confirm(decision=decision, user=request.user)
        return _("The list is confirmed.")

    return _act(request, decision_pk, act)


@login_required
@require_POST
def decision_draft(request: HttpRequest, decision_pk: int) -> HttpResponse:
    def act(decision):
        doc = awards.award_draft_document(decision=decision, user=request.user)
        return _("The decision is drafted in the registry: %(title)s.") % {"title": doc.title}

    return _act(request, decision_pk, act)


@login_required
@require_POST
def decision_issue(request: HttpRequest, decision_pk: int) -> HttpResponse:
    form = IssueForm(request.POST)

    def act(decision):
        d = awards.award_issue(
            decision=decision, issued_on=form.cleaned_data["issued_on"], user=request.user
        )
        d.document.refresh_from_db()
        return _("The decision is issued: %(citation)s.") % {"citation": d.document.citation}

    return _act(request, decision_pk, act, form=form)


def _download(data: bytes, mimetype: str, name: str) -> HttpResponse:
    r = HttpResponse(data, content_type=mimetype)
    r["Content-Disposition"] = f'attachment; filename="{name}"'
    return r


@login_required
@require_GET
def decision_docx(request: HttpRequest, decision_pk: int) -> HttpResponse:
    decision = get_decision_for(request, decision_pk)
    name = f"quyet-dinh-khen-thuong-{decision.year}-{decision.pk}.docx"
    return _download(award_export.decision_docx(decision), DOCX, name)


@login_required
@require_GET
def decision_xlsx(request: HttpRequest, decision_pk: int) -> HttpResponse:
    decision = get_decision_for(request, decision_pk)
    name = f"danh-sach-khen-thuong-{decision.year}-{decision.pk}.xlsx"
    return _download(award_export.decision_xlsx(decision), XLSX, name)
