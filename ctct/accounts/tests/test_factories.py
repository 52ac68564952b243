"""The user builder makes users through ``user_create`` and grants roles through
``role_grant``."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ctct.accounts.services import MSG_DUPLICATE_USERNAME
from ctct.accounts.tests.factories import PASSWORD, make_user
from ctct.bodies.tests.factories import make_body
from ctct.core.scopes import Scope

pytestmark = pytest.mark.django_db


def test_a_made_user_has_the_shared_password_and_no_role():
    user = make_user()
    assert user.check_password(PASSWORD) and not user.grants.exists()
    assert not user.is_superuser and not user.is_staff


def test_a_role_on_a_body_reaches_its_subtree():
    region = make_body()
    brigade = make_body(parent=region)
    user = make_user(role="secretary", on=region)
    assert list(user.grants.values_list("role", "body")) == [("secretary", region.pk)]
    assert user.grants.get().history.count() == 1
    assert Scope.for_user(user).allows("view", brigade)


def test_a_superuser_is_staff():
    user = make_user(is_superuser=True)
    assert user.is_superuser and user.is_staff


def test_a_role_needs_a_body_and_a_body_a_role():
    with pytest.raises(TypeError):
        make_user(role="viewer")
    with pytest.raises(TypeError):
        make_user(on=make_body())


def test_default_user_names_are_unique_and_a_taken_one_is_refused():
    assert len({make_user().username for _ in range(5)}) == 5
    make_user(username="hoa")
    with pytest.raises(ValidationError) as e:
        make_user(username="HOA")
    assert e.value.message == MSG_DUPLICATE_USERNAME
