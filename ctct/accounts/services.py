"""Writes about users and their roles."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ctct.accounts.models import Role, RoleGrant, User

MSG_DUPLICATE_USERNAME = _("The user name “%(username)s” is already taken.")
MSG_USERNAME_REQUIRED = _("A user needs a user name.")
MSG_UNKNOWN_ROLE = _("“%(role)s” is not a role.")
MSG_GRANT_OUTSIDE = _("You can only grant roles on bodies you administer.")


@transaction.atomic
def user_create(*, username: str, password: str, person=None, is_superuser: bool = False) -> User:
    """Create a login; user names are unique regardless of letter case."""
    username = (username or "").strip()
    if not username:
        raise ValidationError(MSG_USERNAME_REQUIRED, code="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            MSG_DUPLICATE_USERNAME, params={"username": username}, code="duplicate"
        )
    user = User(username=username, person=person, is_superuser=is_superuser, is_staff=is_superuser)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def role_grant(*, user: User, body, role: str, granted_by=None) -> RoleGrant:
    """Give ``user`` a role on ``body``; ``granted_by`` (when given) must administer the body."""
    if role not in Role.values:
        raise ValidationError(MSG_UNKNOWN_ROLE, params={"role": role}, code="role")
    if granted_by is not None:
        from ctct.core.scopes import Scope

        if not Scope.for_user(granted_by).allows("manage_access", body):
            raise ValidationError(MSG_GRANT_OUTSIDE, code="outside")
    grant, _created = RoleGrant.objects.get_or_create(user=user, body=body, role=role)
    return grant
