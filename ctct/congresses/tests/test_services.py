import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ctct.congresses import rules as r
from ctct.congresses import services as s
from ctct.congresses.models import (
    Congress,
    CongressMember,
    CongressRound,
    Preparation,
    PreparationStep,
    Review,
    Role,
    Term,
)
from ctct.congresses.tests.factories import bring_to, open_round, prep_of
from ctct.documents.models import Term as NumberingTerm
from ctct.documents.services import numbering_period
from ctct.people.models import Position
from ctct.people.tests.factories import make_person, make_position


def refused(exc: pytest.ExceptionInfo, message) -> bool:
    return any(e.message == message for errors in exc.value.error_dict.values() for e in errors)


# --- the round --------------------------------------------------------------------------------
def test_a_round_gives_every_body_of_the_subtree_a_preparation_with_its_five_steps(org):
    rnd = open_round(body=org.region)
    preps = {p.body_id: p for p in Preparation.objects.filter(round=rnd)}
    assert set(preps) == {
        org.region.pk,
        org.pol.pk,
        org.pol_cell.pk,
        org.brigade.pk,
        org.cell.pk,
        org.other_cell.pk,
    }
    assert PreparationStep.objects.filter(preparation__round=rnd).count() == 6 * 5
    assert preps[org.region.pk].level == r.TOP
    assert preps[org.brigade.pk].level == r.GRASSROOTS
    assert preps[org.cell.pk].level == r.CELL
    assert preps[org.cell.pk].term_label == "2025-2027"  # cells: twice per term
    assert preps[org.brigade.pk].term_label == "2025-2030"
    assert preps[org.cell.pk].branch_id == org.brigade.pk
    assert preps[org.region.pk].branch_id is None
    assert all(p.stage == r.PLAN for p in preps.values())
    assert all(p.next_deadline < p.planned_on for p in preps.values())


def test_a_round_plans_pilots_first_and_each_body_after_the_bodies_below_it(org):
    rnd = open_round(body=org.region, pilots=[org.cell])
    cell, other = prep_of(rnd, org.cell), prep_of(rnd, org.other_cell)
    start, end = rnd.window(r.CELL)
    assert cell.pilot and cell.planned_on == start
    assert start < other.planned_on <= end
    brigade = prep_of(rnd, org.brigade)
    assert brigade.planned_on > other.planned_on
    assert prep_of(rnd, org.region).planned_on > brigade.planned_on


def test_a_round_windows_can_be_given_per_level(org):
    rnd = open_round(body=org.region, windows={r.CELL: (dt.date(2025, 2, 1), dt.date(2025, 2, 28))})
    assert dt.date(2025, 2, 1) <= prep_of(rnd, org.cell).planned_on <= dt.date(2025, 2, 28)


def test_a_round_refuses_a_window_that_ends_before_it_starts_and_writes_nothing(org):
    with pytest.raises(ValidationError) as exc:
        open_round(body=org.region, windows={r.CELL: (dt.date(2025, 3, 1), dt.date(2025, 2, 1))})
    assert refused(exc, s.MSG_WINDOW_ORDER)
    assert not CongressRound.objects.exists() and not Preparation.objects.exists()


def test_a_round_is_opened_once_per_term_and_a_body_is_in_one_round_of_a_term(org):
    open_round(body=org.region)
    with pytest.raises(ValidationError) as exc:
        open_round(body=org.region)
    assert refused(exc, s.MSG_ROUND_EXISTS)
    with pytest.raises(ValidationError) as exc:
        open_round(body=org.brigade)
    assert refused(exc, s.MSG_ALREADY_IN_ROUND)
    assert CongressRound.objects.count() == 1


def test_a_round_refuses_a_draft_directive_and_a_bad_term(org):
    from ctct.documents.tests.factories import make_document

    draft = make_document(issuer=org.region, issued_on=None)
    with pytest.raises(ValidationError) as exc:
        s.round_open(
            body=org.region, directive=draft, term_label="2025-2030", opened_on=dt.date(2024, 11, 3)
        )
    assert refused(exc, s.MSG_DIRECTIVE_DRAFT)
    with pytest.raises(ValidationError) as exc:
        open_round(body=org.region, term_label="2030-2025")
    assert refused(exc, s.MSG_TERM_LABEL)


def test_a_pilot_must_be_in_the_round(org):
    with pytest.raises(ValidationError) as exc:
        open_round(body=org.brigade, pilots=[org.pol_cell])
    assert refused(exc, s.MSG_PILOT_OUTSIDE)
    assert not Preparation.objects.exists()


# --- the steps and the review -----------------------------------------------------------------
def test_steps_are_done_in_order_and_move_the_next_deadline(org):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.cell)
    with pytest.raises(ValidationError) as exc:
        s.step_done(preparation=prep, kind=r.PAPERS, done_on=dt.date(2024, 12, 1))
    assert refused(exc, s.MSG_STEP_ORDER)
    s.step_done(preparation=prep, kind=r.PLAN, done_on=dt.date(2024, 12, 1))
    prep.refresh_from_db()
    assert prep.stage == r.PAPERS
    assert (
        prep.next_deadline == PreparationStep.objects.get(preparation=prep, kind=r.PAPERS).deadline
    )
    assert PreparationStep.objects.get(preparation=prep, kind=r.PLAN).done_on == dt.date(
        2024, 12, 1
    )


def test_results_reported_before_the_superiors_review_are_refused_and_nothing_changes(org):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.REVIEW)
    with pytest.raises(ValidationError) as exc:
        s.step_done(preparation=prep, kind=r.REPORTED, done_on=dt.date(2025, 1, 5))
    assert refused(exc, s.MSG_REVIEW_FIRST)
    prep.refresh_from_db()
    assert prep.stage == r.REVIEW
    assert not PreparationStep.objects.filter(
        preparation=prep, kind=r.REPORTED, done_on__isnull=False
    ).exists()


def test_the_review_is_refused_less_than_the_lead_time_before_the_opening(org):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.REVIEW)
    late = prep.planned_on - dt.timedelta(days=20)
    with pytest.raises(ValidationError) as exc:
        s.review_decide(preparation=prep, approved=True, decided_on=late)
    assert refused(exc, s.MSG_REVIEW_TOO_LATE)
    assert not Review.objects.exists()
    prep.refresh_from_db()
    assert prep.stage == r.REVIEW


def test_papers_returned_with_comments_go_back_to_the_body(org):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.REVIEW)
    early = prep.planned_on - dt.timedelta(days=100)
    with pytest.raises(ValidationError) as exc:
        s.review_decide(preparation=prep, approved=False, decided_on=early)
    assert refused(exc, s.MSG_COMMENTS_REQUIRED)
    review = s.review_decide(
        preparation=prep, approved=False, decided_on=early, comments="Bổ sung phương án nhân sự"
    )
    assert review.reviewer == org.brigade  # the superior
    prep.refresh_from_db()
    assert prep.stage == r.PAPERS
    assert PreparationStep.objects.get(preparation=prep, kind=r.PAPERS).done_on is None
    bring_to(prep, r.HELD)
    assert prep.stage == r.HELD
    assert list(Review.objects.filter(preparation=prep).values_list("approved", flat=True)) == [
        False,
        True,
    ]


def test_a_review_needs_the_papers_sent_first(org):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.cell)
    with pytest.raises(ValidationError) as exc:
        s.review_decide(preparation=prep, approved=True, decided_on=dt.date(2024, 12, 1))
    assert refused(exc, s.MSG_NOT_SENT)


def test_a_postponement_moves_the_deadlines_of_the_steps_left(org):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.PAPERS)
    plan_deadline = PreparationStep.objects.get(preparation=prep, kind=r.PLAN).deadline
    with pytest.raises(ValidationError) as exc:
        s.preparation_postpone(preparation=prep, planned_on=dt.date(2025, 6, 2), reason=" ")
    assert refused(exc, s.MSG_NO_REASON)
    s.preparation_postpone(
        preparation=prep, planned_on=dt.date(2025, 6, 2), reason="Đơn vị làm nhiệm vụ diễn tập"
    )
    prep.refresh_from_db()
    assert prep.planned_on == dt.date(2025, 6, 2)
    steps = {st.kind: st for st in PreparationStep.objects.filter(preparation=prep)}
    assert steps[r.HELD].deadline == dt.date(2025, 6, 2)
    assert steps[r.PLAN].deadline == plan_deadline  # done: left as it was
    assert prep.next_deadline == steps[r.PAPERS].deadline


# --- the congress record ----------------------------------------------------------------------
@pytest.fixture
def elected(org):
    people = [make_person(body=org.cell) for _ in range(4)]
    return people


def record(body, people, **overrides):
    a, b, c, d = people
    fields = dict(
        body=body,
        term_label="2025-2027",
        kind="all_members",
        opened_on=dt.date(2025, 3, 20),
        delegates_summoned=20,
        delegates_present=19,
        committee=[(a, "95"), (b, Decimal("88.5")), (c, 70)],
        secretary=a,
        deputies=[b],
        delegates=[(d, "80")],
        presidium=[a, b],
    )
    fields.update(overrides)
    return s.congress_record(**fields)


def test_a_congress_record_opens_the_term_posts_and_document_numbering(org, elected):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.HELD)
    a, b, c, d = elected
    old = make_position(person=d, body=org.cell, title="Bí thư", started_on=dt.date(2022, 3, 1))
    congress = record(org.cell, elected, opened_on=prep.planned_on)
    term = congress.term
    assert term.label == "2025-2027" and term.number == 1
    assert term.starts_on == prep.planned_on + dt.timedelta(days=1)
    assert term.numbering.label == "2025-2027"
    assert numbering_period(issuer=org.cell, style="party", on=term.starts_on) == "2025-2027"
    positions = Position.objects.filter(body=org.cell, ended_on__isnull=True)
    assert {(p.person_id, p.title) for p in positions} == {
        (a.pk, "Bí thư"),
        (b.pk, "Phó Bí thư"),
        (c.pk, "Chi ủy viên"),
    }
    assert all(p.started_on == prep.planned_on for p in positions)
    old.refresh_from_db()
    assert old.ended_on == prep.planned_on
    roles = set(CongressMember.objects.filter(congress=congress).values_list("person_id", "role"))
    assert (a.pk, Role.SECRETARY) in roles and (d.pk, Role.DELEGATE) in roles
    prep.refresh_from_db()
    assert prep.stage == r.REPORTED
    s.step_done(preparation=prep, kind=r.REPORTED, done_on=prep.planned_on)
    prep.refresh_from_db()
    assert prep.done and prep.next_deadline is None


def test_the_next_congress_closes_the_previous_term_and_its_numbering(org, elected):
    first = record(org.brigade, elected, term_label="2020-2025", opened_on=dt.date(2020, 5, 10))
    second = record(org.brigade, elected, term_label="2025-2030", opened_on=dt.date(2025, 5, 12))
    first.term.refresh_from_db()
    assert first.term.ends_on == dt.date(2025, 5, 12)
    assert second.term.number == 2
    assert NumberingTerm.objects.get(pk=first.term.numbering_id).ends_on == dt.date(2025, 5, 12)
    assert (
        numbering_period(issuer=org.brigade, style="party", on=dt.date(2025, 5, 12)) == "2020-2025"
    )
    assert (
        numbering_period(issuer=org.brigade, style="party", on=dt.date(2025, 5, 13)) == "2025-2030"
    )


def _nothing_written():
    return (
        not Congress.objects.exists()
        and not Term.objects.exists()
        and not CongressMember.objects.exists()
        and not NumberingTerm.objects.exists()
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"opened_on": dt.date(2025, 8, 1)}, s.MSG_OUTSIDE_WINDOW),
        ({"committee": [], "secretary": None}, s.MSG_NO_COMMITTEE),
        ({"committee": [("a", "101")]}, s.MSG_SHARE_RANGE),
        ({"committee": [("a", "50")]}, s.MSG_SHARE_LOW),
        ({"committee": [("a", "abc")]}, s.MSG_SHARE_RANGE),
        ({"secretary": "d"}, s.MSG_SECRETARY_NOT_ELECTED),
        ({"deputies": ["d"]}, s.MSG_SECRETARY_NOT_ELECTED),
        ({"deputies": ["a"]}, s.MSG_SECRETARY_TWICE),
        ({"inspection": [("d", "90")]}, s.MSG_NO_INSPECTION),
        ({"delegates_present": 21}, s.MSG_PRESENT_OVER),
        ({"closed_on": dt.date(2025, 3, 19)}, s.MSG_DATES_ORDER),
        ({"term_label": "2025"}, s.MSG_TERM_LABEL),
        ({"presidium": ["a", "b", "a"]}, s.MSG_DUPLICATE_PERSON),
        ({"directing": ["d", "d"]}, s.MSG_DUPLICATE_PERSON),
    ],
)
def test_a_bad_congress_record_is_refused_and_nothing_changes(org, elected, overrides, message):
    named = dict(zip("abcd", elected, strict=True))

    def person(x):
        return named[x] if isinstance(x, str) else x

    for key, value in list(overrides.items()):
        if key in ("committee", "inspection"):
            overrides[key] = [(person(p), share) for p, share in value]
        elif key in ("deputies", "presidium", "directing"):
            overrides[key] = [person(p) for p in value]
        elif key == "secretary" and value is not None:
            overrides[key] = person(value)
    if "committee" in overrides and "secretary" not in overrides and overrides["committee"]:
        overrides.update(secretary=overrides["committee"][0][0], deputies=[])
    with pytest.raises(ValidationError) as exc:
        record(org.cell, elected, **overrides)
    assert refused(exc, message)
    assert _nothing_written()
    assert not Position.objects.filter(body=org.cell).exists()


def test_a_congress_outside_its_window_is_recorded_with_the_postponement_reason(org, elected):
    congress = record(
        org.cell, elected, opened_on=dt.date(2025, 8, 1), postponement_reason="Huấn luyện dã ngoại"
    )
    assert congress.postponement_reason == "Huấn luyện dã ngoại"


def test_a_second_congress_for_the_same_term_is_refused(org, elected):
    record(org.cell, elected)
    with pytest.raises(ValidationError) as exc:
        record(org.cell, elected, opened_on=dt.date(2025, 4, 2))
    assert refused(exc, s.MSG_TERM_HELD)
    assert Congress.objects.count() == 1


def test_a_term_overlapping_the_previous_one_is_refused(org, elected):
    record(org.brigade, elected, term_label="2025-2030", opened_on=dt.date(2025, 5, 12))
    with pytest.raises(ValidationError) as exc:
        record(
            org.brigade,
            elected,
            term_label="2027-2032",
            opened_on=dt.date(2025, 5, 20),
            postponement_reason="x",
        )
    assert refused(exc, s.MSG_TERM_OVERLAP)
    with pytest.raises(ValidationError) as exc:
        record(org.brigade, elected, term_label="2020-2025", opened_on=dt.date(2020, 5, 12))
    assert refused(exc, s.MSG_TERM_OVERLAP)
    assert Congress.objects.count() == 1


def test_a_congress_before_the_superiors_review_is_refused(org, elected):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.REVIEW)
    with pytest.raises(ValidationError) as exc:
        record(org.cell, elected, opened_on=prep.planned_on)
    assert refused(exc, s.MSG_REVIEW_FIRST)
    assert _nothing_written()


def test_the_presidium_and_the_superiors_leaders_are_recorded_without_taking_posts(org, elected):
    a, b, _c, _d = elected
    congress = record(org.cell, elected, presidium=[b, a], directing=[org.commissar])
    presidium = congress.members.filter(role=Role.PRESIDIUM).order_by("id")
    assert [m.person for m in presidium] == [b, a]
    directing = congress.members.get(role=Role.DIRECTING)
    assert directing.person == org.commissar and directing.position is None
    assert not Position.objects.filter(person=org.commissar, body=org.cell).exists()


# --- the congress resolution ------------------------------------------------------------------
def test_the_congress_links_to_a_resolution_of_its_body_for_its_term(org, elected):
    from ctct.resolutions import services as res

    congress = record(org.cell, elected)
    resolution = res.resolution_create(body=org.cell, period="2025-2027", title="NQ Đại hội")
    s.congress_link_resolution(congress=congress, resolution=resolution)
    congress.refresh_from_db()
    assert congress.resolution == resolution
    assert congress.history.first().resolution_id == resolution.pk
    # Linking it again changes nothing.
    s.congress_link_resolution(congress=congress, resolution=resolution)
    assert congress.history.count() == 2


@pytest.mark.parametrize(
    ("body", "period", "message"),
    [
        ("brigade", "2025-2027", s.MSG_RESOLUTION_BODY),
        ("cell", "2025", s.MSG_RESOLUTION_PERIOD),
    ],
)
def test_a_resolution_of_another_body_or_period_is_not_linked(org, elected, body, period, message):
    from ctct.resolutions import services as res

    congress = record(org.cell, elected)
    resolution = res.resolution_create(body=getattr(org, body), period=period, title="NQ")
    with pytest.raises(ValidationError) as exc:
        s.congress_link_resolution(congress=congress, resolution=resolution)
    assert refused(exc, message)
    congress.refresh_from_db()
    assert congress.resolution is None


def test_a_congress_linked_to_one_resolution_refuses_another_and_a_second_start(org, elected):
    from ctct.resolutions import services as res
    from ctct.resolutions.models import Resolution

    congress = record(org.cell, elected)
    first = s.congress_resolution_create(congress=congress, title="Nghị quyết Đại hội")
    assert first.resolution.period == "2025-2027" and first.resolution.body == org.cell
    other = res.resolution_create(body=org.cell, period="2025-2027", title="Một nghị quyết khác")
    with pytest.raises(ValidationError) as exc:
        s.congress_link_resolution(congress=congress, resolution=other)
    assert refused(exc, s.MSG_RESOLUTION_LINKED)
    with pytest.raises(ValidationError) as exc:
        s.congress_resolution_create(congress=congress, title="Lần thứ hai")
    assert refused(exc, s.MSG_RESOLUTION_LINKED)
    congress.refresh_from_db()
    assert congress.resolution == first.resolution
    assert not Resolution.objects.filter(title="Lần thứ hai").exists()


# --- a congress read from a report --------------------------------------------------------
def test_an_imported_congress_marks_the_bodys_open_preparation_held(org):
    prep = prep_of(open_round(body=org.region), org.cell)
    congress, created = s.congress_import(
        body=org.cell, conference=None, term_label=prep.term_label, opened_on=prep.planned_on
    )
    prep.refresh_from_db()
    assert created and congress.preparation == prep
    assert prep.stage == r.REPORTED
    assert prep.steps.get(kind=r.HELD).done_on == prep.planned_on
    assert prep.steps.get(kind=r.PLAN).done_on is None  # the report does not tell of it
    assert prep.history.first().stage == r.REPORTED


def test_an_imported_congress_leaves_a_closed_round_and_another_term_alone(org):
    rnd = open_round(body=org.region)
    rnd.state = rnd.State.CLOSED
    rnd.save()
    prep = prep_of(rnd, org.cell)
    closed, _c = s.congress_import(
        body=org.cell, conference=None, term_label=prep.term_label, opened_on=prep.planned_on
    )
    other = prep_of(open_round(body=org.brigade, term_label="2020-2025"), org.other_cell)
    earlier, _c = s.congress_import(
        body=org.other_cell, conference=None, term_label="2022-2025", opened_on=dt.date(2022, 5, 4)
    )
    prep.refresh_from_db()
    other.refresh_from_db()
    assert closed.preparation is None and prep.stage == r.PLAN
    assert earlier.preparation is None and other.stage == r.PLAN
