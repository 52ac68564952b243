"""Requirements recorded by mistake are removed (with history, after a confirmation), and the
same requirement is not recorded twice (awards: ``ratings/tests/test_announced.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctct.conferences import services
from ctct.conferences.models import Conclusion


@pytest.fixture
def requirement(conference, org):
    return services.conclusion_add(
        conference=conference,
        text="Rà soát chỉ tiêu",
        assignee=org.cell,
        due_on=dt.date(2025, 9, 30),
    )


class TestDuplicates:
    def test_the_same_requirement_for_the_same_body_and_deadline_is_refused(
        self, conference, requirement, org
    ):
        with pytest.raises(ValidationError) as e:
            services.conclusion_add(
                conference=conference,
                text="  Rà soát   chỉ tiêu ",
                assignee=org.cell,
                due_on=dt.date(2025, 9, 30),
            )
        assert e.value.error_dict["text"][0].message == services.MSG_CONCLUSION_TWICE
        assert conference.conclusions.count() == 1

    def test_the_same_words_for_another_body_are_another_requirement(
        self, conference, requirement, org
    ):
        services.conclusion_add(
            conference=conference,
            text="Rà soát chỉ tiêu",
            assignee=org.other_cell,
            due_on=dt.date(2025, 9, 30),
        )
        assert conference.conclusions.count() == 2

    def test_the_page_explains_a_duplicate_requirement_and_keeps_what_was_typed(
        self, conference, requirement, users, login, org
    ):
        r = login(users.officer).post(
            reverse("conferences:conclusion_add", args=[conference.pk]),
            {"text": "Rà soát chỉ tiêu", "assignee": org.cell.pk, "due_on": "2025-09-30"},
        )
        assert r.status_code == 400 and conference.conclusions.count() == 1
        assert "Rà soát chỉ tiêu" in r.content.decode()


class TestRemovalServices:
    def test_a_requirement_is_removed_and_its_history_says_by_whom(
        self, requirement, users, conference
    ):
        services.conclusion_remove(conclusion=requirement, user=users.officer)
        assert not conference.conclusions.exists()
        last = Conclusion.history.filter(id=requirement.pk).latest("history_date")
        assert last.history_type == "-" and last.history_user == users.officer


class TestRemovalPages:
    def _url(self, name, conference):
        return reverse(f"conferences:{name}", args=[conference.pk])

    def test_the_record_page_offers_removal_to_editors_only(
        self, conference, requirement, users, login
    ):
        html = login(users.officer).get(conference.get_absolute_url()).content.decode()
        assert self._url("conclusion_remove", conference) in html
        html = login(users.viewer).get(conference.get_absolute_url()).content.decode()
        assert self._url("conclusion_remove", conference) not in html

    def test_removing_a_requirement_asks_first_and_changes_nothing(
        self, conference, requirement, users, login
    ):
        r = login(users.officer).post(
            self._url("conclusion_remove", conference), {"conclusion": requirement.pk}
        )
        html = r.content.decode()
        assert r.status_code == 200 and "Rà soát chỉ tiêu" in html
        assert 'name="confirmed"' in html
        assert conference.conclusions.count() == 1

    def test_a_confirmed_removal_removes_the_requirement(
        self, conference, requirement, users, login
    ):
        r = login(users.officer).post(
            self._url("conclusion_remove", conference),
            {"conclusion": requirement.pk, "confirmed": "1"},
        )
        assert r.status_code == 302 and r["Location"] == conference.get_absolute_url()
        assert not conference.conclusions.exists()

    def test_confirming_twice_says_it_is_already_removed(
        self, conference, requirement, users, login
    ):
        client = login(users.officer)
        data = {"conclusion": requirement.pk, "confirmed": "1"}
        client.post(self._url("conclusion_remove", conference), data)
        r = client.post(self._url("conclusion_remove", conference), data, follow=True)
        assert r.status_code == 200 and r.redirect_chain[-1][0] == conference.get_absolute_url()

    def test_removal_is_post_only(self, conference, requirement, users, login):
        client = login(users.officer)
        assert client.get(self._url("conclusion_remove", conference)).status_code == 405

    def test_a_viewer_cannot_remove(self, conference, requirement, users, login):
        client = login(users.viewer)
        data = {"conclusion": requirement.pk, "confirmed": "1"}
        assert client.post(self._url("conclusion_remove", conference), data).status_code == 404
        assert conference.conclusions.count() == 1

    def test_an_outsider_cannot_remove(self, conference, requirement, users, login):
        r = login(users.provincial).post(
            self._url("conclusion_remove", conference),
            {"conclusion": requirement.pk, "confirmed": "1"},
        )
        assert r.status_code == 404 and conference.conclusions.count() == 1

    def test_a_requirement_of_another_conference_is_not_found(
        self, conference, requirement, users, login, org
    ):
        other = services.conference_create(
            body=org.cell, kind="thuong_ky", held_on=dt.date(2025, 5, 5)
        )
        for value in (str(requirement.pk), "abc", ""):
            r = login(users.officer).post(
                self._url("conclusion_remove", other), {"conclusion": value, "confirmed": "1"}
            )
            assert r.status_code == 404
        assert conference.conclusions.count() == 1
