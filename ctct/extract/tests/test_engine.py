"""The record: people, roles, documents, event, byline, spans and the extra keys."""

from __future__ import annotations

from ctct.extract import extract_text
from ctct.extract.clean import byline_of, clean


def _people(record: dict) -> dict[str, dict]:
    return {p["name"]: p for p in record["people"]}


class TestRecordShape:
    def test_the_record_has_the_keys_of_extraction_md(self, report: str):
        record = extract_text(report, source="r.txt")
        assert {"source", "event", "people", "documents", "byline"} <= set(record)
        assert {"date", "date_text", "kind", "period", "organizer"} <= set(record["event"])
        assert record["source"] == "r.txt"

    def test_every_span_points_at_its_text(self, report: str):
        record = extract_text(report)
        text = record["text"]
        for person in record["people"]:
            for a, b in person["spans"]:
                assert text[a:b] == person["name"]
            for (a, b), position in zip(person["position_spans"], person["positions"], strict=True):
                assert text[a:b] == position
        a, b = record["event"]["spans"]["organizer"]
        assert text[a:b] == record["event"]["organizer"]
        a, b = record["event"]["spans"]["date"]
        assert text[a:b] == record["event"]["date_text"]


class TestPeople:
    def test_positions_are_split_from_the_title_chain(self, report: str):
        son = _people(extract_text(report))["Phạm Ngọc Sơn"]
        assert son["rank"] == "Đại tá"
        assert son["positions"] == ["Bí thư Đảng ủy", "Chính ủy Cục Hậu cần-Kỹ thuật"]
        assert son["roles"] == ["directed"]

    def test_a_later_short_mention_joins_the_full_one(self):
        text = (
            "Sáng 12/3/2025, Đảng ủy xã Tân Lập tổ chức hội nghị quán triệt Chỉ thị số 45-CT/TW. "
            "Đồng chí Chu Văn Mạnh, Bí thư Huyện ủy dự hội nghị. Phát biểu chỉ đạo, đồng chí Mạnh "
            "yêu cầu các chi bộ triển khai nghiêm túc."
        )
        people = _people(extract_text(text))
        assert list(people) == ["Chu Văn Mạnh"]
        assert "directed" in people["Chu Văn Mạnh"]["roles"]

    def test_civilians_have_no_rank(self):
        text = "Đồng chí Thái Thị Lụa, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị."
        person = extract_text(text)["people"][0]
        assert person["rank"] is None
        assert person["roles"] == ["chair"]

    def test_names_in_capitals_are_found(self):
        text = "Đồng chí NGUYỄN VĂN AN, Bí thư Chi bộ trình bày báo cáo tại hội nghị."
        person = extract_text(text)["people"][0]
        assert person["name"] == "Nguyễn Văn An"
        assert person["roles"] == ["reported"]

    def test_a_report_with_fifty_names_lists_each_once(self):
        surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
        given = ["An", "Bình", "Cường", "Dũng", "Hải"]
        names = [f"{s} Văn {g}" for s in surnames for g in given]
        text = (
            "Ngày 5/12/2024, Đảng ủy xã Phước Tân tổ chức Lễ trao Huy hiệu Đảng. Đồng chí Hầu Văn "
            "Sáng, Bí thư Đảng ủy xã trao Huy hiệu 30 năm tuổi Đảng cho các đồng chí "
            + ", ".join(names)
            + "."
        )
        people = _people(extract_text(text))
        assert len(people) == 51
        assert all("awarded" in people[n]["roles"] for n in names)

    def test_a_guest_who_reports_within_a_speech_only_speaks(self):
        text = (
            "Dự hội nghị có đồng chí Vàng Thị Sua, Bí thư Đảng ủy xã Nậm Chà. Phát biểu tại hội "
            "nghị, đồng chí Vàng Thị Sua báo cáo thêm về tình hình đời sống của nhân dân."
        )
        assert _people(extract_text(text))["Vàng Thị Sua"]["roles"] == ["attended", "spoke"]

    def test_a_chairs_speech_that_praises_and_sets_requirements_only_speaks(self):
        text = (
            "Trung tướng Đỗ Văn Thiện, Bí thư Đảng ủy chủ trì hội nghị. Biểu dương kết quả đạt "
            "được, Trung tướng Đỗ Văn Thiện yêu cầu các cơ quan, đơn vị nâng cao chất lượng."
        )
        assert _people(extract_text(text))["Đỗ Văn Thiện"]["roles"] == ["chair", "spoke"]

    def test_a_guests_speech_without_chi_dao_only_speaks(self):
        text = (
            "Dự hội nghị có đồng chí Chu Văn Mạnh, Bí thư Huyện ủy. Phát biểu tại hội nghị, "
            "đồng chí Chu Văn Mạnh đề nghị các chi bộ triển khai nghiêm túc."
        )
        assert _people(extract_text(text))["Chu Văn Mạnh"]["roles"] == ["attended", "spoke"]


class TestDocuments:
    def test_a_party_document_keeps_number_symbol_date_and_issuer(self, report: str):
        (doc,) = extract_text(report)["documents"]
        assert doc["type"] == "Chỉ thị"
        assert doc["number"] == "2889"
        assert doc["symbol"] == "CT/ĐU"
        assert doc["date"] == "2024-09-10"
        assert doc["issuer"] == "Ban Thường vụ Đảng ủy Quân khu"

    def test_a_state_document_keeps_its_year_in_the_symbol(self):
        text = "Hội nghị phổ biến Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư."
        (doc,) = extract_text(text)["documents"]
        assert (doc["type"], doc["number"], doc["symbol"], doc["issuer"]) == (
            "Nghị định",
            "30",
            "2020/NĐ-CP",
            "Chính phủ",
        )

    def test_later_mentions_merge_into_the_first(self):
        text = (
            "Hội nghị quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024. Các đơn vị thực hiện "
            "Chỉ thị số 2889 của Ban Thường vụ Đảng ủy Quân khu."
        )
        (doc,) = extract_text(text)["documents"]
        assert doc["issuer"] == "Ban Thường vụ Đảng ủy Quân khu"

    def test_the_reports_own_number_in_its_header_is_not_a_citation(self):
        text = "HUYỆN ỦY YÊN KHÊ\n*\nSố 318-BC/HU\n\nBÁO CÁO\nHội nghị thực hiện Nghị quyết số 12-NQ/HU."
        assert [d["number"] for d in extract_text(text)["documents"]] == ["12"]


class TestEvent:
    def test_kind_period_and_organizer_come_from_the_lead(self, report: str):
        event = extract_text(report)["event"]
        assert (event["kind"], event["period"], event["organizer"]) == (
            "so_ket",
            "2025-H1",
            "Đảng ủy Lữ đoàn 657",
        )

    def test_the_review_period_fixes_the_year_of_a_day_and_month(self, report: str):
        event = extract_text(report)["event"]
        assert (event["date"], event["date_text"]) == ("2025-06-20", "Ngày 20/6")

    def test_without_a_certain_year_the_date_stays_null_but_its_text_is_kept(self):
        text = (
            "Sáng 15/5, Ban Thường vụ Đảng ủy Khối tổ chức hội nghị quán triệt Chỉ thị số 45-CT/TW."
        )
        event = extract_text(text)["event"]
        assert event["date"] is None
        assert event["date_text"] == "Sáng 15/5"
        assert (event["kind"], event["period"]) == ("quan_triet", None)

    def test_an_exact_interval_from_a_dated_document_fixes_the_year(self):
        text = (
            "Ngày 12/3, Đảng ủy Sư đoàn 330 tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị số "
            "87-CT/QUTW ngày 12/3/2020 của Thường vụ Quân ủy Trung ương."
        )
        event = extract_text(text)["event"]
        assert (event["date"], event["period"]) == ("2025-03-12", "2020-2025")

    def test_a_meeting_named_by_its_resolution_is_ra_nghi_quyet(self):
        text = (
            "Sáng 28/6/2024, Đảng ủy Đoàn 871 tổ chức Hội nghị ra nghị quyết lãnh đạo thực hiện "
            "nhiệm vụ 6 tháng cuối năm 2024."
        )
        event = extract_text(text)["event"]
        assert (event["kind"], event["period"]) == ("ra_nghi_quyet", "2024-H2")

    def test_a_review_that_also_adopts_a_resolution_stays_a_review(self):
        text = (
            "Ngày 18/12, Ban Chấp hành Đảng bộ tỉnh tổ chức Hội nghị tổng kết năm 2024 và ra nghị "
            "quyết lãnh đạo thực hiện nhiệm vụ năm 2025."
        )
        event = extract_text(text)["event"]
        assert (event["kind"], event["period"], event["date"]) == ("tong_ket", "2024", "2024-12-18")

    def test_a_congress_takes_its_term_and_first_day(self):
        text = (
            "Trong hai ngày 14 và 15/5/2025, Đảng bộ xã Phước Tân tổ chức Đại hội đại biểu Đảng bộ "
            "xã lần thứ XV, nhiệm kỳ 2025 - 2030."
        )
        event = extract_text(text)["event"]
        assert (event["kind"], event["period"], event["date"]) == (
            "dai_hoi",
            "2025-2030",
            "2025-05-14",
        )

    def test_a_trailing_parent_unit_is_dropped_from_the_organizer(self):
        text = "Ngày 20/6/2025, Lữ đoàn 101, Vùng 4 Hải quân tổ chức hội nghị sơ kết 6 tháng đầu năm 2025."
        assert extract_text(text)["event"]["organizer"] == "Lữ đoàn 101"


class TestCleaning:
    def test_web_debris_and_captions_are_dropped(self):
        raw = (
            "leftcenterrightdel\n(QK7 Online) - Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức hội nghị.\n"
            "so ket cong tac chinh tri 1\nQuang cảnh hội nghị.\nCác đại biểu dự hội nghị.\n"
            "Hương Giang\nBài viết khác:\n- Tin khác\nIn trang này\n"
        )
        cleaned = clean(raw)
        assert cleaned.text == "Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức hội nghị."
        assert cleaned.byline == "Hương Giang"

    def test_the_byline_may_stand_under_the_headline(self):
        raw = "Lữ đoàn 657 sơ kết 6 tháng\nTin, ảnh: KIM ANH\n\nNgày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức hội nghị."
        assert clean(raw).byline == "KIM ANH"

    def test_credit_prefixes_are_removed_from_the_byline(self):
        assert byline_of("Tin, ảnh: KIM ANH") == "KIM ANH"
        assert byline_of("Đinh Khánh, Hằng Ny") == "Đinh Khánh, Hằng Ny"
        assert byline_of("Quang cảnh hội nghị.") is None

    def test_an_internal_document_has_no_byline(self):
        raw = "ĐẢNG CỘNG SẢN VIỆT NAM\nBIÊN BẢN\nChi bộ tổ chức hội nghị.\nT/M CHI BỘ\nLâm Thế Hùng"
        assert extract_text(raw)["byline"] is None


class TestBadInput:
    def test_an_empty_text_gives_an_empty_record(self):
        record = extract_text("")
        assert record["people"] == [] and record["documents"] == []
        assert record["event"]["date"] is None

    def test_an_article_in_another_language_gives_a_valid_empty_record(self):
        text = (
            "The committee met on Tuesday to review the budget. John Smith, the chairman, "
            "presented the report and Mary Jones spoke about the schools.\nBy Reuters"
        )
        record = extract_text(text)
        assert record["people"] == []
        assert record["documents"] == []
        assert record["event"]["kind"] == "other"


class TestExtras:
    def test_figures_carry_what_they_measure(self):
        text = (
            "Trong 6 tháng đầu năm 2025, Lữ đoàn đã vận chuyển đạt và vượt 92% khối lượng hàng hóa "
            "so với cùng kỳ năm 2024."
        )
        (figure,) = extract_text(text)["figures"]
        assert figure["value"] == "92" and figure["unit"] == "%"
        assert "khối lượng hàng hóa" in figure["measure"]

    def test_tasks_come_from_the_directing_speech(self):
        text = (
            "Phát biểu chỉ đạo hội nghị, Đại tá Phạm Ngọc Sơn yêu cầu Đảng ủy Lữ đoàn tập trung "
            "vào các nội dung: Kiểm tra, rà soát lại các chỉ tiêu năm 2025. Làm tốt công tác tư tưởng "
            "cho cán bộ, chiến sĩ."
        )
        tasks = [t["text"] for t in extract_text(text)["tasks"]]
        assert "Kiểm tra, rà soát lại các chỉ tiêu năm 2025" in tasks
        assert "Làm tốt công tác tư tưởng cho cán bộ, chiến sĩ" in tasks

    def test_awards_name_the_award_and_its_recipients(self):
        text = (
            "Dịp này, Ban Thường vụ Đảng ủy Quân khu tặng Bằng khen cho 12 tổ chức đảng, đảng viên."
        )
        (award,) = extract_text(text)["awards"]
        assert award["award"] == "Bằng khen"
        assert award["recipients"].startswith("12 tổ chức đảng")


class TestLargeInput:
    def test_a_long_report_without_stops_is_cut_into_workable_sentences(self):
        from ctct.extract.people import MAX_SENTENCE_CHARS, split_sentences

        text = "Đại tá Bùi Hữu Ba, Chính ủy Lữ đoàn chủ trì hội nghị " * 2000
        spans = split_sentences(text)
        assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
        assert [p["name"] for p in extract_text(text)["people"]] == ["Bùi Hữu Ba"]


class TestHeldOutForms:
    """Forms first met in the blind writer's reports (ho_* cases), each in a sentence of its own."""

    def test_an_academic_title_introduces_a_name_and_is_dropped(self):
        people = _people(
            extract_text("Sáng 2/3, PGS, TS Vũ Văn Phúc, giảng viên trình bày báo cáo.")
        )
        assert people["Vũ Văn Phúc"]["rank"] is None

    def test_ong_inside_a_list_of_names_is_a_surname(self):
        text = "Đồng chí Tạ Thị Xuyến trao Huy hiệu cho các đồng chí Lữ Văn Cảnh, Ông Văn Tư, Quan Thị Liên."
        assert {"Ông Văn Tư", "Quan Thị Liên"} <= set(_people(extract_text(text)))

    def test_a_title_ending_in_a_place_name_before_the_name(self):
        text = "Bí thư Huyện ủy Lạc Dương Ninh Thị Hường và Giám đốc Sở Tài chính Tống Văn Khải phát biểu."
        people = _people(extract_text(text))
        assert {"Ninh Thị Hường", "Tống Văn Khải"} <= set(people)

    def test_co_chairs_listed_after_cung_chu_tri_co(self):
        text = (
            "Cùng chủ trì có Phó Bí thư Thường trực Tỉnh ủy Hoàng Thị Dung; Phó Bí thư Tỉnh ủy, "
            "Chủ tịch UBND tỉnh Lê Anh Tuấn."
        )
        people = _people(extract_text(text))
        assert "chair" in people["Hoàng Thị Dung"]["roles"]
        assert "chair" in people["Lê Anh Tuấn"]["roles"]

    def test_a_person_named_only_in_a_caption_in_capitals(self):
        text = (
            "Tin.\nĐỒNG CHÍ LÂM THÀNH NGHĨA, PHÓ BÍ THƯ TỈNH ỦY PHÁT BIỂU CHỈ ĐẠO HỘI NGHỊ.\nHết."
        )
        p = _people(extract_text(text))["Lâm Thành Nghĩa"]
        assert p["positions"] == ["Phó Bí thư Tỉnh ủy"]
        assert p["roles"] == ["directed"]

    def test_a_routine_giao_ban_is_other_with_its_quarter(self):
        record = extract_text(
            "Sáng 8/10, Đảng ủy Khối tổ chức hội nghị giao ban công tác xây dựng Đảng quý III/2024."
        )
        assert (record["event"]["kind"], record["event"]["period"]) == ("other", "2024-Q3")

    def test_a_meeting_named_by_its_full_date_has_that_year(self):
        record = extract_text(
            "Sáng 19/5, Đảng ủy phường Tân Định tổ chức Lễ trao Huy hiệu Đảng đợt 19/5/2025."
        )
        assert record["event"]["date"] == "2025-05-19"

    def test_a_sentence_tying_the_meeting_to_a_year_fixes_it(self):
        record = extract_text(
            "Ngày 22/6, Đảng ủy Vùng 2 Hải quân tổ chức đại hội. "
            "Đây là đại hội điểm của Đảng bộ Vùng 2 Hải quân năm 2025."
        )
        assert record["event"]["date"] == "2025-06-22"

    def test_a_posting_line_bounds_the_year_like_a_dateline(self):
        record = extract_text(
            "Thứ ba, 07/10/2025 - 16:42\nSáng 6/10, Đảng ủy phường Tân Hòa tổ chức hội nghị "
            "quán triệt Nghị quyết."
        )
        assert record["event"]["date"] == "2025-10-06"

    def test_document_number_without_so(self):
        record = extract_text("Công an tỉnh triển khai Đề án 06 về phát triển dữ liệu dân cư.")
        assert [(d["type"], d["number"], d["symbol"]) for d in record["documents"]] == [
            ("Đề án", "06", None)
        ]

    def test_du_va_phat_bieu_without_chi_dao_attends_and_speaks(self):
        text = "Đồng chí Trần Văn Long, Phó Chủ tịch UBND huyện dự và phát biểu."
        assert _people(extract_text(text))["Trần Văn Long"]["roles"] == ["attended", "spoke"]

    def test_a_descriptor_before_a_name_is_not_a_title(self):
        people = _people(extract_text("Tại hội nghị, sinh viên Lường Thị Pằng phát biểu."))
        assert people["Lường Thị Pằng"]["positions"] == []

    def test_a_colon_list_shares_the_predicate_after_its_last_name(self):
        text = "Các đồng chí: Trần Văn Anh, Nguyễn Thị Bình, Lê Văn Cường đã trình bày báo cáo."
        people = _people(extract_text(text))
        assert all(people[n]["roles"] == ["reported"] for n in people) and len(people) == 3

    def test_a_closing_speech_opening_the_sentence_directs(self):
        text = "Phát biểu bế mạc hội nghị, đồng chí Nguyễn Văn An đề nghị các chi bộ thực hiện."
        assert _people(extract_text(text))["Nguyễn Văn An"]["roles"] == ["directed"]


class TestPageFurniture:
    """What a stored news page carries around the report (issue 17)."""

    def test_the_source_line_of_a_stored_page_is_not_its_headline(self):
        record = extract_text(
            "# source: https://example.vn/tin/1\nĐảng ủy Sư đoàn 5 sơ kết 6 tháng\n"
            "Ngày 20/6/2025, Đảng ủy Sư đoàn 5 tổ chức hội nghị sơ kết 6 tháng đầu năm 2025."
        )
        assert record["headline"] == "Đảng ủy Sư đoàn 5 sơ kết 6 tháng"
        assert "source" not in record["text"]

    def test_a_date_stamp_at_the_head_of_a_page_fixes_the_year(self):
        record = extract_text(
            " date 2021-07 BHG - Ngày 7.7, Đảng ủy Bộ đội Biên phòng tỉnh tổ chức hội nghị "
            "Ban Chấp hành lần thứ 6."
        )
        assert record["event"]["date"] == "2021-07-07"
        assert record["text"].startswith("Ngày 7.7")

    def test_a_posting_line_fixes_the_year_and_is_not_the_headline(self):
        record = extract_text(
            "Đảng ủy Quân sự tỉnh quán triệt chỉ thị\n.\n10:09, Thứ Bảy, 05/10/2019 (GMT+7)\n"
            "Ngày 4-10, Đảng ủy Quân sự tỉnh đã tổ chức hội nghị quán triệt chỉ thị."
        )
        assert record["headline"] == "Đảng ủy Quân sự tỉnh quán triệt chỉ thị"
        assert record["event"]["date"] == "2019-10-04"

    def test_a_posting_line_months_after_the_meeting_fixes_nothing(self):
        record = extract_text(
            "Cập nhật: 16/11/2023 15:07:00\nSáng 16/8, Ban Tổ chức tổ chức hội nghị quán triệt."
        )
        assert record["event"]["date"] is None

    def test_lines_a_page_wrapped_by_hand_are_joined(self):
        record = extract_text(
            "Sáng ngày 19\ntháng 01 năm 2016, Đảng bộ cơ quan tổ chức Hội nghị tổng\n"
            "kết công tác xây dựng Đảng năm 2015."
        )
        assert record["event"]["date"] == "2016-01-19"
        assert record["event"]["kind"] == "tong_ket"


class TestOrganizerOnRealPages:
    """The organizer as real lead sentences write it (issue 17)."""

    def test_the_lead_in_the_body_names_the_organizer_over_the_headline(self):
        record = extract_text(
            "Đảng ủy Quân sự huyện Phù Cừ tổ chức hội nghị quán triệt nghị quyết\n"
            "Ngày 16/3, ĐUQS huyện Phù Cừ tổ chức hội nghị quán triệt nghị quyết của Quân ủy."
        )
        assert record["event"]["organizer"] == "ĐUQS huyện Phù Cừ"

    def test_a_place_before_the_body_is_not_part_of_it(self):
        record = extract_text("TP.Thuận An: Đảng bộ phường Thuận Giao tổ chức đại hội điểm")
        assert record["event"]["organizer"] == "Đảng bộ phường Thuận Giao"

    def test_a_body_written_in_lower_case_is_still_the_organizer(self):
        record = extract_text(
            "Ngày 17/7, đảng bộ LĐLĐ tỉnh tổ chức hội nghị sơ kết công tác Đảng 6 tháng đầu năm."
        )
        assert record["event"]["organizer"] == "đảng bộ LĐLĐ tỉnh"

    def test_a_congress_that_took_place_names_its_body_after_the_noun(self):
        record = extract_text(
            "Trong ngày 25 và 26-6, tại huyện Núi Thành đã diễn ra Đại hội đại biểu Đảng bộ "
            "Vùng Cảnh sát biển 2 lần thứ V, nhiệm kỳ 2025 - 2030."
        )
        event = record["event"]
        assert event["organizer"] == "Đảng bộ Vùng Cảnh sát biển 2"
        assert (event["kind"], event["date"]) == ("dai_hoi", "2025-06-25")

    def test_a_plan_to_hold_a_congress_is_not_the_lead(self):
        record = extract_text(
            "Thực hiện Kế hoạch số 33-KH/ĐU, ngày 22/4/2022 của Đảng uỷ xã Quảng Phú về việc tổ "
            "chức đại hội chi bộ trực thuộc.\n\nChiều ngày 20/5/2022, chi bộ Thôn 17 xã Quảng Phú "
            "long trọng tổ chức Đại hội chi bộ nhiệm kỳ 2022-2025."
        )
        assert record["event"]["organizer"] == "chi bộ Thôn 17 xã Quảng Phú"
        assert record["event"]["date"] == "2022-05-20"

    def test_a_date_phrase_without_its_comma_is_not_part_of_the_organizer(self):
        record = extract_text(
            "Trong 3 ngày từ 30/11 đến 2/12 huyện ủy Đô Lương đã tổ chức trang trọng lễ trao "
            "huy hiệu Đảng cho các đảng viên."
        )
        assert record["event"]["organizer"] == "huyện ủy Đô Lương"

    def test_a_meeting_named_as_the_subject_is_the_lead(self):
        record = extract_text(
            "Sáng 7-5, Đại hội đại biểu Đảng bộ phường Thuận Giao lần thứ XIII, nhiệm kỳ "
            "2020-2025 đã diễn ra phiên trù bị."
        )
        event = record["event"]
        assert (event["kind"], event["organizer"]) == ("dai_hoi", "Đảng bộ phường Thuận Giao")
        assert event["date"] == "2020-05-07"


class TestPeopleOnRealPages:
    """People as real reports name them (issue 17)."""

    def test_a_title_dash_without_a_space_starts_the_title_chain(self):
        text = (
            "Tại Hội nghị, đồng chí Trần Kiến Vũ-Bí thư đảng ủy, báo cáo viên – đã quán triệt "
            "Nghị quyết Đại hội."
        )
        person = _people(extract_text(text))["Trần Kiến Vũ"]
        assert person["positions"][0] == "Bí thư đảng ủy"
        assert person["roles"] == ["reported"]

    def test_a_list_after_a_colon_with_title_chains_shares_its_predicate(self):
        text = (
            "Các ông: Trần Cẩm Tú - Ủy viên Bộ Chính trị, Chủ nhiệm UBKT Trung ương; Trần Văn "
            "Rón - Phó Chủ nhiệm UBKT Trung ương chủ trì hội nghị."
        )
        people = _people(extract_text(text))
        assert people["Trần Cẩm Tú"]["positions"] == [
            "Ủy viên Bộ Chính trị",
            "Chủ nhiệm UBKT Trung ương",
        ]
        assert people["Trần Cẩm Tú"]["roles"] == people["Trần Văn Rón"]["roles"] == ["chair"]

    def test_one_titled_guest_after_a_colon_takes_the_opening_role(self):
        text = (
            "Đến dự và chỉ đạo hội nghị có đồng chí: Trần Văn Nhuận – Phó Ban Dân vận Huyện uỷ; "
            "đồng chí Phạm Công Trà - Phó Ban Tuyên Giáo Huyện ủy."
        )
        people = _people(extract_text(text))
        assert people["Trần Văn Nhuận"]["roles"] == ["directed"]
        assert people["Phạm Công Trà"]["roles"] == ["directed"]

    def test_a_civilian_introduced_by_a_title_before_a_rank(self):
        text = (
            "Phó Bí thư Thường trực Tỉnh ủy Lê Văn Dũng và Đại tá Hoàng Văn Mẫn - Bí thư Đảng ủy "
            "chủ trì hội nghị. Phó Chủ tịch HĐND tỉnh Trần Xuân Vinh đến dự."
        )
        people = _people(extract_text(text))
        assert people["Lê Văn Dũng"]["roles"] == ["chair"]
        assert people["Trần Xuân Vinh"]["roles"] == ["attended"]

    def test_attending_and_directing_named_before_the_person(self):
        text = (
            "Ngày 10/8, Đảng bộ quân sự tỉnh tổ chức Đại hội, với sự tham dự và chỉ đạo của "
            "Thiếu tướng Trần Ngọc Minh, Phó Tư lệnh Quân khu 7."
        )
        assert _people(extract_text(text))["Trần Ngọc Minh"]["roles"] == ["directed"]

    def test_a_report_opening_the_sentence_is_reported(self):
        text = "Báo cáo tại hội nghị, Trung tá Ngô Khánh, Chính ủy Bộ CHQS tỉnh thông tin kết quả."
        assert _people(extract_text(text))["Ngô Khánh"]["roles"] == ["reported"]

    def test_a_minority_surname_and_a_doctor_are_names(self):
        text = (
            "Dự có các đồng chí Phạm Minh Chính, Trưởng Ban Tổ chức Trung ương; Điểu K’ré, Phó "
            "Trưởng ban Dân vận Trung ương. Phía Bệnh viện có Bác sỹ Lê Quân Thành, Trưởng phòng."
        )
        assert {"Điểu K’ré", "Lê Quân Thành"} <= set(_people(extract_text(text)))


class TestKindOnRealPages:
    """The kind and period when the lead does not name them outright (issue 17)."""

    def test_a_committee_session_whose_report_opens_with_its_half_year_is_so_ket(self):
        record = extract_text(
            "Ngày 7/7/2021, Đảng ủy Bộ đội Biên phòng tỉnh tổ chức Hội nghị BCH lần thứ 6 mở "
            "rộng.\n\nTrong 6 tháng đầu năm, Đảng ủy đã quán triệt và thực hiện nghiêm túc các "
            "nghị quyết."
        )
        assert (record["event"]["kind"], record["event"]["period"]) == ("so_ket", "2021-H1")

    def test_a_session_that_reviews_a_quarter_is_so_ket_though_it_also_disseminates(self):
        record = extract_text(
            "Sáng 13-4, Đảng ủy Khối Doanh nghiệp tỉnh đã tổ chức Hội nghị BCH Đảng bộ lần thứ "
            "12 mở rộng, quán triệt một số văn bản của Trung ương; đánh giá kết quả công tác "
            "quý I; triển khai nhiệm vụ quý II/2018."
        )
        event = record["event"]
        assert (event["kind"], event["period"], event["date"]) == (
            "so_ket",
            "2018-Q1",
            "2018-04-13",
        )

    def test_a_person_chairing_the_meeting_can_lead_the_report(self):
        record = extract_text(
            "Chiều 4/6, ông Phạm Viết Thanh, Bí thư Tỉnh ủy dự và chủ trì hội nghị phiên 6 tháng "
            "đầu năm 2025 Đảng ủy Quân sự tỉnh."
        )
        event = record["event"]
        assert (event["kind"], event["period"], event["date"]) == (
            "so_ket",
            "2025-H1",
            "2025-06-04",
        )

    def test_a_month_count_with_a_leading_zero_is_a_period(self):
        record = extract_text(
            "Chiều ngày 22/7/2016, Đảng uỷ Sở Khoa học và Công nghệ tổ chức Hội nghị đảng viên "
            "06 tháng đầu năm và triển khai nhiệm vụ 06 tháng cuối năm 2016."
        )
        assert (record["event"]["kind"], record["event"]["period"]) == ("so_ket", "2016-H1")

    def test_a_regular_cell_meeting_reviews_no_period(self):
        record = extract_text(
            "Ngày 3-10, Chi bộ Ban Tuyên giáo tổ chức hội nghị sinh hoạt chi bộ định kỳ tháng 10 "
            "và sinh hoạt chuyên đề quý 3."
        )
        assert (record["event"]["kind"], record["event"]["period"]) == ("other", None)

    def test_a_report_without_a_lead_opening_with_its_year_is_tong_ket(self):
        record = extract_text(
            "Năm 2022, Đảng ủy Quân sự tỉnh đã thực hiện tốt chức năng tham mưu.\n\nPhát biểu "
            "chỉ đạo hội nghị, Thiếu tướng Nguyễn Trường Thắng biểu dương kết quả."
        )
        assert (record["event"]["kind"], record["event"]["period"]) == ("tong_ket", "2022")


class TestNamesOnRealPages:
    """What is and is not a name on real pages (issue 17)."""

    def test_a_body_word_as_a_middle_name_stays_in_the_name(self):
        text = "Phát biểu chỉ đạo hội nghị, Thiếu tướng Nguyễn Trường Thắng biểu dương kết quả."
        person = _people(extract_text(text))["Nguyễn Trường Thắng"]
        assert (person["rank"], person["roles"]) == ("Thiếu tướng", ["directed"])

    def test_places_listed_after_a_colon_are_not_people(self):
        text = "Đồng chí Bí thư chỉ đạo hoàn thành tiêu chí tại 4 xã: Bắc Sơn, Lạc Sơn và Bồi Sơn."
        assert _people(extract_text(text)) == {}

    def test_an_abbreviated_title_after_the_dash_is_not_a_name(self):
        text = "Đ/c Trần Văn Sơn – UVTƯ Đảng, Bí thư Tỉnh ủy dự đại hội."
        assert list(_people(extract_text(text))) == ["Trần Văn Sơn"]

    def test_a_guest_listed_after_den_du_co_does_not_take_the_chairs_verb(self):
        text = (
            "Đến dự có Đại tá Nguyễn Công Anh, Phó Chính ủy Bộ Tư lệnh; đồng chí Trần Văn Khuyên, "
            "Bí thư Huyện ủy chủ trì hội nghị."
        )
        people = _people(extract_text(text))
        assert people["Nguyễn Công Anh"]["roles"] == ["attended"]
        assert "chair" in people["Trần Văn Khuyên"]["roles"]


class TestDatesAndTermsOnRealPages:
    """Year and term as real pages write them (issue 17)."""

    def test_a_term_spelled_nhiem_ki_is_the_congress_period(self):
        record = extract_text(
            "Ngày 15 tháng 7 năm 2022, Chi bộ trường Tiểu học Thanh Mỹ tổ chức đại hội chi bộ lần "
            "thứ VI, nhiệm kì 2022-2025."
        )
        assert (record["event"]["kind"], record["event"]["period"]) == ("dai_hoi", "2022-2025")

    def test_an_award_round_dates_the_ceremony_held_before_it(self):
        record = extract_text(
            "Sáng 26-1, Đảng bộ xã Diên Phú tổ chức lễ trao tặng Huy hiệu Đảng (đợt ngày "
            "3-2-2022) cho 2 đảng viên."
        )
        assert record["event"]["date"] == "2022-01-26"

    def test_a_title_in_lower_case_after_a_surname_like_word_is_a_position(self):
        text = (
            "Thiếu tướng Đỗ Hoàng Ngân, Phó chính ủy nhà trường dự và chủ trì hội nghị. Thiếu "
            "tướng Đỗ Hoàng Ngân, Phó chính ủy Trường Sĩ quan Lục quân 2 chủ trì quán triệt các "
            "nghị quyết."
        )
        record = extract_text(text)
        person = _people(record)["Đỗ Hoàng Ngân"]
        assert person["positions"] == ["Phó chính ủy Trường Sĩ quan Lục quân 2"]
        assert record["event"]["organizer"] == "Trường Sĩ quan Lục quân 2"


class TestOrganizerBeforeItsVerb:
    """Words between the organizer and its verb, and the organizer as an agent (issue 17)."""

    def test_auxiliaries_and_adverbs_before_the_verb_are_not_the_body(self):
        for words in ("đã long trọng", "cũng đã phối hợp", "tiến hành", "trang trọng"):
            record = extract_text(
                f"Sáng 20/6/2025, Đảng ủy Sư đoàn 5 {words} tổ chức hội nghị sơ kết 6 tháng đầu "
                "năm 2025."
            )
            assert record["event"]["organizer"] == "Đảng ủy Sư đoàn 5", words

    def test_the_body_that_held_a_meeting_named_as_its_agent(self):
        record = extract_text(
            "Sáng 20/6/2025, hội nghị sơ kết 6 tháng đầu năm 2025 được Đảng ủy Sư đoàn 5 tổ chức."
        )
        assert record["event"]["organizer"] == "Đảng ủy Sư đoàn 5"
        assert record["event"]["confidence"]["organizer"] == 0.7

    def test_a_meeting_over_days_written_as_a_span_takes_its_first_day(self):
        for lead, iso in (
            ("Chiều ngày 21 và sáng ngày 22 tháng 12 năm 2022", "2022-12-21"),
            ("Trong 3 ngày từ 20/6 đến 22/6/2025", "2025-06-20"),
        ):
            record = extract_text(
                f"{lead}, Đảng ủy xã Bình Sơn tổ chức hội nghị quán triệt Nghị quyết."
            )
            assert record["event"]["date"] == iso, lead

    def test_vao_opening_the_lead_dates_the_meeting(self):
        record = extract_text(
            "Vào sáng 20/6, Đảng ủy Sư đoàn 5 tổ chức hội nghị sơ kết 6 tháng đầu năm 2025."
        )
        assert record["event"]["date"] == "2025-06-20"

    def test_the_headline_names_the_kind_a_lead_leaves_out(self):
        record = extract_text(
            "Đảng ủy Sư đoàn 5 sơ kết 6 tháng đầu năm 2025\nNgày 20/6, Đảng ủy Sư đoàn 5 tổ "
            "chức Hội nghị Ban Chấp hành lần thứ 5."
        )
        event = record["event"]
        assert (event["kind"], event["period"], event["date"]) == (
            "so_ket",
            "2025-H1",
            "2025-06-20",
        )
        assert event["confidence"]["kind"] == 0.8
