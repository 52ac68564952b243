"""The month calendar of a subtree, a body's conferences, and what a body still owes."""

from __future__ import annotations

import datetime as dt

from ctct.conferences import selectors, services
from ctct.core.scopes import Scope
from ctct.ratings.announced import award_announce


def _make(body, day, kind="thuong_ky", period=""):
    return services.conference_create(body=body, kind=kind, held_on=day, period=period)


def test_the_month_shows_only_conferences_in_the_users_reach(org, users):
    mine = _make(org.cell, dt.date(2025, 6, 3))
    _make(org.province, dt.date(2025, 6, 3))
    _make(org.cell, dt.date(2025, 7, 1))
    month = selectors.month_calendar(Scope.for_user(users.viewer), dt.date(2025, 6, 1))
    found = [c["pk"] for week in month.weeks for d in week for c in d.items]
    assert found == [mine.pk] and month.total == 1
    assert month.prev == "2025-05" and month.next == "2025-07"


def test_the_month_is_one_query_whatever_the_number_of_conferences(
    org, users, django_assert_num_queries
):
    for i in range(12):
        _make(org.cell, dt.date(2025, 6, 1 + i % 3))
    scope = Scope.for_user(users.officer)
    with django_assert_num_queries(1):
        month = selectors.month_calendar(scope, dt.date(2025, 6, 1))
    first = next(d for week in month.weeks for d in week if d.date == dt.date(2025, 6, 1))
    assert first.total == 4 and len(first.items) == selectors.DAY_LIMIT and first.more == 0


def test_a_busy_day_lists_a_few_and_counts_the_rest(org, users):
    for _ in range(selectors.DAY_LIMIT + 3):
        _make(org.cell, dt.date(2025, 6, 9))
    month = selectors.month_calendar(Scope.for_user(users.officer), dt.date(2025, 6, 1))
    day = next(d for week in month.weeks for d in week if d.date == dt.date(2025, 6, 9))
    assert day.more == 3


def test_a_body_owes_the_half_year_review_from_june_and_is_overdue_after_july(org):
    owed = selectors.owed_conferences(org.brigade, today=dt.date(2025, 8, 5))
    assert [(o.kind, o.period, o.overdue) for o in owed] == [("so_ket", "2025-H1", True)]
    _make(org.brigade, dt.date(2025, 7, 10), "so_ket", "2025-H1")
    assert selectors.owed_conferences(org.brigade, today=dt.date(2025, 8, 5)) == []


def test_the_year_review_is_owed_from_december_and_due_by_the_end_of_january(org):
    owed = selectors.owed_conferences(org.cell, today=dt.date(2026, 1, 10))
    assert ("tong_ket", "2025", False) in [(o.kind, o.period, o.overdue) for o in owed]
    owed = selectors.owed_conferences(org.cell, today=dt.date(2026, 2, 10))
    assert ("tong_ket", "2025", True) in [(o.kind, o.period, o.overdue) for o in owed]


def test_the_rule_is_a_setting(org, settings):
    settings.CTCT_CONFERENCE_DUES = [
        {"kind": "so_ket", "period": "{year}-Q1", "opens": (3, 15), "due": (4, 15)}
    ]
    owed = selectors.owed_conferences(org.cell, today=dt.date(2025, 4, 1))
    assert [(o.kind, o.period) for o in owed] == [("so_ket", "2025-Q1")]


def test_a_directive_addressed_and_not_disseminated_is_owed(org, users):
    from ctct.documents import services as doc_services

    doc = doc_services.document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 3, 1), title="X"
    )
    doc_services.distribution_create(
        document=doc, subtree_of=org.region, disseminated_by=dt.date(2025, 4, 1)
    )
    owed = selectors.owed_conferences(
        org.cell, today=dt.date(2025, 5, 1), scope=Scope.for_user(users.officer)
    )
    assert [(o.document, o.overdue) for o in owed] == [(doc, True)]


def test_what_a_body_owes_is_two_queries(org, users, django_assert_num_queries):
    scope = Scope.for_user(users.officer)
    with django_assert_num_queries(2):
        selectors.owed_conferences(org.cell, today=dt.date(2025, 8, 1), scope=scope)


def test_the_news_input_is_five_queries_whatever_the_size_of_the_record(
    conference, org, django_assert_num_queries
):
    for text in ("Một", "Hai", "Ba"):
        services.conclusion_add(conference=conference, text=text)
    award_announce(conference=conference, kind="giay_khen", issuer="X", recipient_name="Y")
    with django_assert_num_queries(5):
        n = selectors.news_input(conference)
    assert len(n.people) == 3 and len(n.requirements) == 3 and len(n.awards) == 1


def test_a_body_sees_the_open_requirements_assigned_to_it(conference, org):
    late = services.conclusion_add(
        conference=conference, text="Rà soát", assignee=org.cell, due_on=dt.date(2025, 7, 1)
    )
    done = services.conclusion_add(conference=conference, text="Xong", assignee=org.cell)
    services.conclusion_mark_done(conclusion=done)
    got = selectors.body_conferences(org.cell, today=dt.date(2025, 8, 1))
    assert got["tasks"] == [late]


class TestLabels:
    def test_the_unit_the_reader_is_in_goes_without_saying(self):
        label = selectors.calendar_label("Đảng ủy Cục Chính trị Quân khu 8", ["Quân khu 8"])
        assert label == "Đảng ủy Cục Chính trị"

    def test_a_body_named_only_by_the_unit_keeps_its_full_name(self):
        for name in ("Đảng ủy Quân khu 8", "Ban Thường vụ Đảng ủy Quân khu 8"):
            assert selectors.calendar_label(name, ["Quân khu 8"]) == name

    def test_a_name_outside_the_readers_unit_is_kept(self):
        name = "Đảng ủy Lữ đoàn 657"
        assert selectors.calendar_label(name, ["Quân khu 8", "tỉnh Tây Sơn"]) == name

    def test_a_very_long_name_is_cut_at_a_word(self):
        name = "Chi bộ Cơ quan Tham mưu Tiểu đoàn 3 Trung đoàn 4 Sư đoàn 330 Quân khu 9"
        label = selectors.calendar_label(name)
        assert label.endswith("…") and name.startswith(label[:-1])
        assert len(label) <= selectors.LABEL_MAX + 1


def test_the_nearest_conferences_around_an_empty_month_are_found_in_reach(org, users):
    before = _make(org.cell, dt.date(2025, 3, 3))
    _make(org.cell, dt.date(2025, 2, 3))
    after = _make(org.cell, dt.date(2025, 9, 9))
    _make(org.province, dt.date(2025, 8, 1))
    scope = Scope.for_user(users.viewer)
    assert selectors.nearest_conferences(scope, dt.date(2025, 6, 1)) == (before, after)
    assert selectors.nearest_conferences(scope, dt.date(2025, 9, 1)) == (before, None)
    assert selectors.nearest_conferences(scope, dt.date(2025, 6, 1), root=org.other_cell) == (
        None,
        None,
    )


def test_the_months_of_the_calendar_end_where_conferences_can_be_recorded():
    first, last = selectors.calendar_bounds(dt.date(2026, 12, 4))
    assert (first, last) == (dt.date(1930, 2, 1), dt.date(2028, 12, 1))
    month = selectors.Month(first, [], 0, (first, last))
    assert month.prev is None and month.next == "1930-03"
    month = selectors.Month(last, [], 0, (first, last))
    assert month.next is None and month.prev == "2028-11"
