"""``{% panels "body" body %}``: the panels higher apps registered for a place of a page
(see ``ctct.core.panels``), rendered in order."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from ctct.core import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, page: str, obj=None) -> SafeString:
    request = context["request"]
    engine = context.template.engine
    out = []
    for panel, values in registry.shown(page, request, obj):
        # As an inclusion tag does: the page's context processors are not run again, the
        # CSRF token is passed on.
        new = context.new({"request": request, "obj": obj, **values})
        if (csrf_token := context.get("csrf_token")) is not None:
            new["csrf_token"] = csrf_token
        out.append(engine.get_template(panel.template).render(new))
    return mark_safe("\n".join(out))
