"""The one rule for every date a user types: which dates are plausible, and in what order.

A date of birth, joining the Party, a body founded, a post taken, a document issued, a
conference held: each is checked against the bounds of its *kind*, and the message says why a
date is refused ("before the Party was founded (3/2/1930)"), so that a slip of the year
(1800, 2099) is caught where it is typed. Pairs of dates are checked in order (joined the Party
after birth, full member after joining, dissolved after founded).

Errors are keyed by the field the caller names, so a form shows them on the field and a
service refuses before it changes anything::

    check_date(dt.date(2099, 1, 1), field="birth_date", kind=DateKind.BIRTH)
    # ValidationError({"birth_date": ["01/01/2099 is after today; ..."]})

The bounds are data (``BOUNDS``): the day the Party was founded, the day the army was founded,
how far ahead a plan may be dated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PARTY_FOUNDED = dt.date(1930, 2, 3)
ARMY_FOUNDED = dt.date(1944, 12, 22)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
PLAN_YEARS_AHEAD = 2

MSG_BEFORE_PARTY = _("%(date)s is before the Party was founded (3/2/1930); check the year.")
MSG_BEFORE_ARMY = _(
    "%(date)s is before the Vietnam People's Army was founded (22/12/1944); check the year."
)
MSG_BIRTH_TOO_EARLY = _("%(date)s is before 1900; check the year of birth.")
MSG_IN_FUTURE = _("%(date)s is after today; this date records something that has happened.")
MSG_TOO_FAR = _("%(date)s is more than %(years)s years away; check the year.")


class DateKind(StrEnum):
    """What a date records, which sets the dates it may take."""

    BIRTH = "birth"  # a date of birth: 1/1/1900 .. today
    PARTY = "party"  # a Party event (joined, a body founded, a post, a document): 3/2/1930 .. today
    MILITARY = "military"  # a rank conferred: 22/12/1944 .. today
    PLAN = "plan"  # a meeting or a deadline, maybe planned: 3/2/1930 .. the end of today's year + 2


@dataclass(frozen=True)
class Bound:
    earliest: dt.date
    too_early: Promise
    too_early_code: str
    years_ahead: int | None = None  # None: not after today


BOUNDS: dict[DateKind, Bound] = {
    DateKind.BIRTH: Bound(EARLIEST_BIRTH, MSG_BIRTH_TOO_EARLY, "too_early"),
    DateKind.PARTY: Bound(PARTY_FOUNDED, MSG_BEFORE_PARTY, "before_party"),
    DateKind.MILITARY: Bound(ARMY_FOUNDED, MSG_BEFORE_ARMY, "before_army"),
    DateKind.PLAN: Bound(PARTY_FOUNDED, MSG_BEFORE_PARTY, "before_party", PLAN_YEARS_AHEAD),
}


def shown(value: dt.date) -> str:
    """A date the way the pages and messages write it: 03/02/1930 (01/01/0001: the year
    always in four digits, which ``%Y`` does not pad on every platform)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def latest(kind: DateKind, today: dt.date | None = None) -> dt.date:
    """The last date ``kind`` accepts."""
    today = today or timezone.localdate()
    ahead = BOUNDS[kind].years_ahead
    return today if ahead is None else dt.date(today.year + ahead, 12, 31)


def date_error(
    value: dt.date | None, *, kind: DateKind, today: dt.date | None = None
) -> ValidationError | None:
    """Why ``value`` cannot be a date of ``kind``, or None when it can (or is empty)."""
    if value is None:
        return None
    bound = BOUNDS[kind]
    if value < bound.earliest:
        return ValidationError(
            bound.too_early, code=bound.too_early_code, params={"date": shown(value)}
        )
    if value > latest(kind, today):
        if bound.years_ahead is None:
            return ValidationError(MSG_IN_FUTURE, code="future", params={"date": shown(value)})
        return ValidationError(
            MSG_TOO_FAR, code="too_far", params={"date": shown(value), "years": bound.years_ahead}
        )
    return None


def order_error(
    earlier: dt.date | None, later: dt.date | None, *, message: Promise, code: str = "order"
) -> ValidationError | None:
    """``message`` when ``later`` comes before ``earlier`` (both given); its parameters are
    ``%(earlier)s`` and ``%(later)s``."""
    if earlier is None or later is None or later >= earlier:
        return None
    return ValidationError(
        message, code=code, params={"earlier": shown(earlier), "later": shown(later)}
    )


class DateChecks:
    """Collects the date problems of one write, one per field, and raises them together::

    DateChecks().date(born, field="birth_date", kind=DateKind.BIRTH).order(
        born, joined, field="party_joined_on", message=MSG_JOINED_BEFORE_BIRTH
    ).raise_any()

    A field whose date is out of bounds is not checked for order as well.
    """

    def __init__(self, today: dt.date | None = None):
        self.today = today
        self.errors: dict[str, ValidationError] = {}

    def date(self, value: dt.date | None, *, field: str, kind: DateKind) -> DateChecks:
        if field not in self.errors and (err := date_error(value, kind=kind, today=self.today)):
            self.errors[field] = err
        return self

    def order(
        self,
        earlier: dt.date | None,
        later: dt.date | None,
        *,
        field: str,
        message: Promise,
        code: str = "order",
    ) -> DateChecks:
        if field not in self.errors and (
            err := order_error(earlier, later, message=message, code=code)
        ):
            self.errors[field] = err
        return self

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(dict(self.errors))


def check_date(
    value: dt.date | None, *, field: str, kind: DateKind, today: dt.date | None = None
) -> None:
    """Refuse ``value`` (keyed by ``field``) when it cannot be a date of ``kind``."""
    DateChecks(today).date(value, field=field, kind=kind).raise_any()


def check_order(
    earlier: dt.date | None,
    later: dt.date | None,
    *,
    field: str,
    message: Promise,
    code: str = "order",
) -> None:
    """Refuse ``later`` (keyed by ``field``) when it comes before ``earlier``."""
    DateChecks().order(earlier, later, field=field, message=message, code=code).raise_any()
