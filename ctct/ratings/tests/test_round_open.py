"""Opening a round: one sheet per member and per body below, with who decides and where the
quota counts; the refusals of a second round, dates out of order and a future year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.people.tests.factories import make_person
from ctct.ratings import services as sv
from ctct.ratings.models import RatingRound, RatingSheet, Subject
from ctct.ratings.tests.factories import make_round

pytestmark = pytest.mark.django_db

D = dt.date


def codes(exc: ValidationError) -> set[str]:
    return {e.code for errors in exc.value.error_dict.values() for e in errors}


def test_a_round_gives_each_member_and_each_body_below_a_sheet(org):
    rnd = make_round(body=org.region, year=2025)
    people = set(
        RatingSheet.objects.filter(round=rnd, subject=Subject.PERSON).values_list(
            "person_id", flat=True
        )
    )
    bodies = set(
        RatingSheet.objects.filter(round=rnd, subject=Subject.BODY).values_list(
            "body_id", flat=True
        )
    )
    assert people == {org.commissar.pk, org.deputy.pk, org.cell_member.pk, org.other_member.pk}
    # the political agency is a committee's organ, not rated; the opener is not rated by itself
    assert bodies == {org.pol_cell.pk, org.brigade.pk, org.cell.pk, org.other_cell.pk}


def test_a_members_sheet_is_kept_at_the_cell_and_decided_by_the_grassroots_above(org):
    rnd = make_round(body=org.region, year=2025)
    sheet = RatingSheet.objects.get(round=rnd, person=org.cell_member)
    assert sheet.rated_at == org.cell
    assert sheet.grassroots == org.brigade
    assert sheet.decider == org.brigade
    assert (sheet.year, sheet.quarter, sheet.step) == (2025, None, RatingSheet.Step.WAITING)


def test_a_bodys_sheet_is_decided_by_its_parent_and_counts_in_its_own_grassroots(org):
    rnd = make_round(body=org.region, year=2025)
    cell = RatingSheet.objects.get(round=rnd, body=org.cell)
    assert (cell.rated_at, cell.decider, cell.grassroots) == (org.cell, org.brigade, org.brigade)
    brigade = RatingSheet.objects.get(round=rnd, body=org.brigade)
    assert (brigade.decider, brigade.grassroots) == (org.region, org.brigade)


def test_the_sheets_are_written_with_their_history_and_who_opened(org, users):
    rnd = make_round(body=org.region, year=2025, user=users.officer)
    history = RatingSheet.history.filter(round_id=rnd.pk)
    assert history.count() == RatingSheet.objects.filter(round=rnd).count() == 8
    assert set(history.values_list("history_type", "history_user_id")) == {("+", users.officer.pk)}
    assert rnd.opened_by == users.officer
    assert rnd.history.get().history_user == users.officer


def test_someone_who_joined_the_party_after_the_period_gets_no_sheet(org):
    late = make_person(body=org.cell, party_joined_on=D(2026, 3, 1))
    early = make_person(body=org.cell, party_joined_on=D(2025, 12, 31))
    rnd = make_round(body=org.brigade, year=2025)
    rated = set(RatingSheet.objects.filter(round=rnd).values_list("person_id", flat=True))
    assert early.pk in rated
    assert late.pk not in rated


def test_a_quarterly_round_counts_membership_to_the_quarters_end(org):
    make_person(body=org.cell, party_joined_on=D(2025, 4, 2))
    rnd = make_round(body=org.cell, year=2025, quarter=1)
    assert RatingSheet.objects.filter(round=rnd).count() == 1  # Nguyễn Văn An only
    assert RatingSheet.objects.get(round=rnd).quarter == 1


def test_a_second_round_for_the_same_body_and_period_is_refused(org):
    make_round(body=org.brigade, year=2025)
    with pytest.raises(ValidationError) as exc:
        make_round(body=org.brigade, year=2025)
    assert codes(exc) == {"round_exists"}
    assert exc.value.error_dict["year"][0].message == sv.MSG_ROUND_EXISTS
    assert RatingRound.objects.count() == 1


def test_a_quarterly_round_is_not_the_yearly_one(org):
    make_round(body=org.cell, year=2025)
    make_round(body=org.cell, year=2025, quarter=4)
    assert RatingRound.objects.count() == 2


def test_a_round_over_sheets_another_round_holds_is_refused_naming_them(org):
    make_round(body=org.cell, year=2025)
    before = RatingSheet.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_round(body=org.brigade, year=2025)
    assert codes(exc) == {"sheet_exists"}
    assert "Nguyễn Văn An" in exc.value.error_dict["body"][0].params["names"]
    assert RatingRound.objects.count() == 1
    assert RatingSheet.objects.count() == before


def test_dates_out_of_order_are_refused(org):
    with pytest.raises(ValidationError) as exc:
        make_round(body=org.brigade, year=2025, self_due=D(2025, 12, 30))
    assert codes(exc) == {"dates_order"}
    assert "review_due" in exc.value.error_dict
    assert not RatingRound.objects.exists()


def test_a_year_in_the_future_is_refused(org):
    from django.utils import timezone

    with pytest.raises(ValidationError) as exc:
        make_round(body=org.brigade, year=timezone.localdate().year + 1)
    assert codes(exc) == {"future_year"}
    assert not RatingSheet.objects.exists()


def test_a_quarter_outside_one_to_four_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        make_round(body=org.brigade, year=2025, quarter=5)
    assert codes(exc) == {"quarter"}


def test_merged_bodies_and_bodies_founded_later_are_not_rated(org):
    old = make_cell(parent=org.brigade, merged_on=D(2025, 3, 1))
    new = make_cell(parent=org.brigade, founded_on=D(2026, 2, 1))
    rnd = make_round(body=org.brigade, year=2025)
    rated = set(RatingSheet.objects.filter(round=rnd).values_list("body_id", flat=True))
    assert old.pk not in rated and new.pk not in rated


def test_a_member_with_no_grassroots_above_is_decided_by_the_body_above(db):
    root = make_body(kind="party_organization")
    cell = make_cell(parent=root)
    member = make_person(body=cell)
    rnd = make_round(body=root, year=2025)
    sheet = RatingSheet.objects.get(round=rnd, person=member)
    assert sheet.grassroots is None
    assert sheet.decider == root


def test_the_ordering_document_is_the_bodys_own_or_from_above(org):
    from ctct.documents.tests.factories import make_document, make_registered_document

    own = make_document(issuer=org.brigade, type_code="KH", issued_on=D(2025, 11, 20))
    above = make_document(issuer=org.region, type_code="HD", issued_on=D(2025, 11, 10))
    central = make_registered_document()  # "Chỉ thị số …-CT/TW", not a body of the tree
    beside = make_document(issuer=org.province, type_code="KH", issued_on=D(2025, 11, 10))
    assert make_round(body=org.brigade, year=2025, document=own).document == own
    assert make_round(body=org.cell, year=2024, document=above).document == above
    assert make_round(body=org.other_cell, year=2024, document=central).document == central
    with pytest.raises(ValidationError) as exc:
        make_round(body=org.pol_cell, year=2025, document=beside)
    assert codes(exc) == {"document_issuer"}
