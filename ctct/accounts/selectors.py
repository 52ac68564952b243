"""Reads about users' roles."""

from __future__ import annotations

from ctct.accounts.models import RoleGrant


def user_grants(user) -> list[tuple[str, str]]:
    """(body path, role) for every grant of ``user`` on a body not dissolved, by path.

    The grant source of ``ctct.core.scopes.Scope.for_user`` (set in ``AccountsConfig.ready``).
    """
    return list(
        RoleGrant.objects.filter(user=user, body__dissolved_on__isnull=True)
        .values_list("body__path", "role")
        .order_by("body__path")
    )
