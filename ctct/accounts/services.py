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


def grants_in(scope, body):
    """Role grants on ``body`` and the bodies below it, for its access page."""
    from ctct.core.treepaths import subtree_q

    return (
        RoleGrant.objects.filter(subtree_q(body.path, "body__"))
        .select_related("user", "user__person", "body")
        .order_by("body__path", "user__username")
    )


MSG_REVOKE_OUTSIDE = _("You can only revoke roles on bodies you administer.")
MSG_LAST_ADMIN = _("This is the last administrator of %(body)s; grant another first.")


@transaction.atomic
def role_revoke(*, grant: RoleGrant, revoked_by=None) -> None:
    """Take a role away; the change is kept in the grant's history."""
    from ctct.core.scopes import Scope

    if revoked_by is not None and not Scope.for_user(revoked_by).allows(
        "manage_access", grant.body
    ):
        raise ValidationError(MSG_REVOKE_OUTSIDE, code="outside")
    if (
        grant.role == Role.ADMIN
        and not RoleGrant.objects.filter(body=grant.body, role=Role.ADMIN)
        .exclude(pk=grant.pk)
        .exists()
    ):
        if (
            revoked_by is not None
            and not revoked_by.is_superuser
            and revoked_by.pk == grant.user_id
        ):
            raise ValidationError(
                MSG_LAST_ADMIN, params={"body": grant.body.name}, code="last_admin"
            )
    grant._history_user = revoked_by
    grant.delete()
