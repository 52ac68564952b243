"""Sentence splitting with spans into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.text.sentences import sentences, split_sentences


class TestBreaks:
    def test_it_breaks_after_a_full_stop_before_a_capital(self):
        assert sentences("Đại tá Bùi Hữu Ba chủ trì. Đại tá Phạm Ngọc Sơn dự.") == [
            "Đại tá Bùi Hữu Ba chủ trì.",
            "Đại tá Phạm Ngọc Sơn dự.",
        ]

    def test_it_breaks_at_line_ends(self):
        assert sentences("Quang cảnh hội nghị\nĐinh Khánh, Hằng Ny") == [
            "Quang cảnh hội nghị",
            "Đinh Khánh, Hằng Ny",
        ]

    def test_it_breaks_after_the_closing_mark_of_a_document(self):
        assert sentences("tiêu biểu trong Đảng bộ Đoàn 969./. Hương Giang") == [
            "tiêu biểu trong Đảng bộ Đoàn 969./.",
            "Hương Giang",
        ]

    def test_it_breaks_before_a_sentence_opening_with_a_number(self):
        assert sentences("chủ trì hội nghị.. 6 tháng đầu năm 2025, Đảng ủy họp.") == [
            "chủ trì hội nghị..",
            "6 tháng đầu năm 2025, Đảng ủy họp.",
        ]

    def test_question_and_exclamation_marks_end_sentences(self):
        assert sentences("Vì sao? Vì kỷ luật! Rõ.") == ["Vì sao?", "Vì kỷ luật!", "Rõ."]

    def test_a_quoted_sentence_ends_after_its_closing_quote(self):
        assert sentences("Đồng chí nhấn mạnh: “Phải làm tốt.” Sau đó kết luận.") == [
            "Đồng chí nhấn mạnh: “Phải làm tốt.”",
            "Sau đó kết luận.",
        ]


class TestNoBreaks:
    @pytest.mark.parametrize(
        "text",
        [
            "Hội nghị tại TP. Hồ Chí Minh được tổ chức.",
            "Trụ sở ở Tp. Hà Nội và Q. Ba Đình.",
            "Phường 5, Q. Gò Vấp, TP. Hồ Chí Minh.",
            "Báo cáo của ThS. Nguyễn Văn A và PGS. TS. Trần Văn B.",
            "Tỷ lệ đạt 92,5% so với năm trước.",
            "Kết nạp 1.180 đảng viên mới.",
            "Các mặt công tác, v.v. Được triển khai.",
            "Xây dựng đơn vị “Mẫu mực, tiêu biểu. Tiên phong.” là mục tiêu.",
            "Đồng chí Nguyễn V. A. Bí thư chi bộ phát biểu.",
            "giáo dục truyền thống… xây dựng bản lĩnh.",
            "Phong trào “Thi đua quyết thắng… Vì nhân dân phục vụ” lan tỏa.",
        ],
    )
    def test_it_keeps_one_sentence_whole(self, text):
        assert sentences(text) == [text]


class TestSpans:
    def test_spans_index_the_original_text_without_surrounding_spaces(self):
        text = "  Câu một.   Câu hai.\n\n  Câu ba  "
        spans = split_sentences(text)
        assert [text[a:b] for a, b in spans] == ["Câu một.", "Câu hai.", "Câu ba"]

    def test_empty_text_has_no_sentences(self):
        assert split_sentences("") == []
        assert split_sentences(" \n\n ") == []

    @given(st.text(alphabet=st.sampled_from(list('aăbĐđ Ạ.,!?…“”"\n0123456789TP')), max_size=120))
    def test_spans_are_ordered_non_overlapping_and_trimmed(self, text):
        spans = split_sentences(text)
        last = 0
        for a, b in spans:
            assert last <= a < b <= len(text)
            assert not text[a].isspace() and not text[b - 1].isspace()
            last = b

    @given(st.text(max_size=200))
    def test_no_text_is_lost_apart_from_whitespace(self, text):
        joined = "".join(text[a:b] for a, b in split_sentences(text))
        assert "".join(joined.split()) == "".join(text.split())
