"""Awards: the tiers, the proposed lists and the rule behind each name, the staff's
corrections, the confirmation and the numbered decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctct.bodies.services import body_merge
from ctct.documents.models import DocumentStatus
from ctct.people.tests.factories import make_person
from ctct.ratings import awards
from ctct.ratings.models import Award, AwardDecision
from ctct.ratings.tests.award_factories import (
    discipline,
    kind,
    make_award_tree,
    make_members,
    rate,
)

YEAR = 2025
YEARLY = "giay-khen-dang-vien-htxsnv"
FIVE_DISTRICT = "giay-khen-dang-vien-5-nam"
FIVE_PROVINCE = "bang-khen-dang-vien-5-nam"
BODY_YEARLY = "giay-khen-to-chuc-dang-htxsnv"
BODY_FIVE = "giay-khen-to-chuc-dang-5-nam"


@pytest.fixture
def tree(db):
    return make_award_tree()


def names(decisions, code):
    for d in decisions:
        if d.kind.code == code:
            return {a.recipient_name: a.reason for a in d.awards.all()}
    return {}


def test_tiers_are_heights_among_grassroots_committees(tree):
    heights = awards.tiers()
    assert heights[tree.brigade.pk] == 0
    assert heights[tree.division.pk] == 1
    assert heights[tree.region.pk] == 2
    assert heights[tree.division_standing.pk] == heights[tree.division.pk]
    assert heights[tree.region_standing.pk] == 2


def test_the_kinds_each_body_gives_follow_its_tier_and_standing_committee(tree):
    def codes(body):
        return {k.code for k in awards.kinds_given_by(body)}

    assert YEARLY in codes(tree.brigade) and FIVE_DISTRICT not in codes(tree.brigade)
    assert FIVE_DISTRICT in codes(tree.division_standing)
    assert FIVE_DISTRICT not in codes(tree.division)  # the standing committee gives it
    assert {FIVE_PROVINCE, "huy-hieu-30-nam"} <= codes(tree.region_standing)
    assert codes(tree.cell) == set()


def test_a_member_rated_htxsnv_five_years_is_proposed_at_each_tier_with_the_rule(tree):
    member = make_members(tree.cell, 1)[0]
    yearly = awards.award_propose(giver=tree.brigade, year=YEAR)
    five = awards.award_propose(giver=tree.division_standing, year=YEAR)
    province = awards.award_propose(giver=tree.region_standing, year=YEAR)
    assert names(yearly, YEARLY) == {member.full_name: "HTXSNV 2025"}
    assert names(five, FIVE_DISTRICT) == {member.full_name: "HTXSNV 2021–2025"}
    assert names(province, FIVE_PROVINCE) == {member.full_name: "HTXSNV 2021–2025"}
    award = Award.objects.get(decision__kind__code=FIVE_DISTRICT)
    assert (award.first_year, award.last_year, award.person) == (2021, YEAR, member)


def test_a_gap_or_a_lower_level_breaks_the_streak_and_quarters_do_not_count(tree):
    gap = make_person(body=tree.cell)
    rate(person=gap, years=[2021, 2022, 2024, 2025])
    lower = make_person(body=tree.cell)
    rate(person=lower, years=[2021, 2022, 2024, 2025])
    rate(person=lower, years=[2023], level="httnv")
    undecided = make_person(body=tree.cell)
    rate(person=undecided, years=[2021, 2022, 2023, 2024])
    rate(person=undecided, years=[2025], step="reviewed")
    five = awards.award_propose(giver=tree.division_standing, year=YEAR)
    assert names(five, FIVE_DISTRICT) == {}
    yearly = awards.award_propose(giver=tree.brigade, year=YEAR)
    assert set(names(yearly, YEARLY)) == {gap.full_name, lower.full_name}


def test_years_rated_in_another_body_count_for_the_member_who_moved(tree):
    mover = make_person(body=tree.cell)
    rate(person=mover, years=[2021, 2022], at=tree.other_cell)
    rate(person=mover, years=[2023, 2024, 2025])
    five = awards.award_propose(giver=tree.division_standing, year=YEAR)
    assert names(five, FIVE_DISTRICT) == {mover.full_name: "HTXSNV 2021–2025"}
    # the old brigade no longer lists them: they are not in its branch
    assert names(awards.award_propose(giver=tree.other_brigade, year=YEAR), YEARLY) == {}


def test_a_merged_bodys_years_count_for_its_successor(tree):
    from ctct.bodies.tests.factories import make_cell

    old = make_cell(parent=tree.brigade, name="Chi bộ Đại đội 3")
    new = make_cell(parent=tree.brigade, name="Chi bộ Đại đội 4")
    rate(body=old, years=[2021, 2022, 2023])
    body_merge(body=old, successor=new, on=dt.date(2024, 1, 1))
    rate(body=new, years=[2024, 2025])
    five = awards.award_propose(giver=tree.division_standing, year=YEAR)
    assert names(five, BODY_FIVE) == {new.name: "HTXSNV 2021–2025"}


def test_a_body_merged_from_another_branch_brings_its_years(tree):
    from ctct.bodies.tests.factories import make_body, make_cell

    elsewhere = make_body(parent=tree.region, name="Đảng ủy Sư đoàn 9")
    old = make_cell(parent=make_body(parent=elsewhere), name="Chi bộ Đại đội 7")
    new = make_cell(parent=tree.brigade, name="Chi bộ Đại đội 8")
    rate(body=old, years=[2021, 2022])
    body_merge(body=old, successor=new, on=dt.date(2023, 1, 1))
    rate(body=new, years=[2023, 2024, 2025])
    five = awards.award_propose(giver=tree.division_standing, year=YEAR)
    assert names(five, BODY_FIVE) == {new.name: "HTXSNV 2021–2025"}


def test_nobody_disciplined_in_the_year_is_proposed_unless_it_was_withdrawn(tree):
    punished, cleared = make_members(tree.cell, 2)
    discipline(person=punished, on=dt.date(YEAR, 5, 1))
    discipline(person=cleared, on=dt.date(YEAR, 5, 1), withdrawn_on=dt.date(YEAR, 8, 1))
    yearly = awards.award_propose(giver=tree.brigade, year=YEAR)
    assert set(names(yearly, YEARLY)) == {cleared.full_name}


def test_party_membership_reached_in_the_year_proposes_the_badge_once(tree):
    thirty = make_person(body=tree.cell, party_joined_on=dt.date(1995, 3, 12))
    make_person(body=tree.cell, party_joined_on=dt.date(1996, 3, 12))
    decisions = awards.award_propose(giver=tree.region_standing, year=YEAR)
    assert names(decisions, "huy-hieu-30-nam") == {
        thirty.full_name: "30 năm tuổi Đảng (vào Đảng 12/03/1995)"
    }


def test_a_streak_already_rewarded_is_not_rewarded_again(tree):
    member = make_members(tree.cell, 1, years=range(2020, 2027))[0]
    (decision,) = [
        d
        for d in awards.award_propose(giver=tree.division_standing, year=YEAR)
        if d.kind.code == FIVE_DISTRICT
    ]
    awards.award_confirm(decision=decision)
    later = awards.award_propose(giver=tree.division_standing, year=YEAR + 1)
    assert names(later, FIVE_DISTRICT) == {}
    assert member.full_name in names(awards.award_propose(giver=tree.brigade, year=2026), YEARLY)


def test_proposing_again_keeps_the_unticked_and_the_added_and_adds_nobody_twice(tree):
    a, b = make_members(tree.cell, 2)
    (decision,) = [
        d for d in awards.award_propose(giver=tree.brigade, year=YEAR) if d.kind.code == YEARLY
    ]
    awards.award_exclude(award=decision.awards.get(person=a))
    c = make_person(body=tree.cell)
    awards.award_add(giver=tree.brigade, kind=kind(YEARLY), year=YEAR, person=c, reason="X")
    awards.award_propose(giver=tree.brigade, year=YEAR)
    rows = {aw.person: (aw.included, aw.source) for aw in decision.awards.all()}
    assert rows == {
        a: (False, Award.Source.PROPOSED),
        b: (True, Award.Source.PROPOSED),
        c: (True, Award.Source.MANUAL),
    }


def test_adding_a_kind_the_body_is_not_entitled_to_is_refused_naming_the_rule(tree):
    member = make_person(body=tree.cell)
    with pytest.raises(ValidationError) as e:
        awards.award_add(giver=tree.brigade, kind=kind(FIVE_DISTRICT), year=YEAR, person=member)
    err = e.value.error_dict["kind"][0]
    assert err.code == "not_entitled" and err.message == awards.MSG_NOT_ENTITLED
    assert kind(FIVE_DISTRICT).name in str(err.messages[0])  # names the award it refuses
    assert not AwardDecision.objects.exists() and not Award.objects.exists()


def test_adding_someone_outside_the_branch_or_disciplined_is_refused(tree):
    outsider = make_person(body=tree.other_cell)
    with pytest.raises(ValidationError) as e:
        awards.award_add(giver=tree.brigade, kind=kind(YEARLY), year=YEAR, person=outsider)
    assert e.value.error_dict["person"][0].message == awards.MSG_OUTSIDE
    punished = make_person(body=tree.cell)
    discipline(person=punished, on=dt.date(YEAR, 2, 1))
    with pytest.raises(ValidationError) as e:
        awards.award_add(giver=tree.brigade, kind=kind(YEARLY), year=YEAR, person=punished)
    assert e.value.message == awards.MSG_DISCIPLINED
    with pytest.raises(ValidationError) as e:
        awards.award_add(giver=tree.brigade, kind=kind(BODY_YEARLY), year=YEAR, person=punished)
    assert e.value.error_dict["person"][0].message == awards.MSG_WRONG_SUBJECT
    assert not Award.objects.exists()


def test_a_giver_entitled_to_nothing_is_refused(tree):
    with pytest.raises(ValidationError) as e:
        awards.award_propose(giver=tree.cell, year=YEAR)
    assert e.value.message == awards.MSG_GIVES_NOTHING
    assert not AwardDecision.objects.exists()


def test_the_same_list_confirmed_twice_is_refused_and_nothing_changes(tree):
    make_members(tree.cell, 2)
    (decision,) = [
        d for d in awards.award_propose(giver=tree.brigade, year=YEAR) if d.kind.code == YEARLY
    ]
    stale = AwardDecision.objects.get(pk=decision.pk)  # a second tab, still "proposed"
    confirmed = awards.award_confirm(decision=decision)
    assert confirmed.state == AwardDecision.State.CONFIRMED and confirmed.confirmed_at
    history = confirmed.history.count()
    with pytest.raises(ValidationError) as e:
        awards.award_confirm(decision=stale)
    assert e.value.message == awards.MSG_ALREADY_CONFIRMED
    assert confirmed.history.count() == history
    with pytest.raises(ValidationError) as e:
        awards.award_exclude(award=decision.awards.first())
    assert e.value.message == awards.MSG_ALREADY_CONFIRMED
    assert decision.awards.filter(included=True).count() == 2


def test_a_list_with_nobody_ticked_cannot_be_confirmed(tree):
    (member,) = make_members(tree.cell, 1)
    (decision,) = [
        d for d in awards.award_propose(giver=tree.brigade, year=YEAR) if d.kind.code == YEARLY
    ]
    awards.award_exclude(award=decision.awards.get())
    with pytest.raises(ValidationError) as e:
        awards.award_confirm(decision=decision)
    assert e.value.message == awards.MSG_NOTHING_INCLUDED


def test_the_confirmed_list_is_drafted_and_issued_as_a_numbered_qd(tree):
    a, b = make_members(tree.cell, 2)
    (decision,) = [
        d for d in awards.award_propose(giver=tree.brigade, year=YEAR) if d.kind.code == YEARLY
    ]
    awards.award_exclude(award=decision.awards.get(person=b))
    with pytest.raises(ValidationError) as e:
        awards.award_draft_document(decision=decision)
    assert e.value.message == awards.MSG_NOT_CONFIRMED
    awards.award_confirm(decision=decision)
    doc = awards.award_draft_document(decision=decision)
    assert doc.status == DocumentStatus.DRAFT and doc.type_code == "QĐ"
    assert a.full_name in doc.text and b.full_name not in doc.text
    with pytest.raises(ValidationError) as e:
        awards.award_draft_document(decision=decision)
    assert e.value.message == awards.MSG_ALREADY_DRAFTED
    issued = awards.award_issue(decision=decision, issued_on=dt.date(2026, 1, 10))
    doc.refresh_from_db()
    assert issued.state == AwardDecision.State.ISSUED
    assert doc.status == DocumentStatus.ISSUED and doc.number == 1
    assert "01-QĐ/ĐU" in doc.citation


def test_received_awards_are_those_of_confirmed_decisions(tree):
    (member,) = make_members(tree.cell, 1)
    decisions = awards.award_propose(giver=tree.brigade, year=YEAR)
    assert awards.awards_received(member) == []
    for d in decisions:
        awards.award_confirm(decision=d)
    assert [a.decision.kind.code for a in awards.awards_received(member)] == [YEARLY]


def test_awards_announced_at_a_conference_are_received_too(tree):
    from ctct.conferences.tests.factories import make_conference
    from ctct.ratings.announced import award_announce

    (member,) = make_members(tree.cell, 1)
    conference = make_conference(body=tree.brigade, kind="so_ket", held_on=dt.date(YEAR, 6, 20))
    award_announce(
        conference=conference,
        kind="bang_khen",
        issuer="Bộ Tư lệnh Quân khu 8",
        person=member,
        reason="Thành tích huấn luyện",
    )
    (a,) = awards.awards_received(member)
    assert a.decision.giver_id is None and a.decision.state == AwardDecision.State.ANNOUNCED
    assert (a.decision.award_name, a.decision.giver_label) == (
        "Bằng khen",
        "Bộ Tư lệnh Quân khu 8",
    )


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_proposing_takes_the_same_number_of_queries_for_more_people(tree):
    make_members(tree.cell, 2)
    few = _queries(lambda: awards.award_propose(giver=tree.division_standing, year=YEAR))
    Award.objects.all().delete()
    AwardDecision.objects.all().delete()
    make_members(tree.cell, 12)
    make_members(tree.other_cell, 6)
    many = _queries(lambda: awards.award_propose(giver=tree.division_standing, year=YEAR))
    assert many == few
    assert Award.objects.count() == 20


def test_proposing_for_the_whole_tree_lists_each_name_once_per_kind_by_the_nearest_giver(tree):
    make_members(tree.cell, 3)
    make_members(tree.other_cell, 2)
    few = _queries(lambda: awards.awards_propose_all(year=YEAR))
    by = dict(
        AwardDecision.objects.filter(kind__code=YEARLY).values_list("giver__name", "awards__id")
    )
    assert set(by) == {tree.brigade.name, tree.other_brigade.name}
    assert Award.objects.filter(decision__kind__code=FIVE_DISTRICT).count() == 5
    assert Award.objects.filter(decision__kind__code=FIVE_PROVINCE).count() == 5
    Award.objects.all().delete()
    AwardDecision.objects.all().delete()
    make_members(tree.cell, 10)
    assert _queries(lambda: awards.awards_propose_all(year=YEAR)) == few
    again = awards.awards_propose_all(year=YEAR)
    assert again == {"decisions": 0, "added": 0, "updated": 0, "dropped": 0}


def test_a_bad_year_is_refused(tree):
    with pytest.raises(ValidationError) as e:
        awards.award_propose(giver=tree.brigade, year=99)
    assert e.value.error_dict["year"][0].message == awards.MSG_BAD_YEAR


@pytest.mark.django_db(transaction=True)
def test_two_racing_confirmations_confirm_the_list_once():
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    import threading

    from django.db import connections

    tree = make_award_tree()
    make_members(tree.cell, 2)
    (decision,) = [
        d for d in awards.award_propose(giver=tree.brigade, year=YEAR) if d.kind.code == YEARLY
    ]
    start, outcomes = threading.Barrier(2), []

    def confirm():
        try:
            start.wait()
            awards.award_confirm(decision=decision)
            outcomes.append("confirmed")
        except ValidationError as e:
            outcomes.append(e.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=str) == sorted(["confirmed", awards.MSG_ALREADY_CONFIRMED], key=str)
    decision.refresh_from_db()
    assert decision.state == AwardDecision.State.CONFIRMED
    assert decision.history.filter(state=AwardDecision.State.CONFIRMED).count() == 1
