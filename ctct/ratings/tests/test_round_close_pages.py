"""Closing a round and withdrawing a discipline from their pages: the officer closes a round
once every sheet is decided (told how many are not, refused while any is), the closed round's
forms are gone; a discipline is withdrawn from a date that is possible; other roles get 403 or
404; a form posted twice writes once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from ctct.ratings import services as sv
from ctct.ratings.models import Discipline, RatingRound, RatingSheet
from ctct.ratings.tests.factories import make_discipline, make_round, make_sheet
from ctct.ratings.tests.pages import said as _said
from ctct.ratings.tests.pages import text as _text
from ctct.ratings.tests.pages import url as _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(org):
    """The brigade's 2025 round: three members and two cells."""
    return make_round(body=org.brigade, year=2025)


def _decide_all(rnd: RatingRound) -> None:
    for s in RatingSheet.objects.filter(round=rnd).exclude(step="decided"):
        if s.person_id:
            make_sheet(round=rnd, person=s.person, upto="decided")
        else:
            make_sheet(round=rnd, body=s.body, upto="decided")


class TestClosingARound:
    def test_the_round_page_offers_closing_only_at_the_opener_to_those_who_open_rounds(
        self, org, users, login, rnd
    ):
        client = login(users.officer)
        assert _url("round_close", org.brigade.pk, rnd.pk) in _text(
            client.get(_url("round", org.brigade.pk, rnd.pk))
        )
        # under a body below the opener the round is shown, not closed
        assert "/close/" not in _text(client.get(_url("round", org.cell.pk, rnd.pk)))
        client = login(users.viewer)
        assert "/close/" not in _text(client.get(_url("round", org.brigade.pk, rnd.pk)))

    def test_the_confirmation_counts_the_sheets_not_decided_and_closing_is_refused_meanwhile(
        self, org, users, login, rnd
    ):
        make_sheet(round=rnd, person=org.cell_member, upto="decided")
        client = login(users.officer)
        page = client.get(_url("round_close", org.brigade.pk, rnd.pk))
        assert page.status_code == 200
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page in English
        page = client.get(_url("round_close", org.brigade.pk, rnd.pk))
        assert "4 sheets are not decided yet" in _text(page)
        r = client.post(_url("round_close", org.brigade.pk, rnd.pk), {"form_token": "close-1"})
        assert r.status_code == 400
        assert _said(r, sv.MSG_UNDECIDED, count=4)
        rnd.refresh_from_db()
        assert rnd.state == RatingRound.State.OPEN

    def test_a_round_whose_sheets_are_decided_closes_once_and_its_forms_disappear(
        self, org, users, login, rnd
    ):
        _decide_all(rnd)
        client = login(users.officer)
        url = _url("round_close", org.brigade.pk, rnd.pk)
        r = client.post(url, {"form_token": "close-once"})
        assert r.status_code == 302 and r["Location"] == _url("round", org.brigade.pk, rnd.pk)
        rnd.refresh_from_db()
        assert rnd.state == RatingRound.State.CLOSED
        assert RatingRound.history.filter(id=rnd.pk, state="closed").count() == 1
        # the same form posted again goes where the first went, writing nothing
        again = client.post(url, {"form_token": "close-once"})
        assert again.status_code == 302 and again["Location"] == r["Location"]
        assert RatingRound.history.filter(id=rnd.pk, state="closed").count() == 1
        # the round shows as closed, without its decide and close actions
        page = client.get(_url("round", org.brigade.pk, rnd.pk))
        assert _said(page, sv.MSG_ROUND_CLOSED)
        assert _url("decide", org.brigade.pk, rnd.pk) not in _text(page)
        assert url not in _text(page)
        # the confirmation page has no form left; a new form posted is refused
        assert "<form" not in _text(client.get(url)).split('id="close"')[1]
        r = client.post(url, {"form_token": "close-twice"})
        assert r.status_code == 400 and _said(r, sv.MSG_ALREADY_CLOSED)

    def test_a_sheet_of_a_closed_round_shows_no_form(self, org, users, login, rnd):
        _decide_all(rnd)
        sv.round_close(round=rnd)
        sheet = RatingSheet.objects.get(round=rnd, person=org.cell_member)
        client = login(users.secretary)
        html = _text(client.get(_url("sheet", org.cell.pk, sheet.pk)))
        assert _url("sheet_review", org.cell.pk, sheet.pk) not in html
        assert 'name="level"' not in html

    def test_other_roles_are_refused_and_nothing_closes(self, org, users, login, rnd):
        _decide_all(rnd)
        url = _url("round_close", org.brigade.pk, rnd.pk)
        client = login(users.viewer)
        assert client.get(url).status_code == 403
        assert client.post(url, {"form_token": "v"}).status_code == 403
        client = login(users.provincial)
        assert client.get(url).status_code == 404
        assert client.post(url, {"form_token": "p"}).status_code == 404
        client = login(users.secretary)  # the cell's secretary sees the round under the cell
        assert client.get(_url("round_close", org.cell.pk, rnd.pk)).status_code == 404
        rnd.refresh_from_db()
        assert rnd.state == RatingRound.State.OPEN


class TestWithdrawingADiscipline:
    @pytest.fixture
    def d(self, org) -> Discipline:
        return make_discipline(person=org.cell_member, decided_on=dt.date(2025, 6, 1))

    def test_the_list_offers_withdrawing_to_those_who_record_discipline(self, org, users, login, d):
        url = _url("discipline_withdraw", org.cell.pk, d.pk)
        assert url in _text(login(users.officer).get(_url("discipline")))
        page = login(users.secretary).get(_url("discipline"))
        assert page.status_code == 200 and url not in _text(page)

    def test_a_discipline_is_withdrawn_once_from_a_date_after_its_decision(
        self, org, users, login, d
    ):
        client = login(users.officer)
        url = _url("discipline_withdraw", org.cell.pk, d.pk)
        page = client.get(url)
        assert page.status_code == 200 and 'name="on"' in _text(page)
        r = client.post(url, {"on": "2025-09-01", "form_token": "withdraw-once"})
        assert r.status_code == 302 and r["Location"] == _url("discipline")
        d.refresh_from_db()
        assert d.withdrawn_on == dt.date(2025, 9, 1)
        again = client.post(url, {"on": "2025-10-01", "form_token": "withdraw-once"})
        assert again.status_code == 302
        d.refresh_from_db()
        assert d.withdrawn_on == dt.date(2025, 9, 1)
        assert Discipline.history.filter(id=d.pk, withdrawn_on__isnull=False).count() == 1
        # withdrawn: no longer offered, and a new form is refused with the date it was
        assert url not in _text(client.get(_url("discipline")))
        r = client.post(url, {"on": "2025-10-01", "form_token": "withdraw-twice"})
        assert r.status_code == 400 and _said(r, sv.MSG_ALREADY_WITHDRAWN, date="01/09/2025")

    @pytest.mark.parametrize(
        ("on", "message", "params"),
        [
            ("2025-05-31", sv.MSG_WITHDRAW_BEFORE, {"date": "31/05/2025", "decided": "01/06/2025"}),
            ("future", sv.MSG_DISCIPLINE_FUTURE, {}),
        ],
    )
    def test_an_impossible_date_is_refused_with_a_clear_message_and_nothing_changes(
        self, org, users, login, d, on, message, params
    ):
        if on == "future":
            day = timezone.localdate() + dt.timedelta(days=3)
            on, params = day.isoformat(), {"date": f"{day:%d/%m/%Y}"}
        client = login(users.officer)
        r = client.post(_url("discipline_withdraw", org.cell.pk, d.pk), {"on": on})
        assert r.status_code == 400 and _said(r, message, **params)
        d.refresh_from_db()
        assert d.withdrawn_on is None

    def test_a_date_that_is_no_date_is_refused_on_the_form(self, org, users, login, d):
        client = login(users.officer)
        r = client.post(_url("discipline_withdraw", org.cell.pk, d.pk), {"on": "31/02/2025"})
        assert r.status_code == 400 and 'class="errorlist' in _text(r)
        d.refresh_from_db()
        assert d.withdrawn_on is None

    def test_other_roles_are_refused_and_nothing_changes(self, org, users, login, d):
        url = _url("discipline_withdraw", org.cell.pk, d.pk)
        client = login(users.secretary)  # sees discipline at the cell, may not record it
        assert client.get(url).status_code == 403
        assert client.post(url, {"on": "2025-09-01"}).status_code == 403
        for who in (users.viewer, users.provincial, users.nobody):
            client = login(who)
            assert client.get(url).status_code == 404
            assert client.post(url, {"on": "2025-09-01"}).status_code == 404
        # a record reached through another body than where it is kept is not found
        client = login(users.officer)
        assert client.get(_url("discipline_withdraw", org.brigade.pk, d.pk)).status_code == 404
        d.refresh_from_db()
        assert d.withdrawn_on is None
