"""The "Đến hạn" registry: every registered kind of deadline in one list, most overdue first,
each kind counted; the documents' own directive steps are one kind among them."""

from __future__ import annotations

import datetime as dt

import pytest

from ctct.core.scopes import Scope
from ctct.documents import due, services

D = dt.date
SUPER = Scope(user_id=None, is_superuser=True)


class FixedDue(due.DueSource):
    """A kind of deadline that answers the reminders it was built with."""

    name = "fixed"
    label = "Fixed"
    order = 50
    noun = "fixed items"

    def __init__(self, items):
        self.items = items
        self.asked = []

    def due(self, scope, *, today, within_days, limit, under=None):
        self.asked.append((today, within_days, limit, under))
        return due.Batch(items=self.items[:limit], total=len(self.items))


def reminder(body, deadline, today, title="Việc"):
    return due.Reminder(
        kind="fixed",
        kind_label="Fixed",
        body=body,
        what="Do",
        title=title,
        deadline=deadline,
        days_left=(deadline - today).days,
    )


@pytest.fixture
def registry(monkeypatch):
    """The registry as the apps filled it, restored after the test."""
    monkeypatch.setattr(due, "_SOURCES", dict(due._SOURCES))
    return due


@pytest.fixture
def directive(org):
    return services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 9, 10), title="Đại hội"
    )


class TestRegistry:
    def test_the_apps_register_directive_steps_first_and_target_entries(self):
        names = [s.name for s in due.sources()]
        assert names[0] == "steps" and "entries" in names

    def test_a_source_without_a_name_is_refused(self, registry):
        with pytest.raises(ValueError):
            registry.register(due.DueSource())

    def test_registering_a_name_again_replaces_the_source(self, registry):
        first, second = FixedDue([]), FixedDue([])
        registry.register(first)
        registry.register(second)
        assert [s for s in registry.sources() if s.name == "fixed"] == [second]

    def test_the_list_merges_the_kinds_most_overdue_first(self, org, registry, directive):
        today = D(2025, 9, 25)
        services.distribution_create(
            document=directive, bodies=[org.cell], received_by=D(2025, 9, 20)
        )
        fixed = registry.register(
            FixedDue(
                [
                    reminder(org.brigade, D(2025, 9, 18), today, "Sớm"),
                    reminder(org.pol, D(2025, 9, 28), today, "Muộn"),
                ]
            )
        )
        found = due.due_list(SUPER, today=today)
        assert [(i.kind, i.title) for i in found.items] == [
            ("fixed", "Sớm"),
            ("steps", directive.citation),
            ("fixed", "Muộn"),
        ]
        assert found.totals["steps"] == 1 and found.totals["fixed"] == 2 and found.total >= 3
        assert found.overdue_totals["fixed"] == 1 and found.overdue_totals["steps"] == 1
        assert fixed.asked == [(today, 7, 100, None)]

    def test_the_same_day_orders_bodies_in_tree_order_then_kinds(self, org, registry, directive):
        today = D(2025, 9, 25)
        services.distribution_create(
            document=directive, bodies=[org.cell], received_by=D(2025, 9, 20)
        )
        registry.register(
            FixedDue(
                [
                    reminder(org.cell, D(2025, 9, 20), today, "Chi bộ"),
                    reminder(org.brigade, D(2025, 9, 20), today, "Đảng ủy"),
                ]
            )
        )
        found = due.due_list(SUPER, today=today)
        assert [(i.body, i.kind) for i in found.items] == [
            (org.brigade, "fixed"),
            (org.cell, "steps"),
            (org.cell, "fixed"),
        ]

    def test_the_limit_cuts_the_merged_list_and_the_total_counts_everything(
        self, org, registry, directive
    ):
        today = D(2025, 9, 25)
        services.distribution_create(
            document=directive, subtree_of=org.region, received_by=D(2025, 9, 20)
        )
        registry.register(FixedDue([reminder(org.cell, D(2025, 9, 1), today)]))
        found = due.due_list(SUPER, today=today, limit=2)
        assert len(found.items) == 2 and found.items[0].kind == "fixed"
        assert found.total == 6  # five recipients and the fixed item
        assert due.due_list(SUPER, today=today, kinds=["fixed"]).total == 1

    def test_directive_steps_keep_their_recipient_and_a_record_link_for_who_may(
        self, org, users, directive
    ):
        services.distribution_create(
            document=directive, bodies=[org.cell], received_by=D(2025, 9, 20)
        )
        today = D(2025, 9, 25)
        [item] = due.due_list(Scope.for_user(users.secretary), today=today, kinds=["steps"]).items
        assert item.source.recipient.body == org.cell and item.overdue and item.days_late == 5
        assert item.action_url.endswith(f"/recipients/{item.source.recipient.pk}/step/")
        [seen] = due.due_list(Scope.for_user(users.viewer), today=today, kinds=["steps"]).items
        assert seen.action_url == ""  # a viewer may not record steps

    def test_a_branch_narrows_the_directive_steps(self, org, directive):
        services.distribution_create(
            document=directive, subtree_of=org.region, received_by=D(2025, 9, 20)
        )
        found = due.due_list(SUPER, today=D(2025, 9, 25), under=org.brigade, kinds=["steps"])
        assert {i.body for i in found.items} == {org.brigade, org.cell, org.other_cell}

    def test_directive_steps_take_two_queries(self, org, directive, django_assert_num_queries):
        services.distribution_create(
            document=directive, subtree_of=org.region, received_by=D(2025, 9, 20)
        )
        with django_assert_num_queries(2):
            due.due_list(SUPER, today=D(2025, 9, 25), kinds=["steps"])
