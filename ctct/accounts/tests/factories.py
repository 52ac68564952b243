"""Builders of users and their roles for tests, through ``user_create`` and ``role_grant``::

secretary = make_user(role="secretary", on=cell)
officer = make_user(username="officer", role="editor", on=region, person=deputy)
"""

from __future__ import annotations

from ctct.accounts.models import User
from ctct.accounts.services import role_grant, user_create
from ctct.conftest import PASSWORD  # the shared users' password, the default of every user
from ctct.core.tests.factories import unique

__all__ = ["PASSWORD", "make_user"]


def make_user(
    *,
    role: str | None = None,
    on=None,
    username: str | None = None,
    password: str = PASSWORD,
    person=None,
    is_superuser: bool = False,
) -> User:
    """A user who logs in with ``password``; with ``role`` on the body ``on`` when given."""
    if (role is None) != (on is None):
        raise TypeError("a role is granted on a body: make_user(role=..., on=body)")
    user = user_create(
        username=username or f"user-{unique()}",
        password=password,
        person=person,
        is_superuser=is_superuser,
    )
    if role is not None:
        role_grant(user=user, body=on, role=role)
    return user
