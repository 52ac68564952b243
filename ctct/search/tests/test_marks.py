"""Marking the words of the query in titles and snippets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ctct.search.marks import excerpt, highlight, query_terms


def test_words_are_marked_whatever_the_diacritics_and_tone_placement():
    terms = query_terms("hoà binh")
    assert str(highlight("Tỉnh Hòa Bình", terms)) == "Tỉnh <mark>Hòa</mark> <mark>Bình</mark>"


def test_a_word_being_typed_marks_the_words_it_begins():
    assert str(highlight("Nguyễn Văn Trường", query_terms("truo"))) == (
        "Nguyễn Văn <mark>Trường</mark>"
    )


def test_numbers_mark_only_the_same_number():
    assert (
        str(highlight("Chỉ thị 35 và 350", query_terms("35"))) == "Chỉ thị <mark>35</mark> và 350"
    )


def test_the_text_is_escaped_and_only_marks_are_markup():
    out = str(highlight("<b>đại</b> hội", query_terms("dai")))
    assert out == "&lt;b&gt;<mark>đại</mark>&lt;/b&gt; hội"


def test_an_excerpt_shows_the_first_match_of_a_long_text():
    text = "mở đầu " * 100 + "quán triệt chỉ thị 35 " + "kết thúc " * 100
    out = excerpt(text, query_terms("chi thi 35"), width=120)
    assert "chỉ thị 35" in out and out.startswith("…") and out.endswith("…")
    assert len(out) <= 130


@given(st.text(max_size=300), st.text(max_size=60))
def test_any_text_and_query_give_escaped_markup(text, query):
    out = str(highlight(excerpt(text, query_terms(query)), query_terms(query)))
    assert "<" not in out.replace("<mark>", "").replace("</mark>", "")
