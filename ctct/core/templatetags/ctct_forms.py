"""``{% form_token_field %}``: the hidden one-time token of a form that creates something."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ctct.core.forms import FORM_TOKEN, new_form_token

register = template.Library()


@register.simple_tag
def form_token_field() -> str:
    """A new token for each form rendered, so two forms of one page never share one."""
    return format_html('<input type="hidden" name="{}" value="{}">', FORM_TOKEN, new_form_token())
