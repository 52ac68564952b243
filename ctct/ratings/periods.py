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
    """ "2025" or "Q2/2025"."""
    return f"Q{quarter}/{year}" if quarter else str(year)
