import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.congresses import rules as r
from ctct.congresses.models import CongressRound
from ctct.congresses.selectors import due_preparations, round_dashboard
from ctct.congresses.tests.factories import bring_to, open_round, prep_of
from ctct.core.scopes import Scope
from ctct.documents import due

ALL = Scope(user_id=None, is_superuser=True)


def dashboard_queries(rnd, scope, **kwargs) -> tuple[object, int]:
    rnd = CongressRound.objects.select_related("body").get(pk=rnd.pk)
    with CaptureQueriesContext(connection) as ctx:
        board = round_dashboard(rnd, scope, **kwargs)
    return board, len(ctx.captured_queries)


def test_the_dashboard_counts_each_level_and_branch_by_stage_and_lists_the_late(org):
    rnd = open_round(body=org.region, pilots=[org.cell])
    bring_to(prep_of(rnd, org.cell), r.HELD)
    plan_deadline = prep_of(rnd, org.other_cell).next_deadline
    board, _n = dashboard_queries(rnd, ALL, today=plan_deadline + dt.timedelta(days=1))
    assert board.total.total == 6
    cells = next(row for row in board.levels if row.key == r.CELL)
    assert cells.total == 3 and cells.stages[r.HELD] == 1 and cells.stages[r.PLAN] == 2
    assert [row.key for row in board.levels] == [r.CELL, r.GRASSROOTS, r.TOP]
    brigade = next(row for row in board.branches if row.body == org.brigade)
    assert brigade.total == 3  # the brigade and its two cells
    assert board.branches[0].body == org.region  # the round's own body first
    assert org.other_cell in [p.body for p in board.late]
    assert org.cell not in [p.body for p in board.late]
    assert [p.body for p in board.pilots] == [org.cell]


def test_the_dashboard_lists_late_pilots_first(org):
    rnd = open_round(body=org.region, pilots=[org.pol_cell])
    today = dt.date(2025, 12, 31)  # everyone late
    board, _n = dashboard_queries(rnd, ALL, today=today)
    assert board.late[0].body == org.pol_cell
    assert board.late_total == 6


def test_the_dashboard_shows_only_the_bodies_in_scope(org, users):
    rnd = open_round(body=org.region)
    board, _n = dashboard_queries(rnd, Scope.for_user(users.viewer), today=dt.date(2025, 1, 1))
    assert board.total.total == 3
    assert [row.body for row in board.branches] == [org.brigade]


def test_the_dashboard_runs_the_same_queries_whatever_the_tree(org, users):
    small = open_round(body=org.brigade, term_label="2025-2030")
    _board, few = dashboard_queries(small, ALL, today=dt.date(2025, 5, 1))
    _board, few_scoped = dashboard_queries(
        small, Scope.for_user(users.viewer), today=dt.date(2025, 5, 1)
    )
    for _ in range(3):
        unit = make_body(parent=org.pol)
        for _ in range(3):
            make_cell(parent=unit)
    big = open_round(body=org.pol, term_label="2025-2030")
    board, many = dashboard_queries(big, ALL, today=dt.date(2025, 5, 1))
    assert board.total.total == 14
    assert few == many <= 5
    _board, many_scoped = dashboard_queries(
        big, Scope.for_user(users.officer), today=dt.date(2025, 5, 1)
    )
    assert few_scoped == many_scoped


def test_the_due_list_shows_the_next_step_of_each_preparation(org):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.cell)
    today = prep.next_deadline - dt.timedelta(days=3)
    rows, total = due_preparations(ALL, today=today, under=org.cell)
    assert [p.body for p in rows] == [org.cell] and total == 1
    listed = due.due_list(ALL, today=today, under=org.cell, kinds=["congress"])
    with translation.override("en"):
        assert [(i.body, str(i.what)) for i in listed.items] == [
            (org.cell, "Adopt the congress plan")
        ]
    prep = bring_to(prep, r.PAPERS)
    listed = due.due_list(ALL, today=today, under=org.cell, kinds=["congress"])
    assert listed.items == []  # the papers are due later than the week ahead
    listed = due.due_list(ALL, today=prep.next_deadline, under=org.cell, kinds=["congress"])
    with translation.override("en"):
        assert [str(i.what) for i in listed.items] == ["Send the congress papers up"]


def test_the_due_list_of_a_body_runs_two_queries_whatever_the_tree(org):
    open_round(body=org.region)
    today = dt.date(2025, 6, 1)
    with CaptureQueriesContext(connection) as ctx:
        due_preparations(ALL, today=today, under=org.cell)
    with CaptureQueriesContext(connection) as ctx_all:
        rows, total = due_preparations(ALL, today=today)
    assert len(ctx.captured_queries) == len(ctx_all.captured_queries) == 2
    assert total == 6 and len(rows) == 6


def test_a_branch_below_the_rounds_body_counts_the_bodies_right_under_it(org):
    rnd = open_round(body=org.region, pilots=[org.cell])
    board, n = dashboard_queries(rnd, ALL, today=dt.date(2025, 1, 1), at=org.brigade)
    assert n <= 5
    assert board.total.total == 3
    assert [(row.body, row.total) for row in board.branches] == [
        (org.brigade, 1),
        (org.cell, 1),
        (org.other_cell, 1),
    ]
    assert [p.body for p in board.pilots] == [org.cell]


def _term_congress(body, people, n_targets, handed_to=()):
    from ctct.congresses import services
    from ctct.resolutions import services as res

    a = people[0]
    congress = services.congress_record(
        body=body,
        term_label="2025-2030",
        kind="delegates",
        opened_on=dt.date(2025, 5, 20),
        delegates_summoned=10,
        delegates_present=10,
        committee=[(a, "95")],
        secretary=a,
        postponement_reason="Theo kế hoạch",
    )
    congress = services.congress_resolution_create(congress=congress, title="Nghị quyết Đại hội")
    for i in range(n_targets):
        target = res.target_add(
            resolution=congress.resolution,
            title=f"Chỉ tiêu {i}",
            measure="percent",
            target_value="90",
            rollup="mean",
        )
        if handed_to:
            res.target_hand_down(target=target, values=dict.fromkeys(handed_to, "90"))
            for cell in handed_to:
                res.progress_enter(
                    target=target, body=cell, value="91", on=dt.date(2025, 9, 1), note="x"
                )
    return congress


def test_the_term_targets_of_a_congress_resolution_read_in_three_queries_whatever_their_count(
    org,
):
    from ctct.congresses.models import Congress
    from ctct.congresses.selectors import term_targets
    from ctct.people.tests.factories import make_person

    small = _term_congress(org.pol, [make_person(body=org.pol)], 1)
    big = _term_congress(
        org.brigade, [make_person(body=org.brigade)], 4, handed_to=[org.cell, org.other_cell]
    )
    counts = []
    for congress, body in ((small, org.pol), (big, org.brigade)):
        congress = Congress.objects.select_related("term").get(pk=congress.pk)
        with CaptureQueriesContext(connection) as ctx:
            rows = term_targets(congress, body, today=dt.date(2025, 10, 1))
        counts.append(len(ctx.captured_queries))
    assert counts == [3, 3]
    assert [bt.target.title for bt in rows] == [f"Chỉ tiêu {i}" for i in range(4)]
    assert all(bt.node.value == 91 for bt in rows)  # rolled up from the cells
    assert term_targets(None, org.pol) == []
