"""Periods are typed in words or as codes, kept as codes, and shown in words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from ctct.conferences import services
from ctct.conferences.forms import ConferenceForm
from ctct.conferences.models import Conference
from ctct.conferences.periods import (
    MSG_NOT_A_PERIOD,
    MSG_PERIOD_WITHOUT_YEAR,
    period_code,
    period_words,
)
from ctct.text.dates import MAX_YEAR, MIN_YEAR, Period

years = st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR - 10)


@st.composite
def periods(draw) -> Period:
    """Every period a conference can review or plan."""
    year = draw(years)
    kind = draw(st.sampled_from(["year", "half", "quarter", "nine_months", "term"]))
    if kind == "half":
        return Period("half", year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period("quarter", year, draw(st.integers(1, 4)))
    if kind == "term":
        return Period("term", year, None, year + draw(st.integers(1, 10)))
    return Period(kind, year)


class TestWordsAndCodes:
    @given(periods())
    def test_any_period_shown_in_words_parses_back_to_the_same_code(self, period):
        code = period.code()
        words = period_words(code)
        assert words != code
        assert period_code(words) == code

    @given(periods())
    def test_the_period_the_news_writes_parses_back_to_the_same_code(self, period):
        from ctct.conferences.news import period_phrase

        assert period_code(period_phrase(period.code())) == period.code()

    @given(periods(), st.sampled_from([str.upper, str.lower, str.title]), st.integers(0, 3))
    def test_words_typed_in_any_case_and_spacing_give_the_code(self, period, case, spaces):
        code = period.code()
        typed = (" " * (1 + spaces)).join(["", *case(period_words(code)).split(" "), ""])
        assert period_code(typed) == code

    @given(periods())
    def test_codes_are_still_accepted(self, period):
        assert period_code(period.code()) == period.code()
        assert period_code(period.code().lower()) == period.code()

    @pytest.mark.parametrize(
        ("typed", "code"),
        [
            ("6 tháng đầu năm 2026", "2026-H1"),
            ("6 tháng cuối năm 2025", "2025-H2"),
            ("năm 2025", "2025"),
            ("quý III/2025", "2025-Q3"),
            ("Quý 4 năm 2025", "2025-Q4"),
            ("9 tháng đầu năm 2025", "2025-9M"),
            ("nhiệm kỳ 2025-2030", "2025-2030"),
            ("nhiệm kỳ 2025 – 2030", "2025-2030"),
            ("2026-H1", "2026-H1"),
            ("", ""),
        ],
    )
    def test_the_forms_people_write_are_read(self, typed, code):
        assert period_code(typed) == code

    @pytest.mark.parametrize(
        ("code", "words"),
        [
            ("2026-H1", "6 tháng đầu năm 2026"),
            ("2025-H2", "6 tháng cuối năm 2025"),
            ("2025-Q3", "quý III/2025"),
            ("2025", "năm 2025"),
            ("2025-9M", "9 tháng đầu năm 2025"),
            ("2025-2030", "nhiệm kỳ 2025-2030"),
            ("", ""),
        ],
    )
    def test_codes_are_shown_in_words(self, code, words):
        assert period_words(code) == words

    @pytest.mark.parametrize("typed", ["H1/2025", "6/2025", "quý V/2025", "2025-H3", "hội nghị"])
    def test_what_is_not_a_period_is_refused_with_the_message(self, typed):
        with pytest.raises(ValidationError) as e:
            period_code(typed)
        assert e.value.message == MSG_NOT_A_PERIOD and e.value.params == {"period": typed}

    def test_a_period_without_its_year_asks_for_the_year(self):
        with pytest.raises(ValidationError) as e:
            period_code("6 tháng cuối năm")
        assert e.value.message == MSG_PERIOD_WITHOUT_YEAR
        assert e.value.params["example"].startswith("6 tháng cuối năm ")

    def test_the_template_filter_shows_words(self):
        html = Template("{% load periods %}{{ p|period_words }}").render(Context({"p": "2025-Q3"}))
        assert html == "quý III/2025"


class TestTheConferenceForm:
    def _form(self, period):
        return ConferenceForm({"kind": "so_ket", "held_on": "2026-07-10", "period": period})

    def test_words_are_cleaned_to_the_code(self):
        form = self._form("6 tháng đầu năm 2026")
        assert form.is_valid(), form.errors
        assert form.cleaned_data["period"] == "2026-H1"

    def test_a_long_period_in_words_fits_the_field(self):
        html = str(self._form("")["period"])
        assert 'maxlength="20"' not in html

    def test_the_edit_form_shows_the_period_in_words(self, conference):
        html = str(ConferenceForm(instance=conference)["period"])
        assert 'value="6 tháng đầu năm 2025"' in html


class TestServicesAndPages:
    def test_the_service_stores_the_code_of_a_period_typed_in_words(self, org):
        conf = services.conference_create(
            body=org.cell,
            kind="so_ket",
            held_on=dt.date(2025, 6, 20),
            period="6 tháng đầu năm 2025",
        )
        assert conf.period == "2025-H1"
        services.conference_update(conference=conf, period="năm 2025")
        conf.refresh_from_db()
        assert conf.period == "2025"

    def test_a_bad_period_is_refused_on_its_field_by_the_service(self, org):
        with pytest.raises(ValidationError) as e:
            services.conference_create(
                body=org.cell, kind="so_ket", held_on=dt.date(2025, 6, 20), period="6/2025"
            )
        assert e.value.error_dict["period"][0].message == MSG_NOT_A_PERIOD

    def test_a_conference_is_recorded_with_the_period_in_words(self, org, users, login):
        r = login(users.officer).post(
            reverse("conferences:create", args=[org.brigade.pk]),
            {"kind": "so_ket", "held_on": "2025-06-20", "period": "6 tháng đầu năm 2025"},
        )
        assert r.status_code == 302
        assert Conference.objects.get().period == "2025-H1"

    def test_the_pages_show_the_period_in_words(self, conference, users, login, org):
        client = login(users.viewer)
        for url in (
            conference.get_absolute_url(),
            reverse("conferences:body", args=[org.brigade.pk]),
            reverse("conferences:calendar") + "?month=2025-06&day=2025-06-20",
        ):
            html = client.get(url).content.decode()
            assert "6 tháng đầu năm 2025" in html, url
            assert "2025-H1" not in html, url

    def test_what_a_body_owes_is_shown_in_words(self, org, users, login, settings):
        settings.CTCT_CONFERENCE_DUES = [
            {"kind": "so_ket", "period": "{year}-H1", "opens": (1, 1), "due": (12, 31)}
        ]
        year = dt.date.today().year
        html = login(users.viewer).get(reverse("conferences:body", args=[org.brigade.pk]))
        assert f"6 tháng đầu năm {year}" in html.content.decode()
