"""Pages of review reports (báo cáo sơ kết / tổng kết): a body's reviews, starting one, and
the review page with the facts assembled from the records, the staff's sections to write
(each save a new version), the versions saved and any old one to read.

Viewing: whoever's scope views the body. Writing: ``edit_resolutions`` on the body. Views
parse, fetch through the scope (404 outside it) and call the review services; a refusal is
shown on the form with everything typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctct.bodies.access import get_body_for
from ctct.core.access import get_scoped
from ctct.core.forms import (
    FORM_TOKEN,
    already_submitted,
    apply_validation_error,
    create_form_page,
    form_token,
    submit_once,
)
from ctct.resolutions import review_selectors, review_services
from ctct.resolutions.models import Review, ReviewVersion
from ctct.resolutions.review_draft import CarriedLimitation
from ctct.resolutions.review_forms import MAX_VERSION, ReviewDocumentForm, ReviewForm, StaffForm

# At most this many limitations carried forward are read from a posted form.
CARRIED_POSTED = 200


def _number(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else 0


def get_review_for(request, pk: int) -> Review:
    """The review ``pk`` when the user's scope views its body, else 404."""
    qs = request.scope.filter(Review.objects.select_related("body", "document"), "body")
    return get_scoped(qs, pk)


@login_required
@require_GET
def review_list(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    ctx = {
        "body": body,
        "reviews": list(review_selectors.body_reviews(body)),
        "can_edit": request.scope.allows("edit_resolutions", body),
    }
    return render(request, "resolutions/review_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest) -> HttpResponse:
    if not request.scope.reaches("edit_resolutions"):
        raise Http404
    initial = {}
    if pk := _number(request.GET.get("body", "")):
        initial["body"] = get_body_for(request, pk, "edit_resolutions").pk
    form = ReviewForm(request.POST or None, initial=initial, request=request)

    def save(data):
        review = review_services.review_create(user=request.user, **data)
        return _("Review report started."), reverse("resolutions:review", args=[review.pk])

    return create_form_page(
        request,
        form,
        save=save,
        template="resolutions/form.html",
        title=_("New review report"),
    )


def _carried_posted(request) -> dict[str, str]:
    texts = request.POST.getlist("carried_text")[:CARRIED_POSTED]
    outcomes = request.POST.getlist("carried_outcome")[:CARRIED_POSTED]
    return {t: o for t, o in zip(texts, outcomes, strict=False)}


def _page(
    request, review: Review, *, form=None, doc_form=None, version=None, status=200
) -> HttpResponse:
    try:
        draft = review_selectors.review_assemble(review, version=version)
    except ReviewVersion.DoesNotExist:
        raise Http404(_("No such version of this review.")) from None
    versions = review_selectors.review_versions(review)
    latest = versions[0].number if versions else 0
    can_edit = request.scope.allows("edit_resolutions", review.body)
    # The editor offers the limitations a save will carry (the previous review's now), each
    # with the outcome the version shown gave it, or the one just posted.
    outcomes = {c.text: c.outcome for c in draft.staff.carried}
    if form is not None:
        outcomes.update(_carried_posted(request))
    carried = [
        CarriedLimitation(text, outcomes.get(text, ""))
        for text in (review_services.carried_texts(review) if can_edit else ())
    ]
    if form is None:
        staff = draft.staff
        form = StaffForm(
            initial={
                "based_on": latest,
                "strengths": staff.strengths,
                "limitations": staff.limitations,
                "causes": staff.causes,
                "lessons": staff.lessons,
                "direction": staff.direction,
            }
        )
    ctx = {
        "review": review,
        "body": review.body,
        "draft": draft,
        "versions": versions,
        "latest": latest,
        "viewing_old": version is not None and draft.version != latest,
        "can_edit": can_edit,
        "form": form,
        "carried": carried,
        "doc_form": doc_form
        or ReviewDocumentForm(initial={"document": review.document_id}, request=request),
        "form_token": form_token(request),
    }
    return render(request, "resolutions/review.html", ctx, status=status)


@login_required
@require_GET
def review_page(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = get_review_for(request, review_pk)
    raw = request.GET.get("version", "")
    version = None
    if raw:
        version = _number(raw)
        if not 0 < version <= MAX_VERSION:
            raise Http404(_("No such version of this review."))
    return _page(request, review, version=version)


@login_required
@require_POST
def review_save(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = get_review_for(request, review_pk)
    if not request.scope.allows("edit_resolutions", review.body):
        raise PermissionDenied(_("You may read this review but not write it."))
    if dup := already_submitted(request):
        return dup
    form = StaffForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def save():
            version = review_services.review_save(
                review=review,
                outcomes=_carried_posted(request),
                token=request.POST.get(FORM_TOKEN, "")[:64].strip(),
                user=request.user,
                **data,
            )
            return _("Version %(number)s saved.") % {"number": version.number}, reverse(
                "resolutions:review", args=[review.pk]
            )

        try:
            if done := submit_once(request, save):
                return done
        except ValidationError as e:
            if getattr(e, "code", None) == "stale":
                # what was typed is kept; a second save, after comparing, goes on the latest
                posted = request.POST.copy()
                posted["based_on"] = str(e.params["number"])
                form = StaffForm(posted)
                form.is_valid()
            apply_validation_error(form, e)
    return _page(request, review, form=form, status=400)


@login_required
@require_POST
def review_document(request: HttpRequest, review_pk: int) -> HttpResponse:
    """Link the numbered report (BC) the review was registered as (or unlink it)."""
    review = get_review_for(request, review_pk)
    if not request.scope.allows("edit_resolutions", review.body):
        raise PermissionDenied(_("You may read this review but not write it."))
    form = ReviewDocumentForm(request.POST, request=request)
    if form.is_valid():
        try:
            review_services.review_link_document(
                review=review, document=form.cleaned_data["document"], user=request.user
            )
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Numbered report saved."))
            return redirect("resolutions:review", review_pk=review.pk)
    return _page(request, review, doc_form=form, status=400)
