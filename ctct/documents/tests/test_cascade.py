"""Addressing a directive down the tree and following every recipient through its steps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.documents import services
from ctct.documents.models import Recipient, Step
from ctct.documents.selectors import addressed_to, reminders, rollup

D = dt.date


@pytest.fixture
def directive(org):
    return services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 9, 10), title="Đại hội"
    )


def test_addressing_a_subtree_reaches_every_active_body_below_the_issuer(org, directive):
    _d, added = services.distribution_create(
        document=directive, subtree_of=org.region, disseminated_by=D(2025, 10, 1)
    )
    assert added == 5
    assert set(Recipient.objects.values_list("body__name", flat=True)) == {
        "Đảng ủy Cục Chính trị",
        "Chi bộ Phòng Tuyên huấn",
        "Đảng ủy Lữ đoàn 657",
        "Chi bộ Đại đội 1",
        "Chi bộ Đại đội 2",
    }


def test_addressing_to_a_depth_stops_there(org, directive):
    _d, added = services.distribution_create(document=directive, subtree_of=org.region, depth=1)
    assert added == 2


def test_addressing_twice_adds_nobody_twice(org, directive):
    services.distribution_create(document=directive, bodies=[org.brigade])
    _d, added = services.distribution_create(document=directive, subtree_of=org.brigade)
    assert added == 2
    assert Recipient.objects.filter(document=directive).count() == 3


def test_addressing_a_body_outside_the_issuers_subtree_is_refused(org, directive):
    with pytest.raises(ValidationError) as e:
        services.distribution_create(document=directive, bodies=[org.province])
    assert "Tỉnh ủy Tây Sơn" in e.value.messages[0]
    assert not Recipient.objects.exists()


def test_a_deadline_before_the_issue_date_is_refused(org, directive):
    with pytest.raises(ValidationError) as e:
        services.distribution_create(
            document=directive, bodies=[org.cell], reported_by=D(2025, 9, 1)
        )
    assert "01/09/2025" in e.value.messages[0]
    assert not Recipient.objects.exists()


def test_deadlines_out_of_step_order_are_refused(org, directive):
    with pytest.raises(ValidationError):
        services.distribution_create(
            document=directive,
            bodies=[org.cell],
            disseminated_by=D(2025, 12, 1),
            reported_by=D(2025, 11, 1),
        )


def test_a_step_cannot_be_skipped(org, directive, users):
    services.distribution_create(document=directive, bodies=[org.cell])
    r = Recipient.objects.get(body=org.cell)
    with pytest.raises(ValidationError) as e:
        services.recipient_advance(recipient=r, step=Step.REPORTED, user=users.secretary)
    assert "Chi bộ Đại đội 1" in e.value.messages[0]
    r.refresh_from_db()
    assert r.step == Step.ADDRESSED and r.reported_at is None


def test_each_step_records_who_and_when_and_links_its_evidence(org, directive, users):
    services.distribution_create(document=directive, bodies=[org.cell])
    r = Recipient.objects.get(body=org.cell)
    services.recipient_advance(recipient=r, step=Step.RECEIVED, user=users.secretary)
    services.recipient_advance(
        recipient=r,
        step=Step.DISSEMINATED,
        user=users.secretary,
        conference_note="Hội nghị quán triệt ngày 20/9",
    )
    plan = services.document_register(citation="Kế hoạch số 12-KH/CB", issuer=org.cell)
    services.recipient_advance(
        recipient=r, step=Step.CONCRETIZED, user=users.secretary, implementing_document=plan
    )
    report = services.document_register(citation="Báo cáo số 15-BC/CB", issuer=org.cell)
    services.recipient_advance(
        recipient=r, step=Step.REPORTED, user=users.secretary, report_document=report
    )
    r.refresh_from_db()
    assert r.step == Step.REPORTED
    assert r.received_user == r.disseminated_user == r.reported_user == users.secretary
    assert r.received_at <= r.disseminated_at <= r.concretized_at <= r.reported_at
    assert plan.relations_up.get().target == directive  # the plan concretizes the directive
    assert r.history.count() == 5


def test_concretizing_needs_the_bodys_own_document(org, directive):
    services.distribution_create(document=directive, bodies=[org.cell])
    r = Recipient.objects.get(body=org.cell)
    services.recipient_advance(recipient=r, step=Step.RECEIVED)
    services.recipient_advance(recipient=r, step=Step.DISSEMINATED, conference_note="x")
    other = services.document_register(citation="Kế hoạch số 3-KH/CB", issuer=org.other_cell)
    with pytest.raises(ValidationError):
        services.recipient_advance(recipient=r, step=Step.CONCRETIZED, implementing_document=other)
    with pytest.raises(ValidationError):
        services.recipient_advance(recipient=r, step=Step.CONCRETIZED)


def test_not_applicable_needs_a_reason(org, directive):
    services.distribution_create(document=directive, bodies=[org.cell])
    r = Recipient.objects.get(body=org.cell)
    with pytest.raises(ValidationError):
        services.recipient_advance(recipient=r, step=Step.NOT_APPLICABLE, reason=" ")
    services.recipient_advance(recipient=r, step=Step.NOT_APPLICABLE, reason="Đơn vị đã giải thể")
    r.refresh_from_db()
    assert r.step == Step.NOT_APPLICABLE and r.not_applicable_reason == "Đơn vị đã giải thể"


def test_the_rollup_counts_per_step_and_per_branch_and_lists_the_late(
    org, directive, django_assert_max_num_queries
):
    services.distribution_create(
        document=directive,
        subtree_of=org.region,
        received_by=D(2025, 9, 15),
        disseminated_by=D(2025, 10, 1),
    )
    for body in (org.cell, org.pol):
        r = Recipient.objects.get(body=body)
        services.recipient_advance(recipient=r, step=Step.RECEIVED)
    services.recipient_advance(
        recipient=Recipient.objects.get(body=org.cell), step=Step.DISSEMINATED, conference_note="x"
    )
    with django_assert_max_num_queries(6):
        data = rollup(directive, org.region, today=D(2025, 10, 11))
    assert data.overall.total == 5
    assert (
        data.overall.at_least(Step.RECEIVED) == 2 and data.overall.at_least(Step.DISSEMINATED) == 1
    )
    branches = {b.body.name: b.counts for b in data.branches}
    assert (
        branches["Đảng ủy Lữ đoàn 657"].total == 3 and branches["Đảng ủy Cục Chính trị"].total == 2
    )
    late = {o.recipient.body.name: (o.missed_step, o.days_late) for o in data.overdue}
    # received, but not disseminated by 1/10; the other not even received by 15/9
    assert late["Đảng ủy Cục Chính trị"] == (Step.DISSEMINATED, 10)
    assert late["Chi bộ Đại đội 2"] == (Step.RECEIVED, 26)
    assert "Chi bộ Đại đội 1" not in late
    assert data.overdue_total == 4


def test_drilling_down_to_a_branch_counts_only_it(org, directive):
    services.distribution_create(document=directive, subtree_of=org.region)
    data = rollup(directive, org.brigade)
    assert data.overall.total == 3 and data.here is not None
    assert [b.body.name for b in data.branches] == ["Chi bộ Đại đội 1", "Chi bộ Đại đội 2"]


def test_a_body_sees_what_is_due_next(org, directive, users):
    services.distribution_create(
        document=directive,
        bodies=[org.cell],
        received_by=D(2025, 9, 20),
        disseminated_by=D(2025, 10, 5),
    )
    from ctct.core.scopes import Scope

    items = addressed_to(org.cell, Scope.for_user(users.secretary), today=D(2025, 9, 25))
    assert [(i.step, i.deadline, i.overdue) for i in items] == [
        (Step.RECEIVED, D(2025, 9, 20), True)
    ]


def test_reminders_list_what_falls_due_within_a_week_in_scope(org, directive, users):
    from ctct.core.scopes import Scope

    services.distribution_create(
        document=directive, subtree_of=org.region, received_by=D(2025, 9, 20)
    )
    mine = reminders(Scope.for_user(users.secretary), today=D(2025, 9, 15))
    assert [i.recipient.body.name for i in mine.items] == ["Chi bộ Đại đội 1"] and mine.total == 1
    assert reminders(Scope.for_user(users.secretary), today=D(2025, 9, 1)).items == []


def test_moving_a_body_keeps_the_rollup_right(org, directive):
    from ctct.bodies.services import body_move

    services.distribution_create(document=directive, subtree_of=org.region)
    body_move(body=org.brigade, new_parent=org.pol)
    data = rollup(directive, org.pol)
    assert data.overall.total == 5  # itself, Phòng Tuyên huấn, the brigade and its two cells
    assert {b.body.name for b in data.branches} == {
        "Chi bộ Phòng Tuyên huấn",
        "Đảng ủy Lữ đoàn 657",
    }


def test_the_remind_command_lists_due_steps_per_body(org, directive):
    import io

    from django.core.management import call_command

    services.distribution_create(
        document=directive, subtree_of=org.brigade, received_by=D(2025, 9, 20)
    )
    out = io.StringIO()
    call_command("remind", today="2025-9-25".replace("-9-", "-09-"), stdout=out)
    text = out.getvalue()
    assert "Chi bộ Đại đội 1" in text and "OVERDUE 5 d" in text
    assert text.strip().endswith("3 steps due within 7 days or overdue (3 overdue).")


def test_reminders_put_the_most_overdue_first_and_count_them_all(org, directive, users):
    from ctct.core.scopes import Scope

    services.distribution_create(document=directive, bodies=[org.cell], received_by=D(2025, 9, 20))
    later = services.document_issue(
        issuer=org.region, type_code="KH", issued_on=D(2025, 9, 12), title="x"
    )
    services.distribution_create(document=later, bodies=[org.cell], received_by=D(2025, 9, 14))
    due = reminders(Scope.for_user(users.secretary), today=D(2025, 9, 25), limit=1)
    assert due.total == 2
    assert [i.recipient.document for i in due.items] == [later]  # 11 days late before 5
