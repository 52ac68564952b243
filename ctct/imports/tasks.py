"""Background jobs of the import (django.tasks API, database backend; run `ctct db_worker`).

An upload becomes one ``expand_batch`` task (list the files, open archives) and then one
``process_items`` task per ``upload.QUEUE_CHUNK`` reports, so more workers read more reports
at once while each writes its reports together. The tasks call into the services (``upload``,
``worker``); the services never queue a task themselves."""

from __future__ import annotations

import logging

from django_tasks import task

from ctct.bodies.models import Body
from ctct.imports.models import ImportBatch, ImportItem
from ctct.imports.upload import batch_fail, batch_queued, expand, upload_store
from ctct.imports.worker import item_fail, process, process_many

logger = logging.getLogger(__name__)


def upload_start(
    *, root: Body, user, files: list, pasted_text: str = "", pasted_name: str = ""
) -> ImportBatch:
    """Store the uploads and queue the batch; returns at once (workers do the reading)."""
    batch = upload_store(
        root=root, user=user, files=files, pasted_text=pasted_text, pasted_name=pasted_name
    )
    result = expand_batch.enqueue(batch.pk)
    return batch_queued(batch=batch, task_id=str(result.id))


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
        batch_fail(batch_id=batch_id, error=e)
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
        item_fail(item_id=item_id, error=e)
    return ImportItem.objects.filter(pk=item_id).values_list("status", flat=True).first() or ""
