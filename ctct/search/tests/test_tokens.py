"""The words of the index and of queries: folding, document numbers, and a query builder that
never raises and never emits unbalanced FTS syntax (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct.search.tokens import (
    MAX_ALTERNATIVES,
    MAX_TERMS,
    exact_words,
    index_words,
    number_keys,
    parse_query,
    prefix_tokens,
    reach_tokens,
    scope_tokens,
)


class TestFolding:
    def test_diacritics_and_d_fold_away(self):
        assert index_words("Đảng ủy Lữ đoàn 657 (QK7)") == [
            "dang",
            "uy",
            "lu",
            "doan",
            "657",
            "qk7",
        ]

    def test_old_and_new_tone_placement_fold_alike(self):
        assert index_words("hoà thuỷ") == index_words("hòa thủy")

    def test_exact_words_keep_diacritics_with_one_tone_placement(self):
        assert exact_words("Hoà Bình Trường") == ["hòa", "bình", "trường"]

    def test_a_title_suffix_trưởng_is_another_exact_word_than_the_name_trường(self):
        assert index_words("Trường") == index_words("trưởng")
        assert exact_words("Trường") != exact_words("trưởng")

    def test_scientific_looking_tokens_split_as_postgresql_splits_them(self):
        assert index_words("12e3x") == ["12e3", "x"]

    def test_emoji_and_lone_marks_give_no_token(self):
        assert index_words("😀 \u0301 ✓") == []


class TestDocumentNumbers:
    def test_a_number_as_written_gives_its_number_tokens(self):
        assert number_keys("35-CT/TW") == ["35ct", "35cttw"]
        assert number_keys("Số 123/QĐ-UBND") == ["123qd", "123qdubnd"]

    def test_every_written_form_of_a_query_finds_the_same_token(self):
        forms = [
            "35-CT/TW",
            "35/CT-TW",
            "chỉ thị 35",
            "Chỉ thị số 35",
            "CT 35",
            "ct 35 tw",
            "35 CT",
        ]
        for form in forms:
            q = parse_query(form)
            assert [t.kind for t in q.terms] == ["number"], form
            assert q.terms[0].key in ("35ct", "35cttw"), form

    def test_a_number_written_without_a_space_is_a_number_too(self):
        for form, key in [
            ("ct35", "35ct"),
            ("CT35", "35ct"),
            ("35CT", "35ct"),
            ("35ct", "35ct"),
            ("35CT/TW", "35cttw"),
            ("CT35 TW", "35cttw"),
            ("35cttw", "35cttw"),
        ]:
            q = parse_query(form)
            assert [t.kind for t in q.terms] == ["number"], form
            assert q.terms[0].key == key, form
            assert set(q.terms[0].tokens) >= {"35", "ct"}, form

    def test_a_glued_number_still_matches_the_word_as_typed(self):
        # "QK9" is no document number, but "ĐU QK9" is found by it: the word itself stays one
        # of the ways the term matches
        term = parse_query("nq12 ").terms[0]
        assert term.kind == "number" and term.key == "12nq" and "nq12" in term.also
        assert '"nq12"' in term.fts5() and "nq12" in term.tsquery()
        assert [t.kind for t in parse_query("qk9 sd330 l5").terms] == ["word", "word", "word"]

    def test_a_number_in_a_longer_query_keeps_the_other_words(self):
        q = parse_query("sơ kết chỉ thị 35 lữ đoàn")
        assert [t.kind for t in q.terms] == ["word", "word", "number", "word", "word"]


class TestQueries:
    def test_quotes_make_a_phrase_and_the_last_word_is_a_prefix(self):
        q = parse_query('"đại hội" chi bo')
        assert q.terms[0].kind == "phrase" and q.terms[0].tokens == ("dai", "hoi")
        assert q.terms[-1].prefix and not q.terms[1].prefix

    def test_a_word_followed_by_a_space_is_not_a_prefix(self):
        assert not parse_query("chi bo ").terms[-1].prefix

    def test_one_letter_is_never_a_prefix(self):
        assert not parse_query("chi b").terms[-1].prefix

    def test_fts_operators_are_plain_words(self):
        q = parse_query('a OR b NEAR(c) -d AND * "')
        assert q.fts5() == '"a" AND "or" AND "b" AND "near" AND "c" AND "d" AND "and"'

    def test_a_long_query_is_cut_and_says_so(self):
        q = parse_query("dang " * 400)
        assert q.dropped and len(q.terms) <= MAX_TERMS

    def test_empty_and_unreadable_queries_have_no_terms(self):
        for text in ("", "   ", "😀", "\u0301", "***", None, 42):
            assert parse_query(text).is_empty


_FTS5_TERM = re.compile(
    r'^(\("[a-z0-9]+" OR ("[a-z0-9]+" OR )?\(("[a-z0-9]+"( AND )?)+\)\)|"[a-z0-9 ]+"\*?)$'
)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s.replace('"', ""):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0 and s.count('"') % 2 == 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_the_query_builder_never_raises_and_quotes_every_token(text):
    q = parse_query(text)
    fts, tsq = q.fts5(), q.tsquery()
    assert _balanced(fts) and _balanced(tsq)
    for term in q.terms:
        assert _FTS5_TERM.match(term.fts5()), term
        assert all(re.fullmatch(r"[a-z0-9]+", t) for t in term.tokens)
    assert re.fullmatch(r"[a-z0-9 :*&|()<\->]*", tsq)
    # the short prefixes: quoted, marked tokens only (a tsquery literal read without parsing)
    assert re.fullmatch(r"('\^[a-z0-9]{2,7}'( & )?)*", q.tsquery_prefixes())


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("\"*()-:^+ NEARORANDnot\\'`;đĐáàảãạ35CT/")), max_size=80)
)
def test_fts_syntax_characters_never_reach_the_engine_as_syntax(text):
    q = parse_query(text)
    stripped = re.sub(r'"[a-z0-9 ]+"', "", q.fts5())
    assert not re.search(r"[a-z0-9]", stripped.replace(" AND ", "").replace(" OR ", ""))


class TestAlternatives:
    def test_a_document_number_is_searched_as_queries_without_or(self):
        assert parse_query("chi thi 35").tsquery_alternatives() == ["35ct", "(chi & thi & 35)"]
        q = parse_query("ct35 huan luyen")
        assert (
            q.tsquery_alternatives()
            == [
                "35ct & huan",
                "ct35 & huan",
                "(35 & ct) & huan",
            ]
            and q.tsquery_prefixes() == "'^luyen'"
        )

    def test_too_many_numbers_stay_one_query(self):
        q = parse_query("chi thi 35 nq 12 cv 3 kh 5")
        assert q.tsquery_alternatives() == [q.tsquery()]

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=120))
    def test_alternatives_have_no_or_unless_there_would_be_too_many(self, text):
        q = parse_query(text)
        ways = q.tsquery_alternatives()
        assert len(ways) <= MAX_ALTERNATIVES
        if len(ways) > 1:
            assert all("|" not in w for w in ways)
        if q.terms and not ways:  # only short prefixes: their literal alone
            assert q.tsquery_prefixes()


class TestPrefixes:
    def test_a_word_gives_its_first_two_to_seven_characters_marked(self):
        assert prefix_tokens(["lu", "doan", "a"]) == {"^lu", "^do", "^doa", "^doan"}
        assert prefix_tokens(["nghieng2026"]) == {
            "^ng",
            "^ngh",
            "^nghi",
            "^nghie",
            "^nghien",
            "^nghieng",
        }

    def test_a_word_being_typed_up_to_seven_letters_is_looked_up_as_a_prefix_token(self):
        q = parse_query("nguyen van tr")
        assert q.tsquery() == "nguyen & van" and q.tsquery_prefixes() == "'^tr'"
        assert parse_query("tháng").tsquery_prefixes() == "'^thang'"
        assert parse_query("tháng").tsquery() == ""

    def test_a_longer_prefix_and_a_phrase_expand_in_the_query_itself(self):
        q = parse_query("truongthanh")
        assert q.tsquery() == "truongthanh:*" and q.tsquery_prefixes() == ""
        q = parse_query('"dai hoi')
        assert q.tsquery_prefixes() == "" and q.tsquery() == "(dai <-> hoi)"

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), max_size=20))
    def test_every_prefix_a_query_can_ask_for_is_among_the_tokens_of_a_word_it_fits(self, words):
        tokens = prefix_tokens(words)
        for w in words:
            for k in range(2, min(len(w), 7) + 1):
                q = parse_query(w[:k])
                if q.terms and q.terms[0].short_prefix:
                    assert q.tsquery_prefixes().strip("'") in tokens


class TestReach:
    def test_a_scope_over_an_ancestor_covers_the_entry(self):
        entry = set(reach_tokens(action="view", paths=["000100020003"]))
        assert set(scope_tokens({"view": ["0001"]})) & entry
        assert set(scope_tokens({"view": ["00010002"]})) & entry

    def test_a_sibling_or_a_descendant_scope_does_not(self):
        entry = set(reach_tokens(action="view", paths=["00010002"]))
        assert not set(scope_tokens({"view": ["00010003"]})) & entry
        assert not set(scope_tokens({"view": ["000100020001"]})) & entry

    def test_a_line_path_is_seen_from_below_too(self):
        entry = set(reach_tokens(action="view", paths=[], line_paths=["00010002"]))
        assert set(scope_tokens({"view": ["000100020001"]})) & entry
        assert not set(scope_tokens({"view": ["00010003"]})) & entry

    def test_another_action_does_not_reach(self):
        entry = set(reach_tokens(action="edit_conferences", paths=["0001"]))
        assert not set(scope_tokens({"view": ["0001"]})) & entry
        assert set(scope_tokens({"edit_conferences": ["0001"]})) & entry
