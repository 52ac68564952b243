"""Pages of the document registry and the directive cascade."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctct.bodies.models import Body
from ctct.bodies.selectors import visible_ancestors
from ctct.core.access import get_body_for
from ctct.core.forms import apply_validation_error, create_form_page, page_of, submit_once
from ctct.documents import selectors, services
from ctct.documents.forms import (
    AttachmentForm,
    DistributeForm,
    IssueForm,
    PublishForm,
    RegisterForm,
    RelationForm,
    StepForm,
)
from ctct.documents.models import Attachment, Document, Recipient, Step
from ctct.text import fold

PAGE_SIZE = 50


def get_document_for(request, pk: int) -> Document:
    """A document the user may know exists (scope and clearance), else 404."""
    qs = selectors.documents_visible(request.scope, request.user).select_related("issuer")
    return get_object_or_404(qs, pk=pk)


def get_document_to_edit(request, pk: int) -> Document:
    """A document of an issuer the user may issue for (not an external one), else 404."""
    doc = get_document_for(request, pk)
    if doc.issuer is None or not request.scope.allows("issue_documents", doc.issuer):
        raise Http404("Not an editor of this document's issuer")
    return doc


def get_recipient_for(request, pk: int, action: str = "view") -> Recipient:
    r = get_object_or_404(
        Recipient.objects.select_related("body", "document", "distribution"), pk=pk
    )
    if (
        not request.scope.allows(action, r.body)
        or r.document.security_level > request.user.clearance
    ):
        raise Http404("No such recipient in your scope")
    return r


def _body_from_form(request, pk: int | None, action: str, form, field: str) -> Body | None:
    if pk is None:
        return None
    body = Body.objects.filter(pk=pk).first()
    if body is None or not request.scope.allows(action, body):
        form.add_error(field, _("No such body in your scope."))
        return None
    return body


def _resolve(request, citation: str, form, field: str) -> Document | None:
    found = selectors.document_resolve(request.scope, request.user, citation)
    if not found:
        form.add_error(field, _("No registered document matches “%(text)s”.") % {"text": citation})
        return None
    if len(found) > 1:
        form.add_error(
            field,
            _("Several documents match “%(text)s”; write its full number.") % {"text": citation},
        )
        return None
    return found[0]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200].strip()
    qs = selectors.documents_visible(request.scope, request.user).select_related("issuer")
    if q:
        found = selectors.document_resolve(request.scope, request.user, q)
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
        {"q": q, "documents": page.items, "page": page.number, "has_next": page.has_next},
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_for(request, pk)
    visible = selectors.documents_visible(request.scope, request.user)
    can_issue = doc.issuer is not None and request.scope.allows("issue_documents", doc.issuer)
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
            # A document addressed down from a superior names its issuer; the link only
            # when the user may open that body.
            "issuer_visible": doc.issuer is not None and request.scope.allows("view", doc.issuer),
            # Conferences that disseminated it (the link lives in the conferences app).
            "conferences": [
                link.conference
                for link in doc.conference_links.select_related("conference__body").order_by(
                    "-conference__held_on"
                )[:50]
                if request.scope.allows("view", link.conference.body)
            ],
            "relation_form": RelationForm(),
            "publish_form": PublishForm(initial={"issued_on": dt.date.today()}),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest) -> HttpResponse:
    form = IssueForm(
        request.POST or None,
        initial={"issuer": request.GET.get("body"), "issued_on": dt.date.today()},
    )

    def save(data):
        issuer = _body_from_form(request, data["issuer"], "issue_documents", form, "issuer")
        if data["security_level"] > request.user.clearance:
            form.add_error("security_level", _("You are not cleared for this level."))
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
    doc = get_document_to_edit(request, pk)
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
    form = RegisterForm(request.POST or None)

    def save(data):
        issuer = _body_from_form(request, data["issuer"], "issue_documents", form, "issuer")
        if data["issuer"] is None and not data["issuer_name"].strip():
            form.add_error("issuer_name", _("Name the issuer."))
        elif data["security_level"] > request.user.clearance:
            form.add_error("security_level", _("You are not cleared for this level."))
        if form.errors:
            return None
        doc = services.document_register(
            citation=data["citation"],
            type_name=data["type_name"] or None,
            issuer=issuer,
            issuer_name=data["issuer_name"],
            issued_on=data["issued_on"],
            title=data["title"],
            security_level=data["security_level"],
            user=request.user,
        )
        return _("Registered %(citation)s.") % {"citation": doc.citation}, doc.get_absolute_url()

    return create_form_page(
        request, form, save=save, template="documents/form.html", title=_("Register a document")
    )


@login_required
@require_http_methods(["POST"])
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_to_edit(request, pk)
    form = RelationForm(request.POST)
    if form.is_valid() and (
        target := _resolve(request, form.cleaned_data["target"], form, "target")
    ):

        def save():
            services.relation_add(
                source=doc, target=target, kind=form.cleaned_data["kind"], user=request.user
            )
            return _("Relation recorded."), doc.get_absolute_url()

        try:
            return submit_once(request, save)
        except ValidationError as e:
            apply_validation_error(form, e)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(doc)


@login_required
@require_http_methods(["POST"])
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_to_edit(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        f = form.cleaned_data["file"]

        def save():
            Attachment.objects.create(
                document=doc, file=f, name=f.name[:255], size=f.size, uploaded_by=request.user
            )
            return _("Attached %(name)s.") % {"name": f.name}, doc.get_absolute_url()

        return submit_once(request, save)
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect(doc)


@login_required
@require_http_methods(["GET", "POST"])
def distribute(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_document_to_edit(request, pk)
    form = DistributeForm(request.POST or None)

    def save(data):
        named = list(Body.objects.filter(pk__in=data["bodies"]))
        if len(named) != len(set(data["bodies"])):
            form.add_error("bodies", _("Some of these numbers are not bodies."))
        subtree = (
            _body_from_form(request, data["subtree_of"], "view", form, "subtree_of")
            if data["subtree_of"]
            else None
        )
        if form.errors:
            return None
        if not named and subtree is None:
            subtree = doc.issuer
        _dist, added = services.distribution_create(
            document=doc,
            bodies=named,
            subtree_of=subtree,
            depth=data["depth"],
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
    import xlsxwriter

    from ctct.core.scopes import subtree_q

    doc = get_document_for(request, pk)
    root = _dashboard_root(request, doc)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet(_("Status"))
    bold = book.add_format({"bold": True})
    headers = [
        _("Body"),
        _("Step"),
        _("Received"),
        _("Disseminated"),
        _("Concretized"),
        _("Reported"),
        _("Reason"),
    ]
    sheet.write_row(0, 0, headers, bold)
    labels = dict(Step.choices)
    rows = (
        Recipient.objects.filter(subtree_q(root.path, "body_"), document=doc)
        .order_by("body_path")
        .values_list(
            "body__name",
            "step",
            "received_at",
            "disseminated_at",
            "concretized_at",
            "reported_at",
            "not_applicable_reason",
        )
    )
    for i, (name, step, *dates, reason) in enumerate(rows.iterator(chunk_size=2000), start=1):
        sheet.write_row(
            i,
            0,
            [
                name,
                str(labels[step]),
                *[d.strftime("%d/%m/%Y") if d else "" for d in dates],
                reason,
            ],
        )
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 6, 16)
    book.close()
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="cascade-{doc.pk}-{root.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, recipient_pk: int) -> HttpResponse:
    r = get_recipient_for(request, recipient_pk, "record_steps")
    form = StepForm(request.POST or None, initial={"step": min(r.step + 1, Step.REPORTED)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        implementing = report = None
        if data["step"] == Step.CONCRETIZED and data["implementing"]:
            implementing = _resolve(request, data["implementing"], form, "implementing")
        if data["step"] == Step.REPORTED and data["report"]:
            report = _resolve(request, data["report"], form, "report")
        if not form.errors:
            try:
                services.recipient_advance(
                    recipient=r,
                    step=data["step"],
                    user=request.user,
                    conference_note=data["conference"],
                    implementing_document=implementing,
                    report_document=report,
                    reason=data["reason"],
                )
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, _("Recorded."))
                return redirect("documents:inbox", body_pk=r.body_id)
    return render(request, "documents/step.html", {"form": form, "r": r})


@login_required
@require_GET
def inbox(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    items = selectors.addressed_to(body, request.user)
    issued = list(
        selectors.documents_visible(request.scope, request.user)
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
        },
    )


@login_required
@require_GET
def reminders(request: HttpRequest) -> HttpResponse:
    due = selectors.reminders(request.scope, request.user)
    for item in due.items:
        item.can_record = request.scope.allows("record_steps", item.recipient.body)
    return render(request, "documents/reminders.html", {"items": due.items, "total": due.total})
