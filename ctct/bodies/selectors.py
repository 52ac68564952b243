"""Reads of the Party tree. Every function runs a fixed number of queries whatever the depth."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from ctct.bodies.models import Body
from ctct.core import treepaths
from ctct.core.scopes import Scope
from ctct.core.treepaths import STEPLEN, subtree_q
from ctct.text import fold


def subtree(body: Body, *, include_self: bool = True):
    """All bodies under ``body`` (one indexed range scan on the path)."""
    qs = Body.objects.filter(subtree_q(body.path))
    if not include_self:
        qs = qs.exclude(pk=body.pk)
    return qs


def subtree_ids(body: Body) -> list[int]:
    return list(subtree(body).values_list("id", flat=True))


def bodies_in_scope(scope: Scope, action: str = "view"):
    """Every body where ``scope`` allows ``action``."""
    return scope.filter(Body.objects.all(), action=action)


def root_bodies(scope: Scope, action: str = "view"):
    """The bodies ``scope``'s grants for ``action`` are on (outermost only): where a tree view
    starts; a superuser starts at the roots of the tree."""
    if scope.is_superuser:
        return Body.objects.get_root_nodes()
    return Body.objects.filter(path__in=scope.paths(action)).order_by("path")


@dataclass
class SubtreePage:
    total: int
    bodies: list[Body]


def subtree_page(body: Body, *, page: int = 1, size: int = 50) -> SubtreePage:
    """Count the subtree and fetch one page of it in tree order (two queries)."""
    qs = subtree(body)
    total = qs.count()
    start = (max(page, 1) - 1) * size
    return SubtreePage(total=total, bodies=list(qs.order_by("path")[start : start + size]))


def ancestor_paths(body: Body) -> list[str]:
    return treepaths.ancestor_paths(body.path)


def ancestors(body: Body) -> list[Body]:
    """The bodies above ``body``, root first (one query: the prefixes of its path)."""
    paths = ancestor_paths(body)
    if not paths:
        return []
    return list(Body.objects.filter(path__in=paths).order_by("depth"))


def visible_ancestors(body: Body, scope: Scope) -> list[Body]:
    """The breadcrumb: ancestors the user may open (others are not shown at all)."""
    return [a for a in ancestors(body) if scope.allows("view", a)]


@dataclass
class ChildSummary:
    body: Body
    bodies_below: int  # bodies in its subtree, itself excluded
    members: int  # Party members in its whole subtree
    share: int = 0  # members as a percentage of the largest sibling branch, for bars


@dataclass
class ChildrenPage:
    items: list[ChildSummary]
    total: int  # all direct subordinates
    page: int
    pages: int

    @property
    def page_numbers(self) -> range:
        return range(1, self.pages + 1)


def children_with_counts(body: Body, *, page: int = 1, size: int | None = None) -> ChildrenPage:
    """Direct subordinates (one page of them, by name) with the size of each branch.

    Two queries whatever the depth or the number of children: the page of children, and one
    GROUP BY over the subtree that counts bodies and members per branch.
    """
    children_qs = Body.objects.filter(subtree_q(body.path), depth=body.depth + 1).order_by("name")
    total = body.numchild
    pages = max(1, -(-total // size)) if size else 1
    page = min(max(page, 1), pages)
    if size:
        children_qs = children_qs[(page - 1) * size : page * size]
    children = list(children_qs)
    if not children:
        return ChildrenPage(items=[], total=total, page=page, pages=pages)
    width = (body.depth + 1) * STEPLEN
    rows = (
        subtree(body, include_self=False)
        .annotate(branch=Substr("path", 1, width))
        .order_by()  # the model's ordering would otherwise join the GROUP BY
        .values("branch")
        .annotate(n=Count("id"), members=Sum("member_count"))
    )
    by_branch = {r["branch"]: r for r in rows}
    items = [
        ChildSummary(
            body=c,
            bodies_below=by_branch.get(c.path, {}).get("n", 1) - 1,
            members=by_branch.get(c.path, {}).get("members") or 0,
        )
        for c in children
    ]
    largest = max((i.members for i in items), default=0) or 1
    for i in items:
        i.share = round(100 * i.members / largest)
    return ChildrenPage(items=items, total=total, page=page, pages=pages)


def search_bodies(
    scope: Scope, query: str, *, limit: int = 20, action: str = "view", within: Body | None = None
) -> list[Body]:
    """Search-as-you-type by name; diacritics optional ("dang uy lu doan" finds "Đảng ủy Lữ đoàn").

    Only bodies where the user may do ``action`` ("issue_documents" for an issue form), and
    with ``within`` only that body's branch.
    """
    tokens = fold(query).split()
    if not tokens:
        return []
    qs = bodies_in_scope(scope, action)
    if within is not None:
        qs = qs.filter(subtree_q(within.path))
    for t in tokens[:8]:
        # Each word typed must begin a word of the name: "lu doan" does not match "Đoàn".
        qs = qs.filter(Q(search_key__startswith=t) | Q(search_key__contains=f" {t}"))
    return list(qs.order_by("depth", "name")[:limit])


def parent_chains(bodies: list[Body], scope: Scope, *, levels: int = 3) -> dict[int, list[Body]]:
    """For each body, its nearest ``levels`` ancestors the user may open, nearest first.

    One query for all of them (the prefixes of their paths), to tell namesakes apart:
    "Chi bộ Đại đội 4" under "Tiểu đoàn 1 › Lữ đoàn 657".
    """
    wanted = {b.pk: ancestor_paths(b)[-levels:] for b in bodies}
    paths = {p for ps in wanted.values() for p in ps}
    by_path = {
        a.path: a
        for a in (Body.objects.filter(path__in=paths) if paths else [])
        if scope.allows("view", a)
    }
    return {pk: [by_path[p] for p in reversed(ps) if p in by_path] for pk, ps in wanted.items()}


def subtree_member_count(body: Body) -> int:
    return subtree(body).aggregate(n=Sum("member_count"))["n"] or 0
