"""A batch's place on disk and its progress: how many of its reports are done, and done."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from ctct.imports.models import BatchStatus, ImportBatch


def batch_dir(batch: ImportBatch) -> Path:
    return Path(settings.CTCT_IMPORT_DIR) / str(batch.pk)


def batch_count_done(batch_id: int, n: int) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(processed=F("processed") + n)
    batch_finish(batch_id)


def batch_finish(batch_id: int) -> None:
    ImportBatch.objects.filter(pk=batch_id, processed__gte=F("total")).exclude(
        status=BatchStatus.DONE
    ).update(status=BatchStatus.DONE, finished_at=timezone.now())
