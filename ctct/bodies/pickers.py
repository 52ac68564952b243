"""The body picker: "Chi bộ Đại đội 4" shown with its parent chain, "Tiểu đoàn 1 › Lữ đoàn 657"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.bodies.selectors import parent_chains, search_bodies
from ctct.core.pickers import Choice, PickerKind


def body_choices(bodies: list[Body], scope) -> list[Choice]:
    chains = parent_chains(bodies, scope)
    return [
        Choice(
            pk=b.pk,
            label=b.name,
            detail=" › ".join(a.display_unit for a in chains[b.pk]),
            obj=b,
        )
        for b in bodies
    ]


NOWHERE = object()


def branch(request, within: int | None):
    """The body whose branch limits a picker: None for no limit, NOWHERE when the user
    may not see it (then nothing is offered)."""
    if within is None:
        return None
    root = Body.objects.filter(pk=within).first()
    return root if root is not None and request.scope.allows("view", root) else NOWHERE


class BranchKind(PickerKind):
    """A kind whose records hold to bodies, so ``within`` can limit it to a body's branch.

    Subclasses say how to find records (``root`` is the branch's body or None) and how to
    show them.
    """

    def find(self, request, query: str, *, action: str, limit: int, root) -> list:
        raise NotImplementedError

    def find_one(self, request, pk: int, *, action: str, root):
        raise NotImplementedError

    def choices(self, records: list, scope) -> list[Choice]:
        raise NotImplementedError

    def search(self, request, query, *, action, limit, within=None):
        root = branch(request, within)
        if root is NOWHERE:
            return []
        return self.choices(
            self.find(request, query, action=action, limit=limit, root=root), request.scope
        )

    def get(self, request, pk, *, action, within=None):
        root = branch(request, within)
        record = None if root is NOWHERE else self.find_one(request, pk, action=action, root=root)
        return self.choices([record], request.scope)[0] if record is not None else None


class BodyKind(BranchKind):
    name = "body"
    placeholder = _("Type part of the body's name…")

    def find(self, request, query, *, action, limit, root):
        return search_bodies(request.scope, query, limit=limit, action=action, within=root)

    def find_one(self, request, pk, *, action, root):
        body = Body.objects.filter(pk=pk).first()
        if body is None or not request.scope.allows(action, body):
            return None
        if root is not None and not body.path.startswith(root.path):
            return None
        return body

    def choices(self, records, scope):
        return body_choices(records, scope)
