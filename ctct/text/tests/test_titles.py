"""Titles written the way the news writes them, on plain values (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.text.titles import (
    KIND_ORDER,
    Post,
    TitledBody,
    body_label,
    format_title,
    title_chain,
    title_kind,
    title_line,
    title_rank,
)

MILITARY_REGION = TitledBody("Đảng ủy Quân khu 8", "Quân khu 8", depth=1)
POLITICAL_DEPT = TitledBody("Đảng ủy Cục Chính trị", "Cục Chính trị", depth=2)
BRIGADE = TitledBody("Đảng ủy Lữ đoàn 657", "Lữ đoàn 657", depth=3)
PROVINCE = TitledBody("Tỉnh ủy Tây Sơn", "", depth=1)


class TestTitleKind:
    @pytest.mark.parametrize(
        "title",
        ["Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Uỷ viên", "Đảng ủy viên",
         "Chi ủy viên", "Thường vụ Đảng ủy", "  Bí thư"],
    )  # fmt: skip
    def test_party_posts_sit_on_the_party_body(self, title):
        assert title_kind(title) == "party"

    @pytest.mark.parametrize("title", ["Chủ tịch UBND", "Phó Chủ tịch"])
    def test_chairmen_hold_state_posts(self, title):
        assert title_kind(title) == "state"

    @pytest.mark.parametrize("title", ["Chính ủy", "Chủ nhiệm Chính trị", "Lữ đoàn trưởng", ""])
    def test_every_other_title_is_a_command_post(self, title):
        assert title_kind(title) == "command"

    def test_kinds_are_listed_party_then_command_then_state(self):
        assert sorted(KIND_ORDER, key=KIND_ORDER.get) == ["party", "command", "state"]


class TestTitleRank:
    def test_the_secretary_comes_before_the_deputy_before_members(self):
        ranks = [title_rank(t) for t in ("Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ")]
        assert ranks == sorted(ranks) and len(set(ranks)) == 3

    def test_unranked_titles_come_last(self):
        assert title_rank("Trợ lý Tuyên huấn") == 99
        assert title_rank("Chính ủy") < 99


class TestFormatTitle:
    def test_a_party_post_names_the_party_body(self):
        assert format_title("Bí thư", "party", POLITICAL_DEPT) == "Bí thư Đảng ủy Cục Chính trị"

    def test_a_command_post_names_the_unit(self):
        assert format_title("Chính ủy", "command", BRIGADE) == "Chính ủy Lữ đoàn 657"

    def test_an_empty_kind_is_read_from_the_title(self):
        assert format_title("Phó Bí thư", "", BRIGADE) == "Phó Bí thư Đảng ủy Lữ đoàn 657"
        assert format_title("Chính ủy", "", BRIGADE) == "Chính ủy Lữ đoàn 657"

    def test_a_body_without_a_unit_is_named_by_its_name_for_every_kind(self):
        assert body_label("command", PROVINCE) == "Tỉnh ủy Tây Sơn"
        assert body_label("party", PROVINCE) == "Tỉnh ủy Tây Sơn"


class TestTitleChain:
    def test_concurrent_titles_list_party_posts_from_the_top_then_command_posts(self):
        posts = [
            Post("Phó Chủ nhiệm Chính trị", MILITARY_REGION, body_id=1),
            Post("Bí thư", POLITICAL_DEPT, body_id=2),
            Post("Ủy viên", MILITARY_REGION, body_id=1),
        ]
        assert title_chain(posts) == [
            "Ủy viên Đảng ủy Quân khu 8",
            "Bí thư Đảng ủy Cục Chính trị",
            "Phó Chủ nhiệm Chính trị Quân khu 8",
        ]

    def test_secretary_and_commissar_of_one_unit_name_the_unit_once(self):
        posts = [Post("Chính ủy", BRIGADE, body_id=3), Post("Bí thư", BRIGADE, body_id=3)]
        assert title_chain(posts) == ["Bí thư Đảng ủy", "Chính ủy Lữ đoàn 657"]
        assert title_line(posts) == "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657"

    def test_a_stored_kind_wins_over_the_title(self):
        posts = [Post("Bí thư", BRIGADE, title_kind="command", body_id=3)]
        assert title_chain(posts) == ["Bí thư Lữ đoàn 657"]

    def test_posts_at_different_bodies_each_name_their_body(self):
        posts = [Post("Bí thư", POLITICAL_DEPT, body_id=2), Post("Chính ủy", BRIGADE, body_id=3)]
        assert title_line(posts) == "Bí thư Đảng ủy Cục Chính trị, Chính ủy Lữ đoàn 657"

    def test_posts_without_ids_are_compared_by_their_bodies(self):
        same = [Post("Bí thư", BRIGADE), Post("Chính ủy", BRIGADE)]
        other = [Post("Bí thư", POLITICAL_DEPT), Post("Chính ủy", BRIGADE)]
        assert title_line(same) == "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657"
        assert title_line(other) == "Bí thư Đảng ủy Cục Chính trị, Chính ủy Lữ đoàn 657"

    def test_a_body_whose_name_is_only_its_unit_is_written_whole(self):
        cell = TitledBody("Chi bộ", "Chi bộ", depth=4)
        posts = [Post("Bí thư", cell, body_id=4), Post("Chính trị viên", cell, body_id=4)]
        assert title_chain(posts) == ["Bí thư Chi bộ", "Chính trị viên Chi bộ"]

    def test_a_civilian_secretary_names_the_provincial_committee(self):
        assert title_chain([Post("Bí thư", PROVINCE, body_id=9)]) == ["Bí thư Tỉnh ủy Tây Sơn"]

    def test_no_posts_make_an_empty_chain(self):
        assert title_chain([]) == [] and title_line([]) == ""

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["Bí thư", "Phó Bí thư", "Chính ủy", "Chủ tịch UBND", "Ủy viên"]),
                st.sampled_from([MILITARY_REGION, POLITICAL_DEPT, BRIGADE, PROVINCE]),
            ),
            max_size=6,
        )
    )
    def test_every_post_gives_one_item_starting_with_its_title(self, pairs):
        posts = [Post(t, b, body_id=id(b)) for t, b in pairs]
        chain = title_chain(posts)
        assert len(chain) == len(posts)
        assert sorted(item.split(" ")[0] for item in chain) == sorted(
            t.split(" ")[0] for t, _ in pairs
        )
