"""Discipline records: who may decide which form for whom, withdrawal on appeal; refusals
change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ctct.ratings import services as sv
from ctct.ratings.models import Discipline
from ctct.ratings.tests.factories import make_discipline

pytestmark = pytest.mark.django_db

D = dt.date


def codes(exc) -> list[str]:
    return [e.code for errors in exc.value.error_dict.values() for e in errors]


def test_a_members_discipline_is_kept_at_their_body_with_who_recorded_it(org, users):
    record = sv.discipline_record(
        person=org.cell_member,
        form="canh_cao",
        decided_on=D(2025, 4, 2),
        decided_by=org.brigade,
        reason="  Vi phạm kỷ luật  ",
        user=users.officer,
    )
    record.refresh_from_db()
    assert (record.subject, record.at, record.form) == ("person", org.cell, "canh_cao")
    assert record.reason == "Vi phạm kỷ luật"
    assert record.recorded_by == users.officer
    assert record.history.get().history_user == users.officer


def test_a_bodys_discipline_is_decided_above_it(org):
    record = make_discipline(body=org.cell, decided_on=D(2025, 4, 2))
    assert (record.subject, record.at, record.decided_by) == ("body", org.cell, org.brigade)
    with pytest.raises(ValidationError) as exc:
        make_discipline(body=org.cell, decided_by=org.cell)
    assert codes(exc) == ["decided_by"]


def test_a_body_outside_the_line_above_cannot_decide(org):
    with pytest.raises(ValidationError) as exc:
        make_discipline(person=org.cell_member, decided_by=org.other_cell)
    assert codes(exc) == ["decided_by"]
    assert not Discipline.objects.exists()


def test_the_form_must_fit_the_subject(org):
    with pytest.raises(ValidationError) as exc:
        make_discipline(body=org.cell, form="khai_tru")
    assert codes(exc) == ["form_subject"]
    with pytest.raises(ValidationError) as exc:
        make_discipline(person=org.cell_member, form="giai_tan")
    assert codes(exc) == ["form_subject"]
    with pytest.raises(ValidationError) as exc:
        make_discipline(person=org.cell_member, form="phat_tien")
    assert codes(exc) == ["unknown_form"]
    assert not Discipline.objects.exists()


def test_one_subject_exactly(org):
    for subject in ({}, {"person": org.cell_member, "body": org.cell}):
        with pytest.raises(ValidationError) as exc:
            sv.discipline_record(
                form="khien_trach", decided_on=D(2025, 1, 1), decided_by=org.brigade, **subject
            )
        assert codes(exc) == ["one_subject"]


def test_a_decision_in_the_future_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        make_discipline(
            person=org.cell_member, decided_on=timezone.localdate() + dt.timedelta(days=1)
        )
    assert codes(exc) == ["future"]


def test_a_withdrawal_is_dated_after_the_decision_and_made_once(org, users):
    record = make_discipline(person=org.cell_member, decided_on=D(2025, 4, 2))
    with pytest.raises(ValidationError) as exc:
        sv.discipline_withdraw(discipline=record, on=D(2025, 4, 1))
    assert codes(exc) == ["withdraw_before"]
    sv.discipline_withdraw(discipline=record, on=D(2025, 6, 1), user=users.officer)
    record.refresh_from_db()
    assert record.withdrawn_on == D(2025, 6, 1)
    assert record.history.first().history_user == users.officer
    with pytest.raises(ValidationError) as exc:
        sv.discipline_withdraw(discipline=record, on=D(2025, 7, 1))
    assert codes(exc) == ["already_withdrawn"]
    record.refresh_from_db()
    assert record.withdrawn_on == D(2025, 6, 1)
