"""The person picker: namesakes told apart by rank, current titles and Party body."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.core.pickers import Choice, PickerKind
from ctct.people.models import Person
from ctct.people.selectors import current_positions_of, people_in_scope, search_people
from ctct.people.titles import title_line


def person_choices(people: list[Person], scope) -> list[Choice]:
    """ "Đại tá Bùi Hữu Ba" — "Bí thư Đảng ủy, Chính ủy Lữ đoàn 657 · Đảng ủy Lữ đoàn 657"."""
    positions = current_positions_of(people, scope)
    out = []
    for p in people:
        parts = [title_line(positions[p.pk]), p.body.name if scope.allows("view", p.body) else ""]
        out.append(Choice(pk=p.pk, label=str(p), detail=" · ".join(x for x in parts if x), obj=p))
    return out


class PersonKind(PickerKind):
    name = "person"
    actions = frozenset({"view", "edit_people"})
    placeholder = _("Type part of the name…")

    def search(self, request, query, *, action, limit):
        found = search_people(request.scope, query, limit=limit, action=action)
        return person_choices(found, request.scope)

    def get(self, request, pk, *, action):
        person = people_in_scope(request.scope, action).select_related("body").filter(pk=pk).first()
        return person_choices([person], request.scope)[0] if person else None
