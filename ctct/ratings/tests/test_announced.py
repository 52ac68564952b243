"""Awards announced at a conference (moved here from conferences): recorded under an announced
decision of the giver and award as written, refused twice, removed with history after a
confirmation on the conference page's awards panel, built unsaved for imports, and read back
by the conference's news input and record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctct.conferences import announced as conference_awards
from ctct.ratings import announced
from ctct.ratings.announced import AnnouncedKind, award_announce, award_announced_build
from ctct.ratings.models import Award, AwardDecision
from ctct.ratings.tests.announced_factories import make_award


@pytest.fixture
def conference(org):
    from ctct.conferences.tests.factories import make_conference

    return make_conference(body=org.brigade, kind="so_ket", held_on=dt.date(2025, 6, 20))


@pytest.fixture
def award(conference):
    return award_announce(
        conference=conference,
        kind="giay_khen",
        issuer="Đảng ủy Lữ đoàn 657",
        recipient_name="Chi bộ Đại đội 1",
        reason="Hoàn thành xuất sắc nhiệm vụ năm 2025",
    )


def _codes(e: ValidationError) -> set[str]:
    return {x.code for errs in e.error_dict.values() for x in errs}


def _messages(e: ValidationError) -> list[str]:
    return [str(m) for m in e.messages]


def _count(conference) -> int:
    return Award.objects.filter(decision__conference=conference).count()


class TestAnnouncing:
    def test_an_award_names_its_kind_issuer_and_reason(self, conference, org):
        a = award_announce(
            conference=conference,
            kind="bang_khen",
            issuer="Ban Thường vụ Đảng ủy Quân khu",
            body=org.cell,
            reason="5 năm liền (2021-2025)",
        )
        assert a.recipient_name == "Chi bộ Đại đội 1" and a.body == org.cell
        d = a.decision
        assert (d.giver, d.kind, d.giver_name, d.kind_name) == (
            None,
            None,
            "Ban Thường vụ Đảng ủy Quân khu",
            "Bằng khen",
        )
        assert (d.state, d.year, d.conference) == (
            AwardDecision.State.ANNOUNCED,
            2025,
            conference,
        )
        assert a.source == Award.Source.MANUAL

    def test_awards_of_one_giver_and_award_share_one_decision(self, conference, org):
        a = make_award(conference=conference, body=org.cell)
        b = make_award(conference=conference, person=org.cell_member)
        c = make_award(conference=conference, kind="bang_khen", recipient_name="Tập thể X")
        assert a.decision == b.decision != c.decision

    def test_another_award_needs_its_name(self, conference):
        with pytest.raises(ValidationError) as e:
            award_announce(conference=conference, kind="other", issuer="X", recipient_name="Y")
        assert _codes(e.value) == {"award_name"}
        assert not AwardDecision.objects.filter(conference=conference).exists()

    def test_the_same_award_to_the_same_recipient_is_refused(self, conference, award):
        with pytest.raises(ValidationError) as e:
            award_announce(
                conference=conference,
                kind="giay_khen",
                issuer="Đảng ủy  Lữ đoàn 657",
                recipient_name="chi bộ đại đội 1",
                reason="Hoàn thành xuất sắc nhiệm vụ năm 2025",
            )
        assert e.value.error_dict["recipient_name"][0].message == announced.MSG_AWARD_TWICE
        assert _count(conference) == 1

    def test_another_award_to_the_same_recipient_is_recorded(self, conference, award):
        award_announce(
            conference=conference,
            kind="bang_khen",
            issuer="Ban Thường vụ Đảng ủy Quân khu",
            recipient_name="Chi bộ Đại đội 1",
            reason="5 năm liền (2021-2025)",
        )
        assert _count(conference) == 2

    def test_an_award_is_removed_and_its_history_says_by_whom(self, award, users, conference):
        announced.award_unannounce(award=award, user=users.officer)
        assert _count(conference) == 0
        assert not AwardDecision.objects.filter(conference=conference).exists()
        last = Award.history.filter(id=award.pk).latest("history_date")
        assert last.history_type == "-" and last.history_user == users.officer

    def test_the_factory_names_a_group_of_its_own(self, conference, org):
        assert make_award(conference=conference, body=org.cell).recipient_name == org.cell.name
        assert make_award(conference=conference).recipient_name.startswith("Tập thể ")
        assert _count(conference) == 2


class TestBuilding:
    def test_a_built_award_is_unsaved_with_its_decision(self, conference):
        decisions: dict = {}
        a = award_announced_build(
            conference=conference,
            kind=AnnouncedKind.BANG_KHEN,
            recipient_name="Đại đội 1",
            issuer="Bộ Tư lệnh Quân khu 8",
            decisions=decisions,
        )
        b = award_announced_build(
            conference=conference,
            kind=AnnouncedKind.BANG_KHEN,
            recipient_name="Đại đội 2",
            issuer="Bộ Tư lệnh Quân khu 8",
            decisions=decisions,
        )
        assert a.pk is None and a.recipient_name == "Đại đội 1"
        assert a.decision is b.decision and a.decision.pk is None
        assert a.source == Award.Source.IMPORTED

    def test_a_report_naming_an_award_already_announced_joins_its_decision(self, conference, award):
        """The conference page recorded the Giấy khen of the brigade's committee; a report of
        the same conference naming it (written a little differently) adds its recipient to
        that decision instead of announcing it a second time."""
        a = award_announced_build(
            conference=conference,
            kind=AnnouncedKind.GIAY_KHEN,
            recipient_name="Chi bộ Đại đội 2",
            issuer="  đảng ủy Lữ đoàn  657",
            decisions={},
        )
        assert a.decision.pk == award.decision.pk
        a.save()
        assert AwardDecision.objects.filter(conference=conference).count() == 1
        # another giver, or another award, is another decision
        other = award_announced_build(
            conference=conference,
            kind=AnnouncedKind.BANG_KHEN,
            recipient_name="Chi bộ Đại đội 2",
            issuer="Đảng ủy Lữ đoàn 657",
        )
        assert other.decision.pk is None

    def test_a_recipient_the_decision_names_already_is_not_added_twice(self, conference, award):
        """The same report read again, or a recipient written twice in one report: the
        decision keeps one award per recipient."""
        decisions: dict = {}

        def build(recipient: str):
            return award_announced_build(
                conference=conference,
                kind=AnnouncedKind.GIAY_KHEN,
                recipient_name=recipient,
                issuer="Đảng ủy Lữ đoàn 657",
                decisions=decisions,
            )

        assert build(f"  {award.recipient_name.upper()} ") is None
        fresh = build("Chi bộ Đại đội 9")
        assert fresh is not None and fresh.decision.pk == award.decision.pk
        assert build("chi bộ đại đội  9") is None
        # without the shared decisions too: what is saved is read
        fresh.save()
        decisions.clear()
        assert build("Chi bộ Đại đội 9") is None
        assert award.decision.awards.count() == 2

    def test_an_unknown_kind_is_refused(self, conference):
        with pytest.raises(ValidationError) as e:
            award_announced_build(conference=conference, kind="medal", recipient_name="Đại đội 1")
        assert _messages(e.value) == [str(announced.MSG_AWARD_KIND)]

    def test_another_kind_needs_its_name(self, conference):
        with pytest.raises(ValidationError) as e:
            award_announced_build(
                conference=conference, kind=AnnouncedKind.OTHER, recipient_name="Đại đội 1"
            )
        assert _messages(e.value) == [str(announced.MSG_AWARD_NAME)]

    def test_an_award_needs_who_received_it(self, conference):
        with pytest.raises(ValidationError) as e:
            award_announced_build(
                conference=conference, kind=AnnouncedKind.GIAY_KHEN, recipient_name=" "
            )
        assert _messages(e.value) == [str(announced.MSG_AWARD_RECIPIENT)]


class TestReadByConferences:
    def test_the_conference_reads_its_award_lines_through_its_registry(self, conference, award):
        (line,) = conference_awards.lines_of(conference)
        assert line == conference_awards.AwardLine(
            "Giấy khen",
            "Đảng ủy Lữ đoàn 657",
            "Chi bộ Đại đội 1",
            "Hoàn thành xuất sắc nhiệm vụ năm 2025",
        )

    def test_a_conference_without_awards_has_no_lines(self, conference):
        assert conference_awards.lines_of(conference) == []


class TestPanel:
    def _url(self, name, conference):
        return reverse(f"ratings:{name}", args=[conference.pk])

    def test_the_record_page_shows_the_awards_and_offers_removal_to_editors_only(
        self, conference, award, users, login
    ):
        html = login(users.officer).get(conference.get_absolute_url()).content.decode()
        assert "Chi bộ Đại đội 1" in html
        assert self._url("conference_award_remove", conference) in html
        assert self._url("conference_award_add", conference) in html
        html = login(users.viewer).get(conference.get_absolute_url()).content.decode()
        assert "Chi bộ Đại đội 1" in html
        assert self._url("conference_award_remove", conference) not in html

    def test_an_award_is_recorded_from_the_page(self, conference, users, login):
        r = login(users.officer).post(
            self._url("conference_award_add", conference),
            {"kind": "giay_khen", "issuer": "Đảng ủy Lữ đoàn 657", "recipient_name": "Đại đội 2"},
        )
        assert r.status_code == 302 and _count(conference) == 1

    def test_a_refused_award_is_explained_and_nothing_is_saved(self, conference, users, login):
        r = login(users.officer).post(
            self._url("conference_award_add", conference),
            {"kind": "other", "issuer": "X", "recipient_name": "Đại đội 2"},
        )
        assert r.status_code == 400 and _count(conference) == 0

    def test_a_confirmed_removal_removes_the_award(self, conference, award, users, login):
        client = login(users.officer)
        url = self._url("conference_award_remove", conference)
        r = client.post(url, {"award": award.pk})
        assert r.status_code == 200 and "Chi bộ Đại đội 1" in r.content.decode()
        assert _count(conference) == 1
        r = client.post(url, {"award": award.pk, "confirmed": "1"})
        assert r.status_code == 302 and _count(conference) == 0
        r = client.post(url, {"award": award.pk, "confirmed": "1"}, follow=True)
        assert r.status_code == 200 and r.redirect_chain[-1][0] == conference.get_absolute_url()

    def test_removal_is_post_only(self, conference, award, users, login):
        url = self._url("conference_award_remove", conference)
        assert login(users.officer).get(url).status_code == 405

    def test_a_viewer_or_an_outsider_cannot_record_or_remove(self, conference, award, users, login):
        for user in (users.viewer, users.provincial):
            client = login(user)
            data = {"award": award.pk, "confirmed": "1"}
            r = client.post(self._url("conference_award_remove", conference), data)
            assert r.status_code == 404
            r = client.post(
                self._url("conference_award_add", conference),
                {"kind": "giay_khen", "issuer": "X", "recipient_name": "Y"},
            )
            assert r.status_code == 404
        assert _count(conference) == 1
