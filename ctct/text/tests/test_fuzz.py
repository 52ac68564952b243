"""Finders on text assembled from the genre's own tokens: never a crash, spans always exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct.text import (
    Encoding,
    decode_bytes,
    detect_encoding,
    find_dates,
    find_docnumbers,
    find_periods,
    find_ranks,
    fold,
    normalize,
    split_sentences,
    to_unicode,
)

TOKENS = [
    "Chỉ thị", "Nghị quyết", "Kế hoạch", "Hướng dẫn", "Quy định", "Luật", "Công văn", "số", "Số:",
    "2889", "35", "01", "2024", "2025", "2030", "10", "6", "31", "-", " - ", "/", " / ", "–", ",",
    ";", ".", "..", "./.", "…", "(", ")", "“", "”", "\n", " ", "CT", "ĐU", "KH", "HD", "QĐ", "TW",
    "NĐ", "CP", "UBND", "XYZ", "của", "và", "về", "ngày", "tháng", "năm", "quý", "III", "nhiệm kỳ",
    "6 tháng đầu năm", "Sáng", "Chiều", "từ", "đến", "Ban Thường vụ", "Đảng ủy", "Quân khu",
    "Bộ Chính trị", "Ban Bí thư", "TP.", "Đại tá", "Thiếu uý", "QNCN", "Nguyễn Văn A", "92,5%",
]  # fmt: skip
genre_text = st.lists(st.sampled_from(TOKENS), max_size=40).map(lambda ts: " ".join(ts))


def _spans_are_exact(text, matches):
    for m in matches:
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text


@settings(max_examples=400)
@given(genre_text)
def test_finders_never_crash_and_their_spans_index_the_text(text):
    _spans_are_exact(text, find_dates(text))
    _spans_are_exact(text, find_periods(text))
    _spans_are_exact(text, find_docnumbers(text))
    _spans_are_exact(text, find_ranks(text))
    for a, b in split_sentences(text):
        assert 0 <= a < b <= len(text)


@settings(max_examples=200)
@given(genre_text)
def test_keys_and_detection_never_crash(text):
    assert normalize(normalize(text)) == normalize(text)
    assert fold(fold(text)) == fold(text)
    detect_encoding(text)
    to_unicode(text)


@given(st.binary(max_size=300))
def test_any_bytes_get_a_typed_result(data):
    result = decode_bytes(data)
    assert isinstance(result.encoding, Encoding)
    assert result.reason
    assert (result.text is None) == (not result.ok)
