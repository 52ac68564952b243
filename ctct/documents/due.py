"""What falls due: the "Đến hạn" list of every body, filled by each app that sets deadlines.

The list lives in documents (its own items are the steps of directives addressed down the
tree), but deadlines are set higher up too: a target's progress entries are due by a date
(resolutions). Documents never imports those apps; each describes its deadlines with a
``DueSource`` subclass and registers it from its ``AppConfig.ready()``:

    from ctct.documents import due
    due.register(TargetEntriesDue())

``due_list(scope, ...)`` asks every source for what falls due within a window (or is overdue)
for the bodies ``scope`` may view, and merges the answers, most overdue first. A source runs a
fixed number of queries whatever the tree, and returns at most ``limit`` items plus how many
there are in all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from ctct.bodies.models import Body
    from ctct.core.scopes import Scope


@dataclass
class Reminder:
    """One thing a body must do by a deadline, as the list shows it."""

    kind: str  # the name of the source that gave it ("steps", "entries")
    kind_label: str  # the kind as a person reads it ("Directive step")
    body: Body
    what: str  # what the body must do ("Receive", "Enter progress")
    title: str  # what it is about (a document's citation, a target's title)
    deadline: dt.date
    days_left: int  # negative: overdue
    detail: str = ""  # a line under the title
    url: str = ""  # where the thing is read
    action_url: str = ""  # where the body does it, when the user may (else empty)
    action_label: str = ""
    source: Any = None  # the source's own row (a Recipient, a Target, ...)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left if self.overdue else 0

    @property
    def body_path(self) -> str:
        return self.body.path


@dataclass
class Batch:
    """What one source answers: at most ``limit`` items, soonest deadline first, and how many
    there are in all."""

    items: list[Reminder]
    total: int


class DueSource:
    """One kind of deadline. Subclasses live in the app that owns the records."""

    name: str = ""  # unique; the ``kind`` of its reminders
    label: Any = ""  # the kind as the list shows it (a lazy translation)
    order: int = 100  # the position of its kind among items due the same day
    noun: str = "items"  # what ``ctct remind`` counts them as ("steps", "target entries")
    always_counted: bool = False  # ``ctct remind`` counts the kind even when there are none

    def text(self, item: Reminder) -> str:
        """The item in ``ctct remind``'s line: its kind, then its title."""
        return f"{self.label}: {item.title}"

    def due(
        self,
        scope: Scope,
        *,
        today: dt.date,
        within_days: int,
        limit: int,
        under: Body | None = None,
    ) -> Batch:
        """What falls due by ``today + within_days`` (or is overdue) for bodies in ``scope``
        (and in the subtree of ``under`` when given), soonest first, in a fixed number of
        queries."""
        raise NotImplementedError


_SOURCES: dict[str, DueSource] = {}


def register(source: DueSource) -> DueSource:
    """Add ``source`` to the list (call from ready()); registering a name again replaces it."""
    if not source.name:
        raise ValueError("a due source needs a name")
    _SOURCES[source.name] = source
    return source


def sources() -> list[DueSource]:
    """The registered sources, in their order."""
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.name))


@dataclass
class DueList:
    items: list[Reminder]  # the most overdue first, at most ``limit``
    total: int
    totals: dict[str, int] = field(default_factory=dict)  # per kind, every source listed
    overdue_totals: dict[str, int] = field(default_factory=dict)  # among the items shown


def sort_key(item: Reminder, order: dict[str, int] | None = None) -> tuple:
    """The list's order: deadline, then the body in tree order, then the kind."""
    return (item.deadline, item.body_path, (order or {}).get(item.kind, 100), item.title)


def due_list(
    scope: Scope,
    *,
    today: dt.date | None = None,
    within_days: int = 7,
    limit: int = 100,
    under: Body | None = None,
    kinds: list[str] | None = None,
) -> DueList:
    """Every registered kind of deadline that falls due within ``within_days`` or is overdue,
    for the bodies in ``scope`` (below ``under`` when given), the most overdue first."""
    today = today or timezone.localdate()
    chosen = [s for s in sources() if kinds is None or s.name in kinds]
    items: list[Reminder] = []
    totals: dict[str, int] = {}
    for source in chosen:
        batch = source.due(scope, today=today, within_days=within_days, limit=limit, under=under)
        items += batch.items
        totals[source.name] = batch.total
    order = {s.name: s.order for s in chosen}
    items.sort(key=lambda i: sort_key(i, order))
    items = items[:limit]
    overdue = {s.name: 0 for s in chosen}
    for i in items:
        if i.overdue:
            overdue[i.kind] += 1
    return DueList(items=items, total=sum(totals.values()), totals=totals, overdue_totals=overdue)


# --- the documents' own kind: the next step of each directive addressed to a body -------------


class DirectiveStepsDue(DueSource):
    """The next step of each document addressed to a body, by its distribution's deadline."""

    name = "steps"
    label = _("Directive step")
    order = 0
    noun = "steps"
    always_counted = True

    def text(self, item: Reminder) -> str:
        return item.title  # the document's citation: the remind lines read as they always did

    def due(self, scope, *, today, within_days, limit, under=None) -> Batch:
        from django.urls import reverse

        from ctct.documents.selectors import reminders

        found = reminders(scope, today=today, within_days=within_days, limit=limit, under=under)
        items = []
        for d in found.items:
            r = d.recipient
            record = scope.allows("record_steps", r.body)
            items.append(
                Reminder(
                    kind=self.name,
                    kind_label=self.label,
                    body=r.body,
                    what=d.next_step,
                    title=r.document.citation,
                    detail=r.document.title,
                    deadline=d.deadline,
                    days_left=d.days_left,
                    url=r.document.get_absolute_url(),
                    action_url=reverse("documents:step", args=[r.pk]) if record else "",
                    action_label=_("Record") if record else "",
                    source=d,
                )
            )
        return Batch(items=items, total=found.total)


__all__ = [
    "Batch",
    "DirectiveStepsDue",
    "DueList",
    "DueSource",
    "Reminder",
    "due_list",
    "register",
    "sort_key",
    "sources",
]
