"""Filters of the resolution pages: a standing's label, a figure as Vietnamese writes it, and
the numbers of a <meter> bar (plain decimals, whatever the language)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ctct.resolutions import standing as st
from ctct.resolutions.models import Standing

register = template.Library()


@register.filter
def standing_label(code: str) -> str:
    try:
        return Standing(code).label
    except ValueError:
        return code


@register.filter
def figure(value) -> str:
    """12.00 -> "12", 92.50 -> "92,5"; an empty figure is a dash."""
    if value is None or value == "":
        return "—"
    return st.vi_number(Decimal(value))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


@register.filter
def meter_value(node) -> str:
    return _plain(node.value or Decimal(0))


@register.filter
def meter_max(node) -> str:
    """The bar's full length: the target, or the figure when it goes beyond (never 0)."""
    top = max(node.judged_target or Decimal(0), node.value or Decimal(0))
    return _plain(top) if top > 0 else "1"


@register.filter
def meter_target(node) -> str:
    return _plain(node.judged_target or Decimal(0))
