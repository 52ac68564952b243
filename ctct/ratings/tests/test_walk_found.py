"""What a walk through the demo as each role found in the rating rounds, kept as tests of the
round views, services and templates that now behave."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.utils import timezone

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.tests.factories import make_person
from ctct.ratings.tests.factories import make_round, sheet_of
from ctct.ratings.tests.pages import url as _url

pytestmark = pytest.mark.django_db


def test_a_viewer_is_shown_no_link_to_a_decide_page_he_may_not_open(org, users, client):
    rnd = make_round(body=org.region, year=2025)
    client.force_login(users.viewer)
    decide = _url("decide", org.brigade.pk, rnd.pk)
    assert client.get(decide).status_code == 403
    page = client.get(_url("body", org.brigade.pk))
    assert page.status_code == 200
    assert decide not in page.content.decode()


def test_a_refused_level_names_the_score_with_a_decimal_comma(org, users, client):
    rnd = make_round(body=org.region, year=2025)
    sheet = sheet_of(round=rnd, person=org.cell_member)
    client.force_login(users.secretary)
    r = client.post(
        _url("sheet", org.cell.pk, sheet.pk),
        {"score_general": "21.5", "score_results": "50", "level": "htxsnv", "form_token": ""},
    )
    assert r.status_code == 400
    errors = unescape(r.content.decode()).split('class="errorlist')[1].split("</ul>")[0]
    assert "71,5" in errors and "71.5" not in errors


def test_the_late_list_of_a_round_tells_namesake_cells_of_two_branches_apart(org, users, client):
    other_brigade = make_body(
        parent=org.region, name="Đảng ủy Lữ đoàn 999", unit_name="Lữ đoàn 999"
    )
    namesake = make_cell(parent=other_brigade, name=org.cell.name, unit_name="Đại đội 1")
    make_person(full_name="Lê Văn Bốn", body=namesake)
    today = timezone.localdate()
    rnd = make_round(
        body=org.region,
        year=today.year,
        opened_on=today - dt.timedelta(days=20),
        self_due=today - dt.timedelta(days=5),
        review_due=today + dt.timedelta(days=10),
        decide_due=today + dt.timedelta(days=20),
    )
    client.force_login(users.officer)
    html = unescape(client.get(_url("round", org.region.pk, rnd.pk)).content.decode())
    late = html.split('id="late"')[1]
    rows = [row for row in late.split("<tr") if f">{org.cell.name}<" in row]
    assert len(rows) == 2
    assert "Lữ đoàn 657" in rows[0] + rows[1] and "Lữ đoàn 999" in rows[0] + rows[1]


def test_a_cells_secretary_cannot_review_the_cells_own_sheet(org, users, client):
    from ctct.ratings.models import RatingSheet
    from ctct.ratings.tests.factories import make_sheet

    rnd = make_round(body=org.region, year=2025)
    make_sheet(round=rnd, body=org.cell, level="httnv")
    sheet = sheet_of(round=rnd, body=org.cell)
    client.force_login(users.secretary)
    assert (
        _url("sheet_review", org.cell.pk, sheet.pk)
        not in client.get(_url("sheet", org.cell.pk, sheet.pk)).content.decode()
    )
    r = client.post(
        _url("sheet_review", org.cell.pk, sheet.pk),
        {"level": "httnv", "note": "Chi bộ tự nhận xét", "form_token": ""},
    )
    assert r.status_code == 400
    assert RatingSheet.objects.get(pk=sheet.pk).step == sheet.step
