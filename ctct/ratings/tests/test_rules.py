"""Properties of the regulation's plain functions: the quota and the streak (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ctct.ratings import rules as rl

RULES = rl.build()
CODES = list(RULES.codes)
levels = st.lists(st.sampled_from(CODES), max_size=60)
shares = st.decimals(min_value=0, max_value=1, places=2)


# --- quota ---------------------------------------------------------------------------------
@given(levels)
def test_the_quota_counts_the_base_and_the_capped_level(codes):
    q = rl.quota(RULES, codes)
    assert q.base == sum(c in RULES.quota_base for c in codes)
    assert q.used == codes.count(RULES.quota_level)


@given(levels, shares)
def test_the_cap_is_the_share_of_the_base_rounded_down(codes, share):
    rules = rl.build({"quota_share": str(share)})
    q = rl.quota(rules, codes)
    assert q.allowed <= share * q.base < q.allowed + 1
    assert 0 <= q.allowed <= q.base


@given(levels)
def test_over_and_left_never_both_and_add_up(codes):
    q = rl.quota(RULES, codes)
    assert q.over == 0 or q.left == 0
    assert q.used - q.allowed == q.over - q.left


@given(levels)
def test_the_order_of_the_levels_does_not_matter(codes):
    assert rl.quota(RULES, codes) == rl.quota(RULES, list(reversed(codes)))


@given(levels, st.sampled_from(CODES))
def test_one_more_sheet_never_lowers_the_cap(codes, extra):
    before = rl.quota(RULES, codes)
    after = rl.quota(RULES, [*codes, extra])
    assert after.allowed >= before.allowed
    assert after.base >= before.base


@given(levels)
def test_lowering_an_excellent_to_good_never_puts_the_quota_over(codes):
    """What a committee does when it is over: one fewer at the cap, the base unchanged."""
    if RULES.quota_level not in codes:
        return
    i = codes.index(RULES.quota_level)
    lowered = [*codes[:i], "httnv", *codes[i + 1 :]]
    before, after = rl.quota(RULES, codes), rl.quota(RULES, lowered)
    assert after.base == before.base
    assert after.over <= before.over


def test_twenty_percent_of_twelve_is_two():
    q = rl.quota(RULES, ["htxsnv"] * 3 + ["httnv"] * 9)
    assert (q.base, q.allowed, q.used, q.over) == (12, 2, 3, 1)


# --- streak --------------------------------------------------------------------------------
years = st.dictionaries(
    st.integers(min_value=2000, max_value=2030), st.sampled_from(CODES), max_size=25
)


@given(years, st.integers(min_value=2000, max_value=2030), st.sampled_from(CODES))
def test_a_streak_is_the_run_of_years_at_the_floor_or_better(by_year, year, floor):
    n = rl.streak(RULES, by_year, year, floor)
    for y in range(year - n + 1, year + 1):
        assert RULES.at_least(by_year[y], floor)
    broken = by_year.get(year - n)
    assert broken is None or not RULES.at_least(broken, floor)


@given(years, st.integers(min_value=2000, max_value=2030), st.sampled_from(CODES))
def test_a_gap_or_a_lower_year_breaks_the_streak(by_year, year, floor):
    n = rl.streak(RULES, by_year, year, floor)
    # removing the year just before the run, or the run's first year, never lengthens it
    gapped = {y: c for y, c in by_year.items() if y != year - n + 1}
    assert rl.streak(RULES, gapped, year, floor) <= n
    if n:
        lower = {**by_year, year - n + 1: CODES[-1]}
        if CODES[-1] != floor:
            assert rl.streak(RULES, lower, year, floor) == n - 1


@given(years, st.integers(min_value=2000, max_value=2030))
def test_a_lower_floor_gives_a_run_at_least_as_long(by_year, year):
    runs = [rl.streak(RULES, by_year, year, floor) for floor in CODES]
    assert runs == sorted(runs)  # best floor first: the runs only grow


@given(years, st.integers(min_value=2000, max_value=2030), st.sampled_from(CODES))
def test_years_after_the_streak_do_not_count(by_year, year, floor):
    before = {y: c for y, c in by_year.items() if y <= year}
    assert rl.streak(RULES, before, year, floor) == rl.streak(RULES, by_year, year, floor)


def test_five_years_in_a_row():
    by_year = {2020: "htnv", **{y: "htxsnv" for y in range(2021, 2026)}}
    assert rl.streak(RULES, by_year, 2025, "htxsnv") == RULES.streak_years == 5
    assert rl.streak(RULES, {**by_year, 2023: "httnv"}, 2025, "htxsnv") == 2
    assert rl.streak(RULES, by_year, 2026, "htxsnv") == 0  # a missing year


def test_scores_fall_in_the_band_of_the_best_level_they_reach():
    assert rl.band_level(RULES, Decimal("89.9")) == "httnv"
    assert rl.band_level(RULES, Decimal(90)) == "htxsnv"
