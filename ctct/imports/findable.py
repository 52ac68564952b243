"""Imported reports in the search box, and the names of bodies imports learned (aliases)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from ctct.core.findable import (
    Entry,
    Findable,
    Shows,
    register,
    register_keywords,
    register_watch,
)
from ctct.core.treepaths import subtree_q

#: who may open a report: the same action as the review pages (``views.ACTION``)
ACTION = "edit_conferences"


def item_entries(queryset):
    for it in queryset.select_related("batch__root", "conference").defer(
        "record", "matches", "sentence_hashes"
    ):
        root = it.batch.root
        title = it.conference.title if it.conference else it.filename
        yield Entry(
            object_id=it.pk,
            title=title,
            url_name="imports:item",
            url_args=(it.pk,),
            text=it.text,
            detail=" · ".join(x for x in (it.filename, it.get_status_display(), root.name) if x),
            keywords=(it.filename,),
            paths=(root.path,),
            owner_path=root.path,
            date=it.conference.held_on if it.conference else it.created_at.date(),
            type=it.status,
        )


def body_aliases(ids: list[int]) -> dict[int, list[str]]:
    from ctct.imports.models import BodyAlias

    out: dict[int, list[str]] = defaultdict(list)
    for body_id, text in BodyAlias.objects.filter(body_id__in=ids).values_list("body_id", "text"):
        out[body_id].append(text)
    return out


def register_findable() -> None:
    from ctct.bodies.models import Body
    from ctct.imports.models import BodyAlias, ImportItem

    register(
        Findable(
            kind="import",
            model=ImportItem,
            entries=item_entries,
            label=_("Imported reports"),
            order=60,
            action=ACTION,
            shows=(
                Shows(
                    Body,
                    ("name",),
                    lambda b: ImportItem.objects.filter(batch__root=b).values("pk"),
                ),
            ),
            under=lambda path: ImportItem.objects.filter(
                subtree_q(path, "batch__root__")
            ).values_list("pk", flat=True),
        )
    )
    register_keywords("body", body_aliases)
    register_watch("body", BodyAlias, lambda a: [a.body_id])
