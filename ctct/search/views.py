"""The results page (``/search/?q=``) and the suggestions of the header box.

Both only read through the engine (``ctct.search.engine.search``), which limits every hit to
what ``request.scope`` may open. Every input is turned into results or a message: an empty
or unusable query, a query of thousands of characters, FTS syntax, a bad date or a tampered
filter never reach the database as anything but plain words.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ctct.core import findable
from ctct.core.forms import page_number
from ctct.search import engine
from ctct.search.forms import QUERY_MAX, SearchForm
from ctct.search.marks import excerpt, highlight, query_terms

PER_PAGE = 20
SUGGESTIONS = 8

MSG_EMPTY = _("Type a few words to search: a document number, a title, a name, a body.")
MSG_NO_WORDS = _("“%(query)s” has no letters or digits to search for.")
MSG_NOTHING = _("Nothing you may open matches “%(query)s”.")
MSG_CUT = _("Only the first %(n)s characters were searched.")
MSG_FILTERS = _("Some filters could not be read: see below. The search ran without them.")


def _kind_labels() -> dict[str, str]:
    return {f.kind: f.label or f.kind for f in findable.findables()}


def _searchable(q: str) -> bool:
    return any(ch.isalnum() for ch in q)


def _filters(form: SearchForm) -> dict:
    """The engine's filters from the valid fields of ``form`` (a bad one is left out)."""
    data = getattr(form, "cleaned_data", {})
    body = form.picked("body") if "body" in data and not form.errors.get("body") else None
    kinds = _kind_labels()
    kind = data.get("kind") or ""
    return {
        "kinds": [kind] if kind in kinds else None,
        "within": body,
        "since": data.get("since") if not form.errors.get("since") else None,
        "until": data.get("until") if not form.errors.get("until") else None,
        "doc_type": data.get("doc_type") or None,
        "conference_kind": data.get("conference_kind") or None,
    }


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET, request=request)
    form.is_valid()
    q = form.cleaned_data.get("q", "")
    notices = []
    if len(q) > QUERY_MAX:
        q = q[:QUERY_MAX]
        notices.append(MSG_CUT % {"n": QUERY_MAX})
    if form.errors:
        notices.append(MSG_FILTERS)
    filters = _filters(form)
    found = None
    message = ""
    if not q:
        message = MSG_EMPTY
    elif not _searchable(q):
        message = MSG_NO_WORDS % {"query": q}
    else:
        page = page_number(request)
        found = engine.search(request.scope, q, page=page, per_page=PER_PAGE, **filters)
        if not found.total:
            message = MSG_NOTHING % {"query": q}
    kinds = _kind_labels()
    current = (filters["kinds"] or [""])[0]
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": q,
            "search_query": q,
            "found": found,
            "message": message,
            "notices": notices,
            "kind_labels": kinds,
            "current_kind": current,
            "tabs": _tabs(request, found, kinds, current),
            "groups": _groups(request, found, kinds, current, query_terms(q)) if found else [],
            "prev_url": _page_url(request, found.page - 1) if found and found.page > 1 else "",
            "next_url": _page_url(request, found.page + 1) if found and found.has_next else "",
        },
    )


def _tabs(request, found, kinds: dict[str, str], current: str) -> list[dict]:
    """One tab per kind with its count, and "All"; each keeps the query and the filters."""
    if found is None:
        return []
    counts = found.counts
    tabs = [
        {
            "label": _("All"),
            "count": sum(counts.values()),
            "url": _with(request, kind=""),
            "current": not current,
        }
    ]
    for kind, label in kinds.items():
        if counts.get(kind) or kind == current:
            tabs.append(
                {
                    "label": label,
                    "count": counts.get(kind, 0),
                    "url": _with(request, kind=kind),
                    "current": kind == current,
                }
            )
    return tabs


def _shown(hit, terms: list[str], kinds: dict[str, str]) -> dict:
    """What the page shows of a hit: the title and an excerpt with the query's words marked."""
    snippet = getattr(hit, "snippet", "") or excerpt(getattr(hit, "text", ""), terms)
    return {
        "kind": hit.kind,
        "kind_label": kinds.get(hit.kind, hit.kind),
        "url": hit.url,
        "title": hit.title,
        "title_html": highlight(hit.title, terms),
        "detail": hit.detail,
        "snippet_html": highlight(snippet, terms) if snippet else "",
    }


def _groups(request, found, kinds: dict[str, str], current: str, terms: list[str]) -> list[dict]:
    """The hits of the page by kind, kinds in the order of their best hit, each with its
    count and, on the "All" tab, a link to the tab that pages through the rest."""
    groups: dict[str, dict] = {}
    for hit in found.hits:
        group = groups.get(hit.kind)
        if group is None:
            count = found.counts.get(hit.kind, 0)
            group = groups[hit.kind] = {
                "kind": hit.kind,
                "label": kinds.get(hit.kind, hit.kind),
                "count": count,
                "hits": [],
                "more_url": "",
            }
        group["hits"].append(_shown(hit, terms, kinds))
    if not current:
        for group in groups.values():
            if group["count"] > len(group["hits"]):
                group["more_url"] = _with(request, kind=group["kind"])
    return list(groups.values())


def _with(request, **changes) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    return "?" + params.urlencode()


def _page_url(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()


@login_required
@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """The first few hits for the header box (an htmx fragment of ``<li role=option>``)."""
    q = " ".join("".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).split())
    q = q[:QUERY_MAX]
    hits, total, message = [], 0, ""
    if q and _searchable(q):
        found = engine.search(request.scope, q, page=1, per_page=SUGGESTIONS)
        terms = query_terms(q)
        hits, total = [_shown(h, terms, _kind_labels()) for h in found.hits], found.total
        if not total:
            message = MSG_NOTHING % {"query": q}
    elif q:
        message = MSG_NO_WORDS % {"query": q}
    return render(
        request,
        "search/suggest.html",
        {
            "hits": hits,
            "total": total,
            "query": q,
            "message": message,
            "kind_labels": _kind_labels(),
        },
    )
