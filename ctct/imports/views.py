"""Pages of imports: the upload and the list of batches, a batch with its progress, the queue
of reports to review, and the review of one report.

Views parse, fetch through the scope (batches and items outside the user's reach answer
404) and call the services; nothing touches the records until a report is confirmed. The
web request never waits for extraction: an upload is stored and queued, and the batch page
polls its progress.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctct.bodies.models import Body
from ctct.core.forms import create_form_page, page_of
from ctct.imports import review, selectors, tasks
from ctct.imports.congress import congress_plan
from ctct.imports.forms import (
    DOC_TYPES,
    MSG_ROWS_CHANGED,
    ChoiceForm,
    UploadForm,
    organizer_choices,
    record_from_forms,
    review_forms,
)
from ctct.imports.highlight import KINDS, highlight_record
from ctct.imports.models import (
    BatchStatus,
    ImportBatch,
    ImportItem,
    ImportLink,
    ItemStatus,
    LinkKind,
)
from ctct.imports.templatetags.imports import may_import

ACTION = "edit_conferences"
BATCHES_PER_PAGE = 20
ITEMS_PER_PAGE = 100
FINISHED = (BatchStatus.DONE, BatchStatus.FAILED)
DISCARDABLE = (
    ItemStatus.PENDING,
    ItemStatus.NEEDS_REVIEW,
    ItemStatus.FAILED,
    ItemStatus.DUPLICATE,
)
ANCHORS = {"organizer": "event-organizer", "people": "person", "documents": "document"}


def _may_import(request) -> None:
    """404 for a user who may import for no body (the pages do not exist for them)."""
    if not may_import(request):
        raise Http404("No body to import for in your scope")


def get_batch_for(request, pk: int) -> ImportBatch:
    qs = selectors.batches_visible(request.scope).select_related("root", "created_by")
    batch = get_object_or_404(qs, pk=pk)
    if not request.scope.allows(ACTION, batch.root):
        raise Http404("No such import in your scope")
    return batch


def get_item_for(request, pk: int) -> ImportItem:
    qs = selectors.items_visible(request.scope).select_related(
        "batch__root", "conference", "duplicate_of", "reviewed_by"
    )
    item = get_object_or_404(qs, pk=pk)
    if not request.scope.allows(ACTION, item.batch.root):
        raise Http404("No such report in your scope")
    return item


def _messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


# --- the list and the upload --------------------------------------------------------------
def _batch_rows(batches) -> list[dict]:
    rows = []
    for b in batches:
        counts = selectors.batch_counts(b)
        rows.append(
            {
                "batch": b,
                "percent": _percent(b),
                "counts": [
                    (ItemStatus(s).label, s, n) for s, n in counts.items() if n and s in ItemStatus
                ],
            }
        )
    return rows


def _percent(batch: ImportBatch) -> int:
    if batch.status in FINISHED and not batch.total:
        return 100
    if not batch.total:
        return 0
    return min(100, round(100 * batch.processed / batch.total))


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    form = UploadForm(request.POST or None, request.FILES or None, scope=request.scope)

    def save(data):
        root = Body.objects.filter(pk=data["root"]).first()
        if root is None or not request.scope.allows(ACTION, root):
            raise ValidationError({"root": _("You may not import for this body.")})
        batch = tasks.upload_start(
            root=root,
            user=request.user,
            files=data["files"],
            pasted_text=data["pasted_text"],
            pasted_name=data["pasted_name"].strip(),
        )
        return _("Upload received; the reports are being read."), batch.get_absolute_url()

    page = page_of(
        selectors.batches_visible(request.scope)
        .select_related("root", "created_by")
        .order_by("-created_at", "-id"),
        request,
        size=BATCHES_PER_PAGE,
    )
    context = {
        "rows": _batch_rows(page.items),
        "page": page.number,
        "has_next": page.has_next,
        "to_review": selectors.items_to_review(request.scope).count(),
    }
    return create_form_page(
        request,
        form,
        save=save,
        template="imports/index.html",
        title=_("Import reports"),
        context=context,
    )


# --- one batch ----------------------------------------------------------------------------
def _progress_context(batch: ImportBatch) -> dict:
    counts = selectors.batch_counts(batch)
    return {
        "batch": batch,
        "percent": _percent(batch),
        "finished": batch.status in FINISHED,
        "counts": [(ItemStatus(s).label, s, n) for s, n in counts.items() if n and s in ItemStatus],
        "waiting": counts.get(ItemStatus.PENDING, 0),
    }


@login_required
@require_GET
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    b = get_batch_for(request, pk)
    status = request.GET.get("status", "")
    if status not in ItemStatus.values:
        status = ""
    items = (
        b.items.select_related("conference", "duplicate_of")
        .defer("text", "sentence_hashes", "duplicate_of__text", "duplicate_of__record")
        .order_by("order", "id")
    )
    if status:
        items = items.filter(status=status)
    page = page_of(items, request, size=ITEMS_PER_PAGE)
    ctx = {
        **_progress_context(b),
        "items": page.items,
        "page": page.number,
        "has_next": page.has_next,
        "status": status,
        "statuses": ItemStatus.choices,
    }
    return render(request, "imports/batch.html", ctx)


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block, polled every 2 s by the batch page while the batch runs. When the
    batch finishes under a page that was polling, the page reloads to show every item."""
    b = get_batch_for(request, pk)
    ctx = _progress_context(b)
    response = render(request, "imports/_progress.html", ctx)
    if ctx["finished"] and request.headers.get("HX-Request") and request.GET.get("polling"):
        response["HX-Refresh"] = "true"
    return response


# --- the review queue ---------------------------------------------------------------------
@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    qs = selectors.items_to_review(request.scope).defer("text", "sentence_hashes")
    page = page_of(qs, request, size=ITEMS_PER_PAGE)
    ctx = {"items": page.items, "page": page.number, "has_next": page.has_next}
    return render(request, "imports/review_queue.html", ctx)


# --- one report ---------------------------------------------------------------------------
def _citation(doc: dict) -> str:
    number = str(doc.get("number") or "")
    symbol = doc.get("symbol") or ""
    joined = f"{number}{'/' if '-' in symbol and not symbol.startswith('-') else '-'}{symbol}"
    cite = f"{doc.get('type') or ''} {_('no.')} {joined if symbol else number}".strip()
    if doc.get("date"):
        cite += f" ({doc['date']})"
    return cite


def decisions(item: ImportItem) -> list[dict]:
    """One row per mention the matcher decided on: what the report says, the decision, the
    chosen record's label and the candidates (with why), and whether a choice is needed."""
    record, matches = item.record or {}, item.matches or {}
    rows = []

    def add(kind: str, index: int | None, mention: str, detail: str, m) -> None:
        if not isinstance(m, dict):
            return
        decision = m.get("decision") or ""
        candidates = [c for c in (m.get("candidates") or []) if isinstance(c, dict)]
        chosen = next((c for c in candidates if c.get("id") == m.get("object_id")), None)
        top = max([float(c.get("score") or 0) for c in candidates] + [5.0])
        rows.append(
            {
                "kind": kind,
                "index": index,
                "key": f"{kind}-{index if index is not None else 0}",
                "mention": mention,
                "detail": detail,
                "decision": decision,
                "by": m.get("by") or "auto",
                "object_id": m.get("object_id"),
                "chosen": chosen,
                "candidates": [
                    {**c, "percent": round(100 * max(0.0, float(c.get("score") or 0)) / top)}
                    for c in candidates
                ],
                "reasons": [r for r in (m.get("reasons") or []) if isinstance(r, dict)],
                "pending": decision in ("review", "unresolved"),
                "anchor": ANCHORS[kind] if index is None else f"{ANCHORS[kind]}-{index}",
            }
        )

    event = record.get("event") or {}
    add("organizer", None, event.get("organizer") or "—", "", matches.get("organizer"))
    people = record.get("people") or []
    for i, m in enumerate(matches.get("people") or []):
        p = people[i] if i < len(people) and isinstance(people[i], dict) else {}
        detail = ", ".join(x for x in (p.get("positions") or []) if x)
        add("people", i, " ".join(x for x in (p.get("rank"), p.get("name")) if x), detail, m)
    docs = record.get("documents") or []
    for j, m in enumerate(matches.get("documents") or []):
        d = docs[j] if j < len(docs) and isinstance(docs[j], dict) else {}
        cite = (m.get("citation") if isinstance(m, dict) else None) or _citation(d)
        add("documents", j, cite, d.get("issuer") or "", m)
    return rows


def _body_choices(request, item: ImportItem, rows) -> list[tuple[int, str]]:
    """The bodies offered for a holding body that was not found (only when one is asked)."""
    if any(r["kind"] == "organizer" and r["pending"] for r in rows):
        return organizer_choices(request.scope, item.batch.root)
    return []


def _links(request, item: ImportItem) -> list[dict]:
    """What an applied report created or matched, each linked when the user may see it."""
    from ctct.bodies.selectors import bodies_in_scope
    from ctct.conferences.models import Participant
    from ctct.conferences.selectors import conferences_in_scope
    from ctct.congresses.models import Congress
    from ctct.documents.selectors import documents_visible
    from ctct.people.selectors import people_in_scope
    from ctct.ratings.models import Award

    links = list(ImportLink.objects.filter(item=item).order_by("kind", "id"))
    ids: dict[str, set[int]] = {}
    for link in links:
        ids.setdefault(link.kind, set()).add(link.object_id)
    scope = request.scope
    objects: dict[tuple[str, int], object] = {}
    sources = {
        LinkKind.CONFERENCE: conferences_in_scope(scope).select_related("body"),
        LinkKind.PERSON: people_in_scope(scope),
        LinkKind.BODY: bodies_in_scope(scope),
        LinkKind.DOCUMENT: documents_visible(scope),
        LinkKind.PARTICIPANT: Participant.objects.filter(
            conference__in=conferences_in_scope(scope)
        ),
        LinkKind.CONGRESS: Congress.objects.filter(
            conference__in=conferences_in_scope(scope)
        ).select_related("body", "term"),
        LinkKind.AWARD: Award.objects.filter(
            decision__conference__in=conferences_in_scope(scope)
        ).select_related("decision"),
    }
    for kind, qs in sources.items():
        if ids.get(kind):
            for obj in qs.filter(pk__in=ids[kind]):
                objects[(kind, obj.pk)] = obj
    rows = []
    for link in links:
        obj = objects.get((link.kind, link.object_id))
        url = None
        if obj is not None:
            if link.kind == LinkKind.PARTICIPANT:
                url = reverse("conferences:detail", args=[obj.conference_id])
            elif link.kind == LinkKind.CONGRESS:
                url = reverse("conferences:detail", args=[obj.conference_id])
            elif link.kind == LinkKind.AWARD:
                url = reverse("conferences:detail", args=[obj.decision.conference_id])
            elif hasattr(obj, "get_absolute_url"):
                url = obj.get_absolute_url()
        rows.append({"link": link, "object": obj, "url": url})
    return rows


def _item_page(request, item: ImportItem, *, forms=None, errors=None, status: int = 200):
    record = item.record or {}
    editable = item.status == ItemStatus.NEEDS_REVIEW
    event_form, people_fs, documents_fs = forms or review_forms(record)
    rows = decisions(item) if item.status in (ItemStatus.NEEDS_REVIEW, ItemStatus.APPLIED) else []
    ctx = {
        "item": item,
        "batch": item.batch,
        "record": record,
        "text_html": highlight_record(record),
        "legend": list(KINDS.items()),
        "editable": editable,
        "event_form": event_form,
        "people_formset": people_fs,
        "documents_formset": documents_fs,
        "doc_types": DOC_TYPES,
        "decisions": rows,
        "pending": [r for r in rows if r["pending"]],
        "body_choices": _body_choices(request, item, rows) if editable else [],
        "confirm_errors": errors or [],
        "links": _links(request, item) if item.status == ItemStatus.APPLIED else [],
        "congress_plan": congress_plan(item) if editable else None,
        "congress_outcome": (item.matches or {}).get("congress")
        if item.status == ItemStatus.APPLIED
        else None,
    }
    from ctct.imports.figure_views import figure_context  # it builds on this module

    ctx.update(figure_context(request, item))
    return render(request, "imports/item.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, item_pk: int) -> HttpResponse:
    """The review: GET shows the report and its record; POST saves the edited record."""
    it = get_item_for(request, item_pk)
    if request.method == "GET":
        return _item_page(request, it)
    if it.status != ItemStatus.NEEDS_REVIEW:
        messages.info(request, _("This report is no longer waiting for review."))
        return redirect(it)
    forms = review_forms(it.record or {}, request.POST)
    event_form, people_fs, documents_fs = forms
    if any(not fs.is_valid() and fs.rows_changed for fs in forms[1:]):
        # a page whose rows do not match the record: show the record's rows again
        return _item_page(request, it, errors=[str(MSG_ROWS_CHANGED)], status=400)
    if event_form.is_valid() and people_fs.is_valid() and documents_fs.is_valid():
        record = record_from_forms(it.record or {}, event_form, people_fs, documents_fs)
        try:
            review.item_save_review(item=it, record=record, user=request.user)
        except ValidationError as e:
            return _item_page(request, it, forms=forms, errors=_messages_of(e), status=400)
        messages.success(request, _("Record saved; the matches were looked up again."))
        return redirect(reverse("imports:item", args=[it.pk]) + "#decisions")
    return _item_page(request, it, forms=forms, status=400)


@login_required
@require_POST
def choose(request: HttpRequest, item_pk: int) -> HttpResponse:
    """A choice among the candidates of one mention (an htmx post swaps the decisions)."""
    it = get_item_for(request, item_pk)
    form = ChoiceForm(request.POST)
    errors: list[str] = []
    if it.status != ItemStatus.NEEDS_REVIEW:
        errors.append(_("This report is no longer waiting for review."))
    elif not form.is_valid():
        errors += [str(e) for es in form.errors.values() for e in es]
    else:
        d = form.cleaned_data
        try:
            it = review.item_choose(
                item=it,
                kind=d["kind"],
                index=d["index"] or 0,
                choice=d["choice"],
                user=request.user,
            )
        except ValidationError as e:
            errors += _messages_of(e)
    if request.htmx:
        rows = decisions(it)
        ctx = {
            "item": it,
            "decisions": rows,
            "pending": [r for r in rows if r["pending"]],
            "editable": it.status == ItemStatus.NEEDS_REVIEW,
            "choice_errors": errors,
            "body_choices": _body_choices(request, it, rows),
        }
        return render(request, "imports/_decisions.html", ctx)  # htmx swaps only 2xx
    for e in errors:
        messages.error(request, e)
    if not errors:
        messages.success(request, _("Choice recorded."))
    return redirect(reverse("imports:item", args=[it.pk]) + "#decisions")


@login_required
@require_POST
def confirm(request: HttpRequest, item_pk: int) -> HttpResponse:
    it = get_item_for(request, item_pk)
    if it.status == ItemStatus.APPLIED:  # a second click, or the back button
        messages.info(request, _("This report was already imported."))
        return redirect(it.conference or it)
    if it.status != ItemStatus.NEEDS_REVIEW:
        messages.error(request, _("This report is no longer waiting for review."))
        return redirect(it)
    try:
        it = review.item_confirm(item=it, user=request.user)
    except ValidationError as e:
        return _item_page(request, it, errors=_messages_of(e), status=400)
    messages.success(request, _("Report imported: the conference and its people are recorded."))
    return redirect(it.conference or it)


@login_required
@require_POST
def discard(request: HttpRequest, item_pk: int) -> HttpResponse:
    it = get_item_for(request, item_pk)
    if it.status not in DISCARDABLE:
        messages.info(request, _("This report cannot be discarded now."))
        return redirect(it)
    try:
        review.item_discard(item=it, user=request.user)
    except ValidationError as e:
        for m in _messages_of(e):
            messages.error(request, m)
        return redirect(it)
    messages.success(request, _("Report discarded; nothing was recorded from it."))
    return redirect(it.batch)


@login_required
@require_POST
def discard_waiting(request: HttpRequest, pk: int) -> HttpResponse:
    """Discard the reports of a batch still waiting to be read."""
    b = get_batch_for(request, pk)
    n = review.batch_discard_waiting(batch=b, user=request.user)
    if n:
        messages.success(
            request,
            ngettext(
                "%(n)s waiting report discarded; nothing was recorded from it.",
                "%(n)s waiting reports discarded; nothing was recorded from them.",
                n,
            )
            % {"n": n},
        )
    else:
        messages.info(request, _("No report of this import is waiting any more."))
    return redirect(b)
