import datetime as dt
from decimal import Decimal

from ctct.congresses import rules as r


def test_working_days_skip_weekends_and_holidays():
    rules = r.build()
    # Tuesday 29/4/2025, then 30/4 and 1/5 are holidays, 3-4/5 a weekend: Friday 2/5 next.
    assert r.add_working_days(rules, dt.date(2025, 4, 29), 1) == dt.date(2025, 5, 2)
    assert r.add_working_days(rules, dt.date(2025, 5, 5), -2) == dt.date(2025, 4, 29)
    assert r.working_days_between(rules, dt.date(2025, 4, 29), dt.date(2025, 5, 5)) == 2
    assert r.working_days_between(rules, dt.date(2025, 5, 5), dt.date(2025, 4, 29)) == -2


def test_extra_holiday_dates_from_the_setting_count_as_days_off():
    rules = r.build({"holiday_dates": ["2025-05-02"]})
    assert r.add_working_days(rules, dt.date(2025, 4, 29), 1) == dt.date(2025, 5, 5)


def test_the_step_deadlines_count_back_from_the_opening_with_the_review_lead_time():
    rules = r.build()
    opening = dt.date(2025, 6, 20)
    d = r.step_deadlines(rules, opening)
    assert d[r.HELD] == opening
    assert r.working_days_between(rules, d[r.REVIEW], opening) == 45
    assert d[r.PLAN] < d[r.PAPERS] < d[r.REVIEW] < d[r.HELD] < d[r.REPORTED]
    assert r.review_in_time(rules, d[r.REVIEW], opening)
    assert not r.review_in_time(rules, d[r.REVIEW] + dt.timedelta(days=1), opening)


def test_the_review_lead_time_is_a_setting():
    rules = r.build({"review_lead_working_days": 10})
    opening = dt.date(2025, 6, 20)
    assert r.working_days_between(rules, r.step_deadlines(rules, opening)[r.REVIEW], opening) == 10


def test_cells_hold_two_congresses_per_term_or_one_under_the_pilot_setting():
    assert r.body_terms(r.build(), r.CELL, 2025) == [(2025, 2027), (2027, 2030)]
    assert r.level_term_label(r.build(), r.GRASSROOTS, 2025) == "2025-2030"
    once = r.build({"cell_congresses_per_term": 1})
    assert r.level_term_label(once, r.CELL, 2025) == "2025-2030"


def test_windows_per_level_follow_the_setting():
    assert r.window(r.build(), r.GRASSROOTS, 2025) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    rules = r.build({"windows": {r.CELL: ["02-01", "03-31"]}})
    assert r.window(rules, r.CELL, 2025) == (dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    assert r.window(rules, r.TOP, 2025)[1] == dt.date(2025, 10, 31)


def test_a_term_label_is_two_years_in_order():
    assert r.parse_label("2025 - 2030".replace(" ", "")) == (2025, 2030)
    for bad in ("2030-2025", "2025", "abc-def", ""):
        try:
            r.parse_label(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_more_than_the_needed_share_elects():
    rules = r.build()
    assert r.elected(rules, Decimal("50.01"))
    assert not r.elected(rules, Decimal("50"))
    assert r.elected(r.build({"election_share": "40"}), Decimal("45"))
