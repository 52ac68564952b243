"""The rating results of a body's subtree: counts and shares per body and level, the members
and Party organizations of each level, the .xlsx and .docx files with those figures, the chart
data and page, the body-page section, and who may see what."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from ctct.accounts.tests.factories import make_user
from ctct.bodies.models import Body
from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.tests.factories import make_person
from ctct.ratings import export, results
from ctct.ratings.models import RatingRound, RatingSheet

pytestmark = pytest.mark.django_db

YEAR = 2025


def rate(round_, subject, *, at, level, decider, grassroots=None):
    """A sheet of ``subject`` (a person or a body) at ``level`` (decided; "" = waiting)."""
    person = subject if not hasattr(subject, "path") else None
    return RatingSheet.objects.create(
        round=round_,
        subject="person" if person else "body",
        person=person,
        body=None if person else subject,
        rated_at=at,
        decider=decider,
        grassroots=grassroots,
        year=round_.year,
        step="decided" if level else "waiting",
        decided_level=level,
        reviewed_level=level,
        proposed_level=level,
    )


def open_round(body, year):
    day = dt.date(year, 11, 1)
    return RatingRound.objects.create(
        body=body,
        year=year,
        opened_on=day,
        self_due=day,
        review_due=day,
        decide_due=day,
        state="closed",
    )


@pytest.fixture
def org():
    """Regiment (grassroots) > battalion A (cells A1: 5 members, A2: 5) and battalion B
    (cell B1: 4 members, one not decided), with the regiment's own 2 members; 2024 too."""

    class Org:
        pass

    o = Org()
    o.region = make_body(name="Đảng ủy Quân khu 9")
    o.regiment = make_body(parent=o.region, name="Đảng ủy Trung đoàn 1")
    o.a = make_body(parent=o.regiment, name="Đảng ủy Tiểu đoàn A", kind="party_organization")
    o.b = make_body(parent=o.regiment, name="Đảng ủy Tiểu đoàn B", kind="party_organization")
    o.a1 = make_cell(parent=o.a, name="Chi bộ Đại đội A1")
    o.a2 = make_cell(parent=o.a, name="Chi bộ Đại đội A2")
    o.b1 = make_cell(parent=o.b, name="Chi bộ Đại đội B1")
    rnd = open_round(o.region, YEAR)
    old = open_round(o.region, YEAR - 1)
    plan = {
        o.a1: ["htxsnv", "httnv", "httnv", "httnv", "htnv"],
        o.a2: ["httnv", "httnv", "httnv", "httnv", "khtnv"],
        o.b1: ["htxsnv", "httnv", "htnv", ""],
        o.regiment: ["httnv", "htxsnv"],
    }
    o.people = {}
    for cell, levels in plan.items():
        for i, level in enumerate(levels):
            p = make_person(body=cell, full_name=f"Nguyễn Văn {cell.name[-2:]}{i}", rank="Đại úy")
            o.people[p.pk] = level
            rate(rnd, p, at=cell, level=level, decider=o.regiment, grassroots=o.regiment)
            rate(old, p, at=cell, level="httnv", decider=o.regiment, grassroots=o.regiment)
    for body, level in ((o.a, "htxsnv"), (o.b, "httnv"), (o.a1, "httnv"), (o.b1, "")):
        rate(
            rnd,
            body,
            at=body,
            level=level,
            decider=Body.objects.get_parent(body),
            grassroots=o.regiment,
        )
    # outside the regiment: counts nowhere below it
    other = make_cell(parent=o.region, name="Chi bộ Cơ quan")
    rate(rnd, make_person(body=other), at=other, level="htxsnv", decider=o.region)
    return o


def test_results_count_each_body_below_with_its_whole_subtree(org, django_assert_num_queries):
    with django_assert_num_queries(4):
        found = results.results(org.regiment, YEAR)
    rows = {r.name: r for r in found.rows}
    assert [r.name for r in found.rows][0] == org.regiment.name and found.rows[0].own
    a = rows["Đảng ủy Tiểu đoàn A"]
    assert (a.total, a.count("htxsnv"), a.count("httnv"), a.count("htnv"), a.count("khtnv")) == (
        10,
        1,
        7,
        1,
        1,
    )
    b = rows["Đảng ủy Tiểu đoàn B"]
    assert (b.total, b.decided, b.count(results.UNDECIDED)) == (4, 3, 1)
    assert b.share("htxsnv") == D("33.3")  # of the decided
    assert found.total.total == 16 and found.total.count("htxsnv") == 3
    assert found.total.share("httnv") == D("60.0")  # 9 of 15
    assert len(found.members["htxsnv"]) == 3 and len(found.members[results.UNDECIDED]) == 1
    assert found.members["htxsnv"][0].rank == "Đại úy"
    assert [o.name for o in found.organizations["htxsnv"]] == ["Đảng ủy Tiểu đoàn A"]
    assert found.organization_total.total == 4


def test_results_queries_do_not_grow_with_the_subtree(org, django_assert_num_queries):
    for _ in range(3):
        cell = make_cell(parent=org.b)
        p = make_person(body=cell)
        rnd = RatingRound.objects.get(year=YEAR)
        rate(rnd, p, at=cell, level="httnv", decider=org.regiment, grassroots=org.regiment)
    with django_assert_num_queries(4):
        found = results.results(org.regiment, YEAR)
    assert found.total.total == 19
    with django_assert_num_queries(1):
        assert [y.year for y in results.trend(org.regiment)] == [YEAR - 1, YEAR]


def test_the_trend_gives_each_levels_share_year_by_year(org):
    trend = results.trend(org.regiment)
    assert trend[0].share("httnv") == D("100.0") and trend[0].decided == 16
    assert trend[1].share("htxsnv") == D("20.0")  # 3 of 15 decided
    data = results.trend_data(trend, export_levels(), lang="vi", axis="%")
    assert data["labels"] == [str(YEAR - 1), str(YEAR)]
    htxsnv = next(d for d in data["datasets"] if d["code"] == "htxsnv")
    assert htxsnv["data"] == [0.0, 20.0] and htxsnv["counts"] == [0, 3]


def export_levels():
    from ctct.ratings import rules as rr

    return rr.current().levels


def test_the_bars_give_each_body_the_shares_of_its_levels(org):
    rows = results.distribution(org.regiment, YEAR)
    data = results.bars_data(rows, export_levels(), lang="vi", axis="%", own="trực thuộc")
    assert data["labels"] == [
        "Đảng ủy Trung đoàn 1 (trực thuộc)",
        "Đảng ủy Tiểu đoàn A",
        "Đảng ủy Tiểu đoàn B",
    ]
    by_code = {d["code"]: d for d in data["datasets"]}
    assert by_code["httnv"]["data"] == [50.0, 70.0, 33.3]
    assert by_code["khtnv"]["counts"] == [0, 1, 0]


def test_the_workbook_holds_the_counts_and_every_member_by_level(org):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.results_xlsx(results.results(org.regiment, YEAR))))
    assert wb.sheetnames == ["Tổng hợp", "Đảng viên", "Tổ chức đảng"]
    summary = wb["Tổng hợp"]
    assert str(YEAR) in summary["A1"].value and "XẾP LOẠI CHẤT LƯỢNG" in summary["A1"].value
    head = [c.value for c in summary[4]]
    rows = {r[1]: r for r in summary.iter_rows(min_row=5, values_only=True)}
    a = rows["Đảng ủy Tiểu đoàn A"]
    assert a[2] == 10 and a[head.index("HTXSNV (số lượng)")] == 1
    assert a[head.index("HTTNV (tỷ lệ)")] == 70
    total = rows["Cộng"]
    assert total[2] == 16 and total[head.index("Chưa xếp loại")] == 1
    members = list(wb["Đảng viên"].iter_rows(min_row=2, values_only=True))
    assert len(members) == 16
    assert sum(1 for m in members if m[4] == "Hoàn thành xuất sắc nhiệm vụ") == 3
    orgs = list(wb["Tổ chức đảng"].iter_rows(min_row=2, values_only=True))
    assert ("Đảng ủy Tiểu đoàn A", "Hoàn thành xuất sắc nhiệm vụ") in [(o[1], o[2]) for o in orgs]


def test_the_report_is_a_party_paper_with_the_counts_and_the_names(org):
    from docx import Document

    found = results.results(org.regiment, YEAR)
    data = export.results_docx(found, superior=org.region.name, today=dt.date(2025, 12, 20))
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text
    assert f"chất lượng tổ chức đảng và đảng viên năm {YEAR}" in text
    assert "Tổng số đảng viên được đánh giá, xếp loại: 16" in text
    assert "Hoàn thành xuất sắc nhiệm vụ: 3 đồng chí (20,0%)" in text
    assert "- Chi bộ Đại đội A1 (1): Đại úy Nguyễn Văn A10." in text  # the names, by body
    assert "Đảng ủy Tiểu đoàn A" in text  # the organizations of their level
    header = doc.tables[0].rows[0].cells
    assert "ĐẢNG ỦY QUÂN KHU 9" in header[0].text and "ĐẢNG CỘNG SẢN VIỆT NAM" in header[1].text
    table = doc.tables[1]
    row_a = next(r for r in table.rows if r.cells[1].text == "Đảng ủy Tiểu đoàn A")
    assert row_a.cells[2].text == "10" and row_a.cells[3].text == "1 (10,0%)"
    assert table.rows[-1].cells[1].text == "Cộng" and table.rows[-1].cells[2].text == "16"


def login(client, role, on):
    user = make_user(role=role, on=on)
    client.force_login(user)
    return user


def test_a_secretary_downloads_both_files_for_a_year(client, org):
    login(client, "secretary", org.regiment)
    r = client.get(reverse("ratings:results_xlsx", args=[org.regiment.pk]), {"year": YEAR})
    assert r.status_code == 200 and r["Content-Type"] == export.XLSX
    assert "attachment" in r["Content-Disposition"]
    r = client.get(reverse("ratings:results_docx", args=[org.regiment.pk]), {"year": YEAR})
    assert r.status_code == 200 and r["Content-Type"] == export.DOCX


def test_the_files_are_refused_to_a_viewer_and_outside_the_scope(client, org):
    login(client, "viewer", org.regiment)
    url = reverse("ratings:results_xlsx", args=[org.regiment.pk])
    assert client.get(url).status_code == 404
    client.logout()
    login(client, "secretary", org.b)
    assert client.get(reverse("ratings:results_docx", args=[org.a.pk])).status_code == 404


def test_a_year_without_a_round_or_not_a_year_is_not_found(client, org):
    login(client, "secretary", org.regiment)
    url = reverse("ratings:results_xlsx", args=[org.regiment.pk])
    for year in ("2019", "20x5", "99999", "٢٠٢٥"):
        assert client.get(url, {"year": year}).status_code == 404
    assert client.get(url).status_code == 200  # the newest year


def test_the_charts_page_shows_the_years_figures_and_its_chart_data(client, org):
    login(client, "viewer", org.regiment)
    r = client.get(reverse("ratings:results_charts", args=[org.regiment.pk]), {"year": YEAR})
    assert r.status_code == 200
    html = r.content.decode()
    bars = json.loads(re.search(r'id="rating-bars-data"[^>]*>(.*?)</script>', html, re.S)[1])
    assert bars["labels"][1:] == ["Đảng ủy Tiểu đoàn A", "Đảng ủy Tiểu đoàn B"]
    trend = json.loads(re.search(r'id="rating-trend-data"[^>]*>(.*?)</script>', html, re.S)[1])
    assert trend["labels"] == [str(YEAR - 1), str(YEAR)]
    assert "ratings/rating_charts.js" in html
    assert reverse("ratings:results_xlsx", args=[org.regiment.pk]) not in html  # a viewer


def test_the_body_page_links_to_the_charts_once_a_round_rated_there(client, org):
    login(client, "secretary", org.regiment)
    html = client.get(reverse("bodies:detail", args=[org.a.pk])).content.decode()
    assert reverse("ratings:results_charts", args=[org.a.pk]) in html
    assert reverse("ratings:results_xlsx", args=[org.a.pk]) in html
    empty = make_body()  # no round has rated there
    client.logout()
    login(client, "secretary", empty)
    html = client.get(reverse("bodies:detail", args=[empty.pk])).content.decode()
    assert reverse("ratings:results_charts", args=[empty.pk]) not in html
