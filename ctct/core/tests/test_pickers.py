"""Searchable pickers: suggestions limited to the user's reach and the form's action, names
found without diacritics, namesakes told apart, and forms that refuse ids outside the scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ctct.core.pickers import (
    MSG_NO_MATCH,
    MSG_OUT_OF_SCOPE,
    MSG_TEXT_TOO_LONG,
    QUERY_MAX,
    suggest,
)
from ctct.documents.models import Document


def _pick(client, kind: str, q: str, action: str = "") -> list[dict]:
    url = reverse(f"pickers:{kind}")
    r = client.get(url, {"q": q, "action": action, "format": "json"})
    assert r.status_code == 200
    return r.json()["results"]


def _labels(results: list[dict]) -> list[str]:
    return [r["label"] for r in results]


@pytest.fixture
def directive(org):
    from ctct.documents import services

    return services.document_issue(
        issuer=org.region,
        type_code="CT",
        issued_on=dt.date(2025, 3, 10),
        title="Về tăng cường công tác giáo dục chính trị",
    )


class TestBodySuggestions:
    def test_a_body_is_found_without_diacritics_with_its_parent_chain(self, users, login):
        results = _pick(login(users.officer), "body", "chi bo dai doi 1")
        assert results == [
            {
                "id": results[0]["id"],
                "label": "Chi bộ Đại đội 1",
                "detail": "Lữ đoàn 657 › Quân khu 8",
            }
        ]

    def test_a_cell_secretary_is_offered_only_their_cell(self, users, login):
        assert _labels(_pick(login(users.secretary), "body", "dai doi")) == ["Chi bộ Đại đội 1"]

    def test_an_outsider_gets_nothing_of_another_subtree(self, users, login):
        client = login(users.provincial)
        assert _pick(client, "body", "lu doan") == []
        assert _pick(client, "body", "tay son") != []

    def test_the_action_of_the_form_narrows_the_suggestions(self, users, login):
        client = login(users.viewer)  # a viewer on the brigade: sees it, may not issue for it
        assert _labels(_pick(client, "body", "lu doan 657")) == ["Đảng ủy Lữ đoàn 657"]
        assert _pick(client, "body", "lu doan 657", action="issue_documents") == []

    def test_a_branch_narrows_the_suggestions_and_an_unseen_branch_gives_nothing(
        self, org, users, login
    ):
        client = login(users.officer)
        url = reverse("pickers:body")
        found = client.get(url, {"q": "chi bo", "within": org.brigade.pk, "format": "json"})
        assert _labels(found.json()["results"]) == ["Chi bộ Đại đội 1", "Chi bộ Đại đội 2"]
        outside = client.get(url, {"q": "tinh uy", "within": org.province.pk, "format": "json"})
        assert outside.json()["results"] == []

    def test_the_suggestions_come_as_options_for_the_box(self, users, login):
        r = login(users.officer).get(reverse("pickers:body"), {"issuer__q": "lu doan"})
        html = r.content.decode()
        assert 'role="option"' in html and 'data-label="Đảng ủy Lữ đoàn 657"' in html

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, org):
        r = client.get(reverse("pickers:body"), {"q": "lu doan"})
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def _request_as(user):
    from django.test import RequestFactory

    from ctct.core.scopes import Scope

    request = RequestFactory().get("/")
    request.user, request.scope = user, Scope.for_user(user)
    return request


class TestQueryCounts:
    def test_body_suggestions_take_two_queries_whatever_the_depth(
        self, org, users, django_assert_num_queries
    ):
        request = _request_as(users.officer)
        with django_assert_num_queries(2):  # the bodies, then all their ancestors at once
            found = suggest(request, "body", "chi bo")
        assert len(found) == 3

    def test_person_suggestions_take_three_queries_however_many_match(
        self, org, users, django_assert_num_queries
    ):
        request = _request_as(users.officer)
        # the people, their current positions, their bodies' ancestors
        with django_assert_num_queries(3):
            found = suggest(request, "person", "n")
        assert len(found) >= 1


class TestPersonSuggestions:
    def test_a_person_is_found_without_diacritics_with_rank_titles_and_body(self, users, login):
        (found,) = _pick(login(users.officer), "person", "bui huu ba")
        assert found["label"] == "Đại tá Bùi Hữu Ba"
        assert found["detail"] == (
            "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657 · Đảng ủy Lữ đoàn 657 › Quân khu 8"
        )

    def test_an_outsider_gets_no_one_of_another_subtree(self, users, login):
        assert _pick(login(users.provincial), "person", "bui huu ba") == []
        assert _pick(login(users.secretary), "person", "le thi hoa") == []

    def test_namesakes_are_both_listed_with_what_tells_them_apart(self, org, users, login):
        from ctct.people.services import person_create, position_create

        other = person_create(
            full_name="Nguyễn Văn An",
            body=org.other_cell,
            rank="Đại úy",
            rank_conferred_on=dt.date(2022, 1, 1),
        )
        position_create(
            person=other, body=org.other_cell, title="Bí thư", started_on=dt.date(2024, 1, 1)
        )
        results = _pick(login(users.officer), "person", "nguyen van an")
        assert sorted((r["label"], r["detail"]) for r in results) == [
            ("Trung úy Nguyễn Văn An", "Chi bộ Đại đội 1 › Lữ đoàn 657 › Quân khu 8"),
            (
                "Đại úy Nguyễn Văn An",
                "Bí thư Chi bộ Đại đội 2 · Chi bộ Đại đội 2 › Lữ đoàn 657 › Quân khu 8",
            ),
        ]


class TestDocumentSuggestions:
    def test_a_document_is_found_by_words_of_its_summary_without_diacritics(
        self, directive, users, login
    ):
        (found,) = _pick(login(users.officer), "document", "giao duc chinh tri")
        assert found["label"] == directive.citation
        assert "Về tăng cường công tác giáo dục chính trị" in found["detail"]

    def test_a_document_is_found_by_its_number(self, directive, users, login):
        results = _pick(login(users.officer), "document", directive.number_display)
        assert _labels(results) == [directive.citation]

    def test_an_outsider_does_not_see_a_document_of_another_tree(self, directive, users, login):
        assert _pick(login(users.provincial), "document", "giao duc") == []


class TestForms:
    def _issue(self, client, **data):
        base = {
            "style": "party",
            "type_code": "CT",
            "issued_on": "2025-04-01",
            "title": "Về công tác huấn luyện",
            "security_level": 0,
        }
        return client.post(reverse("documents:issue"), {**base, **data})

    def test_a_body_out_of_scope_is_refused_by_the_issue_form(self, org, users, login):
        r = self._issue(login(users.officer), issuer=org.province.pk)
        assert r.status_code == 200
        assert str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not Document.objects.exists()

    def test_a_body_the_user_may_see_but_not_issue_for_is_refused(self, org, users, login):
        # A cell's secretary sees the brigade but issues only in the cell's name.
        r = self._issue(login(users.secretary), issuer=org.brigade.pk)
        assert str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not Document.objects.exists()

    def test_a_viewer_has_no_issue_form_to_post(self, org, users, login):
        r = self._issue(login(users.viewer), issuer=org.brigade.pk)
        assert r.status_code == 404
        assert not Document.objects.exists()

    def test_a_tampered_id_is_a_form_error_not_a_crash(self, users, login):
        client = login(users.officer)
        for tampered in ("99999999999999999999999", "-3", "0"):
            r = self._issue(client, issuer=tampered, issuer__q="")
            assert r.status_code == 200, tampered
        assert not Document.objects.exists()

    def test_a_typed_name_without_javascript_is_searched_when_posted(self, org, users, login):
        r = self._issue(login(users.officer), issuer="", issuer__q="dang uy lu doan 657")
        assert r.status_code == 302
        assert Document.objects.get().issuer == org.brigade

    def test_a_typed_name_that_matches_nothing_reachable_is_refused(self, users, login):
        r = self._issue(login(users.officer), issuer="", issuer__q="tinh uy tay son")
        html = r.content.decode()
        assert str(MSG_NO_MATCH % {"text": "tinh uy tay son"}) in html
        assert not Document.objects.exists()

    def test_a_megabyte_typed_in_a_picker_is_refused_with_a_message_not_a_crash(self, users, login):
        # SQLite refuses a LIKE pattern over 50 kB; nobody types more than a few words.
        typed = "đảng ủy lữ đoàn " * 70_000
        r = self._issue(login(users.officer), issuer="", issuer__q=typed)
        assert r.status_code == 200
        html = r.content.decode()
        assert str(MSG_TEXT_TOO_LONG % {"limit": QUERY_MAX}) in html
        assert len(html) < 200_000  # the megabyte is not echoed back
        assert not Document.objects.exists()

    def test_the_chosen_id_wins_over_its_own_label(self, org, users, login):
        r = self._issue(login(users.officer), issuer=org.cell.pk, issuer__q="Chi bộ Đại đội 1")
        assert r.status_code == 302
        assert Document.objects.get().issuer == org.cell

    def test_the_issue_form_opens_with_the_body_chosen(self, org, users, login):
        html = (
            login(users.officer)
            .get(reverse("documents:issue"), {"body": org.brigade.pk})
            .content.decode()
        )
        assert 'value="Đảng ủy Lữ đoàn 657"' in html
        assert f'name="issuer" value="{org.brigade.pk}"' in html

    def test_a_prefilled_body_out_of_scope_is_not_shown(self, org, users, login):
        html = (
            login(users.officer)
            .get(reverse("documents:issue"), {"body": org.province.pk})
            .content.decode()
        )
        assert "Tỉnh ủy Tây Sơn" not in html
        assert f'name="issuer" value="{org.province.pk}"' not in html

    def test_a_body_page_links_to_the_issue_form_with_the_body_chosen(self, org, users, login):
        url = f"{reverse('documents:issue')}?body={org.brigade.pk}"
        assert url in login(users.officer).get(org.brigade.get_absolute_url()).content.decode()
        assert url not in login(users.viewer).get(org.brigade.get_absolute_url()).content.decode()

    def test_a_position_at_a_body_out_of_scope_is_refused(self, org, users, login):
        r = login(users.secretary).post(
            reverse("people:position_add", args=[org.cell_member.pk]),
            {"title": "Bí thư", "body": org.other_cell.pk, "started_on": "2025-01-01"},
        )
        assert str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not org.cell_member.positions.exists()

    def test_a_role_on_a_body_out_of_scope_is_refused(self, org, users, login):
        r = login(users.provincial).post(
            reverse("accounts:access", args=[org.province.pk]),
            {"username": "secretary", "role": "viewer", "body": org.region.pk},
        )
        assert str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not users.secretary.grants.filter(body=org.region).exists()

    def test_a_body_cannot_be_moved_under_one_out_of_scope(self, org, users, login):
        r = login(users.officer).post(
            reverse("bodies:move", args=[org.cell.pk]), {"new_parent": org.province.pk}
        )
        assert str(MSG_OUT_OF_SCOPE) in r.content.decode()
        org.cell.refresh_from_db()
        assert org.cell.path[: -org.cell.steplen] == org.brigade.path

    def test_a_body_is_moved_under_one_chosen_by_name(self, org, users, login):
        r = login(users.officer).post(
            reverse("bodies:move", args=[org.cell.pk]),
            {"new_parent": "", "new_parent__q": "dang uy cuc chinh tri"},
        )
        assert r.status_code == 302
        org.cell.refresh_from_db()
        assert org.cell.path[: -org.cell.steplen] == org.pol.path


class TestConferenceForms:
    @pytest.fixture
    def conference(self, org, users):
        from ctct.conferences import services

        return services.conference_create(
            body=org.brigade, kind="quan_triet", held_on=dt.date(2025, 6, 20), user=users.officer
        )

    def test_a_requirement_goes_only_to_a_body_of_the_holding_branch(
        self, org, users, login, conference
    ):
        client = login(users.officer)
        url = reverse("conferences:conclusion_add", args=[conference.pk])
        r = client.post(url, {"text": "Rà soát chỉ tiêu", "assignee": org.pol.pk})
        assert r.status_code == 400 and str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not conference.conclusions.exists()
        r = client.post(url, {"text": "Rà soát chỉ tiêu", "assignee__q": "dai doi 2"})
        assert r.status_code == 302
        assert conference.conclusions.get().assignee == org.other_cell

    def test_a_document_is_recorded_as_disseminated_by_choosing_it(
        self, org, users, login, conference, directive
    ):
        from ctct.documents.services import distribution_create

        distribution_create(document=directive, subtree_of=org.region)
        r = login(users.officer).post(
            reverse("conferences:document_add", args=[conference.pk]),
            {"citation": directive.pk, "citation__q": directive.citation},
        )
        assert r.status_code == 302
        assert conference.documents.get().document == directive

    def test_a_document_out_of_reach_is_refused(self, org, users, login, conference):
        from ctct.documents import services

        secret = services.document_issue(
            issuer=org.province, type_code="CT", issued_on=dt.date(2025, 3, 1), title="Tỉnh"
        )
        r = login(users.officer).post(
            reverse("conferences:document_add", args=[conference.pk]), {"citation": secret.pk}
        )
        assert r.status_code == 400 and str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not conference.documents.exists()


class TestNamesakesInTheParticipantForm:
    @pytest.fixture
    def namesake(self, org):
        from ctct.people.services import person_create

        return person_create(
            full_name="Nguyễn Văn An",
            body=org.other_cell,
            rank="Đại úy",
            rank_conferred_on=dt.date(2022, 1, 1),
        )

    @pytest.fixture
    def conference(self, org, users):
        from ctct.conferences import services

        return services.conference_create(
            body=org.brigade, kind="quan_triet", held_on=dt.date(2025, 6, 20), user=users.officer
        )

    def test_namesakes_are_listed_to_choose_from_and_the_chosen_one_is_added(
        self, org, users, login, conference, namesake
    ):
        client = login(users.officer)
        url = reverse("conferences:participant_add", args=[conference.pk])
        r = client.post(url, {"person__q": "nguyen van an", "role": "attended"})
        html = r.content.decode()
        assert r.status_code == 400
        assert f'name="person__pick" value="{org.cell_member.pk}"' in html
        assert f'name="person__pick" value="{namesake.pk}"' in html
        assert "Trung úy Nguyễn Văn An" in html and "Đại úy Nguyễn Văn An" in html
        assert "Chi bộ Đại đội 2" in html
        assert not conference.participants.exists()

        r = client.post(
            url, {"person__q": "nguyen van an", "person__pick": namesake.pk, "role": "attended"}
        )
        assert r.status_code == 302
        assert conference.participants.get().person == namesake
