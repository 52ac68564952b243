"""The charts of the resolution pages: a target's progress over time and the heat map of bodies
× targets (their figures and a number of queries that does not grow with the tree), the map
page for each role and scope, and the chart data in the pages matching the figures."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from ctct.resolutions import chart_selectors as cs
from ctct.resolutions import selectors as sel
from ctct.resolutions import services as sv
from ctct.resolutions import standing as st
from ctct.resolutions.tests.test_selectors import grow

pytestmark = pytest.mark.django_db

MID = dt.date(2025, 7, 2)


def enter(target, body, value, on):
    return sv.progress_enter(target=target, body=body, value=value, on=on, note="Báo cáo")


@pytest.fixture
def handed(org, admissions):
    """Region 12 = brigade 8 (cells 4 + 4) + political agency 4."""
    shares = {
        a.body: a
        for a in sv.target_hand_down(target=admissions, values={org.brigade: 8, org.pol: 4})
    }
    sv.target_hand_down(
        target=admissions, values={org.cell: 4, org.other_cell: 4}, via=shares[org.brigade]
    )
    return admissions


@pytest.fixture
def reported(org, handed):
    enter(handed, org.cell, 1, dt.date(2025, 3, 1))
    enter(handed, org.pol, 2, dt.date(2025, 4, 1))
    enter(handed, org.cell, 3, dt.date(2025, 6, 30))
    return handed


@pytest.fixture
def rate(resolution, org):
    """A second target, a percentage handed to the brigade only."""
    t = sv.target_add(
        resolution=resolution,
        title="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
        measure="percent",
        target_value=90,
        rollup="mean",
    )
    sv.target_hand_down(target=t, values={org.brigade: 90})
    return t


class TestTargetProgress:
    def test_the_rolled_figure_on_each_day_something_was_entered(
        self, org, reported, django_assert_num_queries
    ):
        with django_assert_num_queries(2):
            p = cs.target_progress(reported, today=MID)
        assert [(x.on, x.value) for x in p.points] == [
            (dt.date(2025, 3, 1), 1),
            (dt.date(2025, 4, 1), 3),
            (dt.date(2025, 6, 30), 5),
        ]
        assert p.target_value == 12
        assert p.path == [(dt.date(2025, 1, 1), 0), (dt.date(2025, 12, 31), 12)]
        # the latest point says what the target page says today
        now = sel.target_standing(reported, today=MID)
        assert (p.points[-1].value, p.points[-1].standing) == (now.root.value, now.root.standing)
        # on 1 March, 1 of 12 is below the straight path (about 2 by then)
        assert p.points[0].standing == st.AT_RISK

    def test_at_a_body_handed_the_target_only_its_subtree_counts(self, org, reported):
        p = cs.target_progress(reported, at=org.brigade, today=MID)
        assert [(x.on, x.value) for x in p.points] == [
            (dt.date(2025, 3, 1), 1),
            (dt.date(2025, 6, 30), 3),
        ]
        assert p.target_value == 8 and p.path[-1] == (dt.date(2025, 12, 31), 8)
        cell = cs.target_progress(reported, at=org.cell, today=MID)
        assert [x.value for x in cell.points] == [1, 3]

    def test_the_expected_path_starts_at_the_baseline(self, org, resolution):
        t = sv.target_add(
            resolution=resolution,
            title="Khối lượng hàng hóa vận chuyển",
            measure="count",
            unit="tấn",
            target_value=1000,
            baseline_value=900,
            rollup="sum",
        )
        enter(t, org.region, 950, dt.date(2025, 6, 1))
        p = cs.target_progress(t, today=MID)
        assert p.path == [(dt.date(2025, 1, 1), 900), (dt.date(2025, 12, 31), 1000)]
        assert [x.value for x in p.points] == [950]

    def test_a_yes_no_target_has_no_path(self, org, resolution):
        t = sv.target_add(
            resolution=resolution,
            title="Tổ chức hội nghị sơ kết",
            measure="yes_no",
            target_value=1,
            rollup="minimum",
        )
        p = cs.target_progress(t, today=MID)
        assert p.path == [] and p.points == [] and p.target_value == 1

    def test_many_days_are_thinned_keeping_the_first_and_the_latest(self, org, resolution):
        t = sv.target_add(
            resolution=resolution,
            title="Số buổi sinh hoạt chuyên đề",
            measure="count",
            target_value=100,
            rollup="sum",
        )
        first = dt.date(2025, 1, 2)
        for i in range(40):
            enter(t, org.region, i, first + dt.timedelta(days=i))
        p = cs.target_progress(t, today=MID)
        assert len(p.points) == cs.MAX_POINTS and p.thinned
        assert p.points[0].on == first and p.points[-1].value == 39

    def test_a_body_not_handed_the_target_has_no_progress(self, org, handed):
        assert cs.target_progress(handed, at=org.pol_cell, today=MID) is None
        assert cs.target_progress(handed, at=org.province, today=MID) is None


class TestSubtreeMap:
    def test_rows_are_the_bodies_one_level_down_with_a_cell_per_target(
        self, org, resolution, reported, rate, django_assert_num_queries
    ):
        enter(rate, org.brigade, D("85.5"), dt.date(2025, 6, 1))
        with django_assert_num_queries(3):
            m = cs.subtree_map(resolution, org.region, today=MID)
        assert m.targets == [reported, rate]
        assert [r.body for r in m.rows] == [org.pol, org.brigade]
        pol, brigade = m.rows
        assert (pol.cells[0].node.value, pol.cells[0].node.standing) == (2, st.AT_RISK)  # 2 < 6×0.5
        assert pol.cells[1].node is None  # the rate was not handed to the agency
        assert brigade.cells[0].node.value == 3 and brigade.cells[1].node.value == D("85.5")
        assert [c.node.value for c in m.roots] == [5, D("85.5")]
        assert m.levels == [1, 2] and m.total == 2
        assert m.counts[0][st.AT_RISK] == 2 and m.counts[1][st.ON_TRACK] == 1

    def test_the_cells_agree_with_the_target_page(self, org, resolution, reported):
        m = cs.subtree_map(resolution, org.region, level=2, today=MID)
        by_body = {n.body_id: n for n in sel.target_standing(reported, today=MID).rows}
        assert [r.body for r in m.rows] == [org.cell, org.other_cell]
        for row in m.rows:
            node = row.cells[0].node
            mine = by_body[row.body.pk]
            assert (node.value, node.standing) == (mine.value, mine.standing)

    def test_at_a_body_handed_targets_the_columns_are_its_own(
        self, org, resolution, reported, rate
    ):
        m = cs.subtree_map(resolution, org.pol, today=MID)
        assert m.targets == [reported] and m.rows == [] and m.roots[0].node.value == 2
        m = cs.subtree_map(resolution, org.brigade, today=MID)
        assert m.targets == [reported, rate]
        assert [r.body for r in m.rows] == [org.cell, org.other_cell]
        assert [r.cells[1].node for r in m.rows] == [None, None]

    def test_a_body_with_no_target_of_the_resolution_costs_one_query(
        self, org, resolution, handed, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            m = cs.subtree_map(resolution, org.province, today=MID)
        assert m.targets == [] and m.rows == [] and m.total == 0

    @pytest.mark.parametrize(("brigades", "cells"), [(2, 2), (6, 5)])
    def test_queries_do_not_grow_with_the_tree(
        self, org, resolution, admissions, brigades, cells, django_assert_num_queries
    ):
        grow(org, admissions, brigades, cells)
        with django_assert_num_queries(3):
            m = cs.subtree_map(resolution, org.region, level=2, limit=4, today=MID)
        assert m.total == brigades * cells + 3  # and the fixture's three cells
        assert len(m.rows) == 4 and m.has_next
        with django_assert_num_queries(3):
            last = cs.subtree_map(resolution, org.region, level=2, offset=10_000, limit=4)
        assert last.offset == (m.total - 1) // 4 * 4 and not last.has_next
        assert last.rows[-1].body.path > m.rows[-1].body.path


def _json(html: str, element_id: str) -> dict:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    assert found, element_id
    return json.loads(found.group(1))


class TestPages:
    def test_the_resolution_page_carries_the_bars_of_its_targets(
        self, org, users, login, resolution, reported
    ):
        html = login(users.officer).get(reverse("resolutions:detail", args=[resolution.pk]))
        html = html.content.decode()
        data = _json(html, "standing-chart-data")
        now = sel.target_standing(reported).root
        (bar,) = data["bars"]
        assert bar["label"] == reported.title and bar["standing"] == now.standing
        assert bar["percent"] == round(float(now.value) * 100 / 12, 1) == 41.7
        assert 'data-chart="standing-chart-data"' in html and "chart.umd.min.js" in html
        assert reverse("resolutions:map", args=[org.region.pk, resolution.pk]) in html
        assert '<table class="chart-table">' in html

    def test_the_body_page_carries_the_bars_too(self, org, users, login, reported):
        r = login(users.viewer).get(reverse("resolutions:body", args=[org.brigade.pk]))
        data = _json(r.content.decode(), "standing-chart-data")
        assert [b["percent"] for b in data["bars"]] == [37.5]  # 3 of 8

    def test_the_target_page_carries_the_progress_line(self, org, users, login, reported):
        r = login(users.officer).get(
            reverse("resolutions:target", args=[org.region.pk, reported.pk])
        )
        data = _json(r.content.decode(), "progress-chart-data")
        assert [(p["x"], p["y"]) for p in data["points"]] == [
            ("2025-03-01", 1.0),
            ("2025-04-01", 3.0),
            ("2025-06-30", 5.0),
        ]
        assert data["target"] == 12.0 and data["start"] == "2025-01-01"
        assert data["path"] == [{"x": "2025-01-01", "y": 0.0}, {"x": "2025-12-31", "y": 12.0}]

    def test_labels_follow_the_page_language(self, org, users, login, reported, client):
        c = login(users.officer)
        url = reverse("resolutions:target", args=[org.region.pk, reported.pk])
        vi = _json(c.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode(), "progress-chart-data")
        assert vi["lang"] == "vi" and vi["names"]["target"] != "Target"
        c.cookies["django_language"] = "en"
        en = _json(c.get(url).content.decode(), "progress-chart-data")
        assert en["lang"] == "en" and en["names"]["target"] == "Target"

    def test_a_target_with_nothing_entered_shows_no_canvas(self, org, users, login, handed):
        r = login(users.officer).get(reverse("resolutions:target", args=[org.region.pk, handed.pk]))
        html = r.content.decode()
        assert r.status_code == 200 and 'id="progress-chart"' in html
        assert "progress-chart-data" not in html

    def test_the_officer_sees_the_map_of_the_region(self, org, users, login, resolution, reported):
        url = reverse("resolutions:map", args=[org.region.pk, resolution.pk])
        r = login(users.officer).get(url)
        html = r.content.decode()
        assert r.status_code == 200
        assert org.brigade.name in html and org.pol.name in html and org.cell.name not in html
        assert 'class="map-cell standing-' in html
        r = login(users.officer).get(url + "?level=2")
        assert org.cell.name in r.content.decode()

    def test_a_viewer_sees_the_map_of_the_brigade_only(
        self, org, users, login, resolution, reported
    ):
        c = login(users.viewer)
        r = c.get(reverse("resolutions:map", args=[org.brigade.pk, resolution.pk]))
        html = r.content.decode()
        assert r.status_code == 200 and org.cell.name in html and org.other_cell.name in html
        # the region's resolution is named but not linked: the viewer does not reach it
        assert f'href="{reverse("resolutions:detail", args=[resolution.pk])}"' not in html
        assert (
            c.get(reverse("resolutions:map", args=[org.region.pk, resolution.pk])).status_code
            == 404
        )

    def test_a_secretary_reaches_the_map_of_the_cell(self, org, users, login, resolution, reported):
        c = login(users.secretary)
        assert (
            c.get(reverse("resolutions:map", args=[org.cell.pk, resolution.pk])).status_code == 200
        )
        r = c.get(reverse("resolutions:map", args=[org.brigade.pk, resolution.pk]))
        assert r.status_code == 404

    @pytest.mark.parametrize("who", ["nobody", "provincial"])
    def test_an_outsider_gets_404(self, org, users, login, resolution, reported, who):
        r = login(getattr(users, who)).get(
            reverse("resolutions:map", args=[org.region.pk, resolution.pk])
        )
        assert r.status_code == 404

    def test_a_resolution_not_handed_to_the_body_is_not_found_there(
        self, org, users, login, resolution, handed
    ):
        r = login(users.officer).get(
            reverse("resolutions:map", args=[org.pol_cell.pk, resolution.pk])
        )
        assert r.status_code == 404

    @pytest.mark.parametrize(
        "query", ["?level=abc", "?level=99999999999999", "?page=99999999999", "?level=-1&page=x"]
    )
    def test_tampered_parameters_still_answer(self, org, users, login, resolution, reported, query):
        r = login(users.officer).get(
            reverse("resolutions:map", args=[org.region.pk, resolution.pk]) + query
        )
        assert r.status_code == 200

    def test_a_cell_escapes_what_was_typed(self, org, users, login, resolution):
        t = sv.target_add(
            resolution=resolution,
            title="Chỉ tiêu <script>",
            measure="count",
            unit='<b onclick="x">',
            target_value=3,
            rollup="sum",
        )
        sv.target_hand_down(target=t, values={org.brigade: 3})
        r = login(users.officer).get(
            reverse("resolutions:map", args=[org.region.pk, resolution.pk])
        )
        html = r.content.decode()
        assert "<b onclick" not in html and "&lt;b onclick=&quot;x&quot;&gt;" in html
        assert "<script>" not in html.split("</header>")[1]

    def test_the_new_labels_read_in_vietnamese(
        self, org, users, login, resolution, reported, settings, tmp_path
    ):
        from ctct.core.tests.catalogs import compile_waiting

        settings.LOCALE_PATHS = [compile_waiting(tmp_path / "locale"), *settings.LOCALE_PATHS]
        c = login(users.officer)
        c.cookies["django_language"] = "vi"
        html = c.get(reverse("resolutions:detail", args=[resolution.pk])).content.decode()
        assert _json(html, "standing-chart-data")["axis"] == "Kết quả so với chỉ tiêu (%)"
        assert "Bản đồ tình hình thực hiện của cấp dưới theo từng chỉ tiêu" in html
        html = c.get(reverse("resolutions:map", args=[org.region.pk, resolution.pk])).content
        assert "không được giao" in html.decode() and "hiển thị 1–2" in html.decode()
