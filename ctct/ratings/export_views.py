"""The rating results of a body's subtree: the charts page (``export/<body>/charts/``) and the
files (``export/<body>/xlsx/``, ``export/<body>/docx/``), each for ``?year=`` (the newest year
of a round by default).

Scoped like the body page: the charts (counts and shares, no names) to whoever's scope views
the body; the files, which name every member and their level, to whoever may rate there
(``rate``: the secretaries and the political agency); others get 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.ratings import export, results
from ctct.ratings import rules as rr

# A year a request may name: four digits.
YEAR_DIGITS = 4


def _year(request: HttpRequest, body: Body) -> tuple[int | None, list[int]]:
    """The year asked for (``?year=``) among the body's rounds, else the newest; 404 for a
    year the body has no round of."""
    years = results.years(body)
    raw = request.GET.get("year", "").strip()
    if not raw:
        return (years[0] if years else None), years
    if not (raw.isascii() and raw.isdigit() and len(raw) == YEAR_DIGITS) or int(raw) not in years:
        raise Http404(_("No rating round of this year for this body."))
    return int(raw), years


def _attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _results(request: HttpRequest, body_pk: int) -> results.Results:
    body = get_body_for(request, body_pk, "rate")
    year, _years = _year(request, body)
    if year is None:
        raise Http404(_("No rating round for this body yet."))
    return results.results(body, year)


@login_required
@require_GET
def results_xlsx(request: HttpRequest, body_pk: int) -> HttpResponse:
    found = _results(request, body_pk)
    return _attachment(export.results_xlsx(found), export.XLSX, export.file_name(found, "xlsx"))


@login_required
@require_GET
def results_docx(request: HttpRequest, body_pk: int) -> HttpResponse:
    found = _results(request, body_pk)
    parent = Body.objects.get_parent(found.body)
    data = export.results_docx(
        found, superior=parent.name if parent else "", today=timezone.localdate()
    )
    return _attachment(data, export.DOCX, export.file_name(found, "docx"))


@login_required
@require_GET
def charts(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk)
    year, years = _year(request, body)
    levels = rr.current().levels
    lang = get_language() or "vi"
    ctx: dict = {"body": body, "year": year, "years": years, "levels": levels}
    if year is not None:
        rows = results.distribution(body, year)
        trend = results.trend(body)
        codes = [lv.code for lv in levels]
        ctx.update(
            rows=[
                {
                    "name": r.name,
                    "own": r.own,
                    "total": r.total,
                    "cells": [(r.count(c), r.share(c)) for c in codes],
                    "undecided": r.count(results.UNDECIDED),
                }
                for r in rows
            ],
            trend=[
                {
                    "year": t.year,
                    "decided": t.decided,
                    "cells": [(t.counts.get(c, 0), t.share(c)) for c in codes],
                }
                for t in trend
            ],
            bars=results.bars_data(
                rows,
                levels,
                lang=lang,
                axis=_("Share of the members rated (%)"),
                own=_("its own members"),
            ),
            lines=results.trend_data(
                trend, levels, lang=lang, axis=_("Share of the members rated (%)")
            ),
            may_export=request.scope.allows("rate", body),
        )
    return render(request, "ratings/results_charts.html", ctx)
