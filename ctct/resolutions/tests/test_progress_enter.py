"""Entering progress: by the bodies holding the target, of the right kind, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.resolutions import services as sv
from ctct.resolutions.models import ProgressEntry

JUNE = dt.date(2025, 6, 30)


@pytest.fixture
def handed(org, admissions):
    return sv.target_hand_down(target=admissions, values={org.brigade: 8, org.pol: 4})


def test_a_body_handed_the_target_enters_its_value(org, admissions, handed):
    e = sv.progress_enter(
        target=admissions, body=org.brigade, value="5", on=JUNE, note="Báo cáo sơ kết 6 tháng"
    )
    assert e.assignment == handed[0] and e.value == 5
    assert e.history.get().history_type == "+"


def test_the_holder_enters_its_own_value(org, admissions):
    e = sv.progress_enter(target=admissions, body=org.region, value=2, on=JUNE, note="Tự nhập")
    assert e.assignment is None


def test_a_body_not_handed_the_target_is_refused(org, admissions, handed):
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(target=admissions, body=org.cell, value=1, on=JUNE, note="x")
    assert e.value.error_dict["body"][0].message == sv.MSG_NOT_HANDED
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize(
    ("measure", "rollup", "value", "message"),
    [
        ("percent", "mean", "đạt", sv.MSG_NOT_A_NUMBER),
        ("percent", "mean", 140, sv.MSG_PERCENT_RANGE),
        ("yes_no", "minimum", 140, sv.MSG_YES_NO),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused(org, resolution, measure, rollup, value, message):
    t = sv.target_add(
        resolution=resolution, title="T", measure=measure, target_value=1, rollup=rollup
    )
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(target=t, body=org.region, value=value, on=JUNE, note="x")
    assert e.value.error_dict["value"][0].message == message
    assert not ProgressEntry.objects.exists()


def test_an_entry_needs_evidence(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(target=admissions, body=org.region, value=2, on=JUNE, note="  ")
    assert e.value.error_dict["note"][0].message == sv.MSG_NO_EVIDENCE


def test_the_evidence_conference_was_held_by_the_body(org, admissions, handed):
    from ctct.conferences.services import conference_create

    conf = conference_create(body=org.pol, kind="so_ket", held_on=JUNE, period="2025-H1")
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(target=admissions, body=org.brigade, value=2, on=JUNE, conference=conf)
    assert e.value.error_dict["conference"][0].message == sv.MSG_CONFERENCE_BODY
    e = sv.progress_enter(target=admissions, body=org.pol, value=2, on=JUNE, conference=conf)
    assert e.conference == conf


def test_an_entry_before_the_period_is_refused(org, admissions):
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(
            target=admissions, body=org.region, value=2, on=dt.date(2024, 12, 31), note="x"
        )
    assert e.value.error_dict["on"][0].message == sv.MSG_ENTRY_BEFORE_PERIOD


def test_an_entry_in_the_future_is_refused(org, admissions):
    from ctct.core.dates import MSG_IN_FUTURE

    with pytest.raises(ValidationError) as e:
        sv.progress_enter(
            target=admissions, body=org.region, value=2, on=dt.date(2099, 1, 1), note="x"
        )
    assert e.value.error_dict["on"][0].message == MSG_IN_FUTURE


def test_the_same_posting_twice_is_refused(org, admissions):
    kwargs = dict(target=admissions, body=org.region, value=2, note="x", token="abc123")
    sv.progress_enter(on=JUNE, **kwargs)
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(on=dt.date(2025, 7, 1), **kwargs)
    assert e.value.error_dict["token"][0].message == sv.MSG_ENTRY_TWICE
    assert ProgressEntry.objects.count() == 1


def test_a_second_value_for_the_same_body_and_day_is_refused(org, admissions):
    sv.progress_enter(target=admissions, body=org.region, value=2, on=JUNE, note="x")
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(target=admissions, body=org.region, value=3, on=JUNE, note="y")
    assert e.value.error_dict["on"][0].message == sv.MSG_ENTRY_EXISTS
    assert ProgressEntry.objects.get().value == 2


def test_a_later_day_is_a_new_entry(org, admissions):
    sv.progress_enter(target=admissions, body=org.region, value=2, on=JUNE, note="x")
    sv.progress_enter(
        target=admissions, body=org.region, value=5, on=dt.date(2025, 9, 30), note="y"
    )
    assert ProgressEntry.objects.count() == 2


def test_a_racing_twin_is_refused_and_nothing_is_saved(org, admissions, monkeypatch):
    """Another request saves the same entry between the checks and the insert: the unique
    keys refuse the second one with a message, not an error page."""
    original = ProgressEntry.save

    def racing(self, *args, **kwargs):
        monkeypatch.setattr(ProgressEntry, "save", original)
        twin = ProgressEntry(target=self.target, body=self.body, value=1, on=self.on)
        ProgressEntry.objects.bulk_create([twin])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProgressEntry, "save", racing)
    with pytest.raises(ValidationError) as e:
        sv.progress_enter(target=admissions, body=org.region, value=2, on=JUNE, note="x")
    assert e.value.error_dict["on"][0].message == sv.MSG_ENTRY_EXISTS
    assert not ProgressEntry.objects.exists()
