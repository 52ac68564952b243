"""Conference records: what the services accept, what they refuse, and the history they keep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ctct.conferences import services
from ctct.conferences.models import Conference, Participant


def _codes(e: ValidationError) -> set[str]:
    if hasattr(e, "error_dict"):
        return {x.code for errs in e.error_dict.values() for x in errs}
    return {x.code for x in e.error_list}


class TestCreating:
    def test_a_conference_keeps_its_body_path_for_the_calendar(self, org):
        conf = services.conference_create(
            body=org.cell, kind="thuong_ky", held_on=dt.date(2025, 5, 5)
        )
        assert conf.body_path == org.cell.path
        assert conf.history.count() == 1

    def test_a_period_must_be_written_in_the_extraction_form(self, org):
        with pytest.raises(ValidationError) as e:
            services.conference_create(
                body=org.cell, kind="so_ket", held_on=dt.date(2025, 6, 5), period="H1/2025"
            )
        assert "period" in _codes(e.value)
        assert not Conference.objects.exists()

    @pytest.mark.parametrize("period", ["2025", "2025-H1", "2025-H2", "2025-Q3", "2025-2030"])
    def test_every_period_form_is_accepted(self, org, period):
        conf = services.conference_create(
            body=org.cell, kind="ra_nghi_quyet", held_on=dt.date(2025, 12, 5), period=period
        )
        assert conf.period == period

    def test_a_review_cannot_be_held_before_its_period_begins(self, org):
        with pytest.raises(ValidationError) as e:
            services.conference_create(
                body=org.cell, kind="so_ket", held_on=dt.date(2024, 12, 1), period="2025-H1"
            )
        assert _codes(e.value) == {"review_early"}

    def test_a_conference_cannot_predate_its_body(self, org):
        from ctct.bodies.models import Body

        Body.objects.filter(pk=org.cell.pk).update(founded_on=dt.date(2024, 1, 1))
        org.cell.refresh_from_db()
        with pytest.raises(ValidationError) as e:
            services.conference_create(body=org.cell, kind="other", held_on=dt.date(2023, 1, 1))
        assert _codes(e.value) == {"before_founded"}

    def test_a_date_before_the_party_existed_is_refused_as_a_typo(self, org):
        with pytest.raises(ValidationError) as e:
            services.conference_create(body=org.cell, kind="other", held_on=dt.date(1025, 6, 1))
        assert _codes(e.value) == {"before_party"}

    def test_a_date_years_away_is_refused_as_a_typo(self, org):
        with pytest.raises(ValidationError) as e:
            services.conference_create(body=org.cell, kind="other", held_on=dt.date(2205, 1, 1))
        assert _codes(e.value) == {"too_far"}

    def test_an_update_is_validated_and_kept_in_history(self, conference, users):
        services.conference_update(conference=conference, place="Hội trường B", user=users.officer)
        conference.refresh_from_db()
        assert conference.place == "Hội trường B"
        assert conference.history.first().history_user == users.officer
        with pytest.raises(ValidationError):
            services.conference_update(conference=conference, held_on=dt.date(2024, 1, 1))
        conference.refresh_from_db()
        assert conference.held_on == dt.date(2025, 6, 20)


class TestParticipants:
    def test_titles_are_those_held_on_the_day_written_as_the_news_writes_them(self, conference):
        chair = conference.participants.get(role="chair")
        assert chair.titles == "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657"
        assert chair.rank == "Đại tá"
        directed = conference.participants.get(role="directed")
        assert directed.titles == "Bí thư Đảng ủy, Chính ủy Quân khu 8"

    def test_titles_can_be_corrected_and_the_change_is_kept(self, conference):
        chair = conference.participants.get(role="chair")
        services.participant_update(participant=chair, titles="Chính ủy Lữ đoàn 657")
        chair.refresh_from_db()
        assert chair.titles == "Chính ủy Lữ đoàn 657"
        assert chair.history.count() == 2

    def test_a_second_chair_is_refused_naming_the_first(self, conference, org):
        with pytest.raises(ValidationError) as e:
            services.participant_add(conference=conference, person=org.other_member, role="chair")
        assert _codes(e.value) == {"two_chairs"}
        assert "Bùi Hữu Ba" in str(e.value)
        assert conference.participants.filter(role="chair").count() == 1

    def test_someone_outside_the_holding_bodys_reach_needs_a_guest_mark(self, conference, org):
        with pytest.raises(ValidationError) as e:
            services.participant_add(conference=conference, person=org.civilian, role="attended")
        assert _codes(e.value) == {"outside"}
        assert not conference.participants.filter(person=org.civilian).exists()
        p = services.participant_add(
            conference=conference, person=org.civilian, role="attended", is_guest=True
        )
        assert p.is_guest and p.titles == "Bí thư Tỉnh ủy Tây Sơn"

    def test_a_sibling_branch_member_is_outside_reach(self, conference, org):
        from ctct.people.services import person_create

        outsider = person_create(
            full_name="Vũ Văn Khoa",
            body=org.pol_cell,
            rank="Đại úy",
            rank_conferred_on=dt.date(2022, 1, 1),
        )
        with pytest.raises(ValidationError):
            services.participant_add(conference=conference, person=outsider, role="spoke")

    def test_a_superior_who_holds_a_post_above_is_within_reach(self, conference, org):
        # Trần Chí Tâm is a member of Cục Chính trị but sits on the region's committee.
        p = services.participant_add(conference=conference, person=org.deputy, role="attended")
        assert not p.is_guest

    def test_a_guest_not_in_the_records_is_added_by_name_with_a_guest_mark(self, conference):
        with pytest.raises(ValidationError) as e:
            services.participant_add(conference=conference, full_name="Lê Văn Tám", role="spoke")
        assert _codes(e.value) == {"guest"}
        p = services.participant_add(
            conference=conference,
            full_name="Lê  Văn Tám",
            rank="Trung tá",
            role="spoke",
            titles="Chính ủy Trung đoàn 1",
            is_guest=True,
        )
        assert p.full_name == "Lê Văn Tám" and p.person is None

    def test_a_guests_rank_must_be_a_rank(self, conference):
        with pytest.raises(ValidationError) as e:
            services.participant_add(
                conference=conference, full_name="X", rank="Tá", role="spoke", is_guest=True
            )
        assert "rank" in e.value.error_dict

    def test_one_person_may_hold_several_roles_but_each_once(self, conference, org):
        services.participant_add(conference=conference, person=org.commissar, role="awarded")
        with pytest.raises(ValidationError) as e:
            services.participant_add(conference=conference, person=org.commissar, role="awarded")
        assert _codes(e.value) == {"dup"}
        assert Participant.objects.filter(person=org.commissar).count() == 2


class TestConclusions:
    def test_a_requirement_is_assigned_within_the_holding_branch_and_tracked_to_done(
        self, conference, org
    ):
        c = services.conclusion_add(
            conference=conference,
            text="Rà soát chỉ tiêu",
            assignee=org.cell,
            due_on=dt.date(2025, 9, 30),
        )
        assert c.done_on is None
        services.conclusion_mark_done(conclusion=c, done_on=dt.date(2025, 9, 1))
        c.refresh_from_db()
        assert c.done_on == dt.date(2025, 9, 1)
        assert c.history.count() == 2

    def test_a_requirement_cannot_go_to_a_body_outside_the_branch(self, conference, org):
        with pytest.raises(ValidationError) as e:
            services.conclusion_add(conference=conference, text="X", assignee=org.pol)
        assert _codes(e.value) == {"assignee"}

    def test_a_deadline_before_the_conference_is_refused(self, conference):
        with pytest.raises(ValidationError):
            services.conclusion_add(conference=conference, text="X", due_on=dt.date(2025, 1, 1))
