"""Adding targets: the bad input of the issue, each refused with its message, nothing saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ctct.resolutions import services as sv
from ctct.resolutions.models import Target


def refused(field, **kwargs):
    with pytest.raises(ValidationError) as e:
        sv.target_add(**kwargs)
    assert not Target.objects.filter(title=kwargs.get("title", "")).exists()
    return e.value.error_dict[field][0]


def test_a_target_takes_its_resolutions_period(admissions):
    assert admissions.period == "2025"
    assert admissions.order == 1
    assert admissions.history.get().history_type == "+"


def test_a_quarter_within_the_year_is_allowed(resolution):
    t = sv.target_add(
        resolution=resolution,
        title="Tỷ lệ đảng viên dự sinh hoạt",
        measure="percent",
        target_value="95",
        rollup="mean",
        period="quý III/2025",
    )
    assert t.period == "2025-Q3"


def test_a_target_period_outside_its_resolution_is_refused(resolution):
    error = refused(
        "period",
        resolution=resolution,
        title="Kết nạp năm 2026",
        measure="count",
        target_value=3,
        rollup="sum",
        period="2026",
    )
    assert error.message == sv.MSG_PERIOD_OUTSIDE
    assert error.params == {"period": "năm 2026", "resolution": "năm 2025"}


def test_a_mean_of_yes_no_is_refused(resolution):
    error = refused(
        "rollup",
        resolution=resolution,
        title="Tổ chức hội nghị sơ kết",
        measure="yes_no",
        target_value=1,
        rollup="mean",
    )
    assert error.message == sv.MSG_ROLLUP_MEASURE
    assert error.code == "rollup_measure"


@pytest.mark.parametrize(
    ("measure", "value", "message"),
    [
        ("percent", "chín mươi", sv.MSG_NOT_A_NUMBER),
        ("percent", 140, sv.MSG_PERCENT_RANGE),
        ("yes_no", 140, sv.MSG_YES_NO),
        ("count", -1, sv.MSG_COUNT_RANGE),
        ("rating", 7, sv.MSG_RATING),
    ],
)
def test_a_target_value_of_the_wrong_kind_is_refused(resolution, measure, value, message):
    error = refused(
        "target_value",
        resolution=resolution,
        title="Sai",
        measure=measure,
        target_value=value,
        rollup="minimum",
    )
    assert error.message == message


def test_a_deadline_before_the_period_is_refused(resolution):
    import datetime as dt

    error = refused(
        "entry_deadline",
        resolution=resolution,
        title="Kết nạp",
        measure="count",
        target_value=3,
        rollup="sum",
        entry_deadline=dt.date(2024, 12, 1),
    )
    assert error.message == sv.MSG_DEADLINE_EARLY


class TestSteps:
    @pytest.fixture
    def term_goal(self, org):
        term = sv.resolution_create(body=org.region, period="nhiệm kỳ 2025-2030", title="NQ")
        return sv.target_add(
            resolution=term, title="Kết nạp 60", measure="count", target_value=60, rollup="sum"
        )

    def test_a_yearly_target_is_a_step_toward_a_term_target(self, resolution, term_goal):
        step = sv.target_add(
            resolution=resolution,
            title="Kết nạp 12",
            measure="count",
            target_value=12,
            rollup="sum",
            parent=term_goal,
        )
        assert list(term_goal.steps.all()) == [step]

    def test_a_step_outside_the_parent_period_is_refused(self, org, term_goal):
        old = sv.resolution_create(body=org.region, period="2024", title="NQ 2024")
        error = refused(
            "parent",
            resolution=old,
            title="Kết nạp 2024",
            measure="count",
            target_value=12,
            rollup="sum",
            parent=term_goal,
        )
        assert error.message == sv.MSG_PARENT_PERIOD

    def test_a_step_measured_otherwise_is_refused(self, resolution, term_goal):
        error = refused(
            "parent",
            resolution=resolution,
            title="Tỷ lệ",
            measure="percent",
            target_value=90,
            rollup="mean",
            parent=term_goal,
        )
        assert error.message == sv.MSG_PARENT_MEASURE

    def test_a_cycle_of_targets_is_refused(self, resolution, term_goal):
        half = sv.target_add(
            resolution=resolution,
            title="Kết nạp 12",
            measure="count",
            target_value=12,
            rollup="sum",
            parent=term_goal,
        )
        with pytest.raises(ValidationError) as e:
            sv.target_link(target=term_goal, parent=half)
        assert e.value.error_dict["parent"][0].message == sv.MSG_PARENT_CYCLE
        term_goal.refresh_from_db()
        assert term_goal.parent is None

    def test_a_target_cannot_be_its_own_step(self, term_goal):
        with pytest.raises(ValidationError) as e:
            sv.target_link(target=term_goal, parent=term_goal)
        assert e.value.error_dict["parent"][0].code == "cycle"


@pytest.mark.parametrize("field", ["measure", "comparison", "rollup"])
def test_an_unknown_choice_is_refused(resolution, field):
    kwargs = {"measure": "count", "comparison": "at_least", "rollup": "sum", field: "nhiều"}
    error = refused(field, resolution=resolution, title="Sai", target_value=1, **kwargs)
    assert error.code == "invalid_choice"
