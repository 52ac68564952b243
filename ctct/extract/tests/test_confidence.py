"""What the engine is sure of, and what it says it could not read (issue 17)."""

from __future__ import annotations

import time

from ctct.extract import extract_text
from ctct.extract.event import CONFIDENCE, EVENT_FIELDS

LEAD = (
    "Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025. "
    "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy chủ trì hội nghị."
)
SECOND = (
    "Cùng ngày 21/6/2025, Đảng ủy Sư đoàn 5 tổ chức Hội nghị quán triệt Chỉ thị số 35-CT/TW. "
    "Đại tá Lê Văn An chủ trì hội nghị."
)


def _codes(record: dict) -> list[str]:
    return [n["code"] for n in record["notes"]]


class TestConfidence:
    def test_every_event_field_has_a_confidence_between_0_and_1(self):
        confidence = extract_text(LEAD)["event"]["confidence"]
        assert set(confidence) == set(EVENT_FIELDS)
        assert all(0.0 <= v <= 1.0 for v in confidence.values())

    def test_fields_written_in_the_lead_are_near_certain(self):
        confidence = extract_text(LEAD)["event"]["confidence"]
        assert confidence["date"] == CONFIDENCE["written"]
        assert confidence["organizer"] == confidence["kind"] == CONFIDENCE["lead"]

    def test_a_year_inferred_by_a_rule_is_less_sure_than_a_written_one(self):
        record = extract_text(
            "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025."
        )
        assert record["event"]["date"] == "2025-06-20"
        assert record["event"]["confidence"]["date"] == CONFIDENCE["rule"]

    def test_an_organizer_read_from_the_chairs_title_is_a_weak_guess(self):
        record = extract_text(
            "Thiếu tướng Đỗ Hoàng Ngân, Phó Chính ủy Trường Sĩ quan Lục quân 2 chủ trì hội nghị "
            "quán triệt các nghị quyết."
        )
        assert record["event"]["organizer"] == "Trường Sĩ quan Lục quân 2"
        assert record["event"]["confidence"]["organizer"] == CONFIDENCE["chair"]

    def test_a_year_left_open_is_noted_and_has_no_confidence(self):
        record = extract_text("Sáng 16/8, Ban Tổ chức tổ chức hội nghị quán triệt nghị quyết.")
        assert record["event"]["date"] is None
        assert record["event"]["confidence"]["date"] == 0.0
        assert "year_uncertain" in _codes(record)

    def test_the_record_keeps_its_former_keys(self):
        record = extract_text(LEAD)
        assert {"date", "date_text", "kind", "period", "organizer", "spans"} <= set(record["event"])
        assert {"source", "people", "documents", "byline"} <= set(record)


class TestBadInputIsNoted:
    def test_a_menu_is_read_as_nothing_and_says_so(self):
        record = extract_text("Trang chủ\nTin tức\nChính trị\nQuân sự\nQuốc phòng\nLiên hệ")
        assert set(_codes(record)) & {"no_running_text", "no_meeting"}
        assert record["event"]["organizer"] is None and record["event"]["date"] is None

    def test_a_list_of_headlines_invents_no_organizer(self):
        record = extract_text(
            "Đảng ủy Sư đoàn 5 tổ chức hội nghị sơ kết 6 tháng đầu năm 2025\n"
            "Huyện ủy Điện Biên quán triệt, triển khai Chỉ thị 35-CT/TW\n"
            "Đảng bộ phường Thuận Giao tổ chức đại hội điểm\n"
            "Đảng ủy Quân sự tỉnh ra nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2024"
        )
        assert "no_running_text" in _codes(record)
        assert record["event"]["organizer"] is None and record["event"]["date"] is None

    def test_a_report_of_two_meetings_reads_the_first_and_says_so(self):
        record = extract_text(LEAD + "\n" + SECOND)
        assert record["event"]["organizer"] == "Đảng ủy Lữ đoàn 657"
        assert record["event"]["date"] == "2025-06-20"
        assert "several_meetings" in _codes(record)

    def test_an_article_in_english_says_it_is_not_vietnamese(self):
        record = extract_text(
            "On June 20, the Party Committee of Brigade 657 held a conference to review the "
            "first six months of 2025. Colonel Bui Huu Ba chaired the meeting."
        )
        assert _codes(record)[0] == "not_vietnamese"
        assert record["event"]["organizer"] is None and record["event"]["date"] is None
        assert record["people"] == []

    def test_a_5_mb_text_is_read_in_seconds(self):
        text = (LEAD + "\n" + SECOND + "\n") * (5_000_000 // len((LEAD + SECOND).encode()))
        start = time.process_time()
        record = extract_text(text)
        assert time.process_time() - start < 30
        assert record["event"]["organizer"] == "Đảng ủy Lữ đoàn 657"
        assert "several_meetings" in _codes(record)
