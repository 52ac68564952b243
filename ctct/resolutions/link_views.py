"""A conference and the resolution it adopted: link a resolution conference (or a congress) to
one of its body's resolutions, or start the resolution from the conference (the create form
with the body, period, title and conference filled in). The conference page offers both
through the resolutions panel (``panels.conference_section``).

A conference outside the user's reach answers 404; one the user sees but whose body's
resolutions the user may not edit answers 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ctct.conferences.models import Conference
from ctct.conferences.periods import period_words
from ctct.conferences.selectors import conferences_in_scope
from ctct.core.access import get_scoped
from ctct.core.forms import create_form_page
from ctct.resolutions import services
from ctct.resolutions.forms import LinkConferenceForm, ResolutionForm

# The title a resolution started from a conference gets when the conference has none.
DEFAULT_TITLE = "Nghị quyết lãnh đạo thực hiện nhiệm vụ {period}"


def get_conference_to_link(request, pk: int) -> Conference:
    """A conference the user sees (else 404) whose body's resolutions the user may edit (else
    403)."""
    conference = get_scoped(conferences_in_scope(request.scope).select_related("body"), pk)
    if not request.scope.allows("edit_resolutions", conference.body):
        raise PermissionDenied(
            _("You may not edit the resolutions of %(body)s.") % {"body": conference.body.name}
        )
    return conference


def _conference_url(conference: Conference) -> str:
    return reverse("conferences:detail", args=[conference.pk]) + "#resolutions"


@login_required
@require_http_methods(["GET", "POST"])
def link_conference(request: HttpRequest, conf_pk: int) -> HttpResponse:
    conference = get_conference_to_link(request, conf_pk)
    form = LinkConferenceForm(request.POST or None, request=request, conference=conference)

    def save(data):
        services.resolution_link_conference(
            resolution=data["resolution"], conference=conference, user=request.user
        )
        return _("The resolution is linked to the conference."), _conference_url(conference)

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("The resolution adopted at the conference of %(date)s")
        % {"date": f"{conference.held_on:%d/%m/%Y}"},
        context={"body": conference.body},
    )


def start_initial(conference: Conference) -> dict:
    """What a resolution started from ``conference`` is filled in with."""
    title = conference.title or (
        DEFAULT_TITLE.format(period=period_words(conference.period)) if conference.period else ""
    )
    return {
        "body": conference.body_id,
        "period": conference.period or "",
        "title": title,
        "adopted_at": conference.pk,
    }


@login_required
@require_http_methods(["GET", "POST"])
def start_from_conference(request: HttpRequest, conf_pk: int) -> HttpResponse:
    conference = get_conference_to_link(request, conf_pk)
    form = ResolutionForm(request.POST or None, initial=start_initial(conference), request=request)

    def save(data):
        resolution = services.resolution_create(user=request.user, **data)
        return _("Resolution recorded."), reverse("resolutions:detail", args=[resolution.pk])

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("New resolution from the conference of %(date)s")
        % {"date": f"{conference.held_on:%d/%m/%Y}"},
        context={"body": conference.body},
    )
