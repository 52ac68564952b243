"""Dates and periods: parsing, finding with spans, formatting, year inference."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.text.dates import (
    DateError,
    PartialDate,
    Period,
    YearContext,
    find_dates,
    find_periods,
    format_date,
    format_period,
    infer_year,
    parse_date,
    parse_dateline,
    parse_period,
)
from ctct.text.tests.conftest import load_cases

CASES = load_cases("dates.json")


def _expected(value):
    return None if value is None else PartialDate(*value)


class TestPartialDate:
    def test_iso_needs_a_complete_date(self):
        assert PartialDate(2024, 11, 3).iso() == "2024-11-03"
        assert PartialDate(None, 6, 20).iso() is None
        assert PartialDate(2025, 6).iso() is None

    def test_with_year_completes_a_day_and_month(self):
        assert PartialDate(None, 6, 20, "sang").with_year(2025) == PartialDate(2025, 6, 20, "sang")

    def test_february_29_needs_a_leap_year_once_the_year_is_known(self):
        leap_day = PartialDate(None, 2, 29)
        assert leap_day.with_year(2024).iso() == "2024-02-29"
        with pytest.raises(DateError, match="29/2 does not exist in 2025"):
            leap_day.with_year(2025)

    @pytest.mark.parametrize(
        ("args", "reason"),
        [
            ((2025, 2, 31), "day 31 does not exist in month 2"),
            ((None, 13, 1), "month 13 is not 1-12"),
            ((2025, None, 5), "a day needs a month"),
            ((None, None, None), "at least a year or a month"),
            ((1800, 1, 1), "year 1800 is outside"),
        ],
    )
    def test_impossible_dates_are_refused_with_the_reason(self, args, reason):
        with pytest.raises(DateError, match=reason) as info:
            PartialDate(*args)
        assert reason in info.value.reason

    def test_part_of_day_is_one_of_three(self):
        with pytest.raises(DateError, match="part of day"):
            PartialDate(2025, 1, 1, "trua")  # type: ignore[arg-type]

    def test_to_date_gives_a_datetime_date_when_complete(self):
        assert PartialDate(2025, 6, 20).to_date() == dt.date(2025, 6, 20)
        assert PartialDate(None, 6, 20).to_date() is None


class TestParseDate:
    @pytest.mark.parametrize(("text", "expected"), CASES["parse"])
    def test_the_genre_expressions_parse(self, text, expected):
        assert parse_date(text) == _expected(expected)

    def test_non_strings_give_none(self):
        assert parse_date(None) is None  # type: ignore[arg-type]
        assert parse_date(2025) is None  # type: ignore[arg-type]

    def test_a_dateline_splits_into_place_and_date(self):
        assert parse_dateline("Hà Nội, ngày 03 tháng 4 năm 2018") == (
            "Hà Nội",
            PartialDate(2018, 4, 3),
        )
        assert parse_dateline("TP Hồ Chí Minh, ngày 20 tháng 6 năm 2025")[0] == "TP Hồ Chí Minh"
        assert parse_dateline("không phải dòng ngày tháng") is None
        assert parse_dateline("") is None


class TestFindDates:
    @pytest.mark.parametrize(("text", "expected"), CASES["find"])
    def test_dates_are_found_with_their_text(self, text, expected):
        found = [(m.text, m.value.iso()) for m in find_dates(text)]
        assert found == [tuple(e) for e in expected]

    def test_spans_index_the_original_text(self):
        text = "(QK7 Online) - Chiều 25/11, Ban Thường vụ; Hướng dẫn ngày 22/10/2024"
        for m in find_dates(text):
            assert text[m.start : m.end] == m.text

    def test_a_range_gives_its_first_and_last_day(self):
        (m,) = find_dates("Từ ngày 22 đến 24/7/2025, Đại hội")
        assert m.value == PartialDate(2025, 7, 22)
        assert m.until == PartialDate(2025, 7, 24)

    def test_a_range_across_new_year_dates_the_first_day_a_year_earlier(self):
        (m,) = find_dates("từ ngày 28/12 đến ngày 2/1/2025")
        assert m.value.iso() == "2024-12-28"

    def test_the_part_of_day_is_kept(self):
        (m,) = find_dates("Sáng ngày 29/6/2023, Đảng ủy")
        assert m.value.part_of_day == "sang"

    def test_empty_text_has_no_dates(self):
        assert find_dates("") == []

    def test_impossible_dates_in_text_are_skipped(self):
        assert find_dates("ngày 31/2/2025 và ngày 30/2") == []


class TestFormatDate:
    def test_long_form_pads_days_below_10_and_months_1_and_2(self):
        assert format_date(PartialDate(2018, 4, 3)) == "ngày 03 tháng 4 năm 2018"
        assert format_date(PartialDate(2024, 1, 15)) == "ngày 15 tháng 01 năm 2024"
        assert format_date(PartialDate(2024, 11, 3)) == "ngày 03 tháng 11 năm 2024"

    def test_short_form_is_unpadded(self):
        assert format_date(PartialDate(2025, 6, 20), "short") == "20/6/2025"

    def test_padded_and_iso_forms(self):
        assert format_date(PartialDate(2024, 11, 3), "padded") == "03/11/2024"
        assert format_date(PartialDate(2024, 11, 3), "iso") == "2024-11-03"

    def test_partial_dates_leave_out_what_is_missing(self):
        assert format_date(PartialDate(None, 6, 20), "short") == "ngày 20/6"
        assert format_date(PartialDate(None, 6, 20)) == "ngày 20 tháng 6"
        assert format_date(PartialDate(2025, 6), "short") == "tháng 6/2025"

    def test_the_part_of_day_leads(self):
        assert format_date(PartialDate(2023, 6, 29, "sang")) == "sáng ngày 29 tháng 6 năm 2023"
        assert format_date(PartialDate(None, 11, 25, "chieu"), "short") == "chiều 25/11"

    def test_iso_of_a_partial_date_is_an_error(self):
        with pytest.raises(DateError):
            format_date(PartialDate(None, 6, 20), "iso")

    def test_an_unknown_style_is_an_error(self):
        with pytest.raises(DateError, match="unknown date style"):
            format_date(PartialDate(2025, 6, 20), "american")  # type: ignore[arg-type]


@st.composite
def partial_dates(draw):
    year = draw(st.one_of(st.none(), st.integers(1945, 2100)))
    month = draw(st.integers(1, 12))
    day = draw(st.one_of(st.none(), st.integers(1, 28)))
    pod = draw(st.sampled_from([None, "sang", "chieu", "toi"])) if day else None
    if year is None and day is None:
        day = 1
    return PartialDate(year, month, day, pod)


class TestDateProperties:
    @given(partial_dates(), st.sampled_from(["long", "short", "padded"]))
    def test_parse_of_format_round_trips(self, d, style):
        assert parse_date(format_date(d, style)) == d

    @given(partial_dates())
    def test_find_dates_finds_a_formatted_date_in_a_sentence(self, d):
        text = f"Đảng ủy họp {format_date(d, 'long')}, đánh giá kết quả."
        (m,) = find_dates(text)
        assert m.value == d

    @given(st.text(max_size=60))
    def test_parse_date_never_crashes(self, s):
        parse_date(s)
        find_dates(s)
        find_periods(s)
        parse_period(s)


class TestPeriods:
    @pytest.mark.parametrize(("text", "code"), CASES["periods"])
    def test_period_expressions_parse_to_codes(self, text, code):
        period = parse_period(text)
        assert period is not None
        assert period.code() == code

    def test_a_half_without_a_year_is_partial_and_can_be_completed(self):
        period = parse_period("6 tháng cuối năm")
        assert period == Period("half", None, 2)
        assert period.with_year(2025).code() == "2025-H2"

    def test_periods_are_found_in_running_text_with_spans(self):
        text = "Hội nghị Đảng ủy 6 tháng đầu năm 2025 ... Đại hội nhiệm kỳ 2025-2030; cùng kỳ năm 2024."
        found = [(m.text, m.value.code()) for m in find_periods(text)]
        assert found == [
            ("6 tháng đầu năm 2025", "2025-H1"),
            ("nhiệm kỳ 2025-2030", "2025-2030"),
            ("năm 2024", "2024"),
        ]
        for m in find_periods(text):
            assert text[m.start : m.end] == m.text

    def test_a_year_followed_by_a_range_is_the_range(self):
        found = [(m.text, m.value.code()) for m in find_periods("5 năm 2021-2025 và năm 2026")]
        assert found == [("2021-2025", "2021-2025"), ("năm 2026", "2026")]

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("sơ kết 9 tháng năm 2024", [("9 tháng năm 2024", "2024-9M")]),
            ("Hội nghị 6 tháng năm 2025", [("6 tháng năm 2025", "2025-H1")]),
            ("giao ban quý III/2024", [("quý III/2024", "2024-Q3")]),
            ("tổng kết năm học 2024 - 2025", [("năm học 2024 - 2025", "2024-2025")]),
            ("giai đoạn 2021-2025", [("giai đoạn 2021-2025", "2021-2025")]),
            ("sau 6 tháng, toàn xã có 42 trang trại", []),
        ],
    )
    def test_nine_months_halves_and_school_years_in_running_text(self, text, found):
        assert [(m.text, m.value.code()) for m in find_periods(text)] == found

    def test_nine_months_end_in_september(self):
        (m,) = find_periods("9 tháng năm 2024")
        assert m.value.span() == (dt.date(2024, 1, 1), dt.date(2024, 9, 30))

    def test_a_year_inside_a_date_is_not_a_period(self):
        assert find_periods("ngày 10 tháng 9 năm 2024") == []

    def test_not_periods_give_none(self):
        assert parse_period("") is None
        assert parse_period("hội nghị") is None
        assert parse_period("quý V/2025") is None
        assert parse_period("2025-2040") is None

    def test_invalid_periods_are_refused(self):
        with pytest.raises(DateError):
            Period("half", 2025, 3)
        with pytest.raises(DateError):
            Period("term", 2030, None, 2025)
        with pytest.raises(DateError):
            Period("decade", 2020)  # type: ignore[arg-type]

    def test_a_period_knows_its_span(self):
        assert Period("quarter", 2025, 3).span() == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
        assert Period("half", None, 1).span() is None

    @given(
        st.one_of(
            st.builds(Period, st.just("year"), st.integers(1950, 2100)),
            st.builds(Period, st.just("half"), st.integers(1950, 2100), st.integers(1, 2)),
            st.builds(Period, st.just("quarter"), st.integers(1950, 2100), st.integers(1, 4)),
            st.builds(Period, st.just("nine_months"), st.integers(1950, 2100)),
            st.integers(1950, 2090).map(lambda y: Period("term", y, None, y + 5)),
        )
    )
    def test_parse_of_format_round_trips_and_codes_parse_back(self, period):
        assert parse_period(format_period(period)) == period
        assert parse_period(period.code()).code() == period.code()


class TestInferYear:
    def test_a_stated_year_is_kept(self):
        d = PartialDate(2023, 6, 29)
        assert infer_year(d, YearContext()).rule == "stated"

    def test_without_a_rule_no_year_is_invented(self):
        assert infer_year(PartialDate(None, 6, 20), YearContext()) is None

    def test_a_mid_year_review_dates_a_june_meeting_in_that_year(self):
        result = infer_year(PartialDate(None, 6, 20), YearContext(reviewed=Period("half", 2025, 1)))
        assert result.value.iso() == "2025-06-20"
        assert "reviews 2025-H1" in result.rule

    def test_an_annual_review_on_31_12_is_in_that_year(self):
        ctx = YearContext(reviewed=Period("year", 2025))
        assert infer_year(PartialDate(None, 12, 31), ctx).value.iso() == "2025-12-31"

    def test_an_annual_review_in_january_is_in_the_next_year(self):
        ctx = YearContext(reviewed=Period("year", 2025))
        assert infer_year(PartialDate(None, 1, 10), ctx).value.iso() == "2026-01-10"

    def test_a_date_outside_the_review_window_gets_no_year(self):
        ctx = YearContext(reviewed=Period("year", 2025))
        assert infer_year(PartialDate(None, 7, 15), ctx) is None

    def test_planning_for_a_half_year_dates_a_late_june_meeting(self):
        ctx = YearContext(planned=Period("half", 2023, 2))
        assert infer_year(PartialDate(None, 6, 29), ctx).value.iso() == "2023-06-29"

    def test_a_meeting_after_the_documents_it_disseminates(self):
        ctx = YearContext(not_before=dt.date(2024, 11, 3))
        assert infer_year(PartialDate(None, 11, 25), ctx).value.iso() == "2024-11-25"

    def test_a_meeting_before_the_dateline(self):
        ctx = YearContext(not_after=dt.date(2025, 1, 5))
        assert infer_year(PartialDate(None, 12, 31), ctx).value.iso() == "2024-12-31"

    def test_an_exactly_stated_interval_fixes_the_year(self):
        ctx = YearContext(interval=(PartialDate(2018, 4, 16), 5))
        result = infer_year(PartialDate(None, 4, 20), ctx)
        assert result.value.iso() == "2023-04-20"
        assert result.rule == "5 years after 2018"

    def test_rules_that_disagree_give_none(self):
        ctx = YearContext(reviewed=Period("half", 2025, 1), not_after=dt.date(2024, 12, 31))
        assert infer_year(PartialDate(None, 6, 20), ctx) is None

    def test_a_leap_day_in_a_common_year_gives_none(self):
        ctx = YearContext(reviewed=Period("quarter", 2025, 1))
        assert infer_year(PartialDate(None, 2, 29), ctx) is None

    def test_a_review_period_without_a_year_cannot_help(self):
        ctx = YearContext(reviewed=Period("half", None, 1))
        assert infer_year(PartialDate(None, 6, 20), ctx) is None
