"""Tags of the correcting links on the resolution pages."""

from __future__ import annotations

from django import template

from ctct.resolutions.permissions import may_correct_entry as _may_correct_entry

register = template.Library()


@register.simple_tag(takes_context=True)
def may_correct_entry(context, entry) -> bool:
    """May the user of the page correct or remove this progress entry?"""
    request = context.get("request")
    if request is None or not hasattr(request, "scope"):
        return False
    return _may_correct_entry(request.scope, request.user, entry)
