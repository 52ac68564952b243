"""Uploads: the files a person sends, stored and checked, then listed into waiting reports
(opening archives) for the background workers (``tasks``)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ctct.bodies.models import Body
from ctct.imports.archive import Source, iter_sources
from ctct.imports.batches import batch_dir, batch_finish
from ctct.imports.fingerprint import content_hash
from ctct.imports.models import BatchStatus, ImportBatch, ImportItem, ItemStatus
from ctct.imports.prepare import rejected_prepared

QUEUE_CHUNK = 20  # reports per background task (one transaction, one bulk write)
MSG_NOTHING = _("Choose at least one file or paste a report.")
MSG_TOO_LARGE = _("%(name)s is larger than %(limit)s MB; nothing was imported.")
MSG_TOTAL_TOO_LARGE = _("The files together exceed %(limit)s MB; nothing was imported.")
MSG_BAD_TYPE = _("%(name)s is not a report file (.txt, .html, .docx, .pdf or .zip).")
UPLOAD_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf", ".zip"}


def upload_store(
    *, root: Body, user, files: list, pasted_text: str = "", pasted_name: str = ""
) -> ImportBatch:
    """Check and store the uploads in a new batch, for ``tasks.upload_start`` to queue."""
    files = [f for f in files or [] if f is not None]
    if not files and not (pasted_text or "").strip():
        raise ValidationError(MSG_NOTHING, code="nothing")
    limit = settings.CTCT_MAX_UPLOAD_MB
    total_limit = settings.CTCT_MAX_IMPORT_MB
    total = 0
    for f in files:
        name = Path(f.name).name
        if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise ValidationError(MSG_BAD_TYPE, code="type", params={"name": name})
        per_file = total_limit if name.lower().endswith(".zip") else limit
        if f.size > per_file * 1024 * 1024:
            raise ValidationError(
                MSG_TOO_LARGE, code="too_large", params={"name": name, "limit": per_file}
            )
        total += f.size
    if total > total_limit * 1024 * 1024:
        raise ValidationError(MSG_TOTAL_TOO_LARGE, code="total", params={"limit": total_limit})
    label = ", ".join(Path(f.name).name for f in files[:3]) + (" …" if len(files) > 3 else "")
    if not label:
        label = pasted_name.strip() or _("Pasted text")
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            root=root, source="upload" if files else "paste", label=label[:255], created_by=user
        )
    folder = batch_dir(batch) / "upload"
    folder.mkdir(parents=True, exist_ok=True)
    # On disk each upload is "<n><suffix>"; its name as the user gave it (any characters,
    # any length) stays in names.json.
    names: dict[str, str] = {}
    try:
        for i, f in enumerate(files):
            stored = f"{i:04d}{Path(f.name).suffix.lower()}"
            names[stored] = Path(f.name).name
            with open(folder / stored, "wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
        if (pasted_text or "").strip():
            stored = f"{len(files):04d}.paste"
            names[stored] = " ".join(pasted_name.split()) or str(_("Pasted text"))
            (folder / stored).write_text(pasted_text, "utf-8")
        (folder.parent / "names.json").write_text(json.dumps(names, ensure_ascii=False), "utf-8")
    except OSError:
        shutil.rmtree(batch_dir(batch), ignore_errors=True)
        batch.delete()
        raise
    return batch


def expand(batch: ImportBatch, *, queue: Callable[[list[int]], object]) -> int:
    """List the batch's uploads (opening archives) into waiting items, one task for each
    ``QUEUE_CHUNK`` of them.

    The members are stored on disk first; then the items, the batch's counts and the tasks
    are written in one transaction. A worker that dies while listing leaves nothing in the
    database, and the task run again (``recovery``) lists the batch once: a batch whose items
    are there already is left as it is. ``queue`` queues the task of some items (in the
    transaction: the tasks are there with the items or not at all)."""

    folder = batch_dir(batch) / "upload"
    items_dir = batch_dir(batch) / "items"
    items_dir.mkdir(parents=True, exist_ok=True)
    ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=timezone.now()
    )
    items: list[ImportItem] = []
    manifest = folder.parent / "names.json"
    names = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    for upload in sorted(folder.iterdir()) if folder.exists() else []:
        name = names.get(upload.name, upload.name)
        if upload.suffix == ".paste":
            sources: Iterable = [Source(name=name, data=upload.read_bytes())]
        else:
            sources = iter_sources(upload)
        for s in sources:
            order = len(items)
            filename = s.name.replace(upload.name, name, 1)[:255]
            if isinstance(s, Source):
                suffix = ".paste" if upload.suffix == ".paste" else Path(s.name).suffix.lower()
                stored = items_dir / f"{order:06d}{suffix}"
                stored.write_bytes(s.data)
                item = ImportItem(
                    batch=batch,
                    order=order,
                    filename=filename,
                    content_hash=content_hash(s.data),
                    stored_name=stored.name,
                )
            else:
                item = ImportItem(
                    batch=batch,
                    order=order,
                    filename=filename,
                    content_hash=rejected_prepared(s).content_hash,
                    status=ItemStatus.FAILED,
                    reason=s.code,
                    matches={"error": {"code": s.code, "params": s.params}},
                )
            items.append(item)
    with transaction.atomic():
        listed = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if listed.items.exists():  # listed by an earlier run of the task
            return listed.total
        made = bulk_create_with_history(
            items, ImportItem, batch_size=500, default_user=batch.created_by
        )
        waiting = [i.pk for i in made if i.status == ItemStatus.PENDING]
        ImportBatch.objects.filter(pk=batch.pk).update(
            total=len(made), processed=len(made) - len(waiting)
        )
        for i in range(0, len(waiting), QUEUE_CHUNK):
            queue(waiting[i : i + QUEUE_CHUNK])
        if not waiting:
            batch_finish(batch.pk)
    return len(made)


def batch_queued(*, batch: ImportBatch, task_id: str) -> ImportBatch:
    """Note the task that lists the batch (``tasks.upload_start`` queued it)."""
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=task_id)
    batch.refresh_from_db()
    return batch


def batch_fail(*, batch_id: int, error: Exception) -> None:
    """A batch whose uploads could not be listed fails, with the error: it must not stay
    "queued" forever."""
    ImportBatch.objects.filter(pk=batch_id).update(
        status=BatchStatus.FAILED, error=str(error)[:2000]
    )
