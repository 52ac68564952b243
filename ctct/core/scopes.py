"""The one permission layer: what a user may see and change, as subtrees of the Party tree.

A user's roles (``accounts.RoleGrant``) are turned into a ``Scope`` once per request. Views,
forms, exports, admin pages and later APIs ask the scope — never the models directly:

    scope = request.scope
    bodies = scope.bodies()                       # every body the user may see
    people = scope.filter(Person.objects, "body") # rows whose body lies in the user's reach
    scope.allows("edit_people", body)             # one check on one body

Rows outside the scope are answered with 404, not 403, so their existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from ctct.core.treepaths import minimal_paths as _minimal
from ctct.core.treepaths import subtree_q

if TYPE_CHECKING:  # pragma: no cover
    from ctct.bodies.models import Body

# What each role may do on the subtree of the body it is granted on.
# issue_documents: issue, publish, address and edit documents in a body's name (a secretary
# issues its own cell's plans and reports, so it can take every step of a cascade alone).
# register_documents: enter a document received from outside the tree in a body's register.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "view",
            "edit_people",
            "edit_bodies",
            "manage_access",
            "issue_documents",
            "register_documents",
            "record_steps",
            "edit_conferences",
            "publish_news",
        }
    ),
    "editor": frozenset(
        {
            "view",
            "edit_people",
            "edit_bodies",
            "issue_documents",
            "register_documents",
            "record_steps",
            "edit_conferences",
            "publish_news",
        }
    ),
    "secretary": frozenset(
        {
            "view",
            "edit_people",
            "issue_documents",
            "register_documents",
            "record_steps",
            "edit_conferences",
        }
    ),
    "viewer": frozenset({"view"}),
}
ACTIONS = frozenset().union(*ROLE_ACTIONS.values())


@dataclass
class Scope:
    """The subtrees a user reaches, per action."""

    user_id: int | None
    is_superuser: bool = False
    # (body path, role) for every grant.
    grants: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def for_user(cls, user) -> Scope:
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user_id=None)
        from ctct.accounts.models import RoleGrant

        grants = list(
            RoleGrant.objects.filter(user=user, body__dissolved_on__isnull=True)
            .values_list("body__path", "role")
            .order_by("body__path")
        )
        return cls(user_id=user.pk, is_superuser=user.is_superuser, grants=grants)

    # --- questions about paths -------------------------------------------------------------
    def paths(self, action: str = "view") -> list[str]:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        return _minimal([p for p, role in self.grants if action in ROLE_ACTIONS.get(role, ())])

    def allows_path(self, action: str, path: str) -> bool:
        if self.is_superuser:
            return True
        return any(path.startswith(p) for p in self.paths(action))

    def allows(self, action: str, body: Body | None) -> bool:
        """May the user do ``action`` on ``body`` (and so on the records it holds)?"""
        if body is None:
            return False
        return self.allows_path(action, body.path)

    def role_on(self, body: Body) -> str | None:
        """The strongest role reaching ``body``, for display."""
        if self.is_superuser:
            return "admin"
        reaching = {role for p, role in self.grants if body.path.startswith(p)}
        for role in ROLE_ACTIONS:
            if role in reaching:
                return role
        return None

    def reaches(self, action: str) -> bool:
        """May the user do ``action`` on some body (to show or hide a button)?"""
        return self.is_superuser or bool(self.paths(action))

    @property
    def is_empty(self) -> bool:
        return not self.is_superuser and not self.grants

    # --- query filters ------------------------------------------------------------------------
    def body_q(self, action: str = "view", prefix: str = "") -> Q:
        """A Q on a body relation (``prefix`` like "body__") limiting rows to the scope."""
        if self.is_superuser:
            return Q()
        paths = self.paths(action)
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for p in paths:
            q |= subtree_q(p, prefix)
        return q

    def filter(self, queryset: QuerySet, body_field: str | None = None, action: str = "view"):
        """Limit ``queryset`` to rows whose ``body_field`` (None: the Body itself) is in scope."""
        prefix = f"{body_field}__" if body_field else ""
        return queryset.filter(self.body_q(action, prefix))

    def bodies(self, action: str = "view") -> QuerySet[Body]:
        from ctct.bodies.models import Body

        return self.filter(Body.objects.all(), action=action)

    def root_bodies(self, action: str = "view") -> QuerySet[Body]:
        """The bodies the user's grants are on (outermost only): where a tree view starts."""
        from ctct.bodies.models import Body

        if self.is_superuser:
            return Body.objects.get_root_nodes()
        return Body.objects.filter(path__in=self.paths(action)).order_by("path")
