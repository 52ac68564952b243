"""The people builders make valid people and posts through the people services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.tests.factories import make_body
from ctct.people.models import Person
from ctct.people.services import MSG_POSITION_ENDS_BEFORE_START
from ctct.people.tests.factories import SINCE, make_person, make_position, person_name

pytestmark = pytest.mark.django_db


def test_a_made_person_is_a_member_with_a_vietnamese_name_and_history():
    body = make_body()
    person = make_person(body=body)
    assert person.body == body and len(person.full_name.split()) == 3
    assert person.rank == "" and not person.positions.exists()
    assert person.history.count() == 1
    body.refresh_from_db()
    assert body.member_count == 1


def test_a_rank_and_titles_are_held_since_the_default_day():
    body = make_body()
    person = make_person(body=body, rank="Đại tá", titles=["Bí thư", "Chính ủy"])
    assert (person.rank, person.rank_conferred_on) == ("Đại tá", SINCE)
    assert list(person.positions.values_list("title", "body", "started_on")) == [
        ("Bí thư", body.pk, SINCE),
        ("Chính ủy", body.pk, SINCE),
    ]


def test_a_made_position_is_at_the_persons_body_unless_told():
    body, other = make_body(), make_body()
    person = make_person(body=body)
    assert make_position(person=person).body == body
    assert make_position(person=person, body=other, title="Phó Bí thư").body == other


def test_default_names_are_unique():
    body = make_body()
    assert len({make_person(body=body).full_name for _ in range(20)}) == 20
    assert len({person_name(n) for n in range(1000)}) == 1000


def test_what_the_service_refuses_the_builder_refuses():
    person = make_person(body=make_body())
    with pytest.raises(ValidationError) as e:
        make_position(person=person, ended_on=dt.date(2019, 1, 1))
    assert e.value.messages == [
        MSG_POSITION_ENDS_BEFORE_START % {"later": "01/01/2019", "earlier": "01/01/2020"}
    ]
    assert Person.objects.count() == 1 and not person.positions.exists()
