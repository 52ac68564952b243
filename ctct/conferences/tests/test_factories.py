"""The conference builders record conferences and what they decided through the conference
services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.conferences.models import ArticleStatus, Conference
from ctct.conferences.tests.factories import (
    HELD_ON,
    make_article,
    make_conclusion,
    make_conference,
    make_participant,
)
from ctct.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def brigade():
    return make_body(name="Đảng ủy Lữ đoàn 657", unit_name="Lữ đoàn 657")


def test_a_made_conference_is_an_interim_review_kept_in_history(brigade):
    conf = make_conference(body=brigade)
    assert (conf.body, conf.kind, conf.held_on) == (brigade, "so_ket", HELD_ON)
    assert conf.history.count() == 1


def test_its_participants_are_added_in_the_order_given(brigade):
    chair = make_person(body=brigade, rank="Đại tá", titles=["Bí thư"])
    speaker = make_person(body=brigade)
    conf = make_conference(body=brigade, participants=[(speaker, "reported"), (chair, "chair")])
    assert list(conf.participants.order_by("order").values_list("person", "role")) == [
        (speaker.pk, "reported"),
        (chair.pk, "chair"),
    ]
    assert conf.participants.get(role="chair").titles == "Bí thư Đảng ủy Lữ đoàn 657"


def test_a_participant_without_a_person_is_a_guest_of_their_own_name(brigade):
    conf = make_conference(body=brigade)
    first, second = make_participant(conference=conf), make_participant(conference=conf)
    assert first.is_guest and first.person is None and first.full_name != second.full_name


def test_conclusions_have_texts_of_their_own(brigade):
    conf = make_conference(body=brigade)
    cell = make_cell(parent=brigade)
    due = dt.date(2025, 9, 30)
    task = make_conclusion(conference=conf, assignee=cell, due_on=due)
    assert (task.assignee, task.due_on) == (cell, due)
    assert make_conclusion(conference=conf).text != task.text


def test_the_article_is_drafted_from_the_record_and_published_when_asked(brigade):
    conf = make_conference(body=brigade, period="2025-H1")
    draft = make_article(conference=conf)
    assert draft.status == ArticleStatus.DRAFT and "Lữ đoàn 657" in draft.text
    assert make_article(conference=conf, publish=True).status == ArticleStatus.PUBLISHED


def test_what_the_service_refuses_the_builder_refuses(brigade):
    with pytest.raises(ValidationError):
        make_conference(body=brigade, kind="so_ket", held_on=dt.date(2024, 12, 1), period="2025")
    assert not Conference.objects.exists()
