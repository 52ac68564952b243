"""The one rule for typed dates: bounds per kind with the reason, and the order of pairs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from ctct.core.dates import (
    ARMY_FOUNDED,
    BOUNDS,
    MSG_BEFORE_ARMY,
    MSG_BEFORE_PARTY,
    MSG_BIRTH_TOO_EARLY,
    MSG_IN_FUTURE,
    MSG_TOO_FAR,
    PARTY_FOUNDED,
    DateChecks,
    DateKind,
    check_date,
    check_order,
    date_error,
    latest,
    order_error,
    shown,
)

TODAY = dt.date(2026, 12, 4)
MSG_ORDER = "%(later)s is before %(earlier)s."
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
kinds = st.sampled_from(list(DateKind))


def _message(value, *, kind):
    err = date_error(value, kind=kind, today=TODAY)
    return err.messages[0] if err else None


class TestBounds:
    def test_a_birth_in_2099_is_in_the_future(self):
        assert _message(dt.date(2099, 1, 1), kind=DateKind.BIRTH) == MSG_IN_FUTURE % {
            "date": "01/01/2099"
        }

    def test_a_birth_before_1900_asks_to_check_the_year(self):
        assert _message(dt.date(1899, 12, 31), kind=DateKind.BIRTH) == MSG_BIRTH_TOO_EARLY % {
            "date": "31/12/1899"
        }

    def test_a_party_event_before_the_party_was_founded_says_so(self):
        assert _message(dt.date(1930, 2, 2), kind=DateKind.PARTY) == MSG_BEFORE_PARTY % {
            "date": "02/02/1930"
        }
        assert _message(PARTY_FOUNDED, kind=DateKind.PARTY) is None

    def test_a_rank_before_the_army_was_founded_says_so(self):
        assert _message(dt.date(1944, 12, 21), kind=DateKind.MILITARY) == MSG_BEFORE_ARMY % {
            "date": "21/12/1944"
        }
        assert _message(ARMY_FOUNDED, kind=DateKind.MILITARY) is None

    def test_a_plan_may_be_dated_to_the_end_of_the_year_after_next(self):
        assert _message(dt.date(2028, 12, 31), kind=DateKind.PLAN) is None
        assert _message(dt.date(2029, 1, 1), kind=DateKind.PLAN) == MSG_TOO_FAR % {
            "date": "01/01/2029",
            "years": 2,
        }

    def test_today_is_accepted_for_every_kind(self):
        for kind in DateKind:
            assert _message(TODAY, kind=kind) is None

    def test_an_empty_date_is_not_checked(self):
        check_date(None, field="birth_date", kind=DateKind.BIRTH)

    def test_the_error_is_keyed_by_the_field_named(self):
        with pytest.raises(ValidationError) as e:
            check_date(dt.date(1800, 1, 1), field="founded_on", kind=DateKind.PARTY)
        assert list(e.value.error_dict) == ["founded_on"]
        assert e.value.error_dict["founded_on"][0].code == "before_party"


class TestOrder:
    def test_a_later_date_before_the_earlier_is_refused_with_both_dates(self):
        with pytest.raises(ValidationError) as e:
            check_order(
                dt.date(1990, 5, 1),
                dt.date(1989, 1, 2),
                field="party_joined_on",
                message=MSG_ORDER,
            )
        assert e.value.error_dict["party_joined_on"][0].messages == [
            "02/01/1989 is before 01/05/1990."
        ]

    def test_the_same_day_is_in_order(self):
        check_order(dt.date(2000, 1, 1), dt.date(2000, 1, 1), field="x", message=MSG_ORDER)

    def test_a_missing_date_has_no_order(self):
        check_order(None, dt.date(2000, 1, 1), field="x", message=MSG_ORDER)
        check_order(dt.date(2000, 1, 1), None, field="x", message=MSG_ORDER)

    def test_checks_report_every_field_once_bounds_first(self):
        checks = (
            DateChecks(TODAY)
            .date(dt.date(2099, 1, 1), field="birth_date", kind=DateKind.BIRTH)
            .date(dt.date(1800, 1, 1), field="party_joined_on", kind=DateKind.PARTY)
            .order(
                dt.date(2099, 1, 1),
                dt.date(1800, 1, 1),
                field="party_joined_on",
                message=MSG_ORDER,
            )
        )
        with pytest.raises(ValidationError) as e:
            checks.raise_any()
        codes = {f: [x.code for x in errs] for f, errs in e.value.error_dict.items()}
        assert codes == {"birth_date": ["future"], "party_joined_on": ["before_party"]}


class TestProperties:
    @given(value=dates, kind=kinds)
    def test_a_date_is_refused_exactly_when_it_is_outside_its_kinds_bounds(self, value, kind):
        inside = BOUNDS[kind].earliest <= value <= latest(kind, TODAY)
        assert (date_error(value, kind=kind, today=TODAY) is None) == inside

    @given(value=dates, kind=kinds)
    def test_a_refusal_names_the_date_as_typed(self, value, kind):
        err = date_error(value, kind=kind, today=TODAY)
        if err is not None:
            assert f"{value.day:02d}/{value.month:02d}/{value.year:04d}" in err.messages[0]

    @given(value=dates)
    def test_what_a_party_event_accepts_a_plan_accepts(self, value):
        if date_error(value, kind=DateKind.PARTY, today=TODAY) is None:
            assert date_error(value, kind=DateKind.PLAN, today=TODAY) is None

    @given(value=dates)
    def test_a_birth_accepts_every_past_party_event_date(self, value):
        if date_error(value, kind=DateKind.PARTY, today=TODAY) is None:
            assert date_error(value, kind=DateKind.BIRTH, today=TODAY) is None

    @given(earlier=dates, later=dates)
    def test_an_order_is_refused_exactly_when_the_later_date_comes_first(self, earlier, later):
        err = order_error(earlier, later, message=MSG_ORDER)
        assert (err is None) == (later >= earlier)


def test_a_date_is_shown_day_month_and_a_four_digit_year_even_in_the_year_one():
    assert shown(dt.date(1930, 2, 3)) == "03/02/1930"
    assert shown(dt.date(1, 1, 1)) == "01/01/0001"
