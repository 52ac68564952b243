"""What the imports app shows on a conference's page: the imported reports it came from."""

from __future__ import annotations

from django.http import HttpRequest

from ctct.conferences.models import Conference
from ctct.core import panels
from ctct.imports.selectors import imported_from, items_visible


def conference_imported_from(request: HttpRequest, conf: Conference) -> dict | None:
    """The imported reports the record came from, each with whether the user may open it;
    hidden when there are none."""
    items = imported_from("conference", conf.pk)
    if not items:
        return None
    visible = set(
        items_visible(request.scope)
        .filter(pk__in=[i.pk for i in items])
        .values_list("pk", flat=True)
    )
    return {"imported_from": [(i, i.pk in visible) for i in items]}


def register_panels() -> None:
    panels.register(
        "conference",
        name="imported_from",
        order=10,
        template="imports/_conference_imported_from.html",
        context=conference_imported_from,
    )
