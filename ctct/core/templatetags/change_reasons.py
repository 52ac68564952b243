"""History rows keep the reason of a change as it was written (in English, by the code that
made it); pages show it in the reader's language: ``{{ h.history_change_reason|change_reason }}``.
A reason typed by a person (a move's "tổ chức lại") is shown as typed."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Reasons the developer tools write (ctct.devtools.demo and ctct.devtools.worldgen take them
# from here: the tools sit above every app, and nothing below may import them).
DEMO_REASON = "demo data"
BENCHMARK_WORLD_REASON = "import benchmark world"

# Reasons the code writes: the demo and the import benchmark (above), addressing a document
# (ctct.documents.services).
KNOWN = {
    DEMO_REASON: _("demo data"),
    "addressed": _("addressed"),
    BENCHMARK_WORLD_REASON: _("generated for the import benchmark"),
}
# Reasons with a name after a fixed start (ctct.bodies.services: body_move, body_merge).
PREFIXED = (
    ("moved under ", _("moved under %(name)s")),
    ("merged into ", _("merged into %(name)s")),
)


@register.filter
def change_reason(reason: str | None) -> str:
    if not reason:
        return ""
    if reason in KNOWN:
        return str(KNOWN[reason])
    for start, label in PREFIXED:
        if reason.startswith(start):
            return label % {"name": reason[len(start) :]}
    return reason
