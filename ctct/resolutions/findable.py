"""Resolutions (with their focus tasks and solution groups) and their targets in the search box."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, Shows, register
from ctct.core.treepaths import subtree_q


def resolution_entries(queryset):
    from ctct.resolutions.models import FocusTask, SolutionGroup

    rows = list(queryset.select_related("body", "adopted_at", "document"))
    ids = [r.pk for r in rows]
    parts: dict[int, list[str]] = defaultdict(list)
    if ids:
        for model in (FocusTask, SolutionGroup):
            for rid, text in (
                model.objects.filter(resolution_id__in=ids)
                .order_by("order")
                .values_list("resolution_id", "text")
            ):
                parts[rid].append(text)
    for r in rows:
        keywords = [r.period, r.body.name, r.body.unit_name]
        if r.document is not None:
            keywords.append(r.document.citation)
        yield Entry(
            object_id=r.pk,
            title=r.title,
            url_name="resolutions:detail",
            url_args=(r.pk,),
            text="\n".join(parts.get(r.pk, ())),
            detail=" · ".join(x for x in (r.body.name, r.period) if x),
            keywords=tuple(k for k in keywords if k),
            paths=(r.body.path,),
            owner_path=r.body.path,
            date=r.adopted_at.held_on if r.adopted_at else None,
            type="resolution",
        )


def target_entries(queryset):
    from ctct.resolutions.models import TargetAssignment

    targets = list(queryset.select_related("resolution__body"))
    handed: dict[int, list[str]] = defaultdict(list)
    if targets:
        for target_id, path in (
            TargetAssignment.objects.filter(target_id__in=[t.pk for t in targets])
            .order_by("body__path")
            .values_list("target_id", "body__path")
        ):
            handed[target_id].append(path)
    for t in targets:
        r = t.resolution
        yield Entry(
            object_id=t.pk,
            title=t.title,
            url_name="resolutions:target",
            url_args=(r.body_id, t.pk),
            text=" ".join(x for x in (t.unit, r.title) if x),
            detail=" · ".join(x for x in (r.title, r.body.name, t.period) if x),
            keywords=(t.period, r.body.unit_name),
            # seen at the resolution's body and at every body it was handed to
            paths=(r.body.path, *handed.get(t.pk, ())),
            owner_path=r.body.path,
            type=t.measure,
        )


def target_places(scope, ids: list[int]) -> dict[int, tuple[str, tuple]]:
    """The target page at the highest body of the user's scope each target was handed to
    (for a user who does not reach the resolution's body: a cell's secretary)."""
    from ctct.resolutions.models import TargetAssignment

    out: dict[int, tuple[str, tuple]] = {}
    rows = (
        scope.filter(TargetAssignment.objects.filter(target_id__in=ids), "body")
        .order_by("body__path")
        .values_list("target_id", "body_id")
    )
    for target_id, body_id in rows:
        out.setdefault(target_id, ("resolutions:target", (body_id, target_id)))
    return out


def targets_under(path: str):
    from ctct.resolutions.models import Target, TargetAssignment

    handed = TargetAssignment.objects.filter(subtree_q(path, "body__")).values("target_id")
    return Target.objects.filter(
        subtree_q(path, "resolution__body__") | Q(pk__in=handed)
    ).values_list("pk", flat=True)


def register_findable() -> None:
    from ctct.bodies.models import Body
    from ctct.resolutions.models import (
        FocusTask,
        Resolution,
        SolutionGroup,
        Target,
        TargetAssignment,
    )

    register(
        Findable(
            kind="resolution",
            model=Resolution,
            entries=resolution_entries,
            label=_("Resolutions"),
            order=50,
            shows=(
                Shows(
                    Body,
                    ("name", "unit_name"),
                    lambda b: Resolution.objects.filter(body=b).values("pk"),
                ),
            ),
            watch=(
                (FocusTask, lambda x: [x.resolution_id]),
                (SolutionGroup, lambda x: [x.resolution_id]),
            ),
            under=lambda path: Resolution.objects.filter(subtree_q(path, "body__")).values_list(
                "pk", flat=True
            ),
        )
    )
    register(
        Findable(
            kind="target",
            model=Target,
            entries=target_entries,
            label=_("Targets"),
            order=55,
            shows=(
                Shows(
                    Body,
                    ("name", "unit_name"),
                    lambda b: Target.objects.filter(resolution__body=b).values("pk"),
                ),
            ),
            # handing down writes in bulk: services.target_hand_down calls findable.changed
            watch=((TargetAssignment, lambda a: [a.target_id]),),
            under=targets_under,
            locate=target_places,
        )
    )
