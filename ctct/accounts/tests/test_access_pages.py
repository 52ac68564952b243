"""Administrators of a body manage who holds which role below it, and nowhere else."""

from __future__ import annotations

from django.urls import reverse

from ctct.accounts.models import RoleGrant, User


def test_an_administrator_creates_a_login_with_a_role_on_a_body_below(org, users, client):
    client.force_login(users.provincial)
    url = reverse("accounts:access", args=[org.province.pk])
    r = client.post(
        url,
        {
            "username": "thuky",
            "password": "a-long-enough-pass-7",
            "role": "secretary",
            "body": "",
            "form_token": "t",
        },
    )
    assert r.status_code == 302
    user = User.objects.get(username="thuky")
    assert user.check_password("a-long-enough-pass-7") and user.password.startswith("argon2")
    assert RoleGrant.objects.get(user=user).body == org.province


def test_a_duplicate_user_name_is_refused_on_the_page_and_nothing_is_created(org, users, client):
    client.force_login(users.provincial)
    url = reverse("accounts:access", args=[org.province.pk])
    r = client.post(
        url, {"username": "Officer", "password": "a-long-enough-pass-7", "role": "viewer"}
    )
    assert r.status_code == 200 and "Officer" in r.content.decode()
    assert not RoleGrant.objects.filter(body=org.province, role="viewer").exists()


def test_an_existing_user_gets_a_role_and_loses_it(org, users, client):
    client.force_login(users.provincial)
    url = reverse("accounts:access", args=[org.province.pk])
    client.post(url, {"username": "nobody", "role": "viewer", "form_token": "a"})
    grant = RoleGrant.objects.get(user=users.nobody)
    client.post(reverse("accounts:revoke", args=[grant.pk]))
    assert not RoleGrant.objects.filter(user=users.nobody).exists()
    assert grant.history.count() == 2  # granted, revoked: both kept


def test_an_editor_cannot_manage_access(org, users, client):
    client.force_login(users.officer)  # editor, not administrator
    assert client.get(reverse("accounts:access", args=[org.region.pk])).status_code == 404
    grant = RoleGrant.objects.get(user=users.secretary)
    assert client.post(reverse("accounts:revoke", args=[grant.pk])).status_code == 404
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_roles_cannot_be_given_outside_the_administrators_tree(org, users, client):
    client.force_login(users.provincial)
    url = reverse("accounts:access", args=[org.province.pk])
    r = client.post(url, {"username": "nobody", "role": "admin", "body": org.region.pk})
    assert r.status_code == 200
    assert not RoleGrant.objects.filter(user=users.nobody).exists()


def test_a_wrong_password_for_a_new_login_is_refused(org, users, client):
    client.force_login(users.provincial)
    url = reverse("accounts:access", args=[org.province.pk])
    r = client.post(url, {"username": "moi", "password": "123", "role": "viewer"})
    assert r.status_code == 200
    assert not User.objects.filter(username="moi").exists()
