"""People, ranks and positions: the news-style title chain and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.people.models import Person, Position, RankRecord
from ctct.people.selectors import body_leaders, person_title_chain
from ctct.people.services import (
    person_create,
    person_transfer,
    position_create,
    position_end,
    rank_confer,
)


def test_concurrent_titles_are_written_the_way_the_news_writes_them(org):
    assert person_title_chain(org.deputy) == [
        "Ủy viên Đảng ủy Quân khu 8",
        "Bí thư Đảng ủy Cục Chính trị",
        "Phó Chủ nhiệm Chính trị Quân khu 8",
    ]


def test_secretary_and_commissar_of_one_unit_name_the_unit_once(org):
    assert person_title_chain(org.commissar) == ["Bí thư Đảng ủy", "Chính ủy Lữ đoàn 657"]


def test_ended_positions_leave_the_current_chain(org):
    pos = Position.objects.get(person=org.commissar, title="Chính ủy")
    position_end(position=pos, ended_on=dt.date(2024, 12, 31))
    assert person_title_chain(org.commissar) == ["Bí thư Đảng ủy Lữ đoàn 657"]
    assert person_title_chain(org.commissar, on=dt.date(2024, 6, 1)) == [
        "Bí thư Đảng ủy",
        "Chính ủy Lữ đoàn 657",
    ]


def test_a_position_ending_before_it_starts_is_refused(org):
    before = Position.objects.count()
    with pytest.raises(ValidationError) as e:
        position_create(
            person=org.cell_member,
            body=org.cell,
            title="Bí thư",
            started_on=dt.date(2024, 5, 1),
            ended_on=dt.date(2024, 4, 30),
        )
    assert "30/04/2024" in e.value.messages[0] and "01/05/2024" in e.value.messages[0]
    assert Position.objects.count() == before


def test_a_rank_that_does_not_exist_is_refused(org):
    with pytest.raises(ValidationError) as e:
        rank_confer(person=org.cell_member, rank="Đại úy trưởng", conferred_on=dt.date(2025, 1, 1))
    assert "Đại úy trưởng" in e.value.messages[0]
    org.cell_member.refresh_from_db()
    assert org.cell_member.rank == "Trung úy"


def test_a_new_person_with_an_unknown_rank_is_not_created(org):
    count = Person.objects.count()
    with pytest.raises(ValidationError):
        person_create(
            full_name="Hồ Văn Lâm",
            body=org.cell,
            rank="Tướng",
            rank_conferred_on=dt.date(2020, 1, 1),
        )
    assert Person.objects.count() == count


def test_promotions_keep_the_ranks_held_before(org):
    rank_confer(person=org.cell_member, rank="Thượng úy", conferred_on=dt.date(2025, 9, 1))
    org.cell_member.refresh_from_db()
    assert org.cell_member.rank == "Thượng úy"
    assert list(
        RankRecord.objects.filter(person=org.cell_member).values_list("rank", flat=True)
    ) == ["Trung úy", "Thượng úy"]


def test_civilians_have_no_rank(org):
    assert org.civilian.rank == "" and not org.civilian.is_military
    assert person_title_chain(org.civilian) == ["Bí thư Tỉnh ủy Tây Sơn"]


def test_member_counts_follow_transfers(org):
    person_transfer(person=org.cell_member, body=org.other_cell)
    org.cell.refresh_from_db()
    org.other_cell.refresh_from_db()
    assert (org.cell.member_count, org.other_cell.member_count) == (0, 2)


def test_body_leaders_put_the_secretary_first(org):
    titles = [p.title for p in body_leaders(org.brigade)]
    assert titles == ["Bí thư", "Chính ủy"]


def test_names_are_stored_with_search_and_match_keys(org):
    p = Person.objects.get(pk=org.deputy.pk)
    assert p.search_key == "tran chi tam"
    assert Person.objects.filter(search_key__contains="chi tam").exists()


def test_searching_a_post_finds_who_holds_it_now(org, users):
    from ctct.core.scopes import Scope
    from ctct.people.selectors import search_posts

    found = search_posts(Scope.for_user(users.officer), "chinh uy lu doan 657")
    assert [(p.person.full_name, p.title) for p in found] == [("Bùi Hữu Ba", "Chính ủy")]
    assert search_posts(Scope.for_user(users.secretary), "chinh uy lu doan") == []  # out of reach
    pos = Position.objects.get(person=org.commissar, title="Chính ủy")
    position_end(position=pos, ended_on=dt.date(2024, 12, 31))
    assert search_posts(Scope.for_user(users.officer), "chinh uy lu doan 657") == []
