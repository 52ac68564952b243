"""The one permission layer: what a user may see and change, as subtrees of the Party tree.

A user's roles are turned into a ``Scope`` once per request. Views, forms, exports, admin pages
and later APIs ask the scope — never the models directly:

    scope = request.scope
    people = scope.filter(Person.objects, "body") # rows whose body lies in the user's reach
    scope.allows("edit_people", body)             # one check on one body
    scope.within_clearance(Document.objects)      # rows no more secret than the user's clearance

Rows outside the scope are answered with 404, not 403, so their existence is not revealed.

Core knows the roles and the action "view" only. Each app registers the actions it guards, and
the roles that have them, in its ``AppConfig.ready()`` (``register_action``); the app that
stores the grants hands them over through ``set_grant_source``. So core imports no app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ctct.core.treepaths import minimal_paths, subtree_q


class Role(models.TextChoices):
    """Ordered from the most to the least power; each includes those below it."""

    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Political officer / editor")
    SECRETARY = "secretary", _("Secretary")
    VIEWER = "viewer", _("Viewer")


# Strongest first.
ROLES: tuple[str, ...] = tuple(Role.values)

MSG_UNKNOWN_ACTION = "unknown action %r"
MSG_UNKNOWN_ROLE = "unknown role %r"
MSG_ACTION_CONFLICT = "action %r is already registered for other roles"
MSG_NO_GRANT_SOURCE = "no grant source is set: the app holding role grants sets one in ready()"


def at_least(role: str) -> frozenset[str]:
    """``role`` and every stronger role: the roles an action open to ``role`` is granted to."""
    role = str(role)
    if role not in ROLES:
        raise ValueError(MSG_UNKNOWN_ROLE % role)
    return frozenset(ROLES[: ROLES.index(role) + 1])


# Which roles may do each action on the subtree of the body they are granted on. Core holds
# "view"; the apps add theirs in ready() (documents' issue_documents, people's edit_people...).
_ACTION_ROLES: dict[str, frozenset[str]] = {"view": frozenset(ROLES)}


def register_action(action: str, roles: Iterable[str]) -> None:
    """Declare ``action`` and the roles that have it (call from the owning app's ready()).

    Registering the same action again with the same roles does nothing; with other roles it is
    an error, so two apps cannot silently disagree on who may do what.
    """
    roles = frozenset(str(r) for r in roles)  # plain strings: Role members hash by name
    for role in roles:
        if role not in ROLES:
            raise ValueError(MSG_UNKNOWN_ROLE % role)
    known = _ACTION_ROLES.get(action)
    if known is not None and known != roles:
        raise ValueError(MSG_ACTION_CONFLICT % action)
    _ACTION_ROLES[action] = roles


def actions() -> frozenset[str]:
    """Every registered action."""
    return frozenset(_ACTION_ROLES)


def roles_with(action: str) -> frozenset[str]:
    """The roles that may do ``action``; an unknown action is an error, never a silent no."""
    try:
        return _ACTION_ROLES[action]
    except KeyError:
        raise ValueError(MSG_UNKNOWN_ACTION % action) from None


def actions_of(role: str) -> frozenset[str]:
    """The actions ``role`` has (empty for a role no longer known)."""
    return frozenset(a for a, roles in _ACTION_ROLES.items() if role in roles)


# The user's grants as (body path, role) pairs, from the app that stores them.
GrantSource = Callable[[Any], list[tuple[str, str]]]
_grant_source: GrantSource | None = None


def set_grant_source(source: GrantSource) -> None:
    """Tell ``Scope.for_user`` where a user's grants come from (call from ready())."""
    global _grant_source
    _grant_source = source


class _Rooted(Protocol):
    path: str


@dataclass
class Scope:
    """The subtrees a user reaches, per action, and the security level the user is cleared for."""

    user_id: int | None
    is_superuser: bool = False
    # (body path, role) for every grant.
    grants: list[tuple[str, str]] = field(default_factory=list)
    # The highest security level of documents the user may see (core.security.SecurityLevel).
    clearance: int = 0

    @classmethod
    def for_user(cls, user) -> Scope:
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user_id=None)
        if _grant_source is None:
            raise RuntimeError(MSG_NO_GRANT_SOURCE)
        return cls(
            user_id=user.pk,
            is_superuser=user.is_superuser,
            grants=list(_grant_source(user)),
            clearance=getattr(user, "clearance", 0),
        )

    # --- clearance ----------------------------------------------------------------------------
    def clears(self, level: int) -> bool:
        """May the user see a record of security level ``level``?"""
        return level <= self.clearance

    def within_clearance(self, queryset: QuerySet, level_field: str = "security_level"):
        """Limit ``queryset`` to rows whose ``level_field`` the user is cleared for."""
        return queryset.filter(**{f"{level_field}__lte": self.clearance})

    # --- questions about paths -------------------------------------------------------------
    def paths(self, action: str = "view") -> list[str]:
        roles = roles_with(action)
        return minimal_paths([p for p, role in self.grants if role in roles])

    def allows_path(self, action: str, path: str) -> bool:
        if self.is_superuser:
            roles_with(action)  # a superuser may do anything, but an unknown action is an error
            return True
        return any(path.startswith(p) for p in self.paths(action))

    def allows(self, action: str, body: _Rooted | None) -> bool:
        """May the user do ``action`` on ``body`` (and so on the records it holds)?"""
        if body is None:
            return False
        return self.allows_path(action, body.path)

    def role_on(self, body: _Rooted) -> str | None:
        """The strongest role reaching ``body``, for display."""
        if self.is_superuser:
            return Role.ADMIN.value
        reaching = {role for p, role in self.grants if body.path.startswith(p)}
        for role in ROLES:
            if role in reaching:
                return role
        return None

    def reaches(self, action: str) -> bool:
        """May the user do ``action`` on some body (to show or hide a button)?"""
        if self.is_superuser:
            roles_with(action)
            return True
        return bool(self.paths(action))

    @property
    def is_empty(self) -> bool:
        return not self.is_superuser and not self.grants

    # --- query filters ------------------------------------------------------------------------
    def body_q(self, action: str = "view", prefix: str = "") -> Q:
        """A Q on a body relation (``prefix`` like "body__") limiting rows to the scope."""
        paths = self.paths(action)
        if self.is_superuser:
            return Q()
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for p in paths:
            q |= subtree_q(p, prefix)
        return q

    def filter(self, queryset: QuerySet, body_field: str | None = None, action: str = "view"):
        """Limit ``queryset`` to rows whose ``body_field`` (None: the body itself) is in scope."""
        prefix = f"{body_field}__" if body_field else ""
        return queryset.filter(self.body_q(action, prefix))
