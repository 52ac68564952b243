"""The results page (``/search/?q=``) and the suggestions of the header box.

Both only read through the engine (``ctct.search.engine.search``), which limits every hit to
what ``request.scope`` may open and answers every query with results or a message (empty,
nothing to search for, cut, nothing found). The page adds the filters: a bad date, a body out
of reach or a tampered value is a message beside its field, and the search runs without it.
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
from ctct.search.forms import SearchForm

PER_PAGE = 20
SUGGESTIONS = 8

MSG_FILTERS = _("Some filters could not be read: see below. The search ran without them.")


def _printable(text: str) -> str:
    return " ".join("".join(ch for ch in text if ch.isprintable()).split())


def _filters(form: SearchForm, kinds: list[str]) -> dict:
    """The engine's filters from the valid fields of ``form`` (a bad one is left out)."""
    data = form.cleaned_data
    ok = [name for name in data if name not in form.errors]
    kind = data.get("kind") if "kind" in ok else ""
    since = data.get("since") if "since" in ok and "until" in ok else None
    until = data.get("until") if "since" in ok and "until" in ok else None
    return {
        "kinds": [kind] if kind in kinds else None,
        "subtree": form.picked("body") if "body" in ok else None,
        "period": (since, until) if since or until else None,
        "type": data.get("doc_type") if "doc_type" in ok else None,
        "conference_kind": data.get("conference_kind") if "conference_kind" in ok else None,
    }


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET, request=request)
    form.is_valid()
    q = form.cleaned_data.get("q", "")
    kinds = [f.kind for f in findable.findables()]
    filters = _filters(form, kinds)
    found = engine.search(request.scope, q, page=page_number(request), per_page=PER_PAGE, **filters)
    current = (filters["kinds"] or [""])[0] or ("conference" if filters["conference_kind"] else "")
    notices = list(found.messages)
    if form.errors:
        notices.append(str(MSG_FILTERS))
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": q,
            "search_query": q,
            "found": found,
            "notices": notices,
            "current_kind": current,
            "filters_open": any(
                request.GET.get(name)
                for name in ("body", "body__q", "since", "until", "doc_type", "conference_kind")
            ),
            "tabs": _tabs(request, found, current),
            "groups": _groups(request, found, current),
            "prev_url": _page_url(request, found.page - 1) if found.has_previous else "",
            "next_url": _page_url(request, found.page + 1) if found.has_next else "",
        },
    )


def _tabs(request, found, current: str) -> list[dict]:
    """ "All" and one tab per kind that has hits, with its count; each keeps the filters."""
    if not found.total and not current:
        return []
    tabs = [
        {
            "label": _("All"),
            "count": sum(found.counts.values()),
            "url": _with(request, kind=""),
            "current": not current,
        }
    ]
    for kind, label in found.labels.items():
        count = found.counts.get(kind, 0)
        if count or kind == current:
            tabs.append(
                {
                    "label": label,
                    "count": count,
                    "url": _with(request, kind=kind),
                    "current": kind == current,
                }
            )
    return tabs


def _groups(request, found, current: str) -> list[dict]:
    """The page's hits by kind, kinds in the order of their best hit, each with its count
    and, on the "All" tab, a link to its own tab for the rest."""
    groups: dict[str, dict] = {}
    for hit in found.hits:
        group = groups.get(hit.kind)
        if group is None:
            group = groups[hit.kind] = {
                "kind": hit.kind,
                "label": found.labels.get(hit.kind, hit.kind),
                "count": found.counts.get(hit.kind, 0),
                "hits": [],
                "more_url": "",
            }
        group["hits"].append(hit)
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
    q = _printable(request.GET.get("q", ""))
    found = engine.search(request.scope, q, page=1, per_page=SUGGESTIONS) if q else None
    return render(
        request,
        "search/suggest.html",
        {
            "found": found,
            "hits": [(h, found.labels.get(h.kind, h.kind)) for h in found.hits] if found else [],
            "query": q,
            "message": found.messages[-1] if found and found.messages else "",
        },
    )
