"""Pages of the document registry and the directive cascade."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.bodies.selectors import root_bodies, visible_ancestors
from ctct.core.access import get_scoped
from ctct.core.files import file_response
from ctct.core.forms import (
    apply_validation_error,
    create_form_page,
    page_of,
    submit_once,
)
from ctct.documents import due, selectors, services
from ctct.documents import evidence as step_evidence
from ctct.documents.export import cascade_xlsx
from ctct.documents.forms import (
    AttachmentForm,
    DeadlinesForm,
    DistributeForm,
    IssueForm,
    PublishForm,
    RegisterForm,
    RelationForm,
    StepForm,
)
from ctct.documents.models import Attachment, Distribution, Document, Recipient, Step
from ctct.text import fold

PAGE_SIZE = 50

MSG_NO_SUCH_BODY = gettext_lazy("No such body in your scope.")
MSG_NAME_ISSUER = gettext_lazy("Name the issuer.")
MSG_NOT_CLEARED = gettext_lazy("You are not cleared for this level.")
MSG_CHOOSE_REGISTER = gettext_lazy(
    "Choose the body whose register this document enters (its number)."
)
MSG_SEND_WITHOUT_DEADLINES = gettext_lazy(
    "No deadline is set: the bodies will see no date to keep (you can set them later)."
)


def get_document_for(request, pk: int) -> Document:
    """A document the user may know exists (scope and clearance), else 404."""
    qs = selectors.documents_visible(request.scope).select_related("issuer", "registered_in")
    return get_scoped(qs, pk)


def may_edit(scope, doc: Document) -> bool:
    """Issue for its issuer; for an external document, register for the body holding it."""
    if doc.issuer_id is not None:
        return scope.allows("issue_documents", doc.issuer)
    return scope.allows("register_documents", doc.registered_in)


def get_document_to_edit(request, pk: int) -> Document:
    """A document the user may change (``may_edit``), else 404."""
    doc = get_document_for(request, pk)
    if not may_edit(request.scope, doc):
        raise Http404("Not an editor of this document")
    return doc


def get_document_to_address(request, pk: int) -> Document:
    """A document of an issuer the user may issue for (not an external one), else 404."""
    doc = get_document_for(request, pk)
    if doc.issuer is None or not request.scope.allows("issue_documents", doc.issuer):
        raise Http404("Not an editor of this document's issuer")
    return doc


def require_action(request, action: str) -> None:
    """404 for a page of a write the user may do nowhere (a viewer's "register" page)."""
    if not request.scope.reaches(action):
        raise Http404("No body in your scope allows this")


def get_recipient_for(request, pk: int, action: str = "view") -> Recipient:
    r = get_object_or_404(
        Recipient.objects.select_related("body", "document", "distribution"), pk=pk
    )
    scope = request.scope
    if not scope.allows(action, r.body) or not scope.clears(r.document.security_level):
        raise Http404("No such recipient in your scope")
    return r


def _body_from_form(request, pk: int | None, action: str, form, field: str) -> Body | None:
    if pk is None:
        return None
    body = Body.objects.filter(pk=pk).first()
    if body is None or not request.scope.allows(action, body):
        form.add_error(field, MSG_NO_SUCH_BODY)
        return None
    return body


def _register_body(request, pk: int | None, form) -> Body | None:
    """The body whose register an external document enters: the one named, else the user's
    only body they may register for."""
    if pk is not None:
        return _body_from_form(request, pk, "register_documents", form, "registered_in")
    if (only := _only_register(request)) is None:
        form.add_error("registered_in", MSG_CHOOSE_REGISTER)
    return only


def _only_register(request) -> Body | None:
    """The body a user registers for when there is no choice: their one grant's."""
    if request.scope.is_superuser:
        return None
    roots = list(root_bodies(request.scope, "register_documents")[:2])
    return roots[0] if len(roots) == 1 else None


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200].strip()
    qs = selectors.documents_visible(request.scope).select_related("issuer")
    if q:
        found = selectors.document_resolve(request.scope, q)
        if found:
            qs = qs.filter(pk__in=[d.pk for d in found])
        else:
            for token in fold(q).split()[:6]:
                qs = qs.filter(
                    Q(title__icontains=token)
                    | Q(number_text=token)
                    | Q(issuer_name__icontains=token)
                )
    page = page_of(qs, request, size=PAGE_SIZE)
    return render(
        request,
        "documents/index.html",
        {
            "q": q,
            "documents": page.items,
            "page": page.number,
            "has_next": page.has_next,
            "can_issue": request.scope.reaches("issue_documents"),
            "can_register": request.scope.reaches("register_documents"),
        },
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_for(request, pk)
    visible = selectors.documents_visible(request.scope)
    can_issue = doc.issuer is not None and request.scope.allows("issue_documents", doc.issuer)
    can_edit = may_edit(request.scope, doc)
    return render(
        request,
        "documents/detail.html",
        {
            "doc": doc,
            "up": selectors.chain_up(doc, visible=visible),
            "down": selectors.descendants(doc, visible=visible),
            "distributions": list(doc.distributions.all()),
            "recipient_count": doc.recipients.count(),
            "attachments": list(doc.attachments.all()),
            "can_issue": can_issue,
            "can_edit": can_edit,
            # A document addressed down from a superior names its issuer; the link only
            # when the user may open that body.
            "issuer_visible": doc.issuer is not None and request.scope.allows("view", doc.issuer),
            # Conferences that disseminated it (the records of the step's evidence).
            "conferences": step_evidence.shown(doc, Step.DISSEMINATED, scope=request.scope),
            "relation_form": RelationForm(request=request),
            "publish_form": PublishForm(initial={"issued_on": dt.date.today()}),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest) -> HttpResponse:
    require_action(request, "issue_documents")
    form = IssueForm(
        request.POST or None,
        initial={
            "issuer": request.GET.get("body"),
            "type_code": request.GET.get("type", "")[:12],
            "issued_on": timezone.localdate(),
        },
        request=request,
    )

    def save(data):
        issuer = _body_from_form(request, data["issuer"], "issue_documents", form, "issuer")
        if not request.scope.clears(data["security_level"]):
            form.add_error("security_level", MSG_NOT_CLEARED)
        if form.errors:
            return None
        fields = {
            "issuer": issuer,
            "type_code": data["type_code"].strip(),
            "style": data["style"],
            "title": data["title"],
            "text": data["text"],
            "security_level": data["security_level"],
            "congress": data["congress"],
            "user": request.user,
        }
        if data["as_draft"]:
            doc = services.document_draft(**fields)
            done = _("Saved the draft %(citation)s.")
        else:
            doc = services.document_issue(issued_on=data["issued_on"], **fields)
            done = _("Issued %(citation)s.")
        return done % {"citation": doc.citation}, doc.get_absolute_url()

    return create_form_page(
        request, form, save=save, template="documents/form.html", title=_("Issue a document")
    )


@login_required
@require_http_methods(["POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_to_address(request, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            doc = services.document_publish(
                document=doc, issued_on=form.cleaned_data["issued_on"], user=request.user
            )
        except ValidationError as e:
            apply_validation_error(form, e)
    if form.errors:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    else:
        messages.success(request, _("Issued %(citation)s.") % {"citation": doc.citation})
    return redirect(doc)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Enter a document that has its number already. One of the tree is its issuer's (the
    user must be able to issue for it); an external one enters the register of a body the
    user may register for (see the app's README)."""
    require_action(request, "register_documents")
    default = _only_register(request)
    form = RegisterForm(
        request.POST or None,
        initial={"registered_in": request.GET.get("body") or (default and default.pk)},
        request=request,
    )

    def save(data):
        # Read everything first: add_error() takes a field out of cleaned_data.
        issuer_pk, issuer_name = data["issuer"], data["issuer_name"].strip()
        issuer = _body_from_form(request, issuer_pk, "issue_documents", form, "issuer")
        registered_in = None
        if issuer_pk is None:
            if not issuer_name:
                form.add_error("issuer_name", MSG_NAME_ISSUER)
            registered_in = _register_body(request, data["registered_in"], form)
        if not request.scope.clears(data["security_level"]):
            form.add_error("security_level", MSG_NOT_CLEARED)
        if form.errors:
            return None
        doc = services.document_register(
            citation=data["citation"],
            type_name=data["type_name"] or None,
            issuer=issuer,
            issuer_name=issuer_name,
            registered_in=registered_in,
            issued_on=data["issued_on"],
            title=data["title"],
            security_level=data["security_level"],
            user=request.user,
        )
        return _("Registered %(citation)s.") % {"citation": doc.citation}, doc.get_absolute_url()

    return create_form_page(
        request, form, save=save, template="documents/form.html", title=_("Register a document")
    )


def _add_to_document(request, doc: Document, form, save) -> HttpResponse:
    """A small form posted from a document's page: saved once (``save(cleaned_data)`` returns
    the message), its refusals shown as messages on the page it came from."""
    if form.is_valid():
        data = form.cleaned_data
        try:
            return submit_once(request, lambda: (save(data), doc.get_absolute_url()))
        except ValidationError as e:
            apply_validation_error(form, e)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(doc)


@login_required
@require_http_methods(["POST"])
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_to_edit(request, pk)

    def save(data) -> str:
        services.relation_add(
            source=doc, target=data["target"], kind=data["kind"], user=request.user
        )
        return _("Relation recorded.")

    return _add_to_document(request, doc, RelationForm(request.POST, request=request), save)


@login_required
@require_http_methods(["POST"])
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_to_edit(request, pk)

    def save(data) -> str:
        a = services.attachment_add(document=doc, upload=data["file"], user=request.user)
        return _("Attached %(name)s.") % {"name": a.name}

    return _add_to_document(request, doc, AttachmentForm(request.POST, request.FILES), save)


@login_required
@require_GET
def attachment(request: HttpRequest, attachment_pk: int) -> HttpResponse:
    """Download an attachment: only of a document the user may see (scope and clearance)."""
    visible = selectors.documents_visible(request.scope)
    a = get_object_or_404(Attachment.objects.filter(document__in=visible), pk=attachment_pk)
    return file_response(a.file, filename=a.name)


@login_required
@require_http_methods(["GET", "POST"])
def distribute(request: HttpRequest, pk: int) -> HttpResponse:
    """Address a document down its issuer's tree. Nothing goes out before the user has seen
    how many bodies it reaches (and whether deadlines are missing) and confirmed that count."""
    doc = get_document_to_address(request, pk)
    form = DistributeForm(request.POST or None, request=request)
    confirm: dict = {}

    def save(data):
        named = list(Body.objects.filter(pk__in=data["bodies"]))
        if len(named) != len(set(data["bodies"])) or not all(
            request.scope.allows("issue_documents", b) for b in named
        ):
            form.add_error("bodies", MSG_NO_SUCH_BODY)
        subtree = (
            _body_from_form(request, data["subtree_of"], "issue_documents", form, "subtree_of")
            if data["subtree_of"]
            else None
        )
        if form.errors:
            return None
        if not named and subtree is None:
            subtree = doc.issuer
        target = {"document": doc, "bodies": named, "subtree_of": subtree, "depth": data["depth"]}
        count = services.distribution_reach(**target)
        # What the user confirms: this many bodies, reached this way.
        seen = f"{count}:{subtree.pk if subtree else ''}:{data['depth'] or ''}:"
        seen += ",".join(str(b.pk) for b in sorted(named, key=lambda b: b.pk))
        if request.POST.get("confirm") != seen:
            # First submit, or the reach changed since the user saw it: ask (again).
            confirm.update(
                key=seen,
                count=count,
                no_deadlines=not any(data[f] for f in services.DEADLINE_FIELDS),
                warning=MSG_SEND_WITHOUT_DEADLINES,
            )
            return None
        _dist, added = services.distribution_create(
            **target,
            user=request.user,
            note=data["note"],
            **{f: data[f] for f in services.DEADLINE_FIELDS},
        )
        return _("Addressed to %(n)s bodies.") % {"n": added}, f"{doc.get_absolute_url()}dashboard/"

    return create_form_page(
        request,
        form,
        save=save,
        template="documents/form.html",
        title=_("Address %(citation)s") % {"citation": doc.citation},
        context={"confirm": confirm},
    )


@login_required
@require_http_methods(["GET", "POST"])
def deadlines(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or change the deadlines of a distribution that already went out (?distribution=,
    else the document's first, whose deadlines the dashboard counts)."""
    doc = get_document_to_address(request, pk)
    dists = Distribution.objects.filter(document=doc).order_by("id")
    chosen = request.GET.get("distribution", "")
    dist = get_object_or_404(dists, pk=int(chosen)) if chosen.isdigit() else dists.first()
    if dist is None:
        raise Http404("Not addressed yet")
    form = DeadlinesForm(
        request.POST or None, initial={f: getattr(dist, f) for f in services.DEADLINE_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.distribution_deadlines_set(
                distribution=dist, user=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("Deadlines saved."))
            return redirect(doc)
    return render(
        request,
        "documents/deadlines.html",
        {
            "form": form,
            "title": _("Deadlines of %(citation)s") % {"citation": doc.citation},
            "history": dist.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


def _dashboard_root(request, doc: Document) -> Body:
    """The body the dashboard is drilled to: ?body=, else the issuer, else the user's root."""
    if pk := request.GET.get("body"):
        try:
            return get_body_for(request, int(pk))
        except ValueError:
            raise Http404("Bad body") from None
    if doc.issuer is not None and request.scope.allows("view", doc.issuer):
        return doc.issuer
    here = (
        Recipient.objects.filter(request.scope.body_q("view", "body_"), document=doc)
        .order_by("body_path")
        .first()
    )
    if here is None:
        raise Http404("Nothing of this document in your scope")
    return here.body


@login_required
@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_for(request, pk)
    root = _dashboard_root(request, doc)
    data = selectors.rollup(doc, root)
    crumbs = visible_ancestors(root, request.scope)
    return render(request, "documents/dashboard.html", {"doc": doc, "r": data, "crumbs": crumbs})


@login_required
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The status list of every recipient under the dashboard's body, as .xlsx."""
    doc = get_document_for(request, pk)
    root = _dashboard_root(request, doc)
    response = HttpResponse(
        cascade_xlsx(doc, root),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="cascade-{doc.pk}-{root.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, recipient_pk: int) -> HttpResponse:
    """Record a body's next step on the day it happened, with its evidence: the body's own
    conference record, implementing document and report (which the page lets it issue)."""
    r = get_recipient_for(request, recipient_pk, "record_steps")
    evidence = step_evidence.for_step(Step.DISSEMINATED)
    conferences = evidence.candidates(r) if evidence else []
    form = StepForm(
        request.POST or None,
        conferences=conferences,
        evidence=evidence,
        body=r.body,
        initial={"step": min(r.step + 1, Step.REPORTED), "on": timezone.localdate()},
        request=request,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conference = None
        if data["step"] == Step.DISSEMINATED and data["conference"]:
            conference = next(c for c in conferences if c.pk == data["conference"])
        implementing = data["implementing"] if data["step"] == Step.CONCRETIZED else None
        report = data["report"] if data["step"] == Step.REPORTED else None
        if not form.errors:
            try:
                services.recipient_advance(
                    recipient=r,
                    step=data["step"],
                    user=request.user,
                    conference=conference,
                    conference_note=data["conference_note"],
                    implementing_document=implementing,
                    report_document=report,
                    reason=data["reason"],
                    # A conference on record gives the day; else the day typed (or now).
                    on=None if conference else data["on"],
                )
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, _("Recorded."))
                return redirect("documents:inbox", body_pk=r.body_id)
    return render(
        request,
        "documents/step.html",
        {
            "form": form,
            "r": r,
            "own_documents": selectors.own_documents(r.body, request.scope),
            "can_issue": request.scope.allows("issue_documents", r.body),
        },
    )


@login_required
@require_GET
def inbox(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    items = selectors.addressed_to(body, request.scope)
    issued = list(
        selectors.documents_visible(request.scope)
        .filter(issuer=body)
        .order_by("-issued_on", "-id")[:20]
    )
    return render(
        request,
        "documents/inbox.html",
        {
            "body": body,
            "items": items,
            "issued": issued,
            "can_record": request.scope.allows("record_steps", body),
            "can_issue": request.scope.allows("issue_documents", body),
            "can_register": request.scope.allows("register_documents", body),
        },
    )


@login_required
@require_GET
def reminders(request: HttpRequest) -> HttpResponse:
    """The "Đến hạn" list: every kind of deadline (directive steps, target entries, ...) that
    falls due within a week or is overdue, in the user's scope; ``?body=`` narrows it to one
    body's branch."""
    under = None
    if raw := request.GET.get("body"):
        if not raw.isdigit():
            raise Http404(MSG_NO_SUCH_BODY)
        under = get_body_for(request, int(raw))
    found = due.due_list(request.scope, under=under)
    kinds = [(s.label, found.totals.get(s.name, 0)) for s in due.sources()]
    return render(
        request,
        "documents/reminders.html",
        {"items": found.items, "total": found.total, "under": under, "kinds": kinds},
    )
