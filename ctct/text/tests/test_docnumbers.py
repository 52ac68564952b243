"""Document numbers: parse, format, canonical key, find in running text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.text.dates import PartialDate
from ctct.text.docnumbers import (
    NATIONAL_ISSUERS,
    DocNumber,
    DocNumberError,
    canonical_key,
    find_docnumbers,
    format_citation,
    format_docnumber,
    issuers_named,
    parse_docnumber,
    same_document,
    type_code_for,
    type_names,
    with_issuer,
)
from ctct.text.tests.conftest import load_cases

CASES = load_cases("docnumbers.json")

SEED_004 = (
    "Tại hội nghị, Thiếu tướng Trần Chí Tâm quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của "
    "Ban Thường vụ Đảng ủy Quân khu về Đại hội Đảng các cấp trong Đảng bộ, LLVT Quân khu; "
    "Hướng dẫn số 4691/HD-CT ngày 22/10/2024 của Cục Chính trị thực hiện Chỉ thị của Ban Thường "
    "vụ Đảng ủy Quân khu về Đại hội Đảng các cấp; Kế hoạch số 1180 - KH/ĐU ngày 03/11/2024 của "
    "Đảng ủy Cục Chính trị về tổ chức Đại hội Đảng các cấp.\n"
    "Thiếu tướng Trần Chí Tâm yêu cầu quán triệt, triển khai thực hiện Chỉ thị số 35 của Bộ Chính "
    "trị, Chỉ thị số 2889 của Ban Thường vụ Đảng ủy Quân khu, Kế hoạch số 1180-KH/ĐU của Đảng ủy "
    "Cục Chính trị và các quy định, hướng dẫn của cấp trên."
)


def _field(doc: DocNumber, key: str):
    if key == "canonical":
        return format_docnumber(doc)
    if key == "date":
        return doc.date.iso() if doc.date else None
    return getattr(doc, key)


class TestParse:
    @pytest.mark.parametrize(("text", "expected"), CASES["parse"])
    def test_numbers_parse_into_their_parts(self, text, expected):
        doc = parse_docnumber(text)
        assert {k: _field(doc, k) for k in expected} == expected

    @pytest.mark.parametrize(("text", "reason"), CASES["errors"])
    def test_unreadable_numbers_raise_with_a_reason(self, text, reason):
        with pytest.raises(DocNumberError) as info:
            parse_docnumber(text)
        assert reason in info.value.reason

    def test_non_strings_raise_a_typed_error(self):
        with pytest.raises(DocNumberError, match="empty"):
            parse_docnumber(None)  # type: ignore[arg-type]

    def test_party_qd_alone_is_ambiguous_but_the_written_word_decides(self):
        assert type_names("QĐ") == ("Quyết định", "Quy định")
        assert parse_docnumber("366-QĐ/TW").type_name is None
        assert parse_docnumber("Quy định số 366-QĐ/TW").type_name == "Quy định"

    def test_state_quy_dinh_has_its_own_abbreviation(self):
        assert type_code_for("Quy định", "state") == "QyĐ"
        assert parse_docnumber("12/QyĐ-UBND").type_name == "Quy định"

    def test_type_words_are_case_insensitive(self):
        assert parse_docnumber("CHỈ THỊ SỐ 2889-CT/ĐU").type_name == "Chỉ thị"


class TestFormat:
    def test_canonical_forms(self):
        assert format_docnumber(parse_docnumber("Số 2889 - CT/ĐU")) == "2889-CT/ĐU"
        assert format_docnumber(parse_docnumber("Số: 123 / QĐ-UBND")) == "123/QĐ-UBND"
        assert format_docnumber(parse_docnumber("30/2020/NĐ-CP")) == "30/2020/NĐ-CP"

    def test_a_citation_reads_like_a_report(self):
        doc = parse_docnumber("Chỉ thị số 2889-CT/ĐU ngày 10/9/2024")
        assert format_citation(doc) == "Chỉ thị số 2889-CT/ĐU ngày 10/9/2024"
        assert format_citation(parse_docnumber("366-QĐ/TW")) == "Số 366-QĐ/TW"


class TestCanonicalKey:
    @pytest.mark.parametrize("citations", CASES["same_key"])
    def test_one_document_cited_several_ways_has_one_key(self, citations):
        keys = {canonical_key(parse_docnumber(c)) for c in citations}
        assert len(keys) == 1

    def test_different_documents_have_different_keys(self):
        a = parse_docnumber("2889-CT/ĐU")
        assert canonical_key(a) != canonical_key(parse_docnumber("2889-CT/TW"))
        assert canonical_key(a) != canonical_key(parse_docnumber("2889-KH/ĐU"))
        assert canonical_key(a) != canonical_key(parse_docnumber("2890-CT/ĐU"))

    def test_a_number_only_citation_can_be_the_same_document(self):
        full = parse_docnumber("Chỉ thị số 2889-CT/ĐU")
        assert same_document(parse_docnumber("Chỉ thị số 2889"), full)
        assert not same_document(parse_docnumber("Kế hoạch số 2889"), full)
        assert not same_document(parse_docnumber("Chỉ thị số 35"), full)


PARTY_CODES = ["NQ", "CT", "KL", "QĐ", "QĐi", "HD", "KH", "BC", "CV", "TB", "TTr", "CTr"]
STATE_CODES = ["NQ", "QĐ", "CT", "QyĐ", "TB", "HD", "KH", "BC", "NĐ", "TT", "CĐ", "TTr"]
ISSUERS = ["ĐU", "TW", "TU", "HU", "QUTW", "VPTW", "BTCTW", "ĐUK", "UBND", "CP", "TTg", "BQP", "CT"]
numbers = st.integers(1, 99999).map(str) | st.integers(1, 9).map(lambda n: f"0{n}")


@st.composite
def doc_numbers(draw):
    number = draw(numbers)
    issuer = draw(st.sampled_from(ISSUERS))
    if draw(st.booleans()):
        code = draw(st.sampled_from(PARTY_CODES))
        return f"{number}-{code}/{issuer}"
    code = draw(st.sampled_from(STATE_CODES))
    year = draw(st.one_of(st.none(), st.integers(1990, 2099)))
    return f"{number}/{year}/{code}-{issuer}" if year else f"{number}/{code}-{issuer}"


class TestProperties:
    @given(doc_numbers())
    def test_format_of_parse_round_trips(self, text):
        assert format_docnumber(parse_docnumber(text)) == text

    @given(doc_numbers(), st.sampled_from(["Số ", "Số: ", "số ", ""]), st.sampled_from([" ", ""]))
    def test_spacing_and_the_so_prefix_do_not_change_the_key(self, text, prefix, space):
        spaced = text.replace("-", f"{space}-{space}", 1).replace("/", f"{space}/{space}", 1)
        assert canonical_key(parse_docnumber(prefix + spaced)) == canonical_key(
            parse_docnumber(text)
        )

    @given(doc_numbers())
    def test_parse_is_idempotent_through_format(self, text):
        doc = parse_docnumber(text)
        assert parse_docnumber(format_docnumber(doc)) == doc

    @given(st.text(max_size=60))
    def test_any_text_parses_or_raises_a_typed_error(self, s):
        try:
            parse_docnumber(s)
        except DocNumberError as exc:
            assert exc.reason
        find_docnumbers(s)


class TestFind:
    def test_the_citations_of_seed_004_are_found_as_the_record_writes_them(self):
        found = [
            (m.type_name, m.number, m.symbol, m.date.iso() if m.date else None, m.issuer)
            for m in find_docnumbers(SEED_004)
        ]
        assert found == [
            ("Chỉ thị", "2889", "CT/ĐU", "2024-09-10", "Ban Thường vụ Đảng ủy Quân khu"),
            ("Hướng dẫn", "4691", "HD-CT", "2024-10-22", "Cục Chính trị"),
            ("Kế hoạch", "1180", "KH/ĐU", "2024-11-03", "Đảng ủy Cục Chính trị"),
            ("Chỉ thị", "35", None, None, "Bộ Chính trị"),
            ("Chỉ thị", "2889", None, None, "Ban Thường vụ Đảng ủy Quân khu"),
            ("Kế hoạch", "1180", "KH/ĐU", None, "Đảng ủy Cục Chính trị"),
        ]

    def test_spans_index_the_original_text(self):
        for m in find_docnumbers(SEED_004):
            assert SEED_004[m.start : m.end] == m.text
            assert m.text.startswith(("Chỉ thị", "Hướng dẫn", "Kế hoạch"))

    def test_state_documents_in_running_text(self):
        text = "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ; Quyết định số 123/QĐ-UBND ngày 5/1/2024 của UBND tỉnh về việc khen thưởng."
        found = [(m.type_name, m.number, m.symbol, m.issuer) for m in find_docnumbers(text)]
        assert found == [
            ("Nghị định", "30", "2020/NĐ-CP", "Chính phủ"),
            ("Quyết định", "123", "QĐ-UBND", "UBND tỉnh"),
        ]

    def test_a_chain_shares_the_issuer_and_keeps_its_own_dates(self):
        text = "quán triệt Kết luận số 126-KL/TW ngày 14/2/2025 và số 127-KL/TW ngày 28/2/2025 của Bộ Chính trị, Ban Bí thư về sắp xếp tổ chức"
        found = [(m.number, m.date.iso(), m.issuer) for m in find_docnumbers(text)]
        assert found == [
            ("126", "2025-02-14", "Bộ Chính trị, Ban Bí thư"),
            ("127", "2025-02-28", "Bộ Chính trị, Ban Bí thư"),
        ]

    def test_a_chain_of_the_same_type_shares_the_date_written_after_it(self):
        text = "Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII."
        found = [(m.number, m.date.iso(), m.issuer) for m in find_docnumbers(text)]
        issuer = "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII"
        assert found == [("18", "2017-10-25", issuer), ("19", "2017-10-25", issuer)]

    def test_a_chain_does_not_lend_the_issuer_to_another_issuers_document(self):
        text = "thực hiện nghiêm Chỉ thị số 45-CT/TW và Chỉ thị số 3056-CT/QUTW của Thường vụ Quân ủy Trung ương."
        found = [(m.number, m.issuer) for m in find_docnumbers(text)]
        assert found == [("45", None), ("3056", "Thường vụ Quân ủy Trung ương")]

    def test_the_issuer_stops_before_the_next_citation(self):
        text = "theo Hướng dẫn số 25-HD/TU ngày 15/11/2024 của Ban Thường vụ Tỉnh ủy và Quy định số 366-QĐ/TW của Bộ Chính trị; đề nghị"
        found = [(m.type_name, m.issuer) for m in find_docnumbers(text)]
        assert found == [("Hướng dẫn", "Ban Thường vụ Tỉnh ủy"), ("Quy định", "Bộ Chính trị")]

    def test_a_law_may_carry_its_name_before_the_number(self):
        (m,) = find_docnumbers("quán triệt Luật Dân quân tự vệ số 48/2019/QH14 tới cán bộ")
        assert (m.type_name, m.number, m.symbol) == ("Luật", "48", "2019/QH14")

    def test_a_number_without_so_or_a_symbol_is_not_a_citation(self):
        assert find_docnumbers("Tổng kết 5 năm thực hiện Chỉ thị 05 của Bộ Chính trị") == []
        (m,) = find_docnumbers("Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị và Kế hoạch của xã")
        assert (m.number, m.symbol, m.issuer) == ("05", "CT/TW", "Bộ Chính trị")

    def test_the_number_heading_a_document_is_marked_as_its_header(self):
        text = "HUYỆN ỦY ĐÔNG ANH\nSố 318-BC/HU\nBÁO CÁO\ntheo Kế hoạch số 12-KH/TU"
        found = [(m.symbol, m.is_header) for m in find_docnumbers(text)]
        assert found == [("BC/HU", True), ("KH/TU", False)]

    def test_citations_with_an_unknown_type_are_skipped(self):
        assert find_docnumbers("theo văn bản 12-XYZ/ĐU của Đảng ủy") == []

    def test_dates_fractions_and_plain_numbers_are_not_citations(self):
        assert find_docnumbers("ngày 10/9/2024, 2/3 số đảng viên, 1.180 người, năm 2025") == []

    def test_empty_text_has_no_citations(self):
        assert find_docnumbers("") == []

    def test_a_date_after_the_issuer_is_read(self):
        (m,) = find_docnumbers("Chỉ thị số 35-CT/TW của Bộ Chính trị ngày 14/6/2024 về đại hội")
        assert m.date == PartialDate(2024, 6, 14)
        assert m.issuer == "Bộ Chính trị"


class TestBareNumbers:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("triển khai Đề án 06 về phát triển dữ liệu dân cư", [("Đề án", "06")]),
            ("thực hiện Nghị quyết 12 của Đảng ủy Sư đoàn", [("Nghị quyết", "12")]),
            ("theo Kế hoạch 2025 của đơn vị", []),
            ("Hướng dẫn 3 nội dung trọng tâm", []),
            ("kế hoạch 12 của đơn vị", []),
        ],
    )
    def test_a_capitalized_type_and_a_number_cite_when_asked(self, text, found):
        assert [(m.type_name, m.number) for m in find_docnumbers(text, bare_numbers=True)] == found
        assert find_docnumbers(text) == []


class TestMoreForms:
    def test_a_date_in_parentheses_after_the_number(self):
        (m,) = find_docnumbers("Nghị quyết số 57-NQ/TW (ngày 22/12/2024) của Bộ Chính trị")
        assert (m.number, m.date.iso(), m.issuer) == ("57", "2024-12-22", "Bộ Chính trị")

    def test_a_law_whose_name_holds_a_comma(self):
        (m,) = find_docnumbers("theo Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định")
        assert (m.type_name, m.number, m.symbol) == ("Luật", "06", "2022/QH15")

    def test_an_elided_series_without_so_shares_the_date(self):
        text = "các Nghị quyết số 27-NQ/TW, 28-NQ/TW ngày 9/11/2022 của Hội nghị Trung ương 6"
        found = [(m.type_name, m.number, m.date.iso()) for m in find_docnumbers(text)]
        assert found == [("Nghị quyết", "27", "2022-11-09"), ("Nghị quyết", "28", "2022-11-09")]

    def test_a_number_of_another_type_after_a_comma_is_its_own_citation(self):
        found = [(m.type_name, m.number) for m in find_docnumbers("Chỉ thị số 05-CT/TW, 57-NQ/TW")]
        assert found == [("Chỉ thị", "05"), ("Nghị quyết", "57")]


class TestIssuersInWords:
    @pytest.mark.parametrize(
        "text, codes",
        [
            ("Bộ Chính trị", ["TW"]),
            ("Ban Bí thư Trung ương Đảng", ["TW"]),
            ("Ban Chấp hành Trung ương", ["TW"]),
            ("Thường vụ Quân ủy Trung ương", ["QUTW"]),
            ("Tổng cục Chính trị", ["TCCT"]),
            ("Cục Chính trị Quân khu 8", ["CT"]),
            ("Ban Thường vụ Đảng ủy Quân khu 8", ["ĐU"]),
            ("Đảng ủy Khối Doanh nghiệp Trung ương", ["ĐUK"]),
            ("Ban Thường vụ Tỉnh ủy Nghệ An và Ban Bí thư", ["TU", "TW"]),
            ("Hội Cựu chiến binh", []),
            ("", []),
        ],
    )
    def test_the_issuers_a_text_names_are_the_codes_of_their_symbols(self, text, codes):
        assert issuers_named(text) == codes

    def test_a_number_without_symbol_takes_the_symbol_of_its_issuer(self):
        d = with_issuer(parse_docnumber("Chỉ thị số 35"), "TW")
        assert format_docnumber(d) == "35-CT/TW"
        assert canonical_key(d) == canonical_key(parse_docnumber("Chỉ thị số 35-CT/TW"))

    def test_only_the_national_issuers_write_a_symbol_alone(self):
        assert {"TW", "QUTW", "TCCT"} <= NATIONAL_ISSUERS
        assert not {"ĐU", "TU", "CB", "UBND"} & NATIONAL_ISSUERS
