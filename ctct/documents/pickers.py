"""The document picker: "Chỉ thị số 2889-CT/ĐU ngày 3/4/2025" with its summary and issuer."""

from __future__ import annotations

from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.core.pickers import Choice, PickerKind
from ctct.core.treepaths import subtree_q
from ctct.documents.models import Document
from ctct.documents.selectors import document_resolve, documents_visible
from ctct.text import fold

# Documents have no folded search column: the most recent this many visible documents are
# read (a few columns) and matched in Python. Typing the number finds older ones by index.
SCAN_LIMIT = 20000


def document_choices(documents: list[Document]) -> list[Choice]:
    out = []
    for d in documents:
        issuer = d.issuer.name if d.issuer_id else d.issuer_name
        parts = [Truncator(d.title).chars(120), issuer]
        out.append(
            Choice(pk=d.pk, label=d.citation, detail=" · ".join(p for p in parts if p), obj=d)
        )
    return out


def _branch_path(within: int | None) -> str | None:
    """The path of the body ``within`` names ("" when it names none)."""
    if within is None:
        return None
    return Body.objects.filter(pk=within).values_list("path", flat=True).first() or ""


def _visible(request, within: int | None):
    """Documents the user may see; with ``within``, only those issued in that body's branch."""
    visible = documents_visible(request.scope)
    path = _branch_path(within)
    if path is None:
        return visible
    return visible.filter(subtree_q(path, "issuer__")) if path else visible.none()


def search_documents(
    request, query: str, *, limit: int, within: int | None = None
) -> list[Document]:
    """Visible documents whose number, type, summary or issuer has every word typed as the
    beginning of a word, diacritics optional ("chi thi 35" finds "Chỉ thị số 35-CT/TW");
    with ``within``, only documents issued in that body's branch (a cell's own plan)."""
    visible = _visible(request, within)
    exact = document_resolve(request.scope, query)
    if within is not None:
        allowed = set(visible.filter(pk__in=[d.pk for d in exact]).values_list("pk", flat=True))
        exact = [d for d in exact if d.pk in allowed]
    exact = exact[:limit]
    tokens = fold(query).split()[:8]
    if exact or not tokens:  # a full number names its documents: no guessing beyond them
        return exact
    qs = visible
    for t in tokens:
        if t.isdigit() and len(t) < 10:  # a number narrows by index before anything is read
            q = Q(number_text__startswith=t) | Q(number=int(t)) | Q(title__contains=t)
            if len(t) == 4:
                q |= Q(issued_on__year=int(t))
            qs = qs.filter(q)
    found: list[int] = []
    rows = qs.order_by("-issued_on", "-id").values_list(
        "pk",
        "number",
        "issued_on",
        "type_name",
        "number_text",
        "symbol",
        "title",
        "issuer_name",
        "issuer__name",
    )
    for pk, number, issued_on, *texts in rows[:SCAN_LIMIT].iterator(chunk_size=2000):
        if len(found) >= limit:
            break
        texts += [str(number or ""), str(issued_on.year) if issued_on else ""]
        words = " " + fold(" ".join(t for t in texts if t))
        if pk not in found and all(f" {t}" in words for t in tokens):
            found.append(pk)
    by_pk = Document.objects.select_related("issuer").in_bulk(found)
    return [by_pk[pk] for pk in found if pk in by_pk]


class DocumentKind(PickerKind):
    name = "document"
    actions = frozenset({"view"})
    placeholder = _("Type its number or words of its summary…")

    def search(self, request, query, *, action, limit, within=None):
        return document_choices(search_documents(request, query, limit=limit, within=within))

    def get(self, request, pk, *, action, within=None):
        doc = _visible(request, within).select_related("issuer").filter(pk=pk).first()
        return document_choices([doc])[0] if doc else None
