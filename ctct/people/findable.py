"""People in the search box: their names, ranks and the posts they hold."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, Shows, register
from ctct.core.treepaths import subtree_q


def person_entries(queryset):
    """Plain values, no model instances: a full reindex reads 300,000 people."""
    from ctct.people.models import Position
    from ctct.text.titles import TitledBody, format_title

    people = list(queryset.values_list("pk", "full_name", "rank", "body__name", "body__path"))
    posts: dict[int, list[str]] = defaultdict(list)
    if people:
        current = (
            Position.objects.filter(person_id__in=[p[0] for p in people], ended_on__isnull=True)
            .order_by("person_id", *Position._meta.ordering)
            .values_list("person_id", "title", "title_kind", "body__name", "body__unit_name")
        )
        for person_id, title, kind, name, unit in current:
            posts[person_id].append(format_title(title, kind, TitledBody(name, unit or "")))
    for pk, full_name, rank, body_name, body_path in people:
        held = posts.get(pk, [])
        detail = " · ".join(x for x in (rank, ", ".join(held), body_name) if x)
        yield Entry(
            object_id=pk,
            title=full_name,
            url_name="people:detail",
            url_args=(pk,),
            text=" ".join([rank, *held, body_name]).strip(),
            detail=detail,
            paths=(body_path,),
            owner_path=body_path,
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
