"""The steps of a sheet: self-rating, review, the decision; every refusal names its rule and
changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ctct.people.services import person_update
from ctct.ratings import rules as rl
from ctct.ratings import services as sv
from ctct.ratings.models import RatingSheet
from ctct.ratings.tests.factories import (
    make_discipline,
    make_round,
    make_sheet,
    scores_for,
    sheet_of,
)

pytestmark = pytest.mark.django_db

D = dt.date


def codes(exc) -> list[str]:
    return [e.code for errors in exc.value.error_dict.values() for e in errors]


def messages(exc) -> list:
    return [e.message for errors in exc.value.error_dict.values() for e in errors]


@pytest.fixture
def rnd(org):
    return make_round(body=org.region, year=2025)


def unchanged(sheet: RatingSheet) -> bool:
    fresh = RatingSheet.objects.get(pk=sheet.pk)
    return (fresh.step, fresh.proposed_level, fresh.reviewed_level, fresh.decided_level) == (
        sheet.step,
        sheet.proposed_level,
        sheet.reviewed_level,
        sheet.decided_level,
    )


# --- self-rating ---------------------------------------------------------------------------
def test_a_self_rating_keeps_the_scores_their_sum_and_the_proposed_level(org, rnd, users):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    sheet = sv.sheet_self_rate(
        sheet=sheet,
        scores={"general": "27", "results": Decimal("65.5")},
        level="httnv",
        assessment="  Hoàn thành tốt  ",
        on_time=100,
        beyond=10,
        user=users.secretary,
    )
    sheet.refresh_from_db()
    assert sheet.score == Decimal("92.5")
    assert sheet.scores == {"general": "27", "results": "65.5"}
    assert sheet.proposed_level == "httnv"
    assert sheet.self_assessment == "Hoàn thành tốt"
    assert sheet.step == RatingSheet.Step.SELF_RATED
    assert sheet.proposed_by == users.secretary
    assert sheet.history.first().history_user == users.secretary


def test_a_level_above_the_score_band_is_refused(org, rnd):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="httnv", on_time=100)
    assert codes(exc) == [rl.RULE_BAND]
    assert messages(exc) == [sv.MSG_BAND]
    assert unchanged(sheet)
    assert RatingSheet.objects.get(pk=sheet.pk).score is None


def test_a_score_outside_its_criterion_range_is_refused(org, rnd):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    for scores in ({"general": 31, "results": 60}, {"general": -1, "results": 60}):
        with pytest.raises(ValidationError) as exc:
            sv.sheet_self_rate(sheet=sheet, scores=scores, level="htnv")
        assert codes(exc) == ["score_range"]
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores={"general": 20}, level="htnv")
    assert codes(exc) == ["score_missing"]
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores={"general": 20, "x": 1, "results": 1}, level="htnv")
    assert codes(exc) == ["unknown_criterion"]
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores={"general": "abc", "results": 1}, level="htnv")
    assert codes(exc) == ["score_range"]
    assert unchanged(sheet)


def test_an_unknown_level_and_a_share_above_100_are_refused(org, rnd):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="best")
    assert codes(exc) == ["unknown_level"]
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="htnv", on_time=120)
    assert codes(exc) == ["percent_range"]


def test_tasks_not_all_on_time_bar_the_higher_levels(org, rnd):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(
            sheet=sheet, scores=scores_for("htxsnv"), level="htxsnv", on_time=90, beyond=10
        )
    assert codes(exc) == [rl.RULE_ON_TIME, rl.RULE_BEYOND]
    assert messages(exc) == [sv.MSG_ON_TIME, sv.MSG_BEYOND]
    sv.sheet_self_rate(sheet=sheet, scores=scores_for("htxsnv"), level="htnv", on_time=90)


def test_a_body_with_too_many_late_tasks_cannot_be_rated_htnv(org, rnd):
    sheet = sheet_of(round=rnd, body=org.cell)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="htnv", late=25)
    assert codes(exc) == [rl.RULE_LATE]
    assert messages(exc) == [sv.MSG_LATE]


def test_discipline_in_the_year_bars_the_higher_levels(org, rnd):
    make_discipline(person=org.cell_member, decided_on=D(2025, 3, 1))
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores=scores_for("httnv"), level="httnv", on_time=100)
    assert codes(exc) == [rl.RULE_DISCIPLINE]
    assert messages(exc) == [sv.MSG_DISCIPLINE]
    sv.sheet_self_rate(sheet=sheet, scores=scores_for("httnv"), level="htnv", on_time=100)


def test_discipline_of_another_year_or_withdrawn_does_not_bar(org, rnd):
    make_discipline(person=org.cell_member, decided_on=D(2024, 12, 31))
    appealed = make_discipline(person=org.cell_member, decided_on=D(2025, 2, 1))
    sv.discipline_withdraw(discipline=appealed, on=D(2025, 5, 1))
    sheet = sheet_of(round=rnd, person=org.cell_member)
    sv.sheet_self_rate(sheet=sheet, scores=scores_for("httnv"), level="httnv", on_time=100)


def test_a_disciplined_subordinate_body_bars_htxsnv_of_the_body_above(org, rnd):
    make_discipline(body=org.cell, decided_on=D(2025, 8, 1))
    sheet = sheet_of(round=rnd, body=org.brigade)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(
            sheet=sheet, scores=scores_for("htxsnv"), level="htxsnv", on_time=100, beyond=40
        )
    assert codes(exc) == [rl.RULE_SUBORDINATE_DISCIPLINE]
    assert messages(exc) == [sv.MSG_SUBORDINATE_DISCIPLINE]
    # the cell itself was disciplined: its higher levels are barred
    with pytest.raises(ValidationError) as exc:
        make_sheet(round=rnd, body=org.cell, level="httnv")
    assert codes(exc) == [rl.RULE_DISCIPLINE]


def test_a_disciplined_leader_bars_htxsnv_of_the_body(org, rnd):
    make_discipline(person=org.commissar, decided_on=D(2025, 8, 1))  # Bí thư of the brigade
    sheet = sheet_of(round=rnd, body=org.brigade)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(
            sheet=sheet, scores=scores_for("htxsnv"), level="htxsnv", on_time=100, beyond=40
        )
    assert codes(exc) == [rl.RULE_SUBORDINATE_DISCIPLINE]


def test_a_rating_for_someone_not_a_member_that_year_is_refused(org, rnd):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    person_update(person=org.cell_member, party_joined_on=D(2026, 1, 5))
    with pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="htnv")
    assert codes(exc) == ["not_member"]
    assert messages(exc) == [sv.MSG_NOT_MEMBER]
    assert unchanged(sheet)


# --- review and decision -------------------------------------------------------------------
def test_a_review_comes_after_the_self_rating(org, rnd, users):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheet_review(sheet=sheet, at=org.cell, level="htnv")
    assert codes(exc) == ["not_self_rated"]
    make_sheet(round=rnd, person=org.cell_member, level="httnv")
    sheet = sv.sheet_review(
        sheet=sheet, at=org.cell, level="htnv", note="Còn hạn chế", user=users.secretary
    )
    assert (sheet.step, sheet.reviewed_level, sheet.review_note) == (
        "reviewed",
        "htnv",
        "Còn hạn chế",
    )
    assert sheet.reviewed_by == users.secretary


def test_a_party_organizations_sheet_is_reviewed_by_the_body_above_not_by_itself(org, rnd):
    sheet = make_sheet(round=rnd, body=org.cell, level="httnv")
    for wrong in (org.cell, org.other_cell, org.region):
        with pytest.raises(ValidationError) as exc:
            sv.sheet_review(sheet=sheet, at=wrong, level="httnv")
        assert codes(exc) == ["not_reviewer"] and messages(exc) == [sv.MSG_NOT_REVIEWER]
        assert unchanged(sheet)
    sheet = sv.sheet_review(sheet=sheet, at=org.brigade, level="httnv")
    assert sheet.step == "reviewed"


def test_a_members_sheet_is_reviewed_by_the_cell_keeping_it(org, rnd):
    sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv")
    with pytest.raises(ValidationError) as exc:
        sv.sheet_review(sheet=sheet, at=org.brigade, level="httnv")
    assert codes(exc) == ["not_reviewer"] and unchanged(sheet)


def test_a_refusal_writes_the_score_as_the_page_does(org, rnd):
    from django.utils import translation

    sheet = sheet_of(round=rnd, person=org.cell_member)
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores={"general": "21.5", "results": "50"}, level="htxsnv")
    [error] = exc.value.error_dict["level"]
    assert error.params["score"] == "71,5"
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        sv.sheet_self_rate(sheet=sheet, scores={"general": "20", "results": "50"}, level="htxsnv")
    [error] = exc.value.error_dict["level"]
    assert error.params["score"] == "70"


def test_a_review_above_the_band_of_the_self_rated_score_is_refused(org, rnd):
    sheet = make_sheet(round=rnd, person=org.cell_member, level="htnv")
    with pytest.raises(ValidationError) as exc:
        sv.sheet_review(sheet=sheet, at=org.cell, level="htxsnv")
    assert rl.RULE_BAND in codes(exc)
    assert unchanged(sheet)


def test_the_decider_decides_and_the_sheet_can_no_longer_change(org, rnd, users):
    sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv", upto="reviewed")
    [sheet] = sv.sheets_decide(
        decider=org.brigade,
        round=rnd,
        levels={sheet.pk: "httnv"},
        notes={sheet.pk: "Đồng ý"},
        user=users.officer,
    )
    sheet.refresh_from_db()
    assert (sheet.step, sheet.decided_level, sheet.decision_note) == ("decided", "httnv", "Đồng ý")
    assert sheet.decided_by == users.officer and sheet.level == "httnv"
    for edit in (
        lambda: sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="htnv"),
        lambda: sv.sheet_review(sheet=sheet, at=org.cell, level="htnv"),
        lambda: sv.sheets_decide(decider=org.brigade, round=rnd, levels={sheet.pk: "htnv"}),
    ):
        with pytest.raises(ValidationError) as exc:
            edit()
        assert codes(exc) == ["decided"]
        assert messages(exc) == [sv.MSG_DECIDED]
    assert unchanged(sheet)


def test_only_the_decider_decides(org, rnd):
    sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv")
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=org.region, round=rnd, levels={sheet.pk: "httnv"})
    assert codes(exc) == ["not_decider"]
    assert unchanged(sheet)


def test_a_sheet_of_another_round_is_not_decided_here(org, rnd):
    other = make_round(body=org.province, year=2025)
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=org.brigade, round=other, levels={sheet.pk: "htnv"})
    assert codes(exc) == ["not_in_round"]


def test_a_decision_barred_by_a_rule_changes_none_of_the_sheets(org, rnd):
    good = make_sheet(round=rnd, person=org.cell_member, level="httnv")
    bad = make_sheet(round=rnd, person=org.other_member, level="htnv")
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=org.brigade, round=rnd, levels={good.pk: "httnv", bad.pk: "httnv"})
    assert codes(exc) == [rl.RULE_BAND]
    assert "Lê Thị Hoa" in exc.value.error_dict["levels"][0].params["who"]
    assert unchanged(good) and unchanged(bad)


def test_a_closed_round_takes_no_more_ratings(org):
    rnd = make_round(body=org.cell, year=2025)
    sheet = make_sheet(round=rnd, person=org.cell_member, level="htnv", upto="decided")
    sv.round_close(round=rnd)
    rnd.refresh_from_db()
    assert rnd.state == "closed"
    with pytest.raises(ValidationError) as exc:
        sv.round_close(round=rnd)
    assert codes(exc) == ["already_closed"]
    assert sheet.step == "decided"


def test_a_round_with_undecided_sheets_is_not_closed(org, rnd):
    with pytest.raises(ValidationError) as exc:
        sv.round_close(round=rnd)
    assert codes(exc) == ["undecided"]
    rnd.refresh_from_db()
    assert rnd.state == "open"


def test_a_self_rating_entered_again_after_the_review_is_to_be_reviewed_again(org, rnd):
    sheet = make_sheet(round=rnd, person=org.cell_member, level="httnv", upto="reviewed")
    sheet = sv.sheet_self_rate(sheet=sheet, scores=scores_for("htnv"), level="htnv")
    sheet.refresh_from_db()
    assert (sheet.step, sheet.proposed_level, sheet.reviewed_level) == ("self_rated", "htnv", "")
    assert sheet.reviewed_at is None


def test_a_sheet_waiting_for_its_self_rating_is_not_decided(org, rnd):
    sheet = sheet_of(round=rnd, person=org.cell_member)
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=org.brigade, round=rnd, levels={sheet.pk: "htnv"})
    assert codes(exc) == ["not_self_rated"]
    assert unchanged(sheet)


def test_levels_keyed_by_something_else_than_sheet_ids_are_refused(org, rnd):
    for levels in ({"abc": "htnv"}, {999999: "htnv"}):
        with pytest.raises(ValidationError) as exc:
            sv.sheets_decide(decider=org.brigade, round=rnd, levels=levels)
        assert codes(exc) == ["not_in_round"]
    with pytest.raises(ValidationError) as exc:
        sv.sheets_decide(decider=org.brigade, round=rnd, levels={})
    assert codes(exc) == ["nothing_to_decide"]
