import datetime as dt

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.congresses import rules as r
from ctct.congresses import services
from ctct.congresses.tests.factories import bring_to, open_round, prep_of


def test_the_dashboard_shows_levels_branches_pilots_and_the_late(org, users, client):
    rnd = open_round(body=org.region, pilots=[org.cell])
    client.force_login(users.officer)
    page = client.get(reverse("congresses:dashboard", args=[rnd.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert org.brigade.name in text and org.cell.name in text
    assert 'id="late"' in text and 'id="pilots"' in text
    # Everyone is late today (the 2025 round's deadlines have passed).
    assert page.context["board"].late_total == 6


def test_the_dashboard_narrows_to_a_branch(org, users, client):
    rnd = open_round(body=org.region)
    client.force_login(users.officer)
    page = client.get(reverse("congresses:dashboard", args=[rnd.pk]), {"body": org.brigade.pk})
    assert page.status_code == 200
    assert page.context["board"].total.total == 3


def test_a_round_and_a_preparation_outside_the_scope_are_not_found(org, users, client):
    rnd = open_round(body=org.region)
    client.force_login(users.provincial)
    assert client.get(reverse("congresses:dashboard", args=[rnd.pk])).status_code == 404
    prep = prep_of(rnd, org.cell)
    assert client.get(reverse("congresses:preparation", args=[prep.pk])).status_code == 404


def test_a_body_below_sees_its_preparation_but_not_the_whole_round(org, users, client):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.brigade), r.PAPERS)
    client.force_login(users.viewer)
    assert client.get(reverse("congresses:dashboard", args=[rnd.pk])).status_code == 404
    page = client.get(reverse("congresses:preparation", args=[prep.pk]))
    assert page.status_code == 200
    assert [s.done_on is not None for s in page.context["page"].steps] == [1, 0, 0, 0, 0]
    index = client.get(reverse("congresses:index"))
    assert index.status_code == 200
    assert reverse("congresses:preparation", args=[prep.pk]) in index.content.decode()


def test_a_preparation_shows_a_returned_review_with_its_comments(org, users, client):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.REVIEW)
    services.review_decide(
        preparation=prep,
        approved=False,
        decided_on=prep.planned_on - dt.timedelta(days=100),
        comments="Bổ sung phương án nhân sự",
    )
    client.force_login(users.officer)
    page = client.get(reverse("congresses:preparation", args=[prep.pk]))
    assert "Bổ sung phương án nhân sự" in page.content.decode()


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_page_runs_the_same_queries_whatever_the_tree(org, users, client):
    client.force_login(users.officer)
    small = open_round(body=org.brigade)
    few = _page_queries(client, reverse("congresses:dashboard", args=[small.pk]))
    for _ in range(3):
        unit = make_body(parent=org.pol)
        for _ in range(3):
            make_cell(parent=unit)
    big = open_round(body=org.pol)
    many = _page_queries(client, reverse("congresses:dashboard", args=[big.pk]))
    assert few == many


def test_a_cells_secretary_marks_its_next_step_done(org, users, client):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.cell)
    client.force_login(users.secretary)
    url = reverse("congresses:step", args=[prep.pk])
    answer = client.post(url, {"done_on": "2024-12-02", "note": "Nghị quyết chi bộ"})
    assert answer.status_code == 302
    prep.refresh_from_db()
    assert prep.stage == r.PAPERS


def test_a_viewer_cannot_mark_a_step(org, users, client):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.brigade)
    client.force_login(users.viewer)
    answer = client.post(reverse("congresses:step", args=[prep.pk]), {"done_on": "2024-12-02"})
    assert answer.status_code == 404
    prep.refresh_from_db()
    assert prep.stage == r.PLAN


def test_the_superior_decides_on_the_papers_and_the_body_itself_cannot(org, users, client):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.REVIEW)
    url = reverse("congresses:review", args=[prep.pk])
    early = (prep.planned_on - dt.timedelta(days=100)).isoformat()
    client.force_login(users.secretary)  # the cell's own secretary
    assert (
        client.get(reverse("congresses:preparation", args=[prep.pk])).context["review_form"] is None
    )
    assert client.post(url, {"decision": "approve", "decided_on": early}).status_code == 404
    client.force_login(users.officer)
    refused = client.post(url, {"decision": "return", "decided_on": early, "comments": ""})
    assert refused.status_code == 400
    assert refused.context["review_form"].errors["comments"] == [
        str(services.MSG_COMMENTS_REQUIRED)
    ]
    prep.refresh_from_db()
    assert prep.stage == r.REVIEW
    assert client.post(url, {"decision": "approve", "decided_on": early}).status_code == 302
    prep.refresh_from_db()
    assert prep.stage == r.HELD


def test_a_bodys_page_shows_its_term_and_its_preparation(org, users, client):
    rnd = open_round(body=org.brigade)
    client.force_login(users.officer)
    text = client.get(reverse("bodies:detail", args=[org.brigade.pk])).content.decode()
    assert 'id="congresses"' in text
    assert reverse("congresses:preparation", args=[prep_of(rnd, org.brigade).pk]) in text
    assert reverse("congresses:dashboard", args=[rnd.pk]) in text
    client.force_login(users.provincial)
    other = client.get(reverse("bodies:detail", args=[org.province.pk]))
    assert other.status_code == 200
    assert 'id="congresses"' not in other.content.decode()  # no term, no round


# --- a body's branch of a round opened above it -----------------------------------------------
def test_a_brigade_sees_its_own_branch_of_the_round_from_its_page(org, users, client):
    rnd = open_round(body=org.region, pilots=[org.other_cell])
    client.force_login(users.viewer)  # views the brigade, not the region that opened the round
    body_page = client.get(reverse("bodies:detail", args=[org.brigade.pk])).content.decode()
    url = reverse("congresses:body_round", args=[org.brigade.pk, rnd.pk])
    assert url in body_page
    assert reverse("congresses:dashboard", args=[rnd.pk]) not in body_page
    page = client.get(url)
    assert page.status_code == 200
    board = page.context["board"]
    assert board.total.total == 3  # the brigade and its two cells
    assert [row.body for row in board.branches] == [org.brigade, org.cell, org.other_cell]
    assert [p.body for p in board.pilots] == [org.other_cell]
    assert board.pilots[0].is_late  # the 2025 round's deadlines have passed
    assert board.late[0].body == org.other_cell  # pilots first among the late
    text = page.content.decode()
    assert reverse("congresses:body_round", args=[org.cell.pk, rnd.pk]) in text
    assert reverse("congresses:dashboard", args=[rnd.pk]) not in text
    assert client.get(reverse("congresses:dashboard", args=[rnd.pk])).status_code == 404


def test_a_branch_outside_the_scope_or_the_round_is_not_found(org, users, client):
    rnd = open_round(body=org.region)
    client.force_login(users.viewer)
    for body in (org.pol, org.region):  # outside the viewer's scope
        url = reverse("congresses:body_round", args=[body.pk, rnd.pk])
        assert client.get(url).status_code == 404
    client.force_login(users.provincial)
    outside = reverse("congresses:body_round", args=[org.province.pk, rnd.pk])
    assert client.get(outside).status_code == 404  # the province is not in the round
    client.force_login(users.secretary)
    cell_page = client.get(reverse("bodies:detail", args=[org.cell.pk])).content.decode()
    assert "/rounds/" not in cell_page  # a cell has no branch below it


def test_the_branch_page_runs_the_same_queries_whatever_the_branch(org, users, client):
    for _ in range(3):
        unit = make_body(parent=org.pol)
        for _ in range(3):
            make_cell(parent=unit)
    rnd = open_round(body=org.region)
    client.force_login(users.officer)
    few = _page_queries(client, reverse("congresses:body_round", args=[org.brigade.pk, rnd.pk]))
    many = _page_queries(client, reverse("congresses:body_round", args=[org.pol.pk, rnd.pk]))
    assert few == many
    page = client.get(reverse("congresses:body_round", args=[org.pol.pk, rnd.pk]))
    assert page.context["board"].total.total == 14
    assert len(page.context["board"].branches) == 5  # the agency, its cell and three units


def test_the_page_of_a_congress_read_from_a_report_says_what_is_not_recorded(org, users, client):
    prep = prep_of(open_round(body=org.region), org.cell)
    services.congress_import(
        body=org.cell, conference=None, term_label=prep.term_label, opened_on=prep.planned_on
    )
    client.force_login(users.secretary)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page in English
    with translation.override("en"):
        page = client.get(reverse("congresses:preparation", args=[prep.pk]))
        text = page.content.decode()
        news = client.get(reverse("congresses:news_text", args=[prep.pk])).content.decode()
    assert page.status_code == 200
    congress = text.split('id="congress"')[1].split("</section>")[0]
    for said in ("kind not recorded", "closing day not recorded", "delegates not recorded"):
        assert said in congress
    assert "None" not in congress and "None" not in news
    assert f"Ngày {prep.planned_on.day}/{prep.planned_on.month}/" in news
    assert "0 đồng chí" not in news
    assert 'id="record"' not in text  # held: the next step is to report the results
