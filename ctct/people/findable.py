"""People in the search box: their names, ranks and the posts they hold."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, Shows, register
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


def people_naming(body):
    """The people whose line names ``body``: its members and the holders of its posts."""
    from ctct.people.models import Person, Position

    posts = Position.objects.filter(body=body, ended_on__isnull=True).values("person_id")
    return Person.objects.filter(Q(body=body) | Q(pk__in=posts)).values("pk")


def register_findable() -> None:
    from ctct.bodies.models import Body
    from ctct.people.models import Person, Position

    register(
        Findable(
            kind="person",
            model=Person,
            entries=person_entries,
            label=_("People"),
            order=30,
            watch=((Position, lambda pos: [pos.person_id]),),
            # a person's text is his rank, posts and body: rewritten whole on a rename
            shows=(Shows(Body, ("name", "unit_name"), people_naming, composed=True),),
            under=lambda path: Person.objects.filter(subtree_q(path, "body__")).values_list(
                "pk", flat=True
            ),
        )
    )
