"""Handing a target down the tree: chosen bodies or a whole level, only inside the holder's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ctct.resolutions import services as sv
from ctct.resolutions.models import TargetAssignment


def test_chosen_bodies_get_their_own_values(org, admissions):
    rows = sv.target_hand_down(target=admissions, values={org.brigade: 8, org.pol: 4})
    assert {(a.body, a.target_value) for a in rows} == {(org.brigade, 8), (org.pol, 4)}
    assert TargetAssignment.history.count() == 2


def test_a_whole_level_gets_one_value_with_exceptions(org, admissions):
    rows = sv.target_hand_down_level(target=admissions, level=2, value=2, values={org.cell: 3})
    assert {a.body: a.target_value for a in rows} == {
        org.pol_cell: 2,
        org.cell: 3,
        org.other_cell: 2,
    }


def test_a_share_is_handed_further_down_by_its_body(org, admissions):
    (brigade,) = sv.target_hand_down(target=admissions, values={org.brigade: 8})
    rows = sv.target_hand_down_level(target=admissions, level=1, value=4, via=brigade)
    assert {a.body for a in rows} == {org.cell, org.other_cell}
    assert all(a.parent == brigade for a in rows)


def test_a_body_outside_the_holders_subtree_is_refused(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.brigade: 8, org.province: 1})
    error = e.value.error_dict["bodies"][0]
    assert error.message == sv.MSG_OUTSIDE_HOLDER
    assert error.params["body"] == "Tỉnh ủy Tây Sơn"
    assert not TargetAssignment.objects.exists()


def test_a_share_cannot_go_sideways(org, admissions):
    (brigade,) = sv.target_hand_down(target=admissions, values={org.brigade: 8})
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.pol_cell: 1}, via=brigade)
    assert e.value.error_dict["bodies"][0].code == "outside"


def test_the_holder_cannot_hand_a_target_to_itself(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.region: 12})
    assert e.value.error_dict["bodies"][0].code == "outside"


def test_a_body_is_handed_a_target_once(org, admissions):
    sv.target_hand_down(target=admissions, values={org.brigade: 8})
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.pol: 4, org.brigade: 2})
    assert e.value.error_dict["bodies"][0].message == sv.MSG_ALREADY_HANDED
    assert TargetAssignment.objects.count() == 1


def test_a_value_of_the_wrong_kind_is_refused(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.brigade: "tám"})
    assert e.value.error_dict["target_value"][0].message == sv.MSG_NOT_A_NUMBER


def test_a_weight_must_be_above_zero(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.brigade: 8}, weights={org.brigade: 0})
    assert e.value.error_dict["weights"][0].message == sv.MSG_WEIGHT


def test_nothing_chosen_is_refused(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={})
    assert e.value.error_dict["bodies"][0].message == sv.MSG_NO_BODIES


def test_a_level_is_one_or_more(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down_level(target=admissions, level=0, value=1)
    assert e.value.error_dict["level"][0].message == sv.MSG_LEVEL


def test_a_share_of_another_target_is_refused(org, resolution, admissions):
    other = sv.target_add(
        resolution=resolution, title="Khác", measure="count", target_value=1, rollup="sum"
    )
    (share,) = sv.target_hand_down(target=other, values={org.brigade: 1})
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(target=admissions, values={org.cell: 1}, via=share)
    assert e.value.error_dict["via"][0].message == sv.MSG_VIA_OTHER_TARGET


@pytest.mark.parametrize("weight", ["NaN", "nặng", -2])
def test_a_weight_that_is_not_a_positive_number_is_refused(org, admissions, weight):
    with pytest.raises(ValidationError) as e:
        sv.target_hand_down(
            target=admissions, values={org.brigade: 8}, weights={org.brigade: weight}
        )
    assert e.value.error_dict["weights"][0].code == "weight"
    assert not TargetAssignment.objects.exists()
