"""Keys of body names: abbreviations, committee words, folding."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.text.bodynames import (
    PARTY_PREFIXES,
    STANDING_COMMITTEE_PREFIXES,
    body_key,
    expand_abbreviations,
    strip_party_prefix,
)
from ctct.text.names import ABBREVIATIONS
from ctct.text.normalize import canonical_tones, fold, strip_diacritics

_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_LETTERS = _VOWELS + "bcdđghklmnpqrstvx"
#: Words as body names write them, in any case: "Đảng", "ủy", "LỮ", "đoàn".
words = st.text(alphabet=_LETTERS + _LETTERS.upper(), min_size=1, max_size=8)
#: Names without numbers: no abbreviation can be glued to one.
plain_names = st.lists(words, min_size=1, max_size=6).map(" ".join)
#: Names as reports write them: words, numbers, abbreviations glued to numbers, punctuation.
_GLUABLE = sorted(a for a in ABBREVIATIONS if re.fullmatch(r"[A-ZĐ]{2,5}", a))
tokens = st.one_of(
    words,
    st.integers(0, 999).map(str),
    st.tuples(st.sampled_from(_GLUABLE), st.integers(1, 99)).map(lambda t: f"{t[0]}{t[1]}"),
    st.sampled_from(["-", ",", "(", ")", "/", "."]),
)
names = st.lists(tokens, min_size=0, max_size=8).map(" ".join)


class TestExpandAbbreviations:
    @pytest.mark.parametrize(
        ("written", "expanded"),
        [
            ("Đảng ủy QK7", "Đảng ủy Quân khu 7"),
            ("QK7", "Quân khu 7"),
            ("Bộ CHQS QK7 và QK9", "Bộ CHQS Quân khu 7 và Quân khu 9"),
        ],
    )
    def test_an_abbreviation_glued_to_a_number_is_written_out(self, written, expanded):
        assert expand_abbreviations(written) == expanded

    @pytest.mark.parametrize("written", ["Tổ XY3", "qk7", "QK 7", "QK", "Lữ đoàn 657", ""])
    def test_unknown_lower_case_or_unglued_abbreviations_stay_as_written(self, written):
        assert expand_abbreviations(written) == written

    @given(st.sampled_from(_GLUABLE), st.integers(0, 9999))
    def test_every_known_abbreviation_expands_before_its_number(self, abbr, n):
        assert expand_abbreviations(f"{abbr}{n}") == f"{ABBREVIATIONS[abbr]} {n}"


class TestStripPartyPrefix:
    @pytest.mark.parametrize(
        ("key", "split"),
        [
            ("dang uy lu doan 657", ("dang uy", "lu doan 657")),
            ("ban thuong vu dang uy quan khu 7", ("ban thuong vu dang uy", "quan khu 7")),
            ("dang uy co so xa an binh", ("dang uy co so", "xa an binh")),
            ("chi bo", ("chi bo", "")),
            ("lu doan 657", ("", "lu doan 657")),
            ("dang uyen", ("", "dang uyen")),
            ("", ("", "")),
        ],
    )
    def test_the_committee_words_split_from_the_unit(self, key, split):
        assert strip_party_prefix(key) == split

    def test_longer_committee_words_are_tried_first(self):
        for i, p in enumerate(PARTY_PREFIXES):
            longer = [q for q in PARTY_PREFIXES if q.startswith(p + " ")]
            assert all(PARTY_PREFIXES.index(q) < i for q in longer), p

    def test_standing_committee_words_are_committee_words(self):
        assert STANDING_COMMITTEE_PREFIXES <= set(PARTY_PREFIXES)

    @given(names)
    def test_the_two_parts_join_back_into_the_key(self, name):
        key = body_key(name)
        prefix, unit = strip_party_prefix(key)
        assert " ".join(p for p in (prefix, unit) if p) == key
        assert prefix == "" or prefix in PARTY_PREFIXES


class TestBodyKey:
    def test_the_report_and_the_tree_spellings_meet(self):
        assert body_key("Đảng uỷ QK7") == body_key("ĐẢNG ỦY Quân khu 7") == "dang uy quan khu 7"

    def test_empty_text_has_an_empty_key(self):
        assert body_key("") == "" and body_key(None) == ""  # type: ignore[arg-type]

    @given(names)
    def test_the_key_is_idempotent(self, name):
        assert body_key(body_key(name)) == body_key(name)

    @given(names)
    def test_expanding_first_changes_nothing(self, name):
        assert body_key(expand_abbreviations(name)) == body_key(name)

    @given(names)
    def test_the_key_is_folded_text(self, name):
        key = body_key(name)
        assert key == fold(key) and key == key.lower() and key.isascii()

    @given(plain_names)
    def test_case_does_not_count(self, name):
        assert body_key(name.upper()) == body_key(name.lower()) == body_key(name)

    @given(plain_names)
    def test_diacritics_and_tone_placement_do_not_count(self, name):
        assert body_key(strip_diacritics(name)) == body_key(name)
        assert body_key(canonical_tones(name)) == body_key(name)

    @given(st.sampled_from(_GLUABLE), st.integers(1, 99))
    def test_case_counts_for_an_abbreviation_glued_to_a_number(self, abbr, n):
        """ "QK7" is Quân khu 7; "qk7" is read as written (a word, not an abbreviation)."""
        assert body_key(f"{abbr.lower()}{n}") == fold(f"{abbr}{n}")
