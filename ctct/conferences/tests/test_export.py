"""The .docx exports, read back with python-docx: the record in the layout of Party papers
(36-HD) and the news article."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ctct.conferences import services
from ctct.conferences.export import date_line, signature_lines


def _open(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    return Document(io.BytesIO(response.content))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _runs(doc):
    for p in doc.paragraphs:
        yield from p.runs
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield from p.runs


@pytest.fixture
def record(conference, login, users):
    services.conference_update(
        conference=conference,
        place="Hội trường Lữ đoàn 657, Cần Thơ",
        minutes="Hội nghị khai mạc lúc 7 giờ 30.",
    )
    r = login(users.viewer).get(reverse("conferences:export", args=[conference.pk]))
    return _open(r)


class TestTheRecordFollowsThePartyLayout:
    def test_the_page_is_a4_in_times_new_roman_14(self, record):
        section = record.sections[0]
        assert abs(section.page_width - Cm(21)) < Cm(0.01)
        assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
        normal = record.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)

    def test_the_party_header_is_top_right_bold_caps_with_a_rule(self, record):
        left, right = record.tables[0].rows[0].cells
        head = right.paragraphs[0]
        assert head.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
        assert all(r.bold for r in head.runs) and head.runs[0].font.size == Pt(15)
        bottom = head._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        assert bottom.get(qn("w:val")) == "single"

    def test_the_superior_and_the_holding_body_are_top_left_over_a_star(self, record):
        left = record.tables[0].rows[0].cells[0]
        lines = [p for p in left.paragraphs if p.text]
        assert [p.text for p in lines] == ["ĐẢNG ỦY QUÂN KHU 8", "ĐẢNG ỦY LỮ ĐOÀN 657", "*"]
        assert not any(r.bold for r in lines[0].runs)
        assert all(r.bold for r in lines[1].runs)

    def test_the_date_line_names_the_place_and_is_italic(self, record):
        right = record.tables[0].rows[0].cells[1]
        (line,) = [p for p in right.paragraphs if "ngày" in p.text]
        assert line.text == "Cần Thơ, ngày 20 tháng 6 năm 2025"
        assert all(r.italic for r in line.runs)

    def test_the_title_is_bold_caps_and_names_the_conference(self, record):
        texts = _texts(record)
        title = record.paragraphs[texts.index("BIÊN BẢN")]
        assert all(r.bold for r in title.runs)
        summary = record.paragraphs[texts.index("BIÊN BẢN") + 1]
        assert summary.text == (
            "Hội nghị sơ kết công tác Đảng, công tác chính trị 6 tháng đầu năm 2025"
        )
        assert all(r.bold for r in summary.runs)

    def test_no_word_heading_style_and_no_colour(self, record):
        assert not [p.style.name for p in record.paragraphs if p.style.name.startswith("Heading")]
        for run in _runs(record):
            assert run.font.color.rgb in (None, "000000")

    def test_the_chair_is_listed_first(self, record):
        table = record.tables[1]
        rows = [[c.text for c in row.cells] for row in table.rows[1:]]
        assert rows[0][0] == "Đại tá Bùi Hữu Ba" and rows[0][2] == "Chủ trì"
        assert [r[2] for r in rows] == ["Chủ trì", "Dự và chỉ đạo", "Trình bày báo cáo"]

    def test_the_minutes_are_in_the_body_text(self, record):
        assert "Hội nghị khai mạc lúc 7 giờ 30." in _texts(record)

    def test_the_secretary_signs_on_behalf_of_the_committee(self, record):
        left, right = record.tables[-1].rows[0].cells
        signed = [p.text for p in right.paragraphs if p.text]
        assert signed == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Đại tá Bùi Hữu Ba"]
        assert left.paragraphs[0].text == "Nơi nhận:"
        assert "- Đảng ủy Quân khu 8 (để báo cáo)," in [p.text for p in left.paragraphs]


class TestLayoutRules:
    def test_the_date_line_pads_days_and_the_first_months(self):
        assert date_line("Cần Thơ", dt.date(2026, 2, 3)) == "Cần Thơ, ngày 03 tháng 02 năm 2026"

    def test_without_a_place_the_date_line_leaves_dots_to_fill_in(self):
        assert date_line("", dt.date(2025, 11, 20)).startswith("…")

    @pytest.mark.parametrize(
        ("kind", "titles", "lines"),
        [
            ("party_committee", ["Bí thư Đảng ủy", "Chính ủy"], ["T/M ĐẢNG ỦY", "BÍ THƯ"]),
            ("cell", ["Bí thư Chi bộ"], ["T/M CHI BỘ", "BÍ THƯ"]),
            ("party_committee", ["Phó Bí thư"], ["T/M ĐẢNG ỦY", "K/T BÍ THƯ", "PHÓ BÍ THƯ"]),
            ("party_committee", ["Chính ủy Lữ đoàn 657"], ["CHỦ TRÌ HỘI NGHỊ"]),
            ("party_committee", [], ["T/M ĐẢNG ỦY", "BÍ THƯ"]),
        ],
    )
    def test_the_signature_follows_the_chairs_post(self, kind, titles, lines):
        assert signature_lines(kind, titles) == lines


class TestTheArticleExport:
    def test_the_article_exports_with_its_headline_text_and_byline(self, conference, users, login):
        client = login(users.officer)
        client.post(
            reverse("conferences:news", args=[conference.pk]),
            {"action": "draft", "byline": "Kim Anh"},
        )
        html = client.get(reverse("conferences:news", args=[conference.pk])).content.decode()
        url = reverse("conferences:news_export", args=[conference.pk])
        assert url in html
        doc = _open(login(users.viewer).get(url))
        article = conference.article
        texts = _texts(doc)
        assert texts[0] == article.headline
        assert all(r.bold for r in doc.paragraphs[0].runs)
        assert "Sáng 20/6/2025" in "\n".join(texts)
        assert texts[-1] == "Kim Anh"
        assert doc.styles["Normal"].font.name == "Times New Roman"

    def test_no_article_yet_is_not_found(self, conference, users, login):
        url = reverse("conferences:news_export", args=[conference.pk])
        assert login(users.officer).get(url).status_code == 404

    def test_someone_outside_the_holding_body_cannot_export_the_article(
        self, conference, users, login
    ):
        services.article_draft(conference=conference)
        url = reverse("conferences:news_export", args=[conference.pk])
        assert login(users.provincial).get(url).status_code == 404
        assert login(users.secretary).get(url).status_code == 404
