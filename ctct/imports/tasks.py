"""Background jobs of the import (django.tasks API, database backend; run `ctct db_worker`).

An upload becomes one ``expand_batch`` task (list the files, open archives) and then one
``process_items`` task per ``upload.QUEUE_CHUNK`` reports, so more workers read more reports
at once while each writes its reports together. The tasks call into the services (``upload``,
``worker``); the services never queue a task themselves."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django_tasks import task

from ctct.bodies.models import Body
from ctct.imports.batches import batch_finish
from ctct.imports.models import BatchStatus, ImportBatch, ImportItem, ItemStatus
from ctct.imports.upload import expand, upload_store
from ctct.imports.worker import process, process_many

logger = logging.getLogger(__name__)


def upload_start(
    *, root: Body, user, files: list, pasted_text: str = "", pasted_name: str = ""
) -> ImportBatch:
    """Store the uploads and queue the batch; returns at once (workers do the reading)."""
    batch = upload_store(
        root=root, user=user, files=files, pasted_text=pasted_text, pasted_name=pasted_name
    )
    result = expand_batch.enqueue(batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))
    batch.refresh_from_db()
    return batch


def batch_expand(batch: ImportBatch) -> int:
    """``upload.expand``, queueing a ``process_items`` task per chunk of its reports."""
    return expand(batch, queue=process_items.enqueue)


@task()
def expand_batch(batch_id: int) -> int:
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        return batch_expand(batch)
    except Exception as e:  # a broken upload must not leave the batch "queued" forever
        logger.exception("import batch %s could not be listed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED, error=str(e)[:2000]
        )
        raise


@task()
def process_items(item_ids: list[int]) -> int:
    """Waiting items of one batch, read and written together; if that fails, one by one (so
    a report that breaks the import fails alone, with its reason)."""
    try:
        process_many(item_ids)
    except Exception:
        logger.exception("import items %s failed together: running them one by one", item_ids)
        for item_id in item_ids:
            _process_one(item_id)
    return len(item_ids)


@task()
def process_item(item_id: int) -> str:
    return _process_one(item_id)


def _process_one(item_id: int) -> str:
    try:
        process(item_id)
    except Exception as e:
        logger.exception("import item %s failed", item_id)
        with transaction.atomic():
            item = ImportItem.objects.select_for_update().get(pk=item_id)
            if item.status == ItemStatus.PENDING:
                item.status = ItemStatus.FAILED
                item.reason = "internal"
                item.matches = {"error": {"code": "internal", "params": {"error": str(e)[:500]}}}
                item.save()
                ImportBatch.objects.filter(pk=item.batch_id).update(processed=F("processed") + 1)
        batch_finish(item.batch_id)
    return ImportItem.objects.filter(pk=item_id).values_list("status", flat=True).first() or ""
