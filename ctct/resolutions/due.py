"""The progress entries of targets that fall due, for the "Đến hạn" list of documents.

A target with an entry deadline (``Target.entry_deadline``) is due at the resolution's body
for its own target, and at every body it was handed to for its share, until that body has
entered a value (``selectors.unentered``; ``selectors.entries_due`` asks it for one body). Here it runs
for every body a scope may view, optionally inside one body's subtree, so a holder and every
body above it see the entries due below; documents lists them beside the directive steps
through ``ctct.documents.due``, registered in ``ResolutionsConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.core.scopes import Scope
from ctct.core.treepaths import subtree_q
from ctct.documents import due
from ctct.resolutions.selectors import Due, unentered


def entries_due_in(
    scope: Scope,
    *,
    today: dt.date,
    within_days: int = 7,
    limit: int = 100,
    under: Body | None = None,
) -> tuple[list[tuple[Body, Due]], int]:
    """The entries due by ``today + within_days`` (or overdue) at bodies in ``scope`` (and in
    the subtree of ``under``): at most ``limit`` (body, due) pairs, soonest deadline first,
    then the body in tree order, and how many there are. Four queries whatever the tree."""
    held, handed = unentered(today + dt.timedelta(days=within_days))
    held = scope.filter(held, "resolution__body")
    handed = scope.filter(handed, "body")
    if under is not None:
        held = held.filter(subtree_q(under.path, "resolution__body__"))
        handed = handed.filter(subtree_q(under.path, "body__"))
    total = held.count() + handed.count()
    rows: list[tuple[Body, Due]] = [
        (t.resolution.body, Due(t, None, t.entry_deadline))  # type: ignore[arg-type]
        for t in held.select_related("resolution__body").order_by(
            "entry_deadline", "resolution__body__path", "pk"
        )[:limit]
    ]
    rows += [
        (a.body, Due(a.target, a, a.target.entry_deadline))  # type: ignore[arg-type]
        for a in handed.select_related("target__resolution", "body").order_by(
            "target__entry_deadline", "body__path", "pk"
        )[:limit]
    ]
    rows.sort(key=lambda r: (r[1].deadline, r[0].path, r[1].target.pk))
    return rows[:limit], total


class TargetEntriesDue(due.DueSource):
    """A target's progress entry, due at its holder or at a body it was handed to."""

    name = "entries"
    label = _("Target entry")
    order = 10
    noun = "target entries"

    def due(self, scope, *, today, within_days, limit, under=None) -> due.Batch:
        rows, total = entries_due_in(
            scope, today=today, within_days=within_days, limit=limit, under=under
        )
        items = []
        for body, d in rows:
            target = d.target
            # The body's page shows its resolutions and targets; entering progress starts there.
            url = body.get_absolute_url()
            items.append(
                due.Reminder(
                    kind=self.name,
                    kind_label=self.label,
                    body=body,
                    what=_("Enter progress"),
                    title=target.title,
                    detail=f"{target.resolution.title} ({target.period})",
                    deadline=d.deadline,
                    days_left=(d.deadline - today).days,
                    url=url,
                    source=d,
                )
            )
        return due.Batch(items=items, total=total)


def register_due() -> None:
    """Put the targets' entry deadlines in the "Đến hạn" list of documents."""
    due.register(TargetEntriesDue())
