"""People in the search box: their names, ranks and the posts they hold."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, register
from ctct.core.treepaths import subtree_q


def person_entries(queryset):
    from ctct.people.models import Position

    current = Position.objects.filter(ended_on__isnull=True).select_related("body")
    people = queryset.select_related("body").prefetch_related(
        Prefetch("positions", queryset=current, to_attr="current_positions")
    )
    for p in people:
        posts = [pos.display for pos in p.current_positions]
        detail = " · ".join(x for x in (p.rank, ", ".join(posts), p.body.name) if x)
        yield Entry(
            object_id=p.pk,
            title=p.full_name,
            url_name="people:detail",
            url_args=(p.pk,),
            text=" ".join([p.rank, *posts, p.body.name]).strip(),
            detail=detail,
            paths=(p.body.path,),
            owner_path=p.body.path,
        )


def register_findable() -> None:
    from ctct.people.models import Person, Position

    register(
        Findable(
            kind="person",
            model=Person,
            entries=person_entries,
            label=_("People"),
            order=30,
            watch=((Position, lambda pos: [pos.person_id]),),
            under=lambda path: Person.objects.filter(subtree_q(path, "body__")).values_list(
                "pk", flat=True
            ),
        )
    )
