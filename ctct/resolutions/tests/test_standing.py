"""The standing, roll-up and "so với cùng kỳ" rules, in plain Python."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as s

from ctct.resolutions import standing as st

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
MID = dt.date(2025, 7, 2)  # day 183 of 365: just over half the year gone


def standing(value, target, comparison=st.AT_LEAST, measure=st.COUNT, today=MID, baseline=None):
    return st.standing(
        measure=measure,
        comparison=comparison,
        target=D(target),
        value=None if value is None else D(value),
        start=START,
        end=END,
        today=today,
        baseline=None if baseline is None else D(baseline),
    )


class TestValues:
    def test_text_for_a_percentage_is_refused(self):
        with pytest.raises(st.ValueRefused) as e:
            st.as_value(st.PERCENT, "đạt")
        assert e.value.code == "not_a_number"

    @pytest.mark.parametrize(
        ("measure", "code"), [(st.PERCENT, "percent_range"), (st.YES_NO, "yes_no")]
    )
    def test_140_is_refused_for_a_percentage_and_a_yes_no(self, measure, code):
        with pytest.raises(st.ValueRefused) as e:
            st.as_value(measure, 140)
        assert e.value.code == code

    def test_a_count_is_a_whole_number(self):
        with pytest.raises(st.ValueRefused):
            st.as_value(st.COUNT, "2,5")
        assert st.as_value(st.COUNT, "12") == 12

    def test_a_percentage_is_read_with_a_comma_and_a_percent_sign(self):
        assert st.as_value(st.PERCENT, "92,5 %") == D("92.5")

    def test_a_rating_level_is_one_to_four(self):
        assert st.as_value(st.RATING, 4) == 4
        with pytest.raises(st.ValueRefused):
            st.as_value(st.RATING, 5)

    def test_infinity_is_not_a_number(self):
        with pytest.raises(st.ValueRefused):
            st.as_value(st.COUNT, "Infinity")


class TestRollupFits:
    def test_a_mean_of_yes_no_does_not_fit(self):
        assert not st.rollup_fits(st.YES_NO, st.MEAN)
        with pytest.raises(st.ValueRefused):
            st.check_rollup(st.YES_NO, st.WEIGHTED_MEAN)

    def test_a_sum_of_percentages_does_not_fit(self):
        assert not st.rollup_fits(st.PERCENT, st.SUM)

    @pytest.mark.parametrize("measure", st.MEASURES)
    def test_every_measure_can_count_the_bodies_meeting_their_own(self, measure):
        assert st.rollup_fits(measure, st.SHARE_MEETING)


class TestStanding:
    def test_a_count_reached_is_met_before_the_end(self):
        assert standing(12, 12) == st.MET

    def test_a_count_on_the_straight_line_is_on_track(self):
        assert standing(7, 12) == st.ON_TRACK  # expected 12 * 183/365 = 6.02

    def test_a_count_below_the_line_is_at_risk(self):
        assert standing(5, 12) == st.AT_RISK

    def test_the_line_starts_from_the_baseline(self):
        assert standing(80, 90, measure=st.PERCENT, baseline=85) == st.AT_RISK
        assert standing(80, 90, measure=st.PERCENT) == st.ON_TRACK

    def test_a_target_not_reached_after_the_period_is_missed(self):
        assert standing(11, 12, today=dt.date(2026, 1, 5)) == st.MISSED

    def test_nothing_entered_is_no_data_then_missed(self):
        assert standing(None, 12) == st.NO_DATA
        assert standing(None, 12, today=dt.date(2026, 1, 1)) == st.MISSED

    def test_a_ceiling_kept_is_on_track_until_the_end_then_met(self):
        assert standing(0, 0, st.AT_MOST) == st.ON_TRACK
        assert standing(0, 0, st.AT_MOST, today=END) == st.ON_TRACK
        assert standing(0, 0, st.AT_MOST, today=dt.date(2026, 1, 1)) == st.MET

    def test_a_count_over_its_ceiling_is_missed_at_once(self):
        assert standing(3, 2, st.AT_MOST) == st.MISSED

    def test_a_percentage_over_its_ceiling_may_come_down(self):
        assert standing(3, 2, st.AT_MOST, measure=st.PERCENT) == st.AT_RISK

    def test_a_yes_no_not_done_is_on_track_then_at_risk_in_the_last_quarter(self):
        assert standing(0, 1, measure=st.YES_NO) == st.ON_TRACK
        assert standing(0, 1, measure=st.YES_NO, today=dt.date(2025, 11, 1)) == st.AT_RISK

    @given(
        value=s.integers(0, 500),
        target=s.integers(0, 500),
        comparison=s.sampled_from(st.COMPARISONS),
        day=s.integers(-30, 400),
    )
    def test_standing_is_met_after_the_period_exactly_when_the_value_fits(
        self, value, target, comparison, day
    ):
        today = START + dt.timedelta(days=day)
        result = standing(value, target, comparison, today=today)
        fits = st.meets(comparison, D(target), D(value))
        assert result in st.STANDINGS
        if today > END:
            assert result == (st.MET if fits else st.MISSED)
        elif fits and comparison == st.AT_LEAST:
            assert result == st.MET

    @given(lower=s.integers(0, 100), raise_by=s.integers(0, 100), day=s.integers(0, 364))
    def test_a_higher_count_never_stands_worse(self, lower, raise_by, day):
        order = [st.MISSED, st.AT_RISK, st.NO_DATA, st.ON_TRACK, st.MET]
        today = START + dt.timedelta(days=day)
        a = standing(lower, 60, today=today)
        b = standing(lower + raise_by, 60, today=today)
        assert order.index(b) >= order.index(a)


class TestRollup:
    def subs(self, *values, target=10):
        return [st.Sub(None if v is None else D(v), D(target)) for v in values]

    def test_sum_counts_the_bodies_that_entered(self):
        r = st.rollup(st.SUM, self.subs(3, 4, None))
        assert (r.value, r.reported, r.missing) == (7, 2, 1)

    def test_mean_and_minimum(self):
        assert st.rollup(st.MEAN, self.subs(80, 90)).value == 85
        assert st.rollup(st.MINIMUM, self.subs(80, 90, None)).value == 80

    def test_weighted_mean_weighs_each_body(self):
        subs = [st.Sub(D(80), D(90), weight=D(3)), st.Sub(D(100), D(90), weight=D(1))]
        assert st.rollup(st.WEIGHTED_MEAN, subs).value == 85

    def test_weighted_mean_refuses_a_zero_weight(self):
        with pytest.raises(st.ValueRefused):
            st.rollup(st.WEIGHTED_MEAN, [st.Sub(D(80), D(90), weight=D(0))])

    def test_share_counts_a_silent_body_as_not_meeting(self):
        r = st.rollup(st.SHARE_MEETING, self.subs(10, 12, 9, None))
        assert r.value == 50
        assert r.missing == 1

    def test_nothing_entered_rolls_up_to_nothing(self):
        assert st.rollup(st.SUM, self.subs(None, None)).value is None

    @given(s.lists(s.integers(0, 1000), min_size=1, max_size=30))
    def test_the_mean_lies_between_the_minimum_and_the_sum(self, values):
        subs = self.subs(*values)
        low = st.rollup(st.MINIMUM, subs).value
        mean = st.rollup(st.MEAN, subs).value
        total = st.rollup(st.SUM, subs).value
        assert low <= mean <= max(values) <= total

    @given(s.lists(s.integers(0, 20), min_size=1, max_size=30))
    def test_the_share_is_a_percentage_of_every_body(self, values):
        r = st.rollup(st.SHARE_MEETING, self.subs(*values))
        assert 0 <= r.value <= 100
        assert r.value == D(100) * sum(v >= 10 for v in values) / len(values)


class TestSamePeriod:
    def test_92_percent_of_last_year(self):
        words = st.same_period_words(value=D(92), last_year=D(100), year=2024)
        assert words == "đạt 92% so với cùng kỳ năm 2024"

    def test_a_target_met_reads_dat_va_vuot(self):
        words = st.same_period_words(value=D("104.5"), last_year=D(100), year=2024, met=True)
        assert words == "đạt và vượt chỉ tiêu, bằng 104,5% so với cùng kỳ năm 2024"

    def test_no_figure_a_year_ago_says_nothing(self):
        assert st.same_period_words(value=D(5), last_year=D(0), year=2024) == ""
        assert st.same_period_ratio(D(5), None) is None

    def test_the_ratio_is_rounded_to_one_decimal(self):
        assert st.same_period_ratio(D(2), D(3)) == D("66.7")


def test_the_rules_load_without_django():
    import subprocess
    import sys

    code = "import sys, ctct.resolutions.standing; print([m for m in sys.modules if 'django' in m])"
    out = subprocess.check_output([sys.executable, "-c", code], text=True, timeout=60)
    assert out.strip() == "[]"
