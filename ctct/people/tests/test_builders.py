"""The checked, unsaved people, ranks and posts a bulk import builds, and their refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.people.models import Person, Position, RankRecord
from ctct.people.services import (
    MSG_NAME_REQUIRED,
    MSG_RANK_DATE_REQUIRED,
    MSG_TITLE_REQUIRED,
    person_build,
    person_insert,
    position_build,
    rank_build,
    rank_insert,
)

ON = dt.date(2025, 3, 14)


def messages(e: ValidationError) -> list[str]:
    return [str(m) for m in e.messages]


class TestPersonBuild:
    def test_a_built_person_is_unsaved_and_carries_the_rank(self, org):
        p = person_build(
            full_name="Trần Văn Hùng", body_id=org.brigade.pk, rank="Thiếu tá", rank_conferred_on=ON
        )
        assert p.pk is None
        assert (p.full_name, p.body_id, p.rank, p.rank_conferred_on) == (
            "Trần Văn Hùng",
            org.brigade.pk,
            "Thiếu tá",
            ON,
        )

    def test_a_person_without_rank_keeps_no_rank_date(self, org):
        p = person_build(full_name="Trần Văn Hùng", body_id=org.brigade.pk, rank_conferred_on=ON)
        assert p.rank_conferred_on is None

    def test_a_person_without_name_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_build(full_name="  ", body_id=org.brigade.pk)
        assert messages(e.value) == [str(MSG_NAME_REQUIRED)]

    def test_an_unknown_rank_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_build(full_name="Trần Văn Hùng", body_id=org.brigade.pk, rank="Tướng quân")
        assert e.value.error_list[0].code == "unknown_rank"

    def test_a_rank_without_its_date_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_build(full_name="Trần Văn Hùng", body_id=org.brigade.pk, rank="Thiếu tá")
        assert messages(e.value) == [str(MSG_RANK_DATE_REQUIRED)]


class TestRankBuild:
    def test_a_rank_without_its_date_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            rank_build(person_id=org.commissar.pk, rank="Thiếu tướng", conferred_on=None)
        assert messages(e.value) == [str(MSG_RANK_DATE_REQUIRED)]

    def test_an_unknown_rank_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            rank_build(person_id=org.commissar.pk, rank="Tướng quân", conferred_on=ON)
        assert e.value.error_list[0].code == "unknown_rank"

    def test_an_inserted_rank_becomes_the_current_rank(self, org):
        rank_insert(
            record=rank_build(person_id=org.commissar.pk, rank="Thiếu tướng", conferred_on=ON)
        )
        org.commissar.refresh_from_db()
        assert (org.commissar.rank, org.commissar.rank_conferred_on) == ("Thiếu tướng", ON)
        assert RankRecord.objects.filter(person=org.commissar, rank="Thiếu tướng").exists()


class TestPositionBuild:
    def test_a_post_without_title_is_refused(self, org):
        p = person_build(full_name="Trần Văn Hùng", body_id=org.brigade.pk)
        with pytest.raises(ValidationError) as e:
            position_build(person=p, body_id=org.brigade.pk, title=" ", started_on=ON)
        assert messages(e.value) == [str(MSG_TITLE_REQUIRED)]

    def test_a_built_post_knows_its_kind_of_title(self, org):
        p = person_build(full_name="Trần Văn Hùng", body_id=org.brigade.pk)
        pos = position_build(person=p, body_id=org.brigade.pk, title="Chính ủy", started_on=ON)
        assert pos.pk is None and pos.title_kind


class TestPersonInsert:
    def test_a_person_is_written_with_rank_and_post_and_counted_as_a_member(self, org):
        members = type(org.brigade).objects.get(pk=org.brigade.pk).member_count
        p = person_build(
            full_name="Trần Văn Hùng", body_id=org.brigade.pk, rank="Thiếu tá", rank_conferred_on=ON
        )
        person_insert(
            person=p,
            ranks=[rank_build(person=p, rank="Thiếu tá", conferred_on=ON)],
            positions=[
                position_build(
                    person=p, body_id=org.brigade.pk, title="Phó Chính ủy", started_on=ON
                )
            ],
        )
        saved = Person.objects.get(pk=p.pk)
        assert saved.name_key and saved.history.count() == 1
        assert RankRecord.objects.filter(person=saved).count() == 1
        assert Position.objects.filter(person=saved, title="Phó Chính ủy").exists()
        assert type(org.brigade).objects.get(pk=org.brigade.pk).member_count == members + 1
