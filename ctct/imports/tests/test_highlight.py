"""The report text with the record's spans marked in place: escaped, nested and crossing spans
drawn once each, malformed spans ignored, values typed in review placed in the text."""

from __future__ import annotations

import pytest
from django.utils import translation

from ctct.imports.highlight import (
    Mark,
    find_spans,
    highlight_html,
    highlight_record,
    marks_of,
    segments,
)

TEXT = (
    "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025. "
    "Thiếu tướng Trần Chí Tâm, Phó Chủ nhiệm Chính trị Quân khu dự. Đồng chí Trần Chí Tâm "
    "quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024."
)


def at(text: str, part: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return [start, start + len(part)]


def record() -> dict:
    return {
        "text": TEXT,
        "event": {
            "date": "2025-06-20",
            "date_text": "Ngày 20/6",
            "kind": "so_ket",
            "period": "2025-H1",
            "organizer": "Đảng ủy Lữ đoàn 657",
            "spans": {
                "date": at(TEXT, "Ngày 20/6"),
                "kind": at(TEXT, "Hội nghị sơ kết 6 tháng đầu năm 2025"),
                "period": at(TEXT, "6 tháng đầu năm 2025"),
                "organizer": at(TEXT, "Đảng ủy Lữ đoàn 657"),
            },
        },
        "people": [
            {
                "name": "Trần Chí Tâm",
                "rank": "Thiếu tướng",
                "positions": ["Phó Chủ nhiệm Chính trị Quân khu"],
                "roles": ["attended"],
                "spans": [at(TEXT, "Trần Chí Tâm"), at(TEXT, "Trần Chí Tâm", 1)],
                "position_spans": [at(TEXT, "Phó Chủ nhiệm Chính trị Quân khu")],
            }
        ],
        "documents": [
            {
                "type": "Chỉ thị",
                "number": "2889",
                "symbol": "CT/ĐU",
                "spans": [at(TEXT, "Chỉ thị số 2889-CT/ĐU ngày 10/9/2024")],
            }
        ],
    }


def test_every_span_of_the_record_becomes_a_mark_linked_to_its_form_row():
    marks = marks_of(record())
    by_kind = {}
    for m in marks:
        by_kind.setdefault(m.kind, []).append(TEXT[m.start : m.end])
    assert by_kind == {
        "date": ["Ngày 20/6"],
        "kind": ["Hội nghị sơ kết 6 tháng đầu năm 2025"],
        "period": ["6 tháng đầu năm 2025"],
        "organizer": ["Đảng ủy Lữ đoàn 657"],
        "person": ["Trần Chí Tâm", "Trần Chí Tâm"],
        "rank": ["Thiếu tướng"],  # written before the first mention only
        "position": ["Phó Chủ nhiệm Chính trị Quân khu"],
        "document": ["Chỉ thị số 2889-CT/ĐU ngày 10/9/2024"],
    }
    refs = {m.kind: m.ref for m in marks}
    assert refs["person"] == refs["rank"] == refs["position"] == "person-0"
    assert refs["document"] == "document-0" and refs["organizer"] == "event-organizer"


def test_the_text_is_kept_whole_and_a_nested_span_is_drawn_inside_the_outer_one():
    segs = segments(TEXT, marks_of(record()))
    assert "".join(s.text for s in segs) == TEXT
    period = next(s for s in segs if s.text == "6 tháng đầu năm 2025")
    assert [m.kind for m in period.marks] == ["period", "kind"]  # narrowest first
    assert any(s.text == "Hội nghị sơ kết " and s.mark.kind == "kind" for s in segs)


def test_crossing_spans_are_cut_where_they_cross():
    text = "abcdefghij"
    a = Mark(0, 6, "person", "person-0", "A")
    b = Mark(4, 10, "position", "person-0", "B")
    segs = segments(text, [a, b])
    assert [(s.text, [m.kind for m in s.marks]) for s in segs] == [
        ("abcd", ["person"]),
        ("ef", ["person", "position"]),
        ("ghij", ["position"]),
    ]


@pytest.mark.parametrize(
    "bad",
    [None, [], [3], [5, 2], [-1, 4], [0, 10_000], ["0", "4"], [0.5, 3], [True, 4], "0-4"],
)
def test_a_malformed_or_outside_span_is_ignored(bad):
    rec = record()
    rec["people"][0]["spans"] = [bad]
    rec["event"]["spans"]["date"] = bad
    kinds = {m.kind for m in marks_of(rec)}
    assert "person" not in kinds and "date" not in kinds and "rank" not in kinds
    assert highlight_record(rec).count('class="hl hl-organizer"') == 1


def test_a_record_without_spans_or_text_renders_plain():
    assert highlight_record({}) == ""
    assert highlight_record({"text": "a < b", "people": "not a list"}) == "a &lt; b"
    assert highlight_record({"text": "x", "event": {"spans": None}, "people": [None]}) == "x"


def test_what_the_report_says_is_escaped_inside_and_outside_the_marks():
    text = 'Đồng chí <b>"Tâm"</b> & <script>alert(1)</script>'
    html = highlight_html(text, [Mark(9, 20, "person", 'p"><x', "<i>")])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert 'data-ref="p&quot;&gt;&lt;x"' in html


def test_each_mark_is_a_link_with_a_tooltip_naming_what_it_is():
    with translation.override("en"):
        html = highlight_record(record())
    assert (
        '<mark class="hl hl-person" data-ref="person-0"><a href="#person-0" '
        'title="Person 1: Trần Chí Tâm">Trần Chí Tâm</a></mark>'
    ) in html
    assert 'title="Kind of conference: Interim review (sơ kết)"' in html
    assert '<mark class="hl hl-period in-kind"' in html


def test_a_rank_is_marked_only_when_it_is_the_persons_rank_right_before_the_name():
    rec = record()
    rec["people"][0]["rank"] = "Đại tá"
    assert "rank" not in {m.kind for m in marks_of(rec)}
    rec["people"][0]["rank"] = "Thiếu tướng"
    ranks = [m for m in marks_of(rec) if m.kind == "rank"]
    assert [TEXT[m.start : m.end] for m in ranks] == ["Thiếu tướng"]


def test_a_value_typed_in_review_is_found_in_the_text_as_whole_words():
    assert find_spans(TEXT, "trần chí tâm") == [
        at(TEXT, "Trần Chí Tâm"),
        at(TEXT, "Trần Chí Tâm", 1),
    ]
    assert find_spans(TEXT, "Chí Tâ") == []  # not a whole word
    assert find_spans(TEXT, "Lê Văn Mới") == []
    assert find_spans(TEXT, " ") == [] and find_spans("", "Tâm") == []
    assert find_spans(TEXT, "2889-CT/ĐU") == [at(TEXT, "2889-CT/ĐU")]
