"""Normalization layers: nfc, normalize, canonical_tones, compare_key, name_key, fold."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ctct.text.normalize import (
    canonical_tones,
    compare_key,
    fold,
    name_key,
    nfc,
    normalize,
    strip_diacritics,
    tighten_symbols,
)

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " -/,.0123456789\u00a0\u200b\t\n")
        + TONES[1:]
    ),
    max_size=80,
)


class TestNfc:
    def test_it_composes_combining_marks(self):
        decomposed = unicodedata.normalize("NFD", "Đảng ủy")
        assert nfc(decomposed) == "Đảng ủy"


class TestNormalize:
    def test_it_keeps_tone_marks_as_written(self):
        assert normalize("Đảng uỷ Phòng Chính trị hoà") == "Đảng uỷ Phòng Chính trị hoà"

    def test_it_keeps_a_misspelling_as_written(self):
        assert normalize("Cục Hậu cần - Kỷ thuật") == "Cục Hậu cần - Kỷ thuật"

    def test_it_tightens_a_party_symbol_written_with_spaces(self):
        assert normalize("Kế hoạch số 1180 - KH/ĐU ngày 03/11/2024") == (
            "Kế hoạch số 1180-KH/ĐU ngày 03/11/2024"
        )

    def test_it_tightens_state_symbols_with_spaces_around_slashes(self):
        assert normalize("Nghị định 30 / 2020 / NĐ - CP") == "Nghị định 30/2020/NĐ-CP"
        assert normalize("Hướng dẫn số 4691 / HD-CT") == "Hướng dẫn số 4691/HD-CT"

    def test_it_turns_an_en_dash_inside_a_symbol_into_a_hyphen(self):
        assert normalize("Chỉ thị 2889 – CT/ĐU") == "Chỉ thị 2889-CT/ĐU"

    def test_it_leaves_terms_and_place_pairs_alone(self):
        text = "nhiệm kỳ 2025 - 2030; giao lưu Việt Nam - Trung Quốc; Hậu cần - Kỹ thuật"
        assert normalize(text) == text

    def test_it_removes_zero_width_characters_and_soft_hyphens(self):
        assert normalize("Đảng\u200b ủy\u00ad Lữ\ufeff đoàn") == "Đảng ủy Lữ đoàn"

    def test_it_makes_odd_spaces_plain_and_collapses_runs(self):
        assert normalize("Đại tá\u00a0 Bùi\u2009Hữu   Ba") == "Đại tá Bùi Hữu Ba"

    def test_it_keeps_paragraphs_but_trims_line_edges_and_blank_runs(self):
        assert normalize("  Dòng một.  \r\n\r\n\r\n  Dòng hai.\r") == "Dòng một.\n\nDòng hai."

    def test_tabs_and_form_feeds_in_ascii_text_become_spaces(self):
        assert normalize("QK7\tOnline\x0c2025") == "QK7 Online 2025"

    def test_it_joins_lines_when_asked(self):
        assert normalize("Đảng ủy\nLữ đoàn", keep_newlines=False) == "Đảng ủy Lữ đoàn"

    def test_it_repairs_the_eth_look_alike_of_d_with_stroke(self):
        assert normalize("\u00d0ảng \u00f0oàn") == "Đảng đoàn"

    def test_it_returns_empty_text_for_empty_input(self):
        assert normalize("") == ""
        assert normalize(" \u200b ") == ""

    def test_tighten_symbols_leaves_text_without_separators_untouched(self):
        assert tighten_symbols("Đảng ủy Lữ đoàn") == "Đảng ủy Lữ đoàn"

    @given(vietnamese_text)
    def test_normalize_is_idempotent(self, s):
        once = normalize(s)
        assert normalize(once) == once

    @given(vietnamese_text)
    def test_normalize_output_is_nfc(self, s):
        out = normalize(s)
        assert unicodedata.is_normalized("NFC", out)


class TestCanonicalTones:
    def test_old_and_new_placements_become_one_string(self):
        assert canonical_tones("hoà") == canonical_tones("hòa") == "hòa"
        assert canonical_tones("uỷ") == canonical_tones("ủy") == "ủy"
        assert canonical_tones("Đảng uỷ") == "Đảng ủy"

    def test_it_uses_the_placement_of_the_gold_records(self):
        assert canonical_tones("khoẻ mạnh, thuỷ quân, Quân uỷ") == "khỏe mạnh, thủy quân, Quân ủy"

    def test_a_closed_syllable_keeps_the_tone_on_the_last_vowel(self):
        assert canonical_tones("Hoàng hoàn toàn") == "Hoàng hoàn toàn"
        assert canonical_tones("Huỳnh Quỳnh") == "Huỳnh Quỳnh"

    def test_qu_and_gi_belong_to_the_initial(self):
        assert canonical_tones("qúa quý giữa gìn") == "quá quý giữa gìn"

    def test_marked_vowels_take_the_tone(self):
        assert canonical_tones("người được muốn khuyến") == "người được muốn khuyến"

    def test_three_vowel_nuclei_take_the_tone_in_the_middle(self):
        assert canonical_tones("ngoaì khuyủ") == "ngoài khuỷu"

    def test_capitals_keep_their_case(self):
        assert canonical_tones("HOÀ BÌNH, THUỶ") == "HÒA BÌNH, THỦY"

    def test_it_leaves_ascii_and_non_syllables_alone(self):
        assert canonical_tones("QK7 Online") == "QK7 Online"
        assert canonical_tones("") == ""

    @given(vietnamese_text)
    def test_canonical_tones_is_idempotent(self, s):
        once = canonical_tones(s)
        assert canonical_tones(once) == once

    @given(vietnamese_text)
    def test_canonical_tones_keeps_the_folded_letters(self, s):
        assert fold(canonical_tones(s)) == fold(s)


class TestCompareKey:
    def test_old_and_new_tone_placements_compare_equal(self):
        assert compare_key("Đảng uỷ") == compare_key("Đảng ủy")

    def test_case_and_spacing_do_not_count(self):
        assert compare_key("ĐẢNG ỦY  Lữ Đoàn") == compare_key("Đảng ủy Lữ đoàn")

    def test_diacritics_still_count(self):
        assert compare_key("Sơn") != compare_key("Son")

    def test_decomposed_input_compares_equal(self):
        assert compare_key(unicodedata.normalize("NFD", "Quân uỷ")) == compare_key("Quân ủy")


class TestNameKey:
    def test_names_match_across_case_spacing_and_tone_placement(self):
        assert name_key("NGUYỄN  GIA CHINH") == name_key("Nguyễn Gia Chinh")
        assert name_key("Nguyễn Thuỵ") == name_key("Nguyễn Thụy")

    def test_punctuation_around_a_name_is_dropped(self):
        assert name_key(" Trần Chí Tâm. ") == "trần chí tâm"

    def test_diacritics_are_kept(self):
        assert name_key("Lê Văn Thơ") != name_key("Le Van Tho")


class TestFold:
    def test_it_folds_a_body_name_for_search(self):
        assert fold("Đảng ủy Lữ đoàn") == "dang uy lu doan"

    def test_d_with_stroke_becomes_d_in_both_cases(self):
        assert fold("ĐĐđđ") == "dddd"

    def test_punctuation_becomes_spaces(self):
        assert fold("Kế hoạch số 1180-KH/ĐU (QK7); “Mẫu mực, tiêu biểu”") == (
            "ke hoach so 1180 kh du qk7 mau muc tieu bieu"
        )

    def test_decomposed_marks_are_removed(self):
        assert fold(unicodedata.normalize("NFD", "Thượng tá")) == "thuong ta"

    def test_it_handles_empty_and_whitespace(self):
        assert fold("") == ""
        assert fold("  \n ") == ""

    def test_old_and_new_tone_placement_fold_alike(self):
        assert fold("hoà") == fold("hòa") == "hoa"

    @given(vietnamese_text)
    def test_fold_is_idempotent_and_ascii_for_vietnamese(self, s):
        out = fold(s)
        assert fold(out) == out
        assert out.isascii()


class TestStripDiacritics:
    def test_it_keeps_case_and_punctuation(self):
        assert strip_diacritics("Đảng ủy, Lữ đoàn!") == "Dang uy, Lu doan!"
