"""Work whose process died is taken up again, so an import always ends.

The database task backend (django-tasks-db) marks a task RUNNING when a worker claims it and
records the worker's id, but has no lease: a worker killed mid-task (``kill -9``, the machine
going down) leaves the task RUNNING for good, its reports waiting, its batch "running". So each
process that takes work beats (``WorkerBeat``): ``ctct db_worker`` from a thread of its own
(``Watch``), every quarter of ``CTCT_WORKER_LEASE_SECONDS``; a ``ctct import`` run at each chunk
it commits. A process is taken for dead when it has not beaten for a lease, or at once when it
ran on this host and its process is gone.

``recover()`` (run by every ``ctct db_worker`` when it starts and at each beat, and by ``ctct
import`` when it starts):

- a RUNNING task of a dead worker is made READY again: the next worker runs it from the start.
  That is safe because a task writes its reports in one transaction (the dead one's was rolled
  back) and writes only reports still waiting, under the import lock: nothing is lost, nothing
  is written twice. Its worker ids count the attempts: a ``process_items`` task whose workers
  died twice is split into one task per waiting report, and a task whose workers died
  ``MAX_ATTEMPTS`` times is failed; its waiting reports fail with the reason ``worker_died``
  (a report that kills the worker each time is not read a fourth time) and its batch ends.
- a ``ctct import`` batch still "running" whose run is dead is closed as ``interrupted``, with
  the count of reports it committed; running the import again reads the rest.

Races between two recovering workers are settled by conditional updates: a task is taken back
only while it is still RUNNING since the same start.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ctct.imports.batches import batch_count_done
from ctct.imports.models import BatchStatus, ImportBatch, ImportItem, ItemStatus, WorkerBeat
from ctct.imports.prepare import process_running

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a task whose workers died this many times is failed, not run again
SPLIT_AFTER = 2  # a chunk of reports whose workers died this many times runs report by report
FORGET_BEATS_AFTER = dt.timedelta(days=1)

INTERRUPTED = "interrupted"  # ImportBatch.error of a run that stopped (reasons.py words it)
WORKER_DIED = "worker_died"  # ImportItem.reason of a report whose worker died MAX_ATTEMPTS times
TASK_PROCESS_ITEMS = "ctct.imports.tasks.process_items"
TASK_PROCESS_ITEM = "ctct.imports.tasks.process_item"
TASK_EXPAND = "ctct.imports.tasks.expand_batch"


class WorkerDied(Exception):
    """Recorded on a task failed because its workers kept dying (its exception class)."""


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.CTCT_WORKER_LEASE_SECONDS)


def beat_interval() -> float:
    return max(settings.CTCT_WORKER_LEASE_SECONDS / 4, 0.05)


HOST = socket.gethostname()[:255]


def new_worker_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:24]}"


# --- beats ---------------------------------------------------------------------------------------
def worker_beat(*, worker_id: str, pid: int | None = None) -> None:
    """Say that ``worker_id`` (this process, or ``pid`` on this host) is alive now."""
    pid = os.getpid() if pid is None else pid
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(
        beat_at=timezone.now(), host=HOST, pid=pid
    )
    if not updated:
        WorkerBeat.objects.get_or_create(
            worker_id=worker_id, defaults={"beat_at": timezone.now(), "host": HOST, "pid": pid}
        )


def worker_gone(*, worker_id: str) -> None:
    """A clean exit: the worker's tasks (if any are left RUNNING) are taken up at once."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


@dataclass
class Liveness:
    """Which worker ids are alive, read once per recovery pass."""

    now: dt.datetime
    beats: dict[str, WorkerBeat] = field(default_factory=dict)

    @classmethod
    def read(cls, worker_ids) -> Liveness:
        ids = {w for w in worker_ids if w}
        beats = {b.worker_id: b for b in WorkerBeat.objects.filter(worker_id__in=ids)}
        return cls(now=timezone.now(), beats=beats)

    def alive(self, worker_id: str, *, since: dt.datetime | None) -> bool:
        """A worker that never beat (an older worker) is given a lease from ``since``."""
        beat = self.beats.get(worker_id)
        if beat is None:
            return since is not None and self.now - since < lease()
        if self.now - beat.beat_at >= lease():
            return False
        return beat.host != HOST or process_running(beat.pid)


# --- recovery ------------------------------------------------------------------------------------
@dataclass
class Recovered:
    requeued: list[str] = field(default_factory=list)  # task ids made READY again
    split: list[str] = field(default_factory=list)  # process_items tasks run report by report
    failed: list[str] = field(default_factory=list)  # task ids failed: workers died too often
    batches_closed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requeued or self.split or self.failed or self.batches_closed)


def recover() -> Recovered:
    """Take up the work of dead processes (see the module's docstring)."""
    out = Recovered()
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "id", "task_path", "args_kwargs", "worker_ids", "started_at", "priority"
        )
    )
    owners = list(
        ImportBatch.objects.filter(status=BatchStatus.RUNNING, source="command")
        .exclude(owner="")
        .only("id", "owner", "started_at")
    )
    live = Liveness.read(
        [t.worker_ids[-1] for t in running if t.worker_ids] + [b.owner for b in owners]
    )
    for t in running:
        if not live.alive(t.worker_ids[-1] if t.worker_ids else "", since=t.started_at):
            _take_up(t, out)
    for b in owners:
        if not live.alive(b.owner, since=b.started_at):
            if batch_close_interrupted(batch_id=b.pk, owner=b.owner):
                out.batches_closed.append(b.pk)
    WorkerBeat.objects.filter(beat_at__lt=live.now - FORGET_BEATS_AFTER).delete()
    if out:
        logger.warning("took up the work of dead workers: %s", out)
    return out


def _take_up(t: DBTaskResult, out: Recovered) -> None:
    attempts = len(t.worker_ids)
    args = (t.args_kwargs or {}).get("args") or []
    with transaction.atomic():
        if attempts >= MAX_ATTEMPTS or (
            t.task_path == TASK_PROCESS_ITEMS and attempts >= SPLIT_AFTER
        ):
            if not _fail_task(t):
                return
            if t.task_path == TASK_PROCESS_ITEMS:
                _split(args[0] if args else [])
                out.split.append(str(t.pk))
                return
            out.failed.append(str(t.pk))
            if t.task_path == TASK_PROCESS_ITEM and args:
                _fail_items([args[0]], attempts=attempts)
            elif t.task_path == TASK_EXPAND and args:
                ImportBatch.objects.filter(pk=args[0]).exclude(status=BatchStatus.DONE).update(
                    status=BatchStatus.FAILED, error=WORKER_DIED, finished_at=timezone.now()
                )
            return
        if _still_running(t).update(status=TaskResultStatus.READY):
            out.requeued.append(str(t.pk))


def _still_running(t: DBTaskResult):
    return DBTaskResult.objects.filter(
        pk=t.pk, status=TaskResultStatus.RUNNING, started_at=t.started_at
    )


def _fail_task(t: DBTaskResult) -> bool:
    return bool(
        _still_running(t).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerDied.__module__}.{WorkerDied.__qualname__}",
            traceback=f"its worker died {len(t.worker_ids)} times: {', '.join(t.worker_ids)}",
        )
    )


def _split(item_ids: list[int]) -> None:
    from ctct.imports.tasks import process_item

    waiting = ImportItem.objects.filter(pk__in=item_ids, status=ItemStatus.PENDING)
    for pk in waiting.order_by("order", "id").values_list("pk", flat=True):
        process_item.enqueue(pk)


def _fail_items(item_ids: list[int], *, attempts: int) -> None:
    items = list(
        ImportItem.objects.select_for_update().filter(pk__in=item_ids, status=ItemStatus.PENDING)
    )
    for item in items:
        item.status = ItemStatus.FAILED
        item.reason = WORKER_DIED
        item.matches = {"error": {"code": WORKER_DIED, "params": {"count": attempts}}}
        item.save()
    for batch_id, n in Counter(item.batch_id for item in items).items():
        batch_count_done(batch_id, n)


@transaction.atomic
def batch_close_interrupted(*, batch_id: int, owner: str) -> bool:
    """Close a ``ctct import`` batch whose run died: what it committed stays, counted."""
    n = ImportItem.objects.filter(batch_id=batch_id).aggregate(n=Count("id"))["n"]
    return bool(
        ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING, owner=owner).update(
            status=BatchStatus.FAILED,
            error=INTERRUPTED,
            total=n,
            processed=n,
            finished_at=timezone.now(),
        )
    )


# --- the worker's watch --------------------------------------------------------------------------
class Watch:
    """The thread of a ``ctct db_worker`` that beats for it and recovers others' work."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ctct-watch", daemon=True)

    def start(self) -> None:
        self.pass_once()  # registered before the first task is claimed
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        worker_gone(worker_id=self.worker_id)

    def pass_once(self) -> None:
        try:
            worker_beat(worker_id=self.worker_id)
            recover()
        except Exception:  # a locked or unreachable database: beat again next time
            logger.exception("worker %s could not beat or recover", self.worker_id)

    def _run(self) -> None:
        try:
            while not self._stop.wait(beat_interval()):
                close_old_connections()  # this thread's own connection
                self.pass_once()
        finally:
            connections.close_all()  # this thread's connections only
