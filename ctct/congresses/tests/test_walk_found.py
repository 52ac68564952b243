"""What a walk through the demo as each role found in congresses, each fixed in the app:
the tests keep it so."""

import datetime as dt

from django.urls import reverse
from django.utils import translation

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.congresses import rules as r
from ctct.congresses import services as sv
from ctct.congresses.tests.factories import bring_to, open_round, prep_of
from ctct.core.dates import MSG_BEFORE_PARTY


def test_a_step_done_in_the_year_one_is_refused_with_the_dates_rule_and_nothing_changes(
    org, users, client
):
    prep = prep_of(open_round(body=org.region), org.cell)
    client.force_login(users.secretary)
    answer = client.post(reverse("congresses:step", args=[prep.pk]), {"done_on": "0001-01-01"})
    prep.refresh_from_db()
    assert prep.stage == r.PLAN
    assert answer.status_code == 400
    assert str(MSG_BEFORE_PARTY % {"date": "01/01/0001"})[:20] in answer.content.decode()


def test_a_review_decided_in_the_year_one_is_refused_and_nothing_changes(org, users, client):
    prep = bring_to(prep_of(open_round(body=org.region), org.cell), r.REVIEW)
    client.force_login(users.officer)
    answer = client.post(
        reverse("congresses:review", args=[prep.pk]),
        {"decision": "approve", "decided_on": "0001-01-01", "comments": ""},
    )
    prep.refresh_from_db()
    assert prep.stage == r.REVIEW
    assert answer.status_code == 400


def test_the_dashboard_writes_the_windows_of_the_levels_as_day_month_year(org, users, client):
    rnd = open_round(body=org.region)
    client.force_login(users.officer)
    html = client.get(reverse("congresses:dashboard", args=[rnd.pk])).content.decode()
    start, end = next(iter(rnd.windows.values()))
    assert str(start) not in html
    assert dt.date.fromisoformat(str(start)).strftime("%d/%m/%Y") in html


def test_the_late_list_tells_namesake_cells_of_two_branches_apart(org, users, client):
    other_brigade = make_body(
        parent=org.region, name="Đảng ủy Lữ đoàn 999", unit_name="Lữ đoàn 999"
    )
    make_cell(parent=other_brigade, name=org.cell.name, unit_name="Đại đội 1")
    rnd = open_round(body=org.region)
    client.force_login(users.officer)
    page = client.get(reverse("congresses:dashboard", args=[rnd.pk]))
    late = page.content.decode().split('id="late"')[1]
    rows = [row for row in late.split("<tr") if org.cell.name in row]
    assert len(rows) == 2
    assert "Lữ đoàn 657" in rows[0] + rows[1] and "Lữ đoàn 999" in rows[0] + rows[1]


def test_the_congress_form_names_its_first_day_apart_from_the_day_a_round_opens():
    from django.utils import translation

    from ctct.congresses.forms import CongressForm, RoundOpenForm

    with translation.override("vi"):
        congress = str(CongressForm.base_fields["opened_on"].label)
        round_ = str(RoundOpenForm.base_fields["opened_on"].label)
    assert congress != round_


def test_a_round_prepares_no_congress_for_a_standing_committee(org):
    from ctct.congresses.models import Preparation

    standing = make_body(
        parent=org.region, name="Ban Thường vụ Đảng ủy Quân khu 8", kind="standing_committee"
    )
    rnd = open_round(body=org.region)
    assert Preparation.objects.filter(round=rnd).exists()
    assert not Preparation.objects.filter(round=rnd, body=standing).exists()


def test_a_cells_secretary_is_not_offered_to_open_a_congress_round(org, users, client):
    client.force_login(users.secretary)
    page = client.get(reverse("congresses:index"))
    assert page.status_code == 200
    assert reverse("congresses:round_new") not in page.content.decode()


def test_two_forms_opened_on_the_plan_step_mark_the_plan_only(org, users, client):
    prep = prep_of(open_round(body=org.region), org.cell)
    client.force_login(users.secretary)
    url = reverse("congresses:preparation", args=[prep.pk])
    tabs = [client.get(url).context for _ in range(2)]
    assert tabs[0]["form_token"] != tabs[1]["form_token"]
    answers = []
    for tab in tabs:  # two tabs, or the secretary and the officer at once
        # What each page's form posts: its token and the step it was opened on (hidden).
        answers.append(
            client.post(
                reverse("congresses:step", args=[prep.pk]),
                {
                    "kind": tab["step_form"]["kind"].value(),
                    "done_on": "2024-12-02",
                    "note": "Nghị quyết chi bộ",
                    "form_token": tab["form_token"],
                },
                follow=True,
            )
        )
    prep.refresh_from_db()
    assert prep.stage == r.PAPERS
    assert prep.steps.get(kind=r.PAPERS).done_on is None
    told = [str(m) for m in answers[1].context["messages"]]
    with translation.override("vi"):
        expected = str(sv.MSG_STEP_ORDER % {"body": org.cell.name, "stage": ""})[:12]
    assert any(expected in m for m in told)
