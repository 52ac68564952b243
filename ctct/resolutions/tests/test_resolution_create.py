"""Recording a resolution, its focus tasks and solution groups, and copying it forward."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.conferences.periods import MSG_NOT_A_PERIOD
from ctct.resolutions import services as sv
from ctct.resolutions.models import FocusTask, Resolution, SolutionGroup, Target


def test_a_period_typed_in_words_is_stored_as_its_code(org):
    r = sv.resolution_create(
        body=org.brigade,
        period="6 tháng cuối năm 2025",
        title="Nghị quyết lãnh đạo  6 tháng cuối năm 2025",
    )
    assert r.period == "2025-H2"
    assert r.title == "Nghị quyết lãnh đạo 6 tháng cuối năm 2025"
    assert r.history.count() == 1


def test_a_congress_term_is_a_period(org):
    assert sv.resolution_create(body=org.region, period="2025-2030", title="NQ").period == (
        "2025-2030"
    )


def test_a_resolution_without_a_period_is_refused(org):
    with pytest.raises(ValidationError) as e:
        sv.resolution_create(body=org.brigade, period="", title="NQ")
    assert e.value.error_dict["period"][0].message == sv.MSG_NO_PERIOD


def test_a_period_that_is_not_one_is_refused(org):
    with pytest.raises(ValidationError) as e:
        sv.resolution_create(body=org.brigade, period="mùa xuân", title="NQ")
    assert e.value.error_dict["period"][0].message == MSG_NOT_A_PERIOD
    assert not Resolution.objects.exists()


def test_the_conference_that_adopted_it_was_held_by_the_body(org):
    from ctct.conferences.services import conference_create

    conf = conference_create(
        body=org.cell, kind="ra_nghi_quyet", held_on=dt.date(2025, 6, 28), period="2025-H2"
    )
    with pytest.raises(ValidationError) as e:
        sv.resolution_create(body=org.brigade, period="2025-H2", title="NQ", adopted_at=conf)
    assert e.value.error_dict["adopted_at"][0].message == sv.MSG_CONFERENCE_BODY
    r = sv.resolution_create(body=org.cell, period="2025-H2", title="NQ", adopted_at=conf)
    assert list(conf.resolutions.all()) == [r]


def test_tasks_and_groups_are_numbered_in_the_order_added(resolution):
    sv.focus_task_add(resolution=resolution, text="Lãnh đạo huấn luyện, sẵn sàng chiến đấu")
    sv.focus_task_add(resolution=resolution, text="Xây dựng tổ chức đảng trong sạch vững mạnh")
    g = sv.solution_group_add(resolution=resolution, text="Đổi mới công tác giáo dục chính trị")
    assert list(resolution.focus_tasks.values_list("order", flat=True)) == [1, 2]
    assert g.order == 1


def test_an_empty_task_is_refused(resolution):
    with pytest.raises(ValidationError) as e:
        sv.focus_task_add(resolution=resolution, text="   ")
    assert e.value.error_dict["text"][0].message == sv.MSG_EMPTY_TEXT
    assert not FocusTask.objects.exists()


def test_a_copy_starts_from_the_previous_period(resolution, admissions):
    sv.focus_task_add(resolution=resolution, text="Lãnh đạo huấn luyện")
    sv.solution_group_add(resolution=resolution, text="Giáo dục chính trị")
    copy = sv.resolution_copy(previous=resolution, period="năm 2026")
    assert copy.previous == resolution and copy.body == resolution.body
    assert copy.title == resolution.title
    assert [t.text for t in copy.focus_tasks.all()] == ["Lãnh đạo huấn luyện"]
    assert SolutionGroup.objects.filter(resolution=copy).count() == 1
    (target,) = copy.targets.all()
    assert (target.title, target.target_value, target.period) == (
        "Kết nạp đảng viên mới",
        12,
        "2026",
    )
    assert target.entry_deadline == dt.date(2026, 12, 15)
    assert target.history.count() == 1
    # the original is untouched
    assert Target.objects.get(pk=admissions.pk).period == "2025"


def test_a_copy_keeps_a_step_toward_a_term_target_that_still_covers_it(org):
    term = sv.resolution_create(body=org.region, period="2025-2030", title="NQ Đại hội")
    goal = sv.target_add(
        resolution=term, title="Kết nạp", measure="count", target_value=60, rollup="sum"
    )
    year = sv.resolution_create(body=org.region, period="2025", title="NQ 2025")
    sv.target_add(
        resolution=year,
        title="Kết nạp",
        measure="count",
        target_value=12,
        rollup="sum",
        parent=goal,
    )
    copy = sv.resolution_copy(previous=year, period="2026")
    assert copy.targets.get().parent == goal
    later = sv.resolution_copy(previous=year, period="2031")
    assert later.targets.get().parent is None


def test_a_resolution_continues_one_of_its_own_body(org, resolution):
    with pytest.raises(ValidationError) as e:
        sv.resolution_create(body=org.brigade, period="2026", title="NQ", previous=resolution)
    assert e.value.error_dict["previous"][0].code == "previous_body"
