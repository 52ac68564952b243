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


class BodyKind(PickerKind):
    name = "body"
    placeholder = _("Type part of the body's name…")

    def search(self, request, query, *, action, limit):
        return body_choices(
            search_bodies(request.scope, query, limit=limit, action=action), request.scope
        )

    def get(self, request, pk, *, action):
        body = Body.objects.filter(pk=pk).first()
        if body is None or not request.scope.allows(action, body):
            return None
        return body_choices([body], request.scope)[0]
