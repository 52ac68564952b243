"""The news report drafted from a conference record, and the round trip through extraction."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct.conferences import services
from ctct.conferences.models import ArticleStatus
from ctct.conferences.news import NewsInput, NewsPerson, draft, lead, period_phrase
from ctct.conferences.roundtrip import generate, mismatches, roundtrip
from ctct.conferences.selectors import news_input
from ctct.extract import extract_text
from ctct.ratings.announced import award_announce


class TestTemplates:
    @pytest.mark.parametrize(
        ("period", "phrase"),
        [
            ("2025-H1", "6 tháng đầu năm 2025"),
            ("2025-H2", "6 tháng cuối năm 2025"),
            ("2025-Q3", "quý III năm 2025"),
            ("2025", "năm 2025"),
            ("2025-2030", "nhiệm kỳ 2025-2030"),
            ("", ""),
        ],
    )
    def test_periods_are_written_the_way_the_reports_write_them(self, period, phrase):
        assert period_phrase(period) == phrase

    def test_the_lead_reads_like_the_seed_report(self):
        son = NewsPerson(
            "Phạm Ngọc Sơn",
            "Đại tá",
            ["Bí thư Đảng ủy", "Chính ủy Cục Hậu cần-Kỹ thuật"],
            ["directed"],
        )
        ba = NewsPerson("Bùi Hữu Ba", "Đại tá", ["Bí thư Đảng ủy", "Chính ủy Lữ đoàn"], ["chair"])
        n = NewsInput(
            kind="so_ket",
            organizer="Đảng ủy Lữ đoàn 657",
            held_on=dt.date(2025, 6, 20),
            part_of_day="sang",
            period="2025-H1",
            people=[son, ba],
        )
        assert lead(n) == (
            "Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết công tác Đảng, công tác "
            "chính trị 6 tháng đầu năm 2025. Đại tá Phạm Ngọc Sơn, Bí thư Đảng ủy, Chính ủy Cục "
            "Hậu cần-Kỹ thuật dự, phát biểu chỉ đạo. Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy "
            "Lữ đoàn chủ trì hội nghị."
        )

    def test_a_civilian_is_written_as_comrade_without_a_rank(self):
        n = NewsInput(
            kind="tong_ket",
            organizer="Tỉnh ủy Tây Sơn",
            held_on=dt.date(2025, 12, 30),
            period="2025",
            people=[NewsPerson("Phan Văn Bình", "", ["Bí thư Tỉnh ủy"], ["chair"])],
        )
        assert "Đồng chí Phan Văn Bình, Bí thư Tỉnh ủy chủ trì hội nghị." in draft(n)
        assert mismatches(n, extract_text(draft(n))) == []

    @pytest.mark.parametrize(
        ("organizer", "unit", "congress"),
        [
            ("Chi bộ Đại đội 3", "Đại đội 3", "Đại hội Chi bộ Đại đội 3"),
            ("Tỉnh ủy Tây Sơn", "tỉnh Tây Sơn", "Đại hội Đảng bộ tỉnh Tây Sơn"),
            ("Đảng ủy Phòng Chính trị", "", "Đại hội Đảng bộ Phòng Chính trị"),
        ],
    )
    def test_a_congress_is_the_congress_of_the_cell_or_the_party_organization(
        self, organizer, unit, congress
    ):
        n = NewsInput(
            kind="dai_hoi",
            organizer=organizer,
            unit=unit,
            held_on=dt.date(2025, 5, 10),
            period="2025-2030",
        )
        assert f"tổ chức {congress} nhiệm kỳ 2025-2030." in draft(n)

    def test_a_congress_is_chaired_as_a_congress(self):
        n = NewsInput(
            kind="dai_hoi",
            organizer="Đảng ủy Lữ đoàn 657",
            unit="Lữ đoàn 657",
            held_on=dt.date(2025, 5, 10),
            period="2025-2030",
            people=[NewsPerson("Bùi Hữu Ba", "Đại tá", [], ["chair"])],
        )
        text = draft(n)
        assert "Đại hội Đảng bộ Lữ đoàn 657 nhiệm kỳ 2025-2030" in text
        assert "chủ trì đại hội" in text


class TestRoundTrip:
    def test_many_generated_conferences_come_back_from_their_drafts(self):
        """200 seeded conferences of every kind: date, kind, organizer, names, ranks and key
        roles all come back (``ctct bench conferences`` runs 1,000)."""
        failures = {}
        for i in range(200):
            news = generate(random.Random(i))
            wrong = roundtrip(news)
            if wrong:
                failures[i] = wrong
        assert failures == {}

    @settings(max_examples=150, deadline=None)
    @given(st.integers(min_value=0, max_value=2**32))
    def test_any_generated_conference_comes_back_from_its_draft(self, seed):
        assert roundtrip(generate(random.Random(seed))) == []

    def test_a_recorded_conference_comes_back_from_its_draft(self, conference, org):
        services.participant_add(conference=conference, person=org.other_member, role="spoke")
        services.conclusion_add(conference=conference, text="Rà soát các chỉ tiêu năm 2025")
        award_announce(
            conference=conference,
            kind="giay_khen",
            issuer="Đảng ủy Lữ đoàn 657",
            person=org.cell_member,
            reason="Hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2025",
        )
        n = news_input(conference, byline="Nguyễn Hoàng")
        record = extract_text(draft(n))
        assert mismatches(n, record) == []
        assert record["event"]["period"] == "2025-H1"
        assert record["byline"] == "Nguyễn Hoàng"


class TestArticle:
    def test_an_article_is_drafted_edited_published_and_every_version_kept(self, conference, users):
        a = services.article_draft(conference=conference, byline="Kim Anh", user=users.officer)
        assert a.text.startswith("Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết")
        assert a.text.endswith("Kim Anh")
        a = services.article_update(article=a, text=a.text + "\nThêm.", headline="Tin", user=None)
        a = services.article_publish(article=a, user=users.officer)
        assert a.status == ArticleStatus.PUBLISHED and a.published_by == users.officer
        with pytest.raises(ValidationError):
            services.article_publish(article=a)
        services.article_update(article=a, text="Bản sửa.", user=users.officer)
        statuses = [h.status for h in a.history.order_by("history_date")]
        assert statuses == ["draft", "draft", "published", "draft"]
        assert a.history.filter(status="published").first().text.endswith("Thêm.")

    def test_an_empty_text_is_refused(self, conference):
        a = services.article_draft(conference=conference)
        with pytest.raises(ValidationError):
            services.article_update(article=a, text="   ")


def test_the_headline_says_who_held_what():
    from ctct.conferences.news import headline

    n = NewsInput(
        kind="so_ket",
        organizer="Đảng ủy Lữ đoàn 657",
        held_on=dt.date(2025, 6, 20),
        period="2025-H1",
    )
    assert headline(n) == (
        "Đảng ủy Lữ đoàn 657 tổ chức hội nghị sơ kết công tác Đảng, công tác chính trị "
        "6 tháng đầu năm 2025"
    )
