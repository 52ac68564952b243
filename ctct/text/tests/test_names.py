"""Ranks, personal names, titles, body kinds and abbreviations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.text.names import (
    ABBREVIATIONS,
    BODY_KINDS,
    COMMON_SURNAMES,
    RANK_PATTERN,
    RANKS,
    TITLES,
    expand_abbreviation,
    find_body_kind,
    find_rank,
    find_ranks,
    find_title,
    is_rank,
    looks_like_person_name,
    proper_name,
    rank_order,
    split_name,
)


class TestRanks:
    def test_ranks_ascend_from_binh_nhi_to_dai_tuong(self):
        assert RANKS[0] == "Binh nhì"
        assert RANKS[-1] == "Đại tướng"
        orders = [rank_order(r) for r in RANKS]
        assert orders == sorted(orders)

    def test_officer_ranks_are_in_order(self):
        chain = ["Thiếu úy", "Trung úy", "Thượng úy", "Đại úy", "Thiếu tá", "Trung tá",
                 "Thượng tá", "Đại tá", "Thiếu tướng", "Trung tướng", "Thượng tướng", "Đại tướng"]  # fmt: skip
        assert [rank_order(r) for r in chain] == sorted(rank_order(r) for r in chain)
        assert len({rank_order(r) for r in chain}) == len(chain)

    @pytest.mark.parametrize(
        ("navy", "army"),
        [
            ("Chuẩn Đô đốc", "Thiếu tướng"),
            ("Phó Đô đốc", "Trung tướng"),
            ("Đô đốc", "Thượng tướng"),
        ],
    )
    def test_navy_ranks_equal_their_army_equivalents(self, navy, army):
        assert rank_order(navy) == rank_order(army)

    def test_qncn_ranks_run_from_thieu_uy_to_thuong_ta(self):
        qncn = [r for r in RANKS if r.endswith("QNCN")]
        assert qncn[0] == "Thiếu úy QNCN"
        assert qncn[-1] == "Thượng tá QNCN"
        assert rank_order("Thượng tá QNCN") == rank_order("Thượng tá")

    def test_case_and_tone_placement_do_not_matter(self):
        assert is_rank("ĐẠI TÁ")
        assert is_rank("Thiếu uý")
        assert rank_order("thiếu uý") == rank_order("Thiếu úy")

    def test_an_unknown_rank_is_a_value_error_with_a_message(self):
        with pytest.raises(ValueError, match="unknown rank 'Thượng'"):
            rank_order("Thượng")
        assert not is_rank("")
        assert not is_rank("Bí thư")


class TestFindRank:
    @pytest.mark.parametrize(
        ("text", "rank"),
        [
            ("Đại tá Phạm Ngọc Sơn, Bí thư Đảng ủy", "Đại tá"),
            ("Đại tướng Phan Văn Giang", "Đại tướng"),
            ("Thượng tá Nguyễn Gia Chinh báo cáo", "Thượng tá"),
            ("Thượng tướng Trịnh Văn Quyết", "Thượng tướng"),
            ("Thiếu tướng Đinh Quốc Hùng", "Thiếu tướng"),
            ("Phó Đô đốc Trần Thanh Nghiêm", "Phó Đô đốc"),
            ("Chuẩn Đô đốc Phạm Văn Hùng", "Chuẩn Đô đốc"),
            ("Thiếu uý Lê Văn An", "Thiếu úy"),
            ("Thượng úy QNCN Nguyễn Thị Ánh", "Thượng úy QNCN"),
            ("  Trung sĩ Hoàng Minh", "Trung sĩ"),
        ],
    )
    def test_the_rank_opening_a_mention_is_found_longest_first(self, text, rank):
        match = find_rank(text)
        assert match is not None
        assert match.rank == rank
        assert text[match.start : match.end] == match.text

    def test_words_that_start_like_a_rank_are_not_ranks(self):
        assert find_rank("Thượng Bản là địa danh") is None
        assert find_rank("Đại hội Đảng bộ") is None
        assert find_rank("Trung tâm Huấn luyện") is None
        assert find_rank("") is None

    def test_all_ranks_in_a_paragraph(self):
        text = "Đại tá Bùi Hữu Ba chủ trì; Thượng tá Nguyễn Gia Chinh báo cáo; Thiếu tướng Lê Văn Thơ dự."
        assert [m.rank for m in find_ranks(text)] == ["Đại tá", "Thượng tá", "Thiếu tướng"]

    def test_the_pattern_is_a_compiled_regex(self):
        assert RANK_PATTERN.match("Đại tá").group("rank") == "Đại tá"


class TestNames:
    @pytest.mark.parametrize(
        ("raw", "proper"),
        [
            ("NGUYỄN HOÀNG", "Nguyễn Hoàng"),
            ("KIM ANH", "Kim Anh"),
            ("  trần   chí TÂM ", "Trần Chí Tâm"),
            ("ĐẶNG THỊ MỸ HẠNH", "Đặng Thị Mỹ Hạnh"),
            ("h'hen niê", "H'hen Niê"),
            ("", ""),
        ],
    )
    def test_proper_name_capitalizes_each_word(self, raw, proper):
        assert proper_name(raw) == proper

    def test_split_name_gives_family_middle_given(self):
        assert split_name("Phạm Ngọc Sơn") == ("Phạm", "Ngọc", "Sơn")
        assert split_name("Đặng Thị Mỹ Hạnh") == ("Đặng", "Thị Mỹ", "Hạnh")
        assert split_name("NGUYỄN HOÀNG") == ("Nguyễn", None, "Hoàng")
        assert split_name("Hằng") == (None, None, "Hằng")

    def test_compound_family_names_stay_together(self):
        assert split_name("Tôn Nữ Minh Châu") == ("Tôn Nữ", "Minh", "Châu")
        assert split_name("Âu Dương Lân") == ("Âu Dương", None, "Lân")

    def test_an_empty_name_is_an_error(self):
        with pytest.raises(ValueError):
            split_name("  ")

    def test_person_names_are_told_from_body_names(self):
        assert looks_like_person_name("Lê Tất Cường")
        assert looks_like_person_name("Đỗ Văn Thiện")
        assert not looks_like_person_name("Cục Chính trị")
        assert not looks_like_person_name("Quân khu")
        assert not looks_like_person_name("Nguyễn")
        assert not looks_like_person_name("nguyễn văn a")

    def test_there_are_about_a_hundred_common_surnames(self):
        assert len(COMMON_SURNAMES) >= 100
        for name in ("Nguyễn", "Trần", "Lê", "Hoàng", "Huỳnh", "Vũ", "Võ", "Quách", "Thái"):
            assert name in COMMON_SURNAMES

    @given(st.lists(st.sampled_from(sorted(COMMON_SURNAMES)), min_size=2, max_size=4))
    def test_proper_name_is_idempotent(self, words):
        name = " ".join(words).upper()
        once = proper_name(name)
        assert proper_name(once) == once
        assert " ".join(split_name(once)[i] or "" for i in range(3)).split() == once.split()


class TestVocabulary:
    @pytest.mark.parametrize(
        ("text", "title"),
        [
            ("Phó Chủ nhiệm Chính trị Quân khu", "Phó Chủ nhiệm Chính trị"),
            ("Chính trị viên phó Đại đội 2", "Chính trị viên phó"),
            ("Chính ủy Lữ đoàn", "Chính ủy"),
            ("Ủy viên Ban Thường vụ Đảng ủy", "Ủy viên Ban Thường vụ"),
            ("Uỷ viên Đảng ủy Quân khu", "Uỷ viên"),
            ("Bí thư Đảng ủy", "Bí thư"),
            ("Chủ tịch UBND tỉnh", "Chủ tịch UBND"),
            ("Tổng Bí thư Tô Lâm", "Tổng Bí thư"),
        ],
    )
    def test_titles_are_matched_longest_first(self, text, title):
        assert find_title(text).text == title

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự"),
            ("Đảng ủy Lữ đoàn 657", "Đảng ủy"),
            ("Lữ đoàn 657", "Lữ đoàn"),
            ("Cục Chính trị Quân khu", "Cục Chính trị"),
            ("Vùng Hải quân 4", "Vùng Hải quân"),
        ],
    )
    def test_body_kinds_are_matched_longest_first(self, text, kind):
        assert find_body_kind(text).text == kind

    def test_the_issue_vocabulary_is_present(self):
        for title in ("Bí thư", "Phó Bí thư", "Chính ủy", "Phó Chính ủy", "Chủ nhiệm Chính trị",
                      "Chính trị viên", "Ủy viên Ban Thường vụ", "Đảng ủy viên", "Tư lệnh",
                      "Lữ đoàn trưởng", "Trưởng phòng", "Chủ tịch HĐND", "Giám đốc"):  # fmt: skip
            assert title in TITLES
        for kind in ("Đảng ủy", "Đảng bộ", "Chi bộ", "Ban Thường vụ", "Tỉnh ủy", "Quân khu",
                     "Sư đoàn", "Tổng cục", "Bộ Tư lệnh", "Học viện", "Trường"):  # fmt: skip
            assert kind in BODY_KINDS

    @pytest.mark.parametrize(
        ("abbr", "expansion"),
        [
            ("CTĐ", "công tác Đảng"),
            ("CTCT", "công tác chính trị"),
            ("SSCĐ", "sẵn sàng chiến đấu"),
            ("TSVM", "trong sạch vững mạnh"),
            ("KTGS", "kiểm tra, giám sát"),
            ("QNCN", "quân nhân chuyên nghiệp"),
            ("BĐBP", "Bộ đội Biên phòng"),
        ],
    )
    def test_abbreviations_expand(self, abbr, expansion):
        assert expand_abbreviation(abbr) == expansion

    def test_every_abbreviation_of_domain_md_is_listed(self):
        for abbr in ("CTĐ CTCT SSCĐ TSVM VMTD QUTW LLVT BTL BQP TCCT BTTM QK BCHQS BĐBP GDCT "
                     "GDPL KTGS QNCN CNVCQP HSQ-BS DQTV DBĐV HĐND UBND").split():  # fmt: skip
            assert abbr in ABBREVIATIONS

    def test_an_unknown_abbreviation_gives_none(self):
        assert expand_abbreviation("XYZ") is None
        assert expand_abbreviation("") is None
