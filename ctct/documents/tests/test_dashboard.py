"""The cascade dashboard: every step per branch (chart and table), the parent chain where
names repeat, a fixed number of queries, and the .xlsx status list with real dates."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.documents import services
from ctct.documents.models import Step
from ctct.documents.selectors import rollup
from ctct.documents.tests.factories import advance_recipient, make_document, recipient_of

D = dt.date
TODAY = D(2025, 10, 11)


@pytest.fixture
def battalions(org):
    """Two battalions of the brigade, each with a "Chi bộ Đại đội 4": the same name twice."""
    out = []
    for n in (1, 2):
        battalion = make_body(
            parent=org.brigade, name=f"Đảng ủy Tiểu đoàn {n}", unit_name=f"Tiểu đoàn {n}"
        )
        company = make_cell(parent=battalion, name="Chi bộ Đại đội 4", unit_name="Đại đội 4")
        out.append((battalion, company))
    return out


@pytest.fixture
def directive(org, battalions):
    return make_document(
        issuer=org.region,
        issued_on=D(2025, 9, 10),
        title="Về đại hội đảng",
        subtree_of=org.region,
        received_by=D(2025, 9, 20),
        disseminated_by=D(2025, 10, 1),
        concretized_by=D(2025, 10, 20),
        reported_by=D(2025, 12, 1),
    )


@pytest.fixture
def progress(org, directive, battalions):
    """A month in: the brigade's bodies are on their way, the political agency has reported,
    one company is out of it."""
    for body, step in (
        (org.pol, Step.REPORTED),
        (org.pol_cell, Step.CONCRETIZED),
        (org.brigade, Step.DISSEMINATED),
        (org.cell, Step.RECEIVED),
    ):
        advance_recipient(recipient=recipient_of(document=directive, body=body), to=step)
    out = recipient_of(document=directive, body=battalions[1][1])
    advance_recipient(recipient=out, to=Step.NOT_APPLICABLE, reason="Đang diễn tập")
    return directive


class TestEveryStepPerBranch:
    def test_each_branch_counts_every_step_not_only_the_reports(self, org, progress):
        data = rollup(progress, org.region, today=TODAY)
        branches = {b.body.name: b.counts for b in data.branches}
        brigade = branches["Đảng ủy Lữ đoàn 657"]
        # brigade, its two cells, two battalions and their companies (one not applicable)
        assert brigade.total == 7 and brigade.not_applicable == 1
        assert [n for _label, n, _share in brigade.bars] == [2, 1, 0, 0]
        assert [share for _label, _n, share in brigade.bars] == [33, 17, 0, 0]
        pol = branches["Đảng ủy Cục Chính trị"]
        assert [n for _label, n, _share in pol.bars] == [2, 2, 2, 1]

    def test_a_branchs_stacked_bar_splits_it_by_where_each_body_stands(self, org, progress):
        data = rollup(progress, org.region, today=TODAY)
        brigade = {b.body.name: b.counts for b in data.branches}["Đảng ủy Lữ đoàn 657"]
        parts = [(s.step, s.n) for s in brigade.segments]
        assert parts == [
            (Step.DISSEMINATED, 1),
            (Step.RECEIVED, 1),
            (Step.ADDRESSED, 4),
            (Step.NOT_APPLICABLE, 1),
        ]
        assert sum(s.width for s in brigade.segments) == pytest.approx(100)
        assert [s.x for s in brigade.segments][1] == pytest.approx(100 / 7)

    def test_the_page_shows_every_step_per_branch_as_a_chart_and_a_table(
        self, org, users, client, progress
    ):
        client.force_login(users.officer)
        html = client.get(reverse("documents:dashboard", args=[progress.pk])).content.decode()
        chart = html[html.index('class="bars stacks"') : html.index('class="steps"')]
        for step in (Step.REPORTED, Step.CONCRETIZED, Step.DISSEMINATED, Step.RECEIVED):
            assert f'class="s{step.value}"' in chart
        table = html[html.index('class="steps"') :]
        table = table[: table.index("</table>")]
        for step in (Step.RECEIVED, Step.DISSEMINATED, Step.CONCRETIZED, Step.REPORTED):
            assert f">{step.label}</th>" in table
        brigade_row = table[table.index("Đảng ủy Lữ đoàn 657") :]
        brigade_row = brigade_row[: brigade_row.index("</tr>")]
        cells = re.findall(r'<td class="num">([^<]*)', brigade_row)
        assert [c.strip() for c in cells] == ["7", "2", "1", "0", "0", "1"]

    def test_the_bars_need_no_inline_styles(self, org, users, client, progress):
        client.force_login(users.officer)
        html = client.get(reverse("documents:dashboard", args=[progress.pk])).content.decode()
        main = html[html.index("<h1>") :]
        assert "style=" not in main


class TestParentChains:
    def test_overdue_bodies_of_the_same_name_show_the_bodies_above_them(
        self, org, users, client, directive, battalions
    ):
        data = rollup(directive, org.region, today=TODAY)
        chains = [
            [a.name for a in o.chain]
            for o in data.overdue
            if o.recipient.body.name == "Chi bộ Đại đội 4"
        ]
        assert sorted(chains) == [
            ["Đảng ủy Lữ đoàn 657", "Đảng ủy Tiểu đoàn 1"],
            ["Đảng ủy Lữ đoàn 657", "Đảng ủy Tiểu đoàn 2"],
        ]
        client.force_login(users.officer)
        html = client.get(reverse("documents:dashboard", args=[directive.pk])).content.decode()
        assert "Đảng ủy Lữ đoàn 657 › Đảng ủy Tiểu đoàn 1" in html
        assert "Đảng ủy Lữ đoàn 657 › Đảng ủy Tiểu đoàn 2" in html

    def test_the_chain_starts_below_the_body_the_dashboard_is_drilled_to(
        self, org, directive, battalions
    ):
        data = rollup(directive, org.brigade, today=TODAY)
        company = next(o for o in data.overdue if o.recipient.body == battalions[0][1])
        assert [a.name for a in company.chain] == ["Đảng ủy Tiểu đoàn 1"]


class TestQueries:
    def _queries(self, directive, root) -> int:
        with CaptureQueriesContext(connection) as ctx:
            rollup(directive, root, today=TODAY)
        return len(ctx.captured_queries)

    def test_the_rollup_keeps_its_fixed_number_of_queries_as_the_tree_grows(
        self, org, progress, battalions, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(6):
            rollup(progress, org.region, today=TODAY)
        before = self._queries(progress, org.region)
        for battalion, _company in battalions:
            for n in range(5, 9):
                company = make_cell(parent=battalion, name=f"Chi bộ Đại đội {n}")
                services.distribution_create(document=progress, bodies=[company])
        assert self._queries(progress, org.region) == before


# --- the .xlsx status list ---------------------------------------------------------------------

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_sheet(content: bytes) -> list[dict[str, object]]:
    """The rows of the first sheet, each as {column letter: value}: strings as str, numbers
    as (float, number format) so a date cell is told from a text one."""
    z = zipfile.ZipFile(io.BytesIO(content))
    shared = [
        "".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
        for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)
    ]
    styles = ElementTree.fromstring(z.read("xl/styles.xml"))
    formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{{{NS['m']}}}numFmt")}
    xfs = [x.get("numFmtId") for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
    rows = []
    sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        cells = {}
        for c in row.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group()
            v = c.find("m:v", NS)
            if v is None:
                continue
            if c.get("t") == "s":
                cells[col] = shared[int(v.text)]
            else:
                cells[col] = (float(v.text), formats.get(xfs[int(c.get("s", 0))]))
        rows.append(cells)
    return rows


def excel_date(d: dt.date) -> tuple[float, str]:
    return float((d - D(1899, 12, 30)).days), "dd/mm/yyyy"


class TestExport:
    def test_the_status_list_has_the_parent_chain_the_deadlines_and_real_dates(
        self, org, users, client, directive, battalions
    ):
        # Received late in the evening of 19/9 UTC: already 20/9 in Vietnam.
        evening = dt.datetime(2025, 9, 19, 20, 0, tzinfo=dt.UTC)
        company = battalions[1][1]
        advance_recipient(
            recipient=recipient_of(document=directive, body=company), to=Step.RECEIVED, when=evening
        )
        client.force_login(users.officer)
        r = client.get(reverse("documents:export", args=[directive.pk]), {"body": org.brigade.pk})
        header, *rows = read_sheet(r.content)
        assert len(header) == 12
        by_chain = {(row["A"], row.get("B", "")): row for row in rows}
        assert ("Đảng ủy Lữ đoàn 657", "") in by_chain  # the list's own body, nothing above
        assert ("Chi bộ Đại đội 1", "Đảng ủy Lữ đoàn 657") in by_chain
        first = by_chain[("Chi bộ Đại đội 4", "Đảng ủy Lữ đoàn 657 › Đảng ủy Tiểu đoàn 1")]
        second = by_chain[("Chi bộ Đại đội 4", "Đảng ủy Lữ đoàn 657 › Đảng ủy Tiểu đoàn 2")]
        # Deadlines and the day each step was recorded are Excel dates, not text.
        assert [second[c] for c in "DFHJ"] == [
            excel_date(D(2025, 9, 20)),
            excel_date(D(2025, 10, 1)),
            excel_date(D(2025, 10, 20)),
            excel_date(D(2025, 12, 1)),
        ]
        assert second["E"] == excel_date(D(2025, 9, 20))
        assert "E" not in first and "G" not in second

    def test_a_not_applicable_body_gives_its_reason(self, org, users, client, progress):
        client.force_login(users.officer)
        r = client.get(reverse("documents:export", args=[progress.pk]))
        rows = read_sheet(r.content)[1:]
        reasons = {row["A"] + " / " + row.get("B", ""): row.get("L") for row in rows}
        key = "Chi bộ Đại đội 4 / ĐU QK8 › Đảng ủy Lữ đoàn 657 › Đảng ủy Tiểu đoàn 2"
        assert reasons[key] == "Đang diễn tập"

    def test_the_export_reads_a_fixed_number_of_queries(
        self, org, users, client, progress, battalions
    ):
        from ctct.documents.selectors import status_rows

        with CaptureQueriesContext(connection) as small:
            list(status_rows(progress, org.region))
        for battalion, _company in battalions:
            company = make_cell(parent=battalion, name="Chi bộ Đại đội 5")
            services.distribution_create(document=progress, bodies=[company])
        with CaptureQueriesContext(connection) as large:
            rows = list(status_rows(progress, org.region))
        assert len(large.captured_queries) == len(small.captured_queries) == 2
        assert timezone.localdate() in {d for row in rows for d in row.done_on}


def test_a_directive_with_only_a_report_deadline_counts_the_late_against_it(org, client, users):
    doc = make_document(issuer=org.region, subtree_of=org.region, reported_by=D(2025, 10, 1))
    data = rollup(doc, org.region, today=TODAY)
    assert data.overdue and all(o.deadline == D(2025, 10, 1) for o in data.overdue)
    assert {o.days_late for o in data.overdue} == {10}
    client.force_login(users.officer)
    assert client.get(reverse("documents:dashboard", args=[doc.pk])).status_code == 200
