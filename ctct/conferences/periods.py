"""Periods as people type and read them.

A period is stored as its code ("2026-H1", "2025-Q3", "2025-9M", "2025", "2025-2030") and
typed either way: "6 tháng đầu năm 2026" or "2026-H1", "quý III/2025" or "2025-Q3",
"nhiệm kỳ 2025-2030" or "2025-2030". Pages show it in words ("6 tháng đầu năm 2026"); the
words shown always parse back to the same code. The language layer (``ctct.text.dates``)
reads and writes the words; this module adds the messages, the form field and the
template filter (``{% load periods %}{{ conference.period|period_words }}``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.text.dates import Period, format_period, parse_period

MSG_NOT_A_PERIOD = _(
    "“%(period)s” is not a period: write it as “6 tháng đầu năm 2025”, “quý III/2025”, "
    "“năm 2025”, “nhiệm kỳ 2025-2030”, or as a code: 2025-H1, 2025-Q3, 2025, 2025-2030."
)
MSG_PERIOD_WITHOUT_YEAR = _("“%(period)s” has no year: write, e.g., “%(example)s”.")
PERIOD_HELP = _(
    "In words or as a code: “6 tháng đầu năm 2025” (2025-H1), “quý III/2025” (2025-Q3), "
    "“9 tháng đầu năm 2025” (2025-9M), “năm 2025” (2025), “nhiệm kỳ 2025-2030” (2025-2030)."
)
# Words are longer than codes: "6 tháng cuối năm 2025", "nhiệm kỳ 2025 - 2030".
TYPED_MAX_LENGTH = 60


def _parse(text: str) -> Period | None:
    # Codes are written with capitals; "2025-h1" is the same code typed in a hurry.
    return parse_period(text) or parse_period(text.upper())


def period_code(value: str | None) -> str:
    """The code of a period typed in words or as a code; "" when nothing was typed.

    >>> period_code("6 tháng đầu năm 2026"), period_code("2026-H1"), period_code("quý 3/2025")
    ('2026-H1', '2026-H1', '2025-Q3')

    Raises ValidationError (code ``period``) for anything else, and (code ``period_year``)
    for a period whose year is missing ("6 tháng cuối năm").
    """
    text = " ".join((value or "").split())
    if not text:
        return ""
    period = _parse(text) if len(text) <= TYPED_MAX_LENGTH else None
    if period is None:
        raise ValidationError(MSG_NOT_A_PERIOD, code="period", params={"period": text})
    if period.year is None:
        example = format_period(period.with_year(timezone.localdate().year))
        raise ValidationError(
            MSG_PERIOD_WITHOUT_YEAR,
            code="period_year",
            params={"period": text, "example": example},
        )
    return period.code()  # type: ignore[return-value]


def check_period_code(value: str) -> None:
    """A stored period must be a code exactly ("2025-H1", not "2025-h1" or words)."""
    period = parse_period(value or "")
    if period is None or period.code() != value:
        raise ValidationError(MSG_NOT_A_PERIOD, code="period", params={"period": value})


def as_period(code: str | None) -> Period | None:
    """The period of a stored code; "2025-2030" is a term (the only range a conference has)."""
    period = parse_period(code) if code else None
    if period is None or period.year is None:
        return None
    if period.kind == "range":
        return Period("term", period.year, None, period.end_year)
    return period


def period_words(code: str | None) -> str:
    """A stored code in words: "2026-H1" -> "6 tháng đầu năm 2026", "2025-Q3" -> "quý III/2025",
    "2025-2030" -> "nhiệm kỳ 2025-2030". Anything that is not a code is returned as it is.

    >>> period_words("2026-H1")
    '6 tháng đầu năm 2026'
    """
    period = as_period(code)
    return format_period(period) if period is not None else (code or "")


class PeriodField(forms.CharField):
    """A period typed in words or as a code; cleans to the code and shows the words."""

    def __init__(self, **kwargs):
        kwargs["max_length"] = TYPED_MAX_LENGTH
        kwargs.setdefault("help_text", PERIOD_HELP)
        super().__init__(**kwargs)

    def to_python(self, value):
        return period_code(super().to_python(value))

    def prepare_value(self, value):
        return period_words(value) if isinstance(value, str) else value
