"""Standings over a subtree, who is behind, a body's targets and entries due: the figures,
and a number of queries that does not grow with the tree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from ctct.resolutions import selectors as sel
from ctct.resolutions import services as sv
from ctct.resolutions import standing as st

JUNE = dt.date(2025, 6, 30)
MID = dt.date(2025, 7, 2)


def enter(target, body, value, on=JUNE):
    return sv.progress_enter(target=target, body=body, value=value, on=on, note="Báo cáo")


@pytest.fixture
def handed(org, admissions):
    """Region 12 = brigade 8 (cells 4 + 4) + political agency 4."""
    shares = {
        a.body: a
        for a in sv.target_hand_down(target=admissions, values={org.brigade: 8, org.pol: 4})
    }
    brigade = shares[org.brigade]
    sv.target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=brigade)
    return shares


class TestTargetStanding:
    def test_values_roll_up_level_by_level(self, org, admissions, handed):
        enter(admissions, org.cell, 3)
        enter(admissions, org.other_cell, 0)
        enter(admissions, org.pol, 4)
        result = sel.target_standing(admissions, today=MID)
        by_body = {n.body: n for n in result.rows}
        assert by_body[org.brigade].value == 3
        assert by_body[org.region].value == 7
        assert result.root.rolled.reported == 2
        assert [n.body for n in result.rows] == [
            org.region,
            org.pol,
            org.brigade,
            org.cell,
            org.other_cell,
        ]
        assert by_body[org.cell].standing == st.ON_TRACK  # 3 of 4, half the year gone
        assert by_body[org.other_cell].standing == st.AT_RISK
        assert by_body[org.brigade].standing == st.AT_RISK  # 3 of 8
        assert by_body[org.pol].standing == st.MET
        assert result.root.standing == st.ON_TRACK  # 7 of 12 > 6.02

    def test_the_latest_entry_of_a_body_counts(self, org, admissions, handed):
        enter(admissions, org.pol, 1)
        enter(admissions, org.pol, 3, on=dt.date(2025, 9, 1))
        node = sel.target_standing(admissions, at=org.pol, today=MID).root
        assert (node.value, node.latest_on) == (3, dt.date(2025, 9, 1))

    def test_a_share_handed_further_takes_its_figure_from_below(self, org, admissions, handed):
        enter(admissions, org.brigade, 7)  # the brigade's own word, before its cells report
        assert sel.target_standing(admissions, at=org.brigade, today=MID).root.value == 7
        enter(admissions, org.cell, 2)
        assert sel.target_standing(admissions, at=org.brigade, today=MID).root.value == 2

    def test_a_body_seen_from_its_own_level(self, org, admissions, handed):
        result = sel.target_standing(admissions, at=org.brigade, today=MID)
        assert result.root.target_value == 8
        assert [n.body for n in result.rows] == [org.brigade, org.cell, org.other_cell]

    def test_a_body_that_was_not_handed_the_target_has_no_standing(self, org, admissions):
        assert sel.target_standing(admissions, at=org.province) is None
        assert sel.target_standing(admissions, at=org.pol_cell) is None

    def test_who_is_behind_missed_first(self, org, admissions, handed):
        enter(admissions, org.cell, 3)
        enter(admissions, org.other_cell, 0)
        after = dt.date(2026, 1, 10)
        behind = sel.target_behind(admissions, today=after)
        assert [n.body for n in behind] == [org.pol, org.brigade, org.cell, org.other_cell]
        assert {n.standing for n in behind} == {st.MISSED}
        assert [n.body for n in sel.target_behind(admissions, today=MID)] == [
            org.brigade,
            org.other_cell,
        ]

    def test_share_of_bodies_meeting_their_own(self, org, resolution):
        held = sv.target_add(
            resolution=resolution,
            title="Chi bộ tổ chức sinh hoạt chuyên đề",
            measure="yes_no",
            target_value=1,
            rollup="share_meeting",
        )
        sv.target_hand_down_level(target=held, level=2, value=1)
        enter(held, org.cell, 1)
        enter(held, org.other_cell, 0)
        root = sel.target_standing(held, today=MID).root
        assert root.value == D(100) / 3  # one of three cells
        assert root.standing == st.AT_RISK

    def test_weighted_mean_by_strength(self, org, resolution):
        t = sv.target_add(
            resolution=resolution,
            title="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
            measure="percent",
            target_value=90,
            rollup="weighted_mean",
        )
        sv.target_hand_down(
            target=t,
            values={org.brigade: 90, org.pol: 90},
            weights={org.brigade: 3, org.pol: 1},
        )
        enter(t, org.brigade, 80)
        enter(t, org.pol, 100)
        assert sel.target_standing(t, today=MID).root.value == 85


class TestBodyTargetsAndDue:
    def test_a_body_sees_what_it_holds_and_what_it_was_handed(self, org, admissions, handed):
        own = sv.resolution_create(body=org.brigade, period="2025", title="NQ Lữ đoàn 2025")
        drills = sv.target_add(
            resolution=own, title="Diễn tập", measure="yes_no", target_value=1, rollup="minimum"
        )
        enter(admissions, org.cell, 5)
        rows = sel.body_targets(org.brigade, today=MID)
        assert [r.target for r in rows] == [drills, admissions]
        assert rows[1].node.value == 5  # 5 of 8, half the year gone
        assert rows[1].standing == st.ON_TRACK
        assert rows[0].standing == st.NO_DATA  # nothing entered yet

    def test_entries_due_until_the_body_enters(self, org, admissions, handed):
        today = dt.date(2025, 12, 1)
        due = sel.entries_due(org.pol, today=today)
        assert [(d.target, d.deadline) for d in due] == [(admissions, dt.date(2025, 12, 15))]
        assert not due[0].overdue(today)
        assert sel.entries_due(org.pol, today=dt.date(2025, 10, 1)) == []
        enter(admissions, org.pol, 4)
        assert sel.entries_due(org.pol, today=today) == []
        assert [d.target for d in sel.entries_due(org.region, today=today)] == [admissions]


def grow(org, admissions, brigades: int, cells: int) -> None:
    """Brigades under the region, cells under each, the target handed down two levels, and
    every cell reporting."""
    from ctct.bodies.services import body_create

    for i in range(brigades):
        b = body_create(
            parent=org.region, name=f"Đảng ủy Lữ đoàn {700 + i}", kind="party_committee"
        )
        for j in range(cells):
            body_create(parent=b, name=f"Chi bộ Đại đội {j + 1}", kind="cell")
    shares = sv.target_hand_down_level(target=admissions, level=1, value=2)
    for share in shares:
        for cell_share in sv.target_hand_down_level(target=admissions, level=1, value=1, via=share):
            enter(admissions, cell_share.body, 1)


@pytest.mark.parametrize(("brigades", "cells"), [(2, 2), (5, 6)])
def test_queries_do_not_grow_with_the_tree(
    org, admissions, brigades, cells, django_assert_num_queries
):
    grow(org, admissions, brigades, cells)
    with django_assert_num_queries(2):
        result = sel.target_standing(admissions, today=MID)
    assert result.root.rolled.expected == brigades + 2  # the fixture's brigade and agency
    with django_assert_num_queries(2):
        sel.target_behind(admissions, today=MID)
    with django_assert_num_queries(3):
        rows = sel.body_targets(org.region, today=MID)
    assert rows[0].node.value == brigades * cells + 3  # and the fixture's three cells
    with django_assert_num_queries(2):
        sel.entries_due(org.region, today=dt.date(2025, 12, 1))


class TestSamePeriod:
    def test_the_holders_figure_against_last_year(self, org, resolution):
        t = sv.target_add(
            resolution=resolution,
            title="Khối lượng hàng hóa vận chuyển",
            measure="count",
            unit="tấn",
            target_value=1000,
            baseline_value=1000,
            rollup="sum",
        )
        enter(t, org.region, 920)
        result = sel.target_standing(t, today=dt.date(2026, 1, 5))
        assert result.same_period == "đạt 92% so với cùng kỳ năm 2024"
        enter(t, org.region, 1050, on=dt.date(2025, 12, 31))
        result = sel.target_standing(t, today=dt.date(2026, 1, 5))
        assert result.same_period == "đạt và vượt chỉ tiêu, bằng 105% so với cùng kỳ năm 2024"

    def test_no_baseline_says_nothing(self, admissions, handed):
        assert sel.target_standing(admissions, today=MID).same_period == ""
