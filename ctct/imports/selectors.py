"""Reading imports within a user's reach (the batch's root body, action edit_conferences)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from ctct.core.scopes import Scope
from ctct.imports.models import ImportBatch, ImportItem, ImportLink, ItemStatus

ACTION = "edit_conferences"


def batches_visible(scope: Scope) -> QuerySet[ImportBatch]:
    return scope.filter(ImportBatch.objects.select_related("root"), "root", ACTION)


def items_visible(scope: Scope) -> QuerySet[ImportItem]:
    return scope.filter(ImportItem.objects.select_related("batch__root"), "batch__root", ACTION)


def items_to_review(scope: Scope) -> QuerySet[ImportItem]:
    return items_visible(scope).filter(status=ItemStatus.NEEDS_REVIEW).order_by("created_at", "id")


def batch_counts(batch: ImportBatch) -> dict[str, int]:
    rows = batch.items.values_list("status").annotate(n=Count("id"))
    counts = {s: 0 for s in ItemStatus.values}
    counts.update(dict(rows))
    return counts


def imported_from(kind: str, object_id: int) -> list[ImportItem]:
    """The imported reports a record was created or matched from (provenance)."""
    ids = ImportLink.objects.filter(kind=kind, object_id=object_id).values_list(
        "item_id", flat=True
    )
    return list(ImportItem.objects.filter(pk__in=ids).select_related("batch").order_by("id"))


def links_of(item: ImportItem) -> list[ImportLink]:
    return list(item.links.order_by("kind", "id"))
