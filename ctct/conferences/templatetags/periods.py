"""``{{ code|period_words }}``: a stored period in words ("2026-H1" -> "6 tháng đầu năm 2026")."""

from django import template

from ctct.conferences import periods

register = template.Library()


@register.filter
def period_words(code: str) -> str:
    return periods.period_words(code)
