"""Any text gives a valid record: no exception, spans inside the text, roles from the list."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct.extract import extract_text

WORDS = [
    "Ngày",
    "20/6",
    "Sáng",
    "31-12",
    "Đảng",
    "ủy",
    "Lữ",
    "đoàn",
    "657",
    "tổ",
    "chức",
    "Hội",
    "nghị",
    "sơ",
    "kết",
    "6",
    "tháng",
    "đầu",
    "năm",
    "2025",
    "Đại",
    "tá",
    "Thiếu",
    "tướng",
    "Nguyễn",
    "Văn",
    "An",
    "Bí",
    "thư",
    "Chính",
    "chủ",
    "trì",
    "dự",
    "và",
    "chỉ",
    "đạo",
    "Chỉ",
    "thị",
    "số",
    "2889-CT/ĐU",
    "của",
    "Ban",
    "Thường",
    "vụ",
    "đồng",
    "chí",
    "cho",
    "trao",
    "Bằng",
    "khen",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "-",
    "\n",
    "Tin,",
    "ảnh:",
    "KIM",
    "ANH",
    "nhiệm",
    "kỳ",
    "2025-2030",
    "quý",
    "III",
    "ra",
    "quán",
    "triệt",
    "tổng",
    "Trong",
    "hai",
    "ngày",
    "14",
    "và",
]
ROLES = {"chair", "directed", "reported", "attended", "spoke", "awarded"}
KINDS = {"so_ket", "tong_ket", "ra_nghi_quyet", "quan_triet", "dai_hoi", "other"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80))
def test_any_sequence_of_genre_words_gives_a_valid_record(words):
    record = extract_text(" ".join(words))
    text = record["text"]
    assert record["event"]["kind"] in KINDS
    for person in record["people"]:
        assert set(person["roles"]) <= ROLES
        for a, b in person["spans"]:
            assert 0 <= a < b <= len(text)
    for doc in record["documents"]:
        for a, b in doc["spans"]:
            assert 0 <= a < b <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    record = extract_text(text)
    assert isinstance(record["people"], list)
