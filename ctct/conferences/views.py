"""Pages of conferences: the calendar, the record, its parts, the news draft, the export.

Views parse, fetch through scope-checked helpers and call services; a service's
ValidationError is shown on the form that was posted, with everything typed kept.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.bodies.selectors import root_bodies
from ctct.conferences import selectors, services
from ctct.conferences.forms import (
    ArticleForm,
    ConclusionForm,
    ConferenceForm,
    DocumentForm,
    ParticipantForm,
    PhotoForm,
    TitlesForm,
)
from ctct.conferences.models import (
    Article,
    ArticleStatus,
    Conclusion,
    Conference,
    Participant,
    Photo,
)
from ctct.core.access import get_scoped
from ctct.core.dates import PLAN_YEARS_AHEAD
from ctct.core.files import file_response
from ctct.core.forms import (
    already_submitted,
    apply_validation_error,
    form_token,
    submit_once,
)
from ctct.core.pickers import PickerFormMixin

MSG_MONTH_UNREADABLE = gettext_lazy(
    "“%(month)s” is not a month (write 2025-06); this month is shown."
)
MSG_MONTH_TOO_EARLY = gettext_lazy(
    "No conference can be recorded before the Party was founded; %(month)s is shown."
)
MSG_MONTH_TOO_LATE = gettext_lazy(
    "Conferences are recorded at most %(years)s years ahead; %(month)s is shown."
)


def get_conference_for(request, pk: int, action: str = "view") -> Conference:
    qs = selectors.conferences_in_scope(request.scope, action).select_related("body", "report")
    return get_scoped(qs, pk)


def _number(raw: str) -> int:
    """A record number typed in a URL or a form; 0 (found nowhere) when it is not one."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else 0


def _posted_id(request, name: str) -> int:
    return _number(request.POST.get(name, ""))


def _parse_month(value: str, today: dt.date) -> tuple[dt.date, str | None]:
    """The month asked for (``2025-06``), and a note when another one is shown instead: an
    unreadable month shows this month, one out of the calendar's range its nearest end."""
    this_month = today.replace(day=1)
    if not value:
        return this_month, None
    try:
        first = dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return this_month, MSG_MONTH_UNREADABLE % {"month": value[:20]}
    lo, hi = selectors.calendar_bounds(today)
    if first < lo:
        return lo, MSG_MONTH_TOO_EARLY % {"month": f"{lo:%m/%Y}"}
    if first > hi:
        years = PLAN_YEARS_AHEAD
        return hi, MSG_MONTH_TOO_LATE % {"month": f"{hi:%m/%Y}", "years": years}
    return first, None


def _with_report(request, form) -> dict | None:
    """The form's data for the services, the report presented as a Document."""
    data = dict(form.cleaned_data)
    data["report"] = data.pop("report_citation", None)
    return data


# --- calendar -----------------------------------------------------------------------------
@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    first, note = _parse_month(request.GET.get("month", ""), today)
    root = None
    body_pk = request.GET.get("body", "")
    if body_pk.isascii() and body_pk.isdigit():
        root = get_body_for(request, _number(body_pk))
    day = None
    if request.GET.get("day"):
        try:
            day = dt.date.fromisoformat(request.GET["day"])
        except ValueError:
            day = None
    # The units the reader is in go without saying in the cells' labels.
    tops = [root] if root is not None else list(root_bodies(request.scope)[:20])
    known = [b.unit_name for b in tops if b.unit_name]
    bounds = selectors.calendar_bounds(today)
    before, after = selectors.nearest_conferences(request.scope, first, root=root)
    ctx = {
        "month": selectors.month_calendar(
            request.scope, first, root=root, known_units=known, bounds=bounds
        ),
        "month_note": note,
        "before": before,
        "after": after,
        "root": root,
        "today": today,
        "day": day,
        "day_items": list(selectors.day_conferences(request.scope, day, root=root)[:200])
        if day
        else None,
    }
    return render(request, "conferences/calendar.html", ctx)


@login_required
@require_GET
def body_page(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    today = timezone.localdate()
    ctx = {
        "body": body,
        "owed": selectors.owed_conferences(body, today=today, scope=request.scope),
        "can_edit": request.scope.allows("edit_conferences", body),
        **selectors.body_conferences(body, today=today, limit=50),
    }
    return render(request, "conferences/body.html", ctx)


# --- the record ---------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk, "edit_conferences")
    form = ConferenceForm(
        request.POST or None, initial={"kind": request.GET.get("kind", "")}, request=request
    )
    if request.method == "POST":
        if dup := already_submitted(request):
            return dup
        if form.is_valid() and (data := _with_report(request, form)) is not None:

            def save():
                conf = services.conference_create(body=body, user=request.user, **data)
                return _("Conference recorded."), conf.get_absolute_url()

            try:
                if done := submit_once(request, save):
                    return done
            except ValidationError as e:
                apply_validation_error(form, e)
    ctx = {
        "form": form,
        "body": body,
        "form_token": form_token(request),
        "title": _("New conference of %(body)s") % {"body": body.name},
    }
    return render(request, "conferences/form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    conf = get_conference_for(request, pk, "edit_conferences")
    form = ConferenceForm(request.POST or None, instance=conf, request=request)
    if (
        request.method == "POST"
        and form.is_valid()
        and (data := _with_report(request, form)) is not None
    ):
        try:
            services.conference_update(conference=conf, user=request.user, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Conference updated."))
            return redirect(conf)
    ctx = {"form": form, "body": conf.body, "conference": conf, "title": _("Edit conference")}
    return render(request, "conferences/form.html", ctx)


def _detail(request, conf: Conference, status: int = 200, **forms) -> HttpResponse:
    can_edit = request.scope.allows("edit_conferences", conf.body)
    participants = list(conf.participants.select_related("person").order_by("order", "id"))
    ctx = {
        "conference": conf,
        "participants": participants,
        "documents": list(conf.documents.select_related("document", "recipient")),
        "conclusions": list(conf.conclusions.select_related("assignee")),
        "photos": list(conf.photos.all()),
        "article": Article.objects.filter(conference=conf).first(),
        "history": list(conf.history.select_related("history_user").order_by("-history_date")[:10]),
        "can_edit": can_edit,
        "can_publish": request.scope.allows("publish_news", conf.body),
        "form_token": form_token(request),
        "participant_form": forms.get("participant_form") or ParticipantForm(request=request),
        "document_form": forms.get("document_form") or DocumentForm(request=request),
        "conclusion_form": forms.get("conclusion_form")
        or ConclusionForm(conference=conf, request=request),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "today": timezone.localdate(),
    }
    return render(request, "conferences/detail.html", ctx, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_conference_for(request, pk))


def _part_post(request, pk: int, form_class, name: str, save) -> HttpResponse:
    """A form of the record page posted: save, or show the page again with the errors."""
    conf = get_conference_for(request, pk, "edit_conferences")
    if dup := already_submitted(request):
        return dup
    extra = {"conference": conf} if form_class is ConclusionForm else {}
    if issubclass(form_class, PickerFormMixin):
        extra["request"] = request
    form = form_class(request.POST, request.FILES, **extra)
    if form.is_valid():

        def save_once():
            message = save(conf, form.cleaned_data, form)
            return (message, conf.get_absolute_url()) if message else None

        try:
            if done := submit_once(request, save_once):
                return done
        except ValidationError as e:
            apply_validation_error(form, e)
    return _detail(request, conf, status=400, **{name: form})


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    def save(conf, data, form):
        # The person picker has already searched the name and checked the scope.
        p = services.participant_add(
            conference=conf,
            role=data["role"],
            person=data["person"],
            full_name=data["full_name"],
            rank=data["rank"],
            titles=data["titles"] or None,
            is_guest=data["is_guest"],
            user=request.user,
        )
        return _("%(name)s added.") % {"name": p}

    return _part_post(request, pk, ParticipantForm, "participant_form", save)


@login_required
@require_POST
def participant_titles(request: HttpRequest, pk: int) -> HttpResponse:
    conf = get_conference_for(request, pk, "edit_conferences")
    form = TitlesForm(request.POST)
    if form.is_valid():
        p = get_object_or_404(Participant, pk=form.cleaned_data["participant"], conference=conf)
        services.participant_update(
            participant=p, titles=form.cleaned_data["titles"], user=request.user
        )
        messages.success(request, _("Titles updated."))
    return redirect(conf)


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    conf = get_conference_for(request, pk, "edit_conferences")
    p = get_object_or_404(Participant, pk=_posted_id(request, "participant"), conference=conf)
    services.participant_remove(participant=p, user=request.user)
    messages.success(request, _("%(name)s removed.") % {"name": p})
    return redirect(conf)


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    def save(conf, data, form):
        link = services.conference_document_add(
            conference=conf, document=data["citation"], user=request.user
        )
        return _("%(doc)s recorded as disseminated.") % {"doc": link.document.citation}

    return _part_post(request, pk, DocumentForm, "document_form", save)


@login_required
@require_POST
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    def save(conf, data, form):
        assignee = None
        if data["assignee"]:
            assignee = Body.objects.filter(pk=data["assignee"]).first()
            if assignee is None or not request.scope.allows("view", assignee):
                form.add_error("assignee", _("No such body in your scope."))
                return None
        services.conclusion_add(
            conference=conf,
            text=data["text"],
            assignee=assignee,
            due_on=data["due_on"],
            user=request.user,
        )
        return _("Requirement added.")

    return _part_post(request, pk, ConclusionForm, "conclusion_form", save)


@login_required
@require_POST
def conclusion_done(request: HttpRequest, pk: int) -> HttpResponse:
    conf = get_conference_for(request, pk, "edit_conferences")
    c = get_object_or_404(Conclusion, pk=_posted_id(request, "conclusion"), conference=conf)
    services.conclusion_mark_done(conclusion=c, user=request.user)
    messages.success(request, _("Marked done."))
    return redirect(conf)


@login_required
@require_POST
def task_done(request: HttpRequest, body_pk: int) -> HttpResponse:
    """The assigned body marks a requirement done (it may not see the superior's record)."""
    body = get_body_for(request, body_pk, "edit_conferences")
    c = get_object_or_404(Conclusion, pk=_posted_id(request, "conclusion"), assignee=body)
    services.conclusion_mark_done(conclusion=c, user=request.user)
    messages.success(request, _("Marked done."))
    return redirect(body)


def _remove_part(request, pk: int, model, field: str, describe, remove) -> HttpResponse:
    """Remove a part of the record posted by number: first a page asking to confirm, then
    (posted again with ``confirmed``) the service. A second confirmation finds it gone."""
    conf = get_conference_for(request, pk, "edit_conferences")
    oid = _posted_id(request, field)
    confirmed = bool(request.POST.get("confirmed"))
    part = model.objects.filter(pk=oid, conference=conf).first()
    if part is None:
        gone = model.history.filter(id=oid, conference_id=conf.pk, history_type="-")
        if confirmed and oid and gone.exists():
            messages.info(request, _("It was already removed."))
            return redirect(conf)
        raise Http404
    if not confirmed:
        ctx = {"conference": conf, "field": field, "part": part, "what": describe(part)}
        return render(request, "conferences/confirm_remove.html", ctx)
    remove(part)
    messages.success(request, _("Removed: %(what)s") % {"what": describe(part)})
    return redirect(conf)


@login_required
@require_POST
def conclusion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    def describe(c: Conclusion) -> str:
        return c.text + (f" · {c.assignee.name}" if c.assignee_id else "")

    return _remove_part(
        request,
        pk,
        Conclusion,
        "conclusion",
        describe,
        lambda c: services.conclusion_remove(conclusion=c, user=request.user),
    )


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    def save(conf, data, form):
        services.photo_add(
            conference=conf, upload=data["image"], caption=data["caption"], user=request.user
        )
        return _("Photo added.")

    return _part_post(request, pk, PhotoForm, "photo_form", save)


@login_required
@require_GET
def photo(request: HttpRequest, photo_pk: int) -> HttpResponse:
    """A photo of a conference in the user's scope, shown inline (verified when uploaded)."""
    visible = selectors.conferences_in_scope(request.scope)
    p = get_object_or_404(Photo.objects.filter(conference__in=visible), pk=photo_pk)
    return file_response(p.image, filename=p.image.name, content_type=p.content_type, inline=True)


# --- the news article ---------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def news(request: HttpRequest, pk: int) -> HttpResponse:
    conf = get_conference_for(request, pk)
    can_edit = request.scope.allows("edit_conferences", conf.body)
    can_publish = request.scope.allows("publish_news", conf.body)
    article = Article.objects.filter(conference=conf).first()
    form = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        action = request.POST.get("action", "save")
        try:
            if action == "draft":
                article = services.article_draft(
                    conference=conf, byline=request.POST.get("byline", ""), user=request.user
                )
                messages.success(request, _("Draft written from the record."))
                return redirect("conferences:news", pk=conf.pk)
            if action == "publish":
                if not can_publish or article is None:
                    raise Http404
                services.article_publish(article=article, user=request.user)
                messages.success(request, _("Article published."))
                return redirect("conferences:news", pk=conf.pk)
            form = ArticleForm(request.POST)
            if form.is_valid() and article is not None:
                article = services.article_update(
                    article=article, user=request.user, **form.cleaned_data
                )
                messages.success(request, _("Draft saved."))
                return redirect("conferences:news", pk=conf.pk)
        except ValidationError as e:
            if form is None:
                messages.error(request, " ".join(e.messages))
                return redirect("conferences:news", pk=conf.pk)
            apply_validation_error(form, e)
    if form is None and article is not None:
        form = ArticleForm(
            initial={"headline": article.headline, "text": article.text, "byline": article.byline}
        )
    versions = (
        list(article.history.select_related("history_user").order_by("-history_date")[:20])
        if article
        else []
    )
    ctx = {
        "conference": conf,
        "article": article,
        "form": form,
        "versions": versions,
        "can_edit": can_edit,
        "can_publish": can_publish
        and article is not None
        and article.status != ArticleStatus.PUBLISHED,
    }
    return render(
        request, "conferences/news.html", ctx, status=400 if form and form.errors else 200
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from ctct.conferences.export import conference_docx

    conf = get_conference_for(request, pk)
    return _docx_response(conference_docx(conf), f"hoi-nghi-{conf.pk}.docx")


@login_required
@require_GET
def news_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The news article as .docx, for whoever may read it (those who see the conference)."""
    from ctct.conferences.export import article_docx

    conf = get_conference_for(request, pk)
    article = get_object_or_404(Article, conference=conf)
    return _docx_response(article_docx(article), f"tin-hoi-nghi-{conf.pk}.docx")
