"""Bodies in the search box: their names, short names, units and document symbols."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, register
from ctct.core.treepaths import subtree_q
from ctct.text import expand_abbreviations


def body_entries(queryset):
    for b in queryset.only("pk", "name", "short_name", "unit_name", "symbol", "kind", "path"):
        keywords = [k for k in (b.short_name, b.unit_name, b.symbol) if k]
        if b.short_name:
            expanded = expand_abbreviations(b.short_name)
            if expanded != b.short_name:
                keywords.append(expanded)
        yield Entry(
            object_id=b.pk,
            title=b.name,
            url_name="bodies:detail",
            url_args=(b.pk,),
            detail=b.unit_name if b.unit_name and b.unit_name != b.name else "",
            keywords=tuple(keywords),
            names=tuple(k for k in (b.short_name, b.unit_name) if k),
            paths=(b.path,),
            owner_path=b.path,
            type=b.kind,
        )


def register_findable() -> None:
    from ctct.bodies.models import Body

    register(
        Findable(
            kind="body",
            model=Body,
            entries=body_entries,
            label=_("Party bodies"),
            order=40,
            under=lambda path: Body.objects.filter(subtree_q(path)).values_list("pk", flat=True),
        )
    )
