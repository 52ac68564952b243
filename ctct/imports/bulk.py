"""``ctct import``: every report under some paths, read by worker processes and written a
chunk at a time by this one. Reports already imported (same bytes) are skipped, so an
interrupted run resumes by re-running."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ctct.bodies.models import Body
from ctct.imports import match_beside, matching, recovery
from ctct.imports.apply import Writer
from ctct.imports.archive import Rejected, Source, iter_sources
from ctct.imports.dedupe import DuplicateIndex
from ctct.imports.fingerprint import content_hash
from ctct.imports.ingest import import_lock, ingest
from ctct.imports.models import BatchStatus, ImportBatch, ImportItem, ImportLink, ItemStatus
from ctct.imports.prepare import Prepared, prepare, prepare_many, rejected_prepared

CHUNK = 100  # reports per transaction (and per bulk write) in bulk imports


@dataclass
class Summary:
    items: Counter = field(default_factory=Counter)
    records: Counter = field(default_factory=Counter)
    skipped: int = 0
    failures: list[tuple[str, str, dict]] = field(default_factory=list)
    batch_id: int | None = None

    def lines(self) -> list[str]:
        out = [f"{k}={v}" for k, v in sorted(self.items.items())]
        out.append(f"already_imported={self.skipped}")
        out += [f"{k}={v}" for k, v in sorted(self.records.items())]
        return out


def import_paths(
    paths: Iterable[str | Path],
    *,
    root: Body,
    user=None,
    workers: int = 2,
    progress: bool = False,
    label: str = "",
) -> Summary:
    """Import every report under ``paths`` (files, directories, .zip archives). Reports
    already imported (same bytes) are skipped, so an interrupted run resumes by re-running."""
    paths = [Path(p) for p in paths]
    recovery.recover()  # an earlier run that died is closed: this one reads what it left
    owner = recovery.new_worker_id("import")
    recovery.worker_beat(worker_id=owner)
    batch = ImportBatch.objects.create(
        root=root,
        source="command",
        label=(label or ", ".join(p.name for p in paths))[:255],
        status=BatchStatus.RUNNING,
        started_at=timezone.now(),
        created_by=user if getattr(user, "pk", None) else None,
        owner=owner,
    )
    try:
        return _import_sources(
            paths, batch, root=root, user=user, workers=workers, progress=progress
        )
    finally:
        # stopped half-way (an error, Ctrl-C): the batch says so; a kill -9 is closed by
        # the next run or worker (recovery)
        recovery.batch_close_interrupted(batch_id=batch.pk, owner=owner)
        recovery.worker_gone(worker_id=owner)


def _import_sources(
    paths: list[Path], batch: ImportBatch, *, root: Body, user, workers: int, progress: bool
) -> Summary:
    summary = Summary(batch_id=batch.pk)
    known = set(ImportItem.objects.values_list("content_hash", flat=True))

    def fresh() -> Iterator[Source | Rejected]:
        for path in paths:
            for s in iter_sources(path):
                h = (
                    content_hash(s.data)
                    if isinstance(s, Source)
                    else rejected_prepared(s).content_hash
                )
                if h in known:
                    summary.skipped += 1
                    continue
                known.add(h)
                yield s

    matcher = matching.Matcher(root)
    matcher.preload_people()
    matcher.preload_documents()
    writer = Writer(user=user, remember=True)
    duplicates = DuplicateIndex()
    bar = None
    if progress:
        from tqdm import tqdm

        class Bar(tqdm):
            # no monitor thread: the extraction processes are forked (match_beside needs
            # that) only from a process that runs one thread
            monitor_interval = 0

        bar = Bar(unit=" reports", desc="import", smoothing=0.05)
    order = 0
    # Reports are committed CHUNK at a time: each report is whole or absent either way (an
    # interrupted chunk rolls back and is read again on the re-run), and a commit per report
    # would cost more than the report.
    stream = _prepare_stream(fresh(), workers, ahead=matcher)
    while True:
        with transaction.atomic():
            import_lock()
            writer.refresh()
            duplicates.refresh()
            done = 0
            for prepared in stream:
                item = ingest(
                    prepared,
                    batch=batch,
                    order=order,
                    matcher=matcher,
                    user=user,
                    writer=writer,
                    duplicates=duplicates,
                )
                order += 1
                done += 1
                summary.items[item.status] += 1
                if item.status == ItemStatus.FAILED:
                    error = item.matches.get("error", {})
                    summary.failures.append((item.filename, item.reason, error.get("params", {})))
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(summary.items, refresh=False)
                if done >= CHUNK:
                    break
            writer.flush()
            # the progress and a beat, committed with the chunk
            ImportBatch.objects.filter(pk=batch.pk).update(total=order, processed=order)
            recovery.worker_beat(worker_id=batch.owner)
        if done < CHUNK:
            break
    if bar is not None:
        bar.close()
    for kind, action, n in _link_counts(batch):
        summary.records[f"{kind}_{action}"] = n
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.DONE, total=order, processed=order, finished_at=timezone.now()
    )
    return summary


def _prepare_stream(
    sources: Iterator[Source | Rejected], workers: int, *, ahead: matching.Matcher | None = None
) -> Iterator[Prepared]:
    """Prepared reports in input order; a rejected archive member keeps a stable hash, so a
    re-run recognizes it as seen. With ``workers > 1`` and a preloaded matcher ``ahead``, the
    worker processes also match each report's organizer and people (``match_beside``)."""
    func = prepare
    if workers > 1 and ahead is not None and ahead.preloaded:
        func = match_beside.prepare_and_match
        match_beside.start(ahead)
    try:
        for p in prepare_many(sources, workers, func=func):
            if p.error and not p.content_hash:
                p.content_hash = content_hash(f"rejected:{p.name}:{p.error[0]}".encode())
            yield p
    finally:
        match_beside.stop()


def _link_counts(batch: ImportBatch):
    rows = (
        ImportLink.objects.filter(item__batch=batch)
        .values_list("kind", "action")
        .annotate(n=Count("id"))
    )
    return sorted(rows)
