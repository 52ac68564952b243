"""Correcting and removing what was written: resolutions, focus tasks and solution groups,
targets, shares handed down (and handing down at any depth), progress entries. Every refusal
changes nothing; every change leaves history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.resolutions import services as sv
from ctct.resolutions.models import (
    FocusTask,
    ProgressEntry,
    Resolution,
    SolutionGroup,
    Target,
    TargetAssignment,
)

JUNE = dt.date(2025, 6, 30)


def refusal(e, field="__all__"):
    return e.value.error_dict[field][0]


def enter(target, body, value=1, on=JUNE, note="Báo cáo"):
    return sv.progress_enter(target=target, body=body, value=value, on=on, note=note)


@pytest.fixture
def handed(org, admissions):
    """The admissions target handed to the brigade (8), passed on to its two cells (4 each)."""
    (brigade,) = sv.target_hand_down(target=admissions, values={org.brigade: 8})
    sv.target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=brigade)
    return admissions


class TestResolution:
    def test_the_title_and_period_are_corrected_and_its_targets_follow(
        self, users, resolution, admissions
    ):
        sv.resolution_update(
            resolution=resolution,
            title="  Nghị quyết  năm 2026 ",
            period="2026",
            user=users.officer,
        )
        resolution.refresh_from_db()
        admissions.refresh_from_db()
        assert (resolution.title, resolution.period) == ("Nghị quyết năm 2026", "2026")
        assert admissions.period == "2026"
        assert admissions.entry_deadline == dt.date(2026, 12, 15)
        assert resolution.history.first().history_user == users.officer

    def test_a_target_of_its_own_period_that_no_longer_fits_is_refused(self, resolution):
        half = sv.target_add(
            resolution=resolution,
            title="Sơ kết 6 tháng",
            measure="count",
            target_value=1,
            rollup="sum",
            period="2025-H2",
        )
        with pytest.raises(ValidationError) as e:
            sv.resolution_update(resolution=resolution, period="2026")
        assert refusal(e, "period").message == sv.MSG_TARGET_OUTSIDE_NEW
        assert refusal(e, "period").params["target"] == half.title
        resolution.refresh_from_db()
        assert resolution.period == "2025"

    def test_a_period_leaving_entries_before_it_is_refused(self, org, resolution, admissions):
        enter(admissions, org.region, on=dt.date(2025, 3, 1))
        with pytest.raises(ValidationError) as e:
            sv.resolution_update(resolution=resolution, period="2025-H2")
        assert refusal(e, "period").message == sv.MSG_ENTRY_BEFORE_PERIOD
        admissions.refresh_from_db()
        assert admissions.period == "2025"

    def test_the_conference_and_document_are_linked_and_unlinked(self, org, resolution):
        from ctct.conferences.tests.factories import make_conference
        from ctct.documents.tests.factories import make_document

        conf = make_conference(body=org.region, kind="ra_nghi_quyet", held_on=dt.date(2025, 1, 5))
        doc = make_document(issuer=org.region)
        sv.resolution_update(resolution=resolution, adopted_at=conf, document=doc)
        resolution.refresh_from_db()
        assert (resolution.adopted_at, resolution.document) == (conf, doc)
        sv.resolution_update(resolution=resolution, adopted_at=None)
        resolution.refresh_from_db()
        assert resolution.adopted_at is None and resolution.document == doc

    def test_a_conference_of_another_body_is_refused(self, org, resolution):
        from ctct.conferences.tests.factories import make_conference

        conf = make_conference(body=org.brigade, kind="ra_nghi_quyet", held_on=dt.date(2025, 1, 5))
        with pytest.raises(ValidationError) as e:
            sv.resolution_update(resolution=resolution, adopted_at=conf, title="Khác")
        assert refusal(e, "adopted_at").message == sv.MSG_CONFERENCE_BODY
        resolution.refresh_from_db()
        assert resolution.adopted_at is None and resolution.title != "Khác"

    def test_a_document_of_another_resolution_is_refused(self, org, resolution):
        from ctct.documents.tests.factories import make_document

        doc = make_document(issuer=org.region)
        sv.resolution_create(body=org.region, period="2026", title="Năm 2026", document=doc)
        with pytest.raises(ValidationError) as e:
            sv.resolution_update(resolution=resolution, document=doc)
        assert refusal(e, "document").message == sv.MSG_DOCUMENT_TAKEN

    def test_a_resolution_with_entries_is_not_removed(self, org, resolution, handed):
        enter(handed, org.cell)
        with pytest.raises(ValidationError) as e:
            sv.resolution_remove(resolution=resolution)
        assert refusal(e).message == sv.MSG_RESOLUTION_HAS_ENTRIES
        assert Resolution.objects.exists() and TargetAssignment.objects.count() == 3

    def test_a_resolution_is_removed_with_its_parts_and_the_history_keeps_them(
        self, users, resolution, handed
    ):
        sv.focus_task_add(resolution=resolution, text="Xây dựng đảng bộ trong sạch vững mạnh")
        sv.resolution_remove(resolution=resolution, user=users.officer)
        assert not Resolution.objects.exists() and not Target.objects.exists()
        assert not TargetAssignment.objects.exists() and not FocusTask.objects.exists()
        gone = Resolution.history.filter(history_type="-").get()
        assert gone.title == resolution.title and gone.history_user == users.officer
        assert TargetAssignment.history.filter(history_type="-").count() == 3
        assert {h.history_user for h in Target.history.filter(history_type="-")} == {users.officer}

    def test_a_step_of_another_resolution_blocks_the_removal(self, org, resolution, admissions):
        term = sv.resolution_create(body=org.region, period="2025-2030", title="Nhiệm kỳ")
        whole = sv.target_add(
            resolution=term, title="Kết nạp", measure="count", target_value=60, rollup="sum"
        )
        sv.target_link(target=admissions, parent=whole)
        with pytest.raises(ValidationError) as e:
            sv.resolution_remove(resolution=term)
        assert refusal(e).message == sv.MSG_STEPS_ELSEWHERE
        sv.resolution_remove(resolution=resolution)  # the step's own resolution goes freely
        assert Resolution.objects.get() == term


class TestParts:
    @pytest.fixture
    def tasks(self, resolution):
        return [
            sv.focus_task_add(resolution=resolution, text=text) for text in ("Một", "Hai", "Ba")
        ]

    def texts(self, resolution, model=FocusTask):
        return list(model.objects.filter(resolution=resolution).values_list("order", "text"))

    def test_a_task_is_corrected(self, users, resolution, tasks):
        sv.focus_task_update(task=tasks[1], text=" Hai (sửa) ", user=users.officer)
        assert self.texts(resolution) == [(1, "Một"), (2, "Hai (sửa)"), (3, "Ba")]
        assert tasks[1].history.first().history_user == users.officer

    def test_an_empty_text_is_refused(self, resolution, tasks):
        with pytest.raises(ValidationError) as e:
            sv.focus_task_update(task=tasks[0], text="  ")
        assert refusal(e, "text").message == sv.MSG_EMPTY_TEXT
        assert self.texts(resolution)[0] == (1, "Một")

    def test_tasks_move_up_and_down_keeping_their_numbers(self, resolution, tasks):
        sv.focus_task_move(task=tasks[2], up=True)
        assert self.texts(resolution) == [(1, "Một"), (2, "Ba"), (3, "Hai")]
        sv.focus_task_move(task=tasks[0], up=False)
        assert self.texts(resolution) == [(1, "Ba"), (2, "Một"), (3, "Hai")]

    def test_the_first_stays_first(self, resolution, tasks):
        sv.focus_task_move(task=tasks[0], up=True)
        sv.focus_task_move(task=tasks[2], up=False)
        assert self.texts(resolution) == [(1, "Một"), (2, "Hai"), (3, "Ba")]

    def test_a_removed_task_leaves_no_gap(self, users, resolution, tasks):
        sv.focus_task_remove(task=tasks[0], user=users.officer)
        assert self.texts(resolution) == [(1, "Hai"), (2, "Ba")]
        assert FocusTask.history.filter(history_type="-").get().text == "Một"

    def test_solution_groups_are_corrected_moved_and_removed(self, resolution):
        a = sv.solution_group_add(resolution=resolution, text="Giải pháp A")
        b = sv.solution_group_add(resolution=resolution, text="Giải pháp B")
        sv.solution_group_update(group=a, text="Giải pháp A1")
        sv.solution_group_move(group=b, up=True)
        assert self.texts(resolution, SolutionGroup) == [(1, "Giải pháp B"), (2, "Giải pháp A1")]
        sv.solution_group_remove(group=b)
        assert self.texts(resolution, SolutionGroup) == [(1, "Giải pháp A1")]


class TestTarget:
    def test_a_target_is_corrected(self, users, admissions):
        sv.target_update(
            target=admissions,
            title="Kết nạp đảng viên",
            unit="người",
            target_value="15",
            baseline_value="10",
            entry_deadline=dt.date(2025, 11, 30),
            comparison="exactly",
            user=users.officer,
        )
        admissions.refresh_from_db()
        assert (admissions.title, admissions.unit, admissions.target_value) == (
            "Kết nạp đảng viên",
            "người",
            15,
        )
        assert admissions.baseline_value == 10 and admissions.comparison == "exactly"
        assert admissions.entry_deadline == dt.date(2025, 11, 30)
        assert admissions.history.first().history_user == users.officer

    def test_a_period_outside_the_resolutions_is_refused(self, admissions):
        with pytest.raises(ValidationError) as e:
            sv.target_update(target=admissions, period="2026")
        assert refusal(e, "period").message == sv.MSG_PERIOD_OUTSIDE
        admissions.refresh_from_db()
        assert admissions.period == "2025"

    def test_a_period_inside_it_is_taken(self, admissions):
        sv.target_update(target=admissions, period="6 tháng cuối năm 2025")
        admissions.refresh_from_db()
        assert admissions.period == "2025-H2"

    def test_a_value_of_the_wrong_kind_is_refused(self, admissions):
        with pytest.raises(ValidationError) as e:
            sv.target_update(target=admissions, target_value="mười")
        assert refusal(e, "target_value").message == sv.MSG_NOT_A_NUMBER

    def test_the_measure_and_rollup_change_until_entries_exist(self, org, admissions):
        sv.target_update(target=admissions, rollup="minimum")
        enter(admissions, org.region)
        for change in ({"rollup": "sum"}, {"measure": "percent", "rollup": "mean"}):
            with pytest.raises(ValidationError) as e:
                sv.target_update(target=admissions, **change)
            field = "measure" if "measure" in change else "rollup"
            assert refusal(e, field).message == sv.MSG_FROZEN_BY_ENTRIES
        admissions.refresh_from_db()
        assert (admissions.measure, admissions.rollup) == ("count", "minimum")

    def test_a_rollup_that_does_not_fit_is_refused(self, admissions):
        with pytest.raises(ValidationError) as e:
            sv.target_update(target=admissions, measure="yes_no", target_value="1")
        assert refusal(e, "rollup").message == sv.MSG_ROLLUP_MEASURE

    def test_values_handed_down_must_fit_a_new_measure(self, org, admissions):
        sv.target_hand_down(target=admissions, values={org.brigade: 8})
        with pytest.raises(ValidationError) as e:
            sv.target_update(
                target=admissions, measure="yes_no", rollup="minimum", target_value="1"
            )
        assert refusal(e, "measure").message == sv.MSG_SHARE_VALUE_MEASURE
        assert refusal(e, "measure").params["body"] == org.brigade.name

    def test_a_target_is_removed_with_its_shares_and_the_rest_renumbered(self, resolution, handed):
        second = sv.target_add(
            resolution=resolution,
            title="Chi bộ TSVM",
            measure="percent",
            target_value=100,
            rollup="share_meeting",
        )
        sv.target_remove(target=handed)
        second.refresh_from_db()
        assert second.order == 1 and not TargetAssignment.objects.exists()

    def test_a_target_with_entries_or_steps_is_not_removed(self, org, resolution, admissions):
        enter(admissions, org.region)
        with pytest.raises(ValidationError) as e:
            sv.target_remove(target=admissions)
        assert refusal(e).message == sv.MSG_TARGET_HAS_ENTRIES
        term = sv.resolution_create(body=org.region, period="2025-2030", title="Nhiệm kỳ")
        whole = sv.target_add(
            resolution=term, title="Kết nạp", measure="count", target_value=60, rollup="sum"
        )
        sv.target_link(target=admissions, parent=whole)
        with pytest.raises(ValidationError) as e:
            sv.target_remove(target=whole)
        assert refusal(e).message == sv.MSG_TARGET_HAS_STEPS
        assert Target.objects.count() == 2


class TestShares:
    def test_a_share_value_and_weight_are_changed(self, users, org, handed):
        share = TargetAssignment.objects.get(body=org.cell)
        sv.share_update(share=share, target_value="5", weight="30", user=users.officer)
        share.refresh_from_db()
        assert (share.target_value, share.weight) == (5, 30)
        assert share.history.first().history_user == users.officer

    def test_a_bad_share_value_is_refused(self, org, handed):
        share = TargetAssignment.objects.get(body=org.cell)
        with pytest.raises(ValidationError) as e:
            sv.share_update(share=share, target_value="-1")
        assert refusal(e, "target_value").message == sv.MSG_COUNT_RANGE
        with pytest.raises(ValidationError) as e:
            sv.share_update(share=share, weight="0")
        assert refusal(e, "weight").message == sv.MSG_WEIGHT

    def test_a_share_without_entries_is_withdrawn(self, org, handed):
        sv.share_withdraw(share=TargetAssignment.objects.get(body=org.cell))
        assert not TargetAssignment.objects.filter(body=org.cell).exists()
        assert TargetAssignment.history.filter(history_type="-").count() == 1

    def test_a_share_with_entries_or_handed_on_is_not_withdrawn(self, org, handed):
        enter(handed, org.cell)
        with pytest.raises(ValidationError) as e:
            sv.share_withdraw(share=TargetAssignment.objects.get(body=org.cell))
        assert refusal(e).message == sv.MSG_SHARE_HAS_ENTRIES
        with pytest.raises(ValidationError) as e:
            sv.share_withdraw(share=TargetAssignment.objects.get(body=org.brigade))
        assert refusal(e).message == sv.MSG_SHARE_HANDED_ON
        assert TargetAssignment.objects.count() == 3


class TestHandDownAnyDepth:
    def test_the_holder_hands_a_target_to_a_body_two_levels_down(self, org, admissions):
        (row,) = sv.target_hand_down(target=admissions, values={org.cell: 3})
        assert row.parent is None and row.body == org.cell

    def test_a_body_under_another_share_is_handed_it_from_that_share(self, org, admissions):
        sv.target_hand_down(target=admissions, values={org.brigade: 8})
        with pytest.raises(ValidationError) as e:
            sv.target_hand_down(target=admissions, values={org.cell: 3})
        assert refusal(e, "bodies").message == sv.MSG_UNDER_SHARE
        assert refusal(e, "bodies").params == {"body": org.cell.name, "share": org.brigade.name}
        assert TargetAssignment.objects.count() == 1

    def test_a_body_and_one_above_it_in_one_hand_down_are_refused(self, org, admissions):
        with pytest.raises(ValidationError) as e:
            sv.target_hand_down(target=admissions, values={org.brigade: 8, org.cell: 3})
        assert refusal(e, "bodies").code == "under_share"
        assert not TargetAssignment.objects.exists()

    def test_a_body_handed_it_later_above_a_deeper_share_takes_that_share_under_it(
        self, users, org, admissions
    ):
        (cell,) = sv.target_hand_down(target=admissions, values={org.cell: 3})
        (brigade,) = sv.target_hand_down(
            target=admissions, values={org.brigade: 8}, user=users.officer
        )
        cell.refresh_from_db()
        assert cell.parent == brigade
        assert cell.history.first().history_user == users.officer

    def test_the_roll_up_follows_the_shares_handed_at_any_depth(self, org, admissions):
        from ctct.resolutions.selectors import target_standing

        sv.target_hand_down(target=admissions, values={org.cell: 3, org.other_cell: 3})
        sv.target_hand_down(target=admissions, values={org.brigade: 6})
        enter(admissions, org.cell, value=2)
        enter(admissions, org.other_cell, value=1)
        standing = target_standing(admissions, at=org.region)
        brigade = next(n for n in standing.rows if n.body_id == org.brigade.pk)
        assert brigade.value == 3 and standing.root.value == 3


class TestEntries:
    def test_an_entry_is_corrected(self, users, org, handed):
        entry = enter(handed, org.cell, value=2)
        sv.progress_correct(
            entry=entry, value="3", on=dt.date(2025, 7, 1), note="Sửa", user=users.secretary
        )
        entry.refresh_from_db()
        assert (entry.value, entry.on, entry.note) == (3, dt.date(2025, 7, 1), "Sửa")
        assert entry.history.first().history_user == users.secretary

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"value": "ba"}, "value", sv.MSG_NOT_A_NUMBER),
            ({"value": "-2"}, "value", sv.MSG_COUNT_RANGE),
            ({"on": dt.date(2024, 12, 31)}, "on", sv.MSG_ENTRY_BEFORE_PERIOD),
            ({"note": "  "}, "note", sv.MSG_NO_EVIDENCE),
        ],
    )
    def test_a_bad_correction_is_refused(self, org, handed, change, field, message):
        entry = enter(handed, org.cell, value=2)
        with pytest.raises(ValidationError) as e:
            sv.progress_correct(entry=entry, **change)
        assert refusal(e, field).message == message
        entry.refresh_from_db()
        assert (entry.value, entry.on, entry.note) == (2, JUNE, "Báo cáo")

    def test_a_correction_keeps_one_value_a_day(self, org, handed):
        enter(handed, org.cell, value=2)
        later = enter(handed, org.cell, value=3, on=dt.date(2025, 7, 31))
        with pytest.raises(ValidationError) as e:
            sv.progress_correct(entry=later, on=JUNE)
        assert refusal(e, "on").message == sv.MSG_ENTRY_EXISTS

    def test_an_entry_is_removed_with_its_reason_kept(self, users, org, handed):
        entry = enter(handed, org.cell, value=2)
        with pytest.raises(ValidationError) as e:
            sv.progress_remove(entry=entry, reason=" ")
        assert refusal(e, "reason").message == sv.MSG_NO_REASON
        sv.progress_remove(entry=entry, reason="Nhập nhầm chỉ tiêu", user=users.secretary)
        assert not ProgressEntry.objects.exists()
        gone = ProgressEntry.history.filter(history_type="-").get()
        assert gone.history_change_reason == "Nhập nhầm chỉ tiêu"
        assert gone.history_user == users.secretary and gone.value == 2
