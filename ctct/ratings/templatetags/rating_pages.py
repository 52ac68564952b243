"""Filters of the rating pages: a level's short name, a criteria group's score, a share."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ctct.ratings import rules as rating_rules

register = template.Library()


@register.filter
def level_short(code: str) -> str:
    """ "htxsnv" -> "HTXSNV" (the rules' short name); "—" for no level."""
    if not code:
        return "—"
    try:
        return rating_rules.current().level(code).short
    except KeyError:
        return code


@register.filter
def level_name(code: str) -> str:
    if not code:
        return "—"
    try:
        return rating_rules.current().level(code).name
    except KeyError:
        return code


@register.filter
def score_of(scores, code: str):
    if not isinstance(scores, dict):
        return "—"
    value = scores.get(code)
    return "—" if value in (None, "") else value


@register.filter
def percent(share) -> str:
    """0.20 -> "20"."""
    try:
        value = Decimal(str(share)) * 100
    except ArithmeticError:
        return ""
    return f"{value.normalize():f}"
