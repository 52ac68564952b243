"""How far a target (chỉ tiêu) has come: plain Python, no Django, so it can be property-tested.

Values are ``Decimal``. A target has a *measure* (what kind of number it is), a *comparison*
(at least, at most, exactly) and a *target value*; subordinate bodies' values roll up into a
superior's by a *rollup rule*. The words stored in the database are the constants below.

The standing rule (``standing``), for the latest value of a target over its period:

* no value yet: ``missed`` once the period is over, ``no_data`` before;
* at least: ``met`` as soon as the value reaches the target;
* at most, exactly: ``met`` only once the period is over and the value still fits; before
  that a fitting value is ``on_track`` (a ceiling met in January says nothing yet);
* a value that does not fit, after the period: ``missed``;
* before the end, for counts and percentages, the value is compared with a linear expectation:
  ``baseline + (target - baseline) * elapsed`` where ``elapsed`` is the share of the period's
  days gone by (today included) and the baseline is 0 when none was given. At or above the
  expectation it is ``on_track``, below it ``at_risk``. A count beyond an at-most or exactly
  target is ``missed`` at once (counts only grow within a period); a percentage beyond it is
  ``at_risk`` (it can come down);
* yes/no and rating levels have no path between values: not yet reached is ``on_track`` for
  the first three quarters of the period (``RISK_FROM``), ``at_risk`` after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# --- measures, comparisons, rollup rules, standings (the stored words) ---------------------
PERCENT = "percent"
COUNT = "count"
YES_NO = "yes_no"
RATING = "rating"
MEASURES = (PERCENT, COUNT, YES_NO, RATING)

AT_LEAST = "at_least"
AT_MOST = "at_most"
EXACTLY = "exactly"
COMPARISONS = (AT_LEAST, AT_MOST, EXACTLY)

SUM = "sum"
MEAN = "mean"
WEIGHTED_MEAN = "weighted_mean"
MINIMUM = "minimum"
SHARE_MEETING = "share_meeting"
ROLLUPS = (SUM, MEAN, WEIGHTED_MEAN, MINIMUM, SHARE_MEETING)

MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
MISSED = "missed"
NO_DATA = "no_data"
STANDINGS = (MET, ON_TRACK, AT_RISK, MISSED, NO_DATA)
BEHIND = frozenset({AT_RISK, MISSED})

# Rating levels, worst to best: không hoàn thành, hoàn thành, hoàn thành tốt, xuất sắc.
RATING_LEVELS = (1, 2, 3, 4)
YES = Decimal(1)
NO = Decimal(0)
HUNDRED = Decimal(100)
# Share of the period after which a yes/no or rating target not yet reached is at risk.
RISK_FROM = Decimal("0.75")

# Which rollup rules make sense for which measure. A sum of percentages or a mean of yes/no
# answers is a number that means nothing; a rating level is ordinal, so it has no mean either.
FITTING_ROLLUPS: dict[str, frozenset[str]] = {
    PERCENT: frozenset({MEAN, WEIGHTED_MEAN, MINIMUM, SHARE_MEETING}),
    COUNT: frozenset({SUM, MEAN, WEIGHTED_MEAN, MINIMUM, SHARE_MEETING}),
    YES_NO: frozenset({MINIMUM, SHARE_MEETING}),
    RATING: frozenset({MINIMUM, SHARE_MEETING}),
}


class ValueRefused(ValueError):
    """A value that does not fit its measure; ``code`` names why (services word the message).

    Codes: ``not_a_number``, ``percent_range`` (0-100), ``count_range`` (a whole number, 0 or
    more), ``yes_no`` (0 or 1), ``rating`` (1-4), ``rollup_measure``, ``weight``.
    """

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def as_value(measure: str, raw: object) -> Decimal:
    """The value ``raw`` as a Decimal of ``measure``, or ValueRefused.

    >>> as_value(PERCENT, "92,5"), as_value(YES_NO, True), as_value(COUNT, 9)
    (Decimal('92.5'), Decimal('1'), Decimal('9'))
    """
    if isinstance(raw, bool):
        value = YES if raw else NO
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(str(raw))
    elif isinstance(raw, str):
        text = raw.strip().rstrip("%").strip().replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueRefused("not_a_number") from None
    else:
        raise ValueRefused("not_a_number")
    if not value.is_finite():
        raise ValueRefused("not_a_number")
    if measure == PERCENT:
        if not NO <= value <= HUNDRED:
            raise ValueRefused("percent_range")
    elif measure == COUNT:
        if value < 0 or value != value.to_integral_value():
            raise ValueRefused("count_range")
    elif measure == YES_NO:
        if value not in (NO, YES):
            raise ValueRefused("yes_no")
    elif measure == RATING:
        if value not in RATING_LEVELS:
            raise ValueRefused("rating")
    else:
        raise ValueError(f"unknown measure {measure!r}")
    return value


def rollup_fits(measure: str, rule: str) -> bool:
    return rule in FITTING_ROLLUPS.get(measure, frozenset())


def check_rollup(measure: str, rule: str) -> None:
    """Refuse a rollup rule that does not fit the measure (a mean of yes/no answers)."""
    if not rollup_fits(measure, rule):
        raise ValueRefused("rollup_measure")


def meets(comparison: str, target: Decimal, value: Decimal) -> bool:
    if comparison == AT_LEAST:
        return value >= target
    if comparison == AT_MOST:
        return value <= target
    if comparison == EXACTLY:
        return value == target
    raise ValueError(f"unknown comparison {comparison!r}")


def elapsed(start: dt.date, end: dt.date, today: dt.date) -> Decimal:
    """The share of the period's days gone by, today included, between 0 and 1."""
    if today < start:
        return NO
    if today >= end:
        return YES
    return Decimal((today - start).days + 1) / Decimal((end - start).days + 1)


def expected(
    target: Decimal, start: dt.date, end: dt.date, today: dt.date, baseline: Decimal | None = None
) -> Decimal:
    """The value a count or percentage should have reached by ``today`` on a straight line."""
    base = baseline if baseline is not None else NO
    return base + (target - base) * elapsed(start, end, today)


def standing(
    *,
    measure: str,
    comparison: str,
    target: Decimal,
    value: Decimal | None,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    baseline: Decimal | None = None,
) -> str:
    """The standing of ``value`` against ``target`` on ``today`` (see the module docstring)."""
    over = today > end
    if value is None:
        return MISSED if over else NO_DATA
    if meets(comparison, target, value):
        if comparison == AT_LEAST or over:
            return MET
        return ON_TRACK
    if over:
        return MISSED
    if measure in (YES_NO, RATING):
        return AT_RISK if elapsed(start, end, today) >= RISK_FROM else ON_TRACK
    if value > target and comparison in (AT_MOST, EXACTLY):
        return MISSED if measure == COUNT else AT_RISK
    return ON_TRACK if value >= expected(target, start, end, today, baseline) else AT_RISK


# --- roll-up --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sub:
    """One subordinate body's part: its latest value (None: nothing entered), its own target
    and comparison, and its weight for a weighted mean."""

    value: Decimal | None
    target: Decimal
    comparison: str = AT_LEAST
    weight: Decimal = YES


@dataclass(frozen=True)
class Rolled:
    """A rolled-up figure: ``value`` (None when no subordinate entered anything), how many
    subordinates entered a value and how many were expected to."""

    value: Decimal | None
    reported: int
    expected: int

    @property
    def missing(self) -> int:
        return self.expected - self.reported


def rollup(rule: str, subs: Sequence[Sub]) -> Rolled:
    """Roll subordinate values up by ``rule``.

    Sum, mean, weighted mean and minimum are taken over the bodies that entered a value (the
    ``missing`` count says how many did not). The share of bodies meeting their own target is
    a percentage of *all* the bodies handed the target: one that entered nothing does not meet
    it.

    >>> rollup(SUM, [Sub(Decimal(3), Decimal(5)), Sub(None, Decimal(5))])
    Rolled(value=Decimal('3'), reported=1, expected=2)
    """
    reported = [s for s in subs if s.value is not None]
    n = len(reported)
    if rule == SHARE_MEETING:
        if not subs:
            return Rolled(None, 0, 0)
        meeting = sum(1 for s in reported if meets(s.comparison, s.target, s.value))  # type: ignore[arg-type]
        return Rolled(HUNDRED * meeting / len(subs), n, len(subs))
    if not reported:
        return Rolled(None, 0, len(subs))
    values = [s.value for s in reported]
    if rule == SUM:
        value = sum(values, NO)  # type: ignore[arg-type]
    elif rule == MEAN:
        value = sum(values, NO) / n  # type: ignore[arg-type]
    elif rule == WEIGHTED_MEAN:
        if any(s.weight <= 0 for s in reported):
            raise ValueRefused("weight")
        total = sum((s.weight for s in reported), NO)
        value = sum((s.weight * s.value for s in reported), NO) / total  # type: ignore[operator]
    elif rule == MINIMUM:
        value = min(values)  # type: ignore[type-var]
    else:
        raise ValueError(f"unknown rollup rule {rule!r}")
    return Rolled(value, n, len(subs))


def share_target(rule: str, measure: str, comparison: str, target: Decimal):
    """The (measure, comparison, target) a rolled-up figure is judged by: a share of bodies
    meeting their own is a percentage that should reach 100; other rules keep the target's."""
    if rule == SHARE_MEETING:
        return PERCENT, AT_LEAST, HUNDRED
    return measure, comparison, target


# --- "so với cùng kỳ" -----------------------------------------------------------------------
def same_period_ratio(value: Decimal | None, last_year: Decimal | None) -> Decimal | None:
    """``value`` as a percentage of the same period a year earlier, one decimal; None when
    there is nothing to compare with (no figure, or zero a year ago).

    >>> same_period_ratio(Decimal(92), Decimal(100))
    Decimal('92.0')
    """
    if value is None or last_year is None or last_year == 0:
        return None
    return (value * HUNDRED / last_year).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def vi_number(value: Decimal) -> str:
    """A figure as Vietnamese text writes it: a decimal comma, no trailing zeros.

    >>> vi_number(Decimal("92.0")), vi_number(Decimal("104.5"))
    ('92', '104,5')
    """
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def same_period_words(
    *, value: Decimal | None, last_year: Decimal | None, year: int, met: bool = False
) -> str:
    """The report's phrase for a figure against the same period of the year before.

    A target met is "đạt và vượt" (reached and exceeded); otherwise "đạt". Empty when there is
    nothing to compare with: a review says what is missing rather than invent a figure.

    >>> same_period_words(value=Decimal(92), last_year=Decimal(100), year=2024, met=True)
    'đạt và vượt chỉ tiêu, bằng 92% so với cùng kỳ năm 2024'
    >>> same_period_words(value=Decimal(92), last_year=Decimal(100), year=2024)
    'đạt 92% so với cùng kỳ năm 2024'
    """
    ratio = same_period_ratio(value, last_year)
    if ratio is None:
        return ""
    figure = f"{vi_number(ratio)}% so với cùng kỳ năm {year}"
    return f"đạt và vượt chỉ tiêu, bằng {figure}" if met else f"đạt {figure}"


def count_standings(standings: Iterable[str]) -> dict[str, int]:
    """How many of each standing, every standing present (zero when none)."""
    out = dict.fromkeys(STANDINGS, 0)
    for s in standings:
        out[s] += 1
    return out
