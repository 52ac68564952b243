"""Logins: unique names, argon2 hashes, throttled attempts, roles that reach a subtree."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctct.accounts.models import User
from ctct.accounts.services import role_grant, user_create
from ctct.conftest import PASSWORD
from ctct.core.scopes import Scope


def test_a_duplicate_user_name_is_refused_whatever_the_case(users):
    with pytest.raises(ValidationError) as e:
        user_create(username="OFFICER", password="another-long-pass-9")
    assert "OFFICER" in e.value.messages[0]
    assert User.objects.filter(username__iexact="officer").count() == 1


def test_passwords_are_hashed_with_argon2(db):
    user = user_create(username="hoa", password="a-long-enough-pass-7")
    assert user.password.startswith("argon2")


def test_weak_passwords_are_refused(db):
    with pytest.raises(ValidationError):
        user_create(username="hoa", password="123")
    assert not User.objects.filter(username="hoa").exists()


def test_login_is_locked_after_repeated_failures(users, client, settings):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "officer", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    locked = client.post(url, {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_login_reaches_the_home_page(users, client):
    r = client.post(
        reverse("login"),
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.8",
        follow=True,
    )
    assert r.status_code == 200
    assert "Đảng ủy Quân khu 8" in r.content.decode()


def test_a_role_on_a_body_reaches_its_whole_subtree_and_nothing_else(org, users):
    scope = Scope.for_user(users.viewer)
    assert scope.allows("view", org.cell) and scope.allows("view", org.brigade)
    assert not scope.allows("view", org.region)
    assert not scope.allows("view", org.pol_cell)
    assert not scope.allows("edit_people", org.cell)


def test_secretaries_edit_people_but_not_the_tree(org, users):
    scope = Scope.for_user(users.secretary)
    assert scope.allows("edit_people", org.cell)
    assert not scope.allows("edit_bodies", org.cell)
    assert not scope.allows("view", org.other_cell)


def test_only_administrators_of_a_body_grant_roles_on_it(org, users):
    with pytest.raises(ValidationError):
        role_grant(user=users.nobody, body=org.cell, role="viewer", granted_by=users.officer)
    grant = role_grant(
        user=users.nobody, body=org.province, role="viewer", granted_by=users.provincial
    )
    assert grant.body == org.province


def test_an_unknown_role_is_refused(org, users):
    with pytest.raises(ValidationError):
        role_grant(user=users.nobody, body=org.cell, role="king")
