"""A body's page: the sections other apps add to it (``ctct.core.panels``) show to the users who
may see them, in their places and order, and stay hidden from the others."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.fixture
def page(client):
    """``page(user, body)``: the body's page as ``user`` sees it, in English."""

    def get(user, body) -> str:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("bodies:detail", args=[body.pk]))
        assert response.status_code == 200
        return response.content.decode()

    return get


def add_member(body) -> str:
    return f'href="{reverse("people:person_add", args=[body.pk])}"'


def inbox(body) -> str:
    return f'href="{reverse("documents:inbox", args=[body.pk])}"'


def issue(body) -> str:
    return f'href="{reverse("documents:issue")}?body={body.pk}"'


def access(body) -> str:
    return f'href="{reverse("accounts:access", args=[body.pk])}"'


def new_conference(body) -> str:
    return f'href="{reverse("conferences:create", args=[body.pk])}"'


class TestActions:
    def test_an_officer_may_add_members_see_documents_and_issue(self, org, users, page):
        html = page(users.officer, org.brigade)
        assert add_member(org.brigade) in html
        assert inbox(org.brigade) in html
        assert issue(org.brigade) in html

    def test_an_officer_who_is_no_administrator_gets_no_access_button(self, org, users, page):
        assert access(org.brigade) not in page(users.officer, org.brigade)

    def test_a_viewer_sees_only_the_documents_button(self, org, users, page):
        html = page(users.viewer, org.brigade)
        assert inbox(org.brigade) in html
        assert add_member(org.brigade) not in html
        assert issue(org.brigade) not in html
        assert access(org.brigade) not in html

    def test_an_administrator_manages_access(self, org, users, page):
        assert access(org.province) in page(users.provincial, org.province)

    def test_the_buttons_keep_their_order(self, org, users, page):
        html = page(users.provincial, org.province)
        edit = html.index(f'href="{reverse("bodies:edit", args=[org.province.pk])}"')
        places = [html.index(x(org.province)) for x in (add_member, inbox, issue, access)]
        assert [edit, *places] == sorted([edit, *places])


class TestRole:
    def test_the_user_sees_the_role_that_reaches_the_body(self, org, users, page):
        assert "your role: Viewer" in page(users.viewer, org.brigade)
        assert "your role: Political officer / editor" in page(users.officer, org.cell)

    def test_a_superuser_is_shown_as_administrator(self, org, users, page):
        assert "your role: Administrator" in page(users.superuser, org.cell)


class TestSections:
    def test_the_leaders_card_shows_to_every_reader(self, org, users, page):
        html = page(users.viewer, org.brigade)
        assert "<h2>Leaders</h2>" in html
        assert "Bùi Hữu Ba" in html and "Bí thư, Chính ủy" in html
        assert "2 Party members in this body" not in html  # one member: the commissar
        assert "1 Party member in this body" in html
        assert "3 in its whole branch" in html

    def test_the_conferences_section_shows_with_its_button_to_those_who_edit(
        self, org, users, page
    ):
        html = page(users.secretary, org.cell)
        assert 'id="conferences"' in html and new_conference(org.cell) in html

    def test_a_viewer_sees_the_conferences_without_the_button(self, org, users, page):
        html = page(users.viewer, org.brigade)
        assert 'id="conferences"' in html
        assert new_conference(org.brigade) not in html

    def test_the_sections_keep_their_order(self, org, users, page):
        html = page(users.officer, org.brigade)
        places = [
            html.index(h)
            for h in (
                "<h2>Leaders</h2>",
                "<h2>History</h2>",
                'id="conferences"',
                "<h2>Subordinate bodies",
            )
        ]
        assert places == sorted(places)


def test_the_home_page_shows_the_users_bodies_from_the_bodies_app(org, users, client):
    client.force_login(users.officer)
    html = client.get(reverse("home")).content.decode()
    assert f'<h2><a href="{org.region.get_absolute_url()}">{org.region.name}</a></h2>' in html
    assert "Đảng ủy Lữ đoàn 657" in html  # a subordinate body in the branch bars
    assert 'hx-get="/bodies/search/"' in html or reverse("bodies:search") in html


def test_the_home_page_tells_a_user_without_roles_to_ask_for_one(users, client):
    client.force_login(users.nobody)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("home")).content.decode()
    assert "You hold no role on any body yet." in html
