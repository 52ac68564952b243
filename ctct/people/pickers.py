"""The person picker: namesakes told apart by rank, current titles and Party body."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.bodies.pickers import BranchKind
from ctct.bodies.selectors import parent_chains
from ctct.core.pickers import Choice
from ctct.core.treepaths import subtree_q
from ctct.people.models import Person
from ctct.people.selectors import current_positions_of, people_in_scope, search_people
from ctct.text.titles import title_line


def person_choices(people: list[Person], scope) -> list[Choice]:
    """ "Đại tá Bùi Hữu Ba" — "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657 · Đảng ủy Lữ đoàn 657 ›
    Quân khu 8": the body with two levels above it, as company cells share their names."""
    positions = current_positions_of(people, scope)
    bodies = [p.body for p in people if scope.allows("view", p.body)]
    chains = parent_chains(bodies, scope, levels=2)
    out = []
    for p in people:
        where = ""
        if p.body_id in chains:
            where = " › ".join([p.body.name, *(a.display_unit for a in chains[p.body_id])])
        parts = [title_line(positions[p.pk]), where]
        out.append(Choice(pk=p.pk, label=str(p), detail=" · ".join(x for x in parts if x), obj=p))
    return out


class PersonKind(BranchKind):
    name = "person"
    actions = frozenset({"view", "edit_people"})
    placeholder = _("Type part of the name…")

    def find(self, request, query, *, action, limit, root):
        return search_people(request.scope, query, limit=limit, action=action, within=root)

    def find_one(self, request, pk, *, action, root):
        qs = people_in_scope(request.scope, action).select_related("body").filter(pk=pk)
        if root is not None:
            qs = qs.filter(subtree_q(root.path, "body__"))
        return qs.first()

    def choices(self, records, scope):
        return person_choices(records, scope)
