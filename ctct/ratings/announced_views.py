"""The awards panel of a conference's page: record an award announced there, remove one
recorded by mistake (after a confirmation). Writing needs ``edit_conferences`` on the
conference's body; outside it the conference answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctct.conferences.selectors import conferences_in_scope
from ctct.core.access import get_scoped
from ctct.core.forms import already_submitted, apply_validation_error, submit_once
from ctct.ratings import announced
from ctct.ratings.announced_forms import AnnounceForm
from ctct.ratings.models import Award, AwardDecision


def _conference(request, pk: int):
    qs = conferences_in_scope(request.scope, "edit_conferences").select_related("body")
    return get_scoped(qs, pk)


def _describe(a: Award) -> str:
    return f"{a.decision.award_name} — {a.recipient_name}"


@login_required
@require_POST
def conference_award_add(request: HttpRequest, conf_pk: int) -> HttpResponse:
    conf = _conference(request, conf_pk)
    if dup := already_submitted(request):
        return dup
    form = AnnounceForm(request.POST)
    if form.is_valid():

        def save():
            announced.award_announce(conference=conf, user=request.user, **form.cleaned_data)
            return _("Award recorded."), conf.get_absolute_url()

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    ctx = {"conference": conf, "form": form}
    return render(request, "ratings/announced/form.html", ctx, status=400)


@login_required
@require_POST
def conference_award_remove(request: HttpRequest, conf_pk: int) -> HttpResponse:
    """First a page asking to confirm, then (posted again with ``confirmed``) the service; a
    second confirmation finds it gone."""
    conf = _conference(request, conf_pk)
    raw = request.POST.get("award", "")
    oid = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else 0
    confirmed = bool(request.POST.get("confirmed"))
    part = (
        Award.objects.filter(pk=oid, decision__conference=conf).select_related("decision").first()
    )
    if part is None:
        gone = Award.history.filter(id=oid, history_type="-").values("decision_id")
        was_here = AwardDecision.history.filter(id__in=gone, conference_id=conf.pk)
        if confirmed and oid and was_here.exists():
            messages.info(request, _("It was already removed."))
            return redirect(conf)
        raise Http404
    if not confirmed:
        ctx = {"conference": conf, "field": "award", "part": part, "what": _describe(part)}
        return render(request, "conferences/confirm_remove.html", ctx)
    announced.award_unannounce(award=part, user=request.user)
    messages.success(request, _("Removed: %(what)s") % {"what": _describe(part)})
    return redirect(conf)
