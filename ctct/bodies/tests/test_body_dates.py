"""The dates of a body: founded, merged and dissolved within the Party's life and in order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctct.bodies.models import Body
from ctct.bodies.services import (
    MSG_DISSOLVED_BEFORE_FOUNDED,
    MSG_MERGED_BEFORE_FOUNDED,
    body_create,
    body_merge,
    body_update,
)
from ctct.core.dates import MSG_BEFORE_PARTY, MSG_IN_FUTURE


def test_a_body_founded_in_1800_is_not_created(org):
    count = Body.objects.count()
    with pytest.raises(ValidationError) as e:
        body_create(
            parent=org.brigade, name="Chi bộ Đại đội 3", kind="cell", founded_on=dt.date(1800, 1, 1)
        )
    assert e.value.message_dict == {"founded_on": [MSG_BEFORE_PARTY % {"date": "01/01/1800"}]}
    assert Body.objects.count() == count


def test_a_body_dissolved_in_1900_is_refused_and_unchanged(org):
    with pytest.raises(ValidationError) as e:
        body_update(body=org.cell, dissolved_on=dt.date(1900, 1, 1))
    assert e.value.message_dict == {"dissolved_on": [MSG_BEFORE_PARTY % {"date": "01/01/1900"}]}
    org.cell.refresh_from_db()
    assert org.cell.dissolved_on is None


def test_a_dissolution_before_the_founding_names_both_dates(org):
    with pytest.raises(ValidationError) as e:
        body_update(body=org.cell, founded_on=dt.date(2020, 1, 1), dissolved_on=dt.date(2019, 1, 1))
    assert e.value.message_dict == {
        "dissolved_on": [
            MSG_DISSOLVED_BEFORE_FOUNDED % {"earlier": "01/01/2020", "later": "01/01/2019"}
        ]
    }


def test_a_merger_before_the_founding_is_refused(org):
    org.cell.founded_on = dt.date(2020, 1, 1)
    org.cell.save()
    with pytest.raises(ValidationError) as e:
        body_merge(body=org.cell, successor=org.other_cell, on=dt.date(2019, 1, 1))
    assert e.value.error_dict["merged_on"][0].message == MSG_MERGED_BEFORE_FOUNDED
    assert Body.objects.get(pk=org.cell.pk).merged_on is None


def test_a_body_cannot_be_founded_in_the_future(org):
    with pytest.raises(ValidationError) as e:
        body_update(body=org.cell, founded_on=dt.date(2099, 1, 1))
    assert e.value.message_dict == {"founded_on": [MSG_IN_FUTURE % {"date": "01/01/2099"}]}


def test_the_edit_form_shows_the_reason_on_the_field(org, users, login):
    client = login(users.officer)
    response = client.post(
        reverse("bodies:edit", args=[org.cell.pk]),
        {"name": org.cell.name, "kind": "cell", "founded_on": "1800-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "founded_on": [str(MSG_BEFORE_PARTY % {"date": "01/01/1800"})]
    }
    assert Body.objects.get(pk=org.cell.pk).founded_on is None
