"""The dates of people, ranks and positions: implausible or out-of-order dates are refused
with the reason, on the field typed, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctct.core.dates import MSG_BEFORE_ARMY, MSG_BEFORE_PARTY, MSG_IN_FUTURE
from ctct.people.models import Person, Position, RankRecord
from ctct.people.services import (
    MSG_BORN_AFTER_RECORDS,
    MSG_CONFIRMED_BEFORE_JOINED,
    MSG_JOINED_BEFORE_BIRTH,
    MSG_POSITION_BEFORE_BIRTH,
    MSG_POSITION_BEFORE_BODY,
    MSG_RANK_ABOVE_EARLIER,
    MSG_RANK_BELOW_LATER,
    person_create,
    person_update,
    position_create,
    position_end,
    rank_confer,
)


class TestPersonDates:
    def test_a_person_born_in_2099_is_not_created(self, org):
        count = Person.objects.count()
        with pytest.raises(ValidationError) as e:
            person_create(full_name="Hồ Văn Lâm", body=org.cell, birth_date=dt.date(2099, 3, 1))
        assert e.value.message_dict == {"birth_date": [MSG_IN_FUTURE % {"date": "01/03/2099"}]}
        assert Person.objects.count() == count

    def test_joining_the_party_before_birth_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_create(
                full_name="Hồ Văn Lâm",
                body=org.cell,
                birth_date=dt.date(1990, 5, 1),
                party_joined_on=dt.date(1989, 1, 2),
            )
        assert e.value.message_dict == {
            "party_joined_on": [
                MSG_JOINED_BEFORE_BIRTH % {"earlier": "01/05/1990", "later": "02/01/1989"}
            ]
        }

    def test_a_full_member_before_joining_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_create(
                full_name="Hồ Văn Lâm",
                body=org.cell,
                party_joined_on=dt.date(2015, 6, 1),
                party_confirmed_on=dt.date(2014, 6, 1),
            )
        assert e.value.message_dict == {
            "party_confirmed_on": [
                MSG_CONFIRMED_BEFORE_JOINED % {"earlier": "01/06/2015", "later": "01/06/2014"}
            ]
        }

    def test_joining_before_the_party_existed_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_create(
                full_name="Hồ Văn Lâm", body=org.cell, party_joined_on=dt.date(1800, 1, 1)
            )
        assert e.value.message_dict == {
            "party_joined_on": [MSG_BEFORE_PARTY % {"date": "01/01/1800"}]
        }

    def test_a_first_rank_before_the_army_existed_is_refused_on_its_field(self, org):
        count = RankRecord.objects.count()
        with pytest.raises(ValidationError) as e:
            person_create(
                full_name="Hồ Văn Lâm",
                body=org.cell,
                rank="Thiếu úy",
                rank_conferred_on=dt.date(1900, 1, 1),
            )
        assert e.value.message_dict == {
            "rank_conferred_on": [MSG_BEFORE_ARMY % {"date": "01/01/1900"}]
        }
        assert RankRecord.objects.count() == count

    def test_a_plausible_life_is_recorded(self, org):
        person = person_create(
            full_name="Hồ Văn Lâm",
            body=org.cell,
            birth_date=dt.date(1990, 5, 1),
            party_joined_on=dt.date(2012, 3, 3),
            party_confirmed_on=dt.date(2013, 3, 3),
            rank="Thiếu úy",
            rank_conferred_on=dt.date(2014, 9, 1),
        )
        assert person.rank == "Thiếu úy"

    def test_a_birth_date_moved_after_the_first_rank_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            person_update(person=org.cell_member, birth_date=dt.date(2024, 1, 1))
        assert e.value.message_dict == {
            "birth_date": [
                MSG_BORN_AFTER_RECORDS % {"earlier": "01/01/2024", "later": "01/01/2023"}
            ]
        }
        org.cell_member.refresh_from_db()
        assert org.cell_member.birth_date is None

    def test_an_update_keeps_the_order_with_the_dates_already_recorded(self, org):
        person_update(person=org.cell_member, party_joined_on=dt.date(2018, 1, 1))
        with pytest.raises(ValidationError) as e:
            person_update(person=org.cell_member, party_confirmed_on=dt.date(2017, 1, 1))
        assert set(e.value.error_dict) == {"party_confirmed_on"}


class TestRankDates:
    def test_a_rank_below_one_held_earlier_cannot_come_later(self, org):
        # Bùi Hữu Ba became Đại tá on 1/6/2021: a Thượng tá after that would be a demotion.
        with pytest.raises(ValidationError) as e:
            rank_confer(person=org.commissar, rank="Thượng tá", conferred_on=dt.date(2022, 1, 1))
        assert e.value.message_dict == {
            "conferred_on": [
                MSG_RANK_BELOW_LATER
                % {
                    "rank": "Thượng tá",
                    "date": "01/01/2022",
                    "name": "Bùi Hữu Ba",
                    "other": "Đại tá",
                    "other_date": "01/06/2021",
                }
            ]
        }
        assert org.commissar.rank_records.count() == 1

    def test_a_rank_above_one_held_cannot_come_before_it(self, org):
        with pytest.raises(ValidationError) as e:
            rank_confer(person=org.cell_member, rank="Thượng úy", conferred_on=dt.date(2022, 1, 1))
        assert e.value.error_dict["conferred_on"][0].message == MSG_RANK_ABOVE_EARLIER

    def test_an_earlier_lower_rank_completes_the_history(self, org):
        rank_confer(person=org.commissar, rank="Thượng tá", conferred_on=dt.date(2017, 6, 1))
        org.commissar.refresh_from_db()
        assert org.commissar.rank == "Đại tá"

    def test_a_rank_in_the_future_is_refused(self, org):
        with pytest.raises(ValidationError) as e:
            rank_confer(person=org.cell_member, rank="Thượng úy", conferred_on=dt.date(2099, 1, 1))
        assert e.value.error_dict["conferred_on"][0].code == "future"


class TestPositionDates:
    def test_a_position_from_1800_is_refused(self, org):
        count = Position.objects.count()
        with pytest.raises(ValidationError) as e:
            position_create(
                person=org.cell_member,
                body=org.cell,
                title="Bí thư",
                started_on=dt.date(1800, 1, 1),
            )
        assert e.value.message_dict == {"started_on": [MSG_BEFORE_PARTY % {"date": "01/01/1800"}]}
        assert Position.objects.count() == count

    def test_a_position_before_the_person_was_born_is_refused(self, org):
        person_update(person=org.civilian, birth_date=dt.date(1970, 1, 1))
        with pytest.raises(ValidationError) as e:
            position_create(
                person=org.civilian,
                body=org.province,
                title="Ủy viên",
                started_on=dt.date(1960, 1, 1),
            )
        assert e.value.message_dict == {
            "started_on": [
                MSG_POSITION_BEFORE_BIRTH % {"earlier": "01/01/1970", "later": "01/01/1960"}
            ]
        }

    def test_a_position_before_its_body_was_founded_is_refused(self, org):
        org.cell.founded_on = dt.date(2010, 1, 1)
        with pytest.raises(ValidationError) as e:
            position_create(
                person=org.cell_member,
                body=org.cell,
                title="Bí thư",
                started_on=dt.date(2009, 1, 1),
            )
        assert e.value.error_dict["started_on"][0].message == MSG_POSITION_BEFORE_BODY

    def test_a_position_cannot_end_in_the_future(self, org):
        pos = Position.objects.get(person=org.commissar, title="Chính ủy")
        with pytest.raises(ValidationError) as e:
            position_end(position=pos, ended_on=dt.date(2099, 1, 1))
        assert set(e.value.error_dict) == {"ended_on"}
        pos.refresh_from_db()
        assert pos.ended_on is None


class TestForms:
    def test_the_new_member_form_shows_the_reason_on_the_field(self, org, users, login):
        client = login(users.officer)
        count = Person.objects.count()
        response = client.post(
            reverse("people:person_add", args=[org.cell.pk]),
            {"full_name": "Hồ Văn Lâm", "birth_date": "2099-03-01"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "birth_date": [str(MSG_IN_FUTURE % {"date": "01/03/2099"})]
        }
        assert Person.objects.count() == count

    def test_the_position_form_refuses_a_start_before_the_party(self, org, users, login):
        client = login(users.officer)
        response = client.post(
            reverse("people:position_add", args=[org.cell_member.pk]),
            {"title": "Bí thư", "body": org.cell.pk, "started_on": "1800-01-01"},
        )
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["started_on"]
        assert not Position.objects.filter(person=org.cell_member).exists()
