from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ctct.core import pickers


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page: its sections are panels the apps register (``ctct.core.panels``)."""
    return render(request, "core/home.html")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def pick(request: HttpRequest, kind: str) -> HttpResponse:
    """Suggestions for a picker: what the user may choose for ``?action=`` matching ``?q=``.

    An HTML fragment of options for htmx; ``?format=json`` gives ``[{id, label, detail}]``.
    """
    # The box posts its own name ("issuer__q") when htmx sends it; ``q`` from elsewhere.
    query = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if k.endswith("__q")), ""
    )
    within = request.GET.get("within", "")
    choices = pickers.suggest(
        request,
        kind,
        query,
        request.GET.get("action"),
        within=int(within) if within.isdigit() and len(within) < 19 else None,
    )
    if request.GET.get("format") == "json":
        data = [{"id": c.pk, "label": c.label, "detail": c.detail} for c in choices]
        return JsonResponse({"results": data})
    return render(
        request,
        "core/_picker_options.html",
        {"choices": choices, "q": query.strip()},
    )


# --- error pages ----------------------------------------------------------------------------
# In the site's layout and language, with a way back. The 500 page is rendered without the
# request's context processors: nothing on it may need the database, which may be what failed.
ERROR_PAGES = {
    400: (
        gettext_lazy("Bad request"),
        gettext_lazy(
            "The request could not be understood. Go back, reload the page and try again."
        ),
    ),
    403: (
        gettext_lazy("Access denied"),
        gettext_lazy("You may not do this here."),
    ),
    404: (
        gettext_lazy("Page not found"),
        gettext_lazy("This page does not exist, or it is outside your reach."),
    ),
    500: (
        gettext_lazy("Something went wrong"),
        gettext_lazy(
            "The server could not finish this request; nothing more was saved. "
            "Try again in a moment."
        ),
    ),
}
MSG_CSRF_FAILED = gettext_lazy(
    "This form was open too long, or you logged in or out in another tab. "
    "Go back, reload the page and send it again."
)


def _error_page(request, status: int, text=None, *, with_context: bool = True) -> HttpResponse:
    title, default_text = ERROR_PAGES[status]
    context = {"status": status, "title": title, "text": text or default_text}
    template = loader.get_template("error.html")
    html = template.render(context, request if with_context else None)
    return HttpResponse(html, status=status)


def bad_request(request, exception=None) -> HttpResponse:
    return _error_page(request, 400)


def permission_denied(request, exception=None) -> HttpResponse:
    return _error_page(request, 403)


def page_not_found(request, exception=None) -> HttpResponse:
    return _error_page(request, 404)


def server_error(request) -> HttpResponse:
    return _error_page(request, 500, with_context=False)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    return _error_page(request, 403, MSG_CSRF_FAILED)
