"""The days of a rating period: a year, or a quarter of it."""

from __future__ import annotations

import datetime as dt


def span(year: int, quarter: int | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of ``year`` (or of its ``quarter``).

    >>> span(2025)
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    >>> span(2025, 2)
    (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    """
    if quarter is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = dt.date(year, 3 * (quarter - 1) + 1, 1)
    if quarter == 4:
        return first, dt.date(year, 12, 31)
    return first, dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def label(year: int, quarter: int | None = None) -> str:
    """ "2025", or the quarter in the interface's language ("Q2/2025", "quý 2/2025")."""
    from django.utils.translation import gettext

    if not quarter:
        return str(year)
    return gettext("Q%(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
