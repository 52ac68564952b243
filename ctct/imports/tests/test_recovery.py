"""The work of dead workers is taken up (``recovery.recover``), and reports still waiting can be
discarded, so an import always ends. Here the dead are rows in the tables (beats of another
host, tasks left RUNNING); ``test_recovery_processes`` kills real processes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ctct.conferences.models import Conference
from ctct.imports import bulk, recovery, review, tasks, worker
from ctct.imports.models import BatchStatus, ImportBatch, ImportItem, ItemStatus, WorkerBeat
from ctct.imports.reasons import batch_error_text, reason_text
from ctct.imports.tests.scenario import report_text
from ctct.imports.upload import QUEUE_CHUNK

pytestmark = pytest.mark.django_db

LEASE = 60


@pytest.fixture(autouse=True)
def lease(settings, tmp_path):
    settings.CTCT_WORKER_LEASE_SECONDS = LEASE
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"


@pytest.fixture
def listed(org, users):
    """An upload of ``n`` reports listed into waiting items, its tasks queued; the batch."""

    def make(n: int) -> ImportBatch:
        files = [
            SimpleUploadedFile(f"r{i}.txt", report_text(i).encode(), "text/plain") for i in range(n)
        ]
        batch = tasks.upload_start(root=org.region, user=users.officer, files=files)
        tasks.batch_expand(batch)
        DBTaskResult.objects.filter(task_path=recovery.TASK_EXPAND).update(
            status=TaskResultStatus.SUCCESSFUL  # as the worker that ran it leaves it
        )
        batch.refresh_from_db()
        return batch

    return make


def ago(seconds: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=seconds)


def beat(worker_id: str, *, seconds_ago: float, host: str = "elsewhere") -> None:
    WorkerBeat.objects.create(worker_id=worker_id, host=host, pid=1, beat_at=ago(seconds_ago))


def claimed(task_path: str, *workers: str, started_seconds_ago: float = 5) -> DBTaskResult:
    """The first queued task of ``task_path``, as its last worker left it: RUNNING."""
    task = DBTaskResult.objects.filter(task_path=task_path).order_by("enqueued_at").first()
    task.status = TaskResultStatus.RUNNING
    task.worker_ids = list(workers)
    task.started_at = ago(started_seconds_ago)
    task.save()
    return task


def status_of(task: DBTaskResult) -> str:
    return DBTaskResult.objects.get(pk=task.pk).status


def _english(text_of, *args) -> str:
    """A reason as written in English (the page shows it in the user's language)."""
    with translation.override("en"):
        return str(text_of(*args))


class TestTasksOfDeadWorkers:
    def test_a_task_whose_worker_stopped_beating_a_lease_ago_runs_again(self, listed):
        listed(3)
        beat("w-dead", seconds_ago=LEASE + 1)
        task = claimed(recovery.TASK_PROCESS_ITEMS, "w-dead")
        assert recovery.recover().requeued == [str(task.pk)]
        assert status_of(task) == TaskResultStatus.READY

    def test_a_task_whose_worker_beats_is_left_alone(self, listed):
        listed(3)
        beat("w-alive", seconds_ago=LEASE - 5)
        task = claimed(recovery.TASK_PROCESS_ITEMS, "w-alive")
        assert not recovery.recover()
        assert status_of(task) == TaskResultStatus.RUNNING

    def test_a_worker_of_this_host_whose_process_is_gone_is_dead_at_once(self, listed):
        listed(3)
        beat("w-gone", seconds_ago=1, host=recovery.HOST)  # pid 1 of this host ...
        WorkerBeat.objects.filter(worker_id="w-gone").update(pid=2**22 + 1)  # ... is none
        task = claimed(recovery.TASK_PROCESS_ITEMS, "w-gone")
        assert recovery.recover().requeued == [str(task.pk)]

    def test_a_worker_that_never_beat_gets_a_lease_from_the_start_of_its_task(self, listed):
        listed(3)
        recent = claimed(recovery.TASK_PROCESS_ITEMS, "w-old", started_seconds_ago=LEASE - 5)
        assert not recovery.recover() and status_of(recent) == TaskResultStatus.RUNNING
        DBTaskResult.objects.filter(pk=recent.pk).update(started_at=ago(LEASE + 1))
        assert recovery.recover().requeued == [str(recent.pk)]

    def test_a_task_taken_up_runs_its_reports_once(self, listed, run_worker):
        batch = listed(3)
        beat("w-dead", seconds_ago=LEASE + 1)
        claimed(recovery.TASK_PROCESS_ITEMS, "w-dead")
        run_worker()  # the worker recovers when it starts, then runs the task again
        batch.refresh_from_db()
        assert (batch.status, batch.processed, batch.total) == (BatchStatus.DONE, 3, 3)
        assert ItemStatus.PENDING not in set(batch.items.values_list("status", flat=True))
        applied = batch.items.filter(status=ItemStatus.APPLIED)
        assert Conference.objects.count() == applied.count() > 0
        assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()

    def test_reports_whose_workers_died_twice_run_one_by_one(self, listed):
        batch = listed(3)
        beat("w-1", seconds_ago=LEASE + 9)
        beat("w-2", seconds_ago=LEASE + 1)
        task = claimed(recovery.TASK_PROCESS_ITEMS, "w-1", "w-2")
        assert recovery.recover().split == [str(task.pk)]
        failed = DBTaskResult.objects.get(pk=task.pk)
        assert failed.status == TaskResultStatus.FAILED
        assert failed.exception_class_path == "ctct.imports.recovery.WorkerDied"
        singles = DBTaskResult.objects.filter(task_path=recovery.TASK_PROCESS_ITEM)
        assert sorted(t.args_kwargs["args"][0] for t in singles) == sorted(
            batch.items.values_list("pk", flat=True)
        )

    def test_a_report_whose_workers_died_three_times_fails_with_why_and_its_batch_ends(
        self, listed
    ):
        batch = listed(1)
        item = batch.items.get()
        services_task = DBTaskResult.objects.get(task_path=recovery.TASK_PROCESS_ITEMS)
        services_task.delete()  # as after a split: the report has a task of its own
        from ctct.imports.tasks import process_item

        process_item.enqueue(item.pk)
        for w in ("w-1", "w-2", "w-3"):
            beat(w, seconds_ago=LEASE + 1)
        task = claimed(recovery.TASK_PROCESS_ITEM, "w-1", "w-2", "w-3")
        assert recovery.recover().failed == [str(task.pk)]
        item.refresh_from_db()
        batch.refresh_from_db()
        assert (item.status, item.reason) == (ItemStatus.FAILED, recovery.WORKER_DIED)
        assert "stopped 3 times" in _english(
            reason_text, item.reason, item.matches["error"]["params"]
        )
        assert (batch.status, batch.processed) == (BatchStatus.DONE, 1)

    def test_a_listing_whose_workers_died_three_times_fails_its_batch(self, org, users):
        upload = SimpleUploadedFile("r.txt", report_text(0).encode(), "text/plain")
        batch = tasks.upload_start(root=org.region, user=users.officer, files=[upload])
        task = claimed(recovery.TASK_EXPAND, "w-1", "w-2", "w-3", started_seconds_ago=LEASE + 1)
        assert recovery.recover().failed == [str(task.pk)]
        batch.refresh_from_db()
        assert (batch.status, batch.error) == (BatchStatus.FAILED, recovery.WORKER_DIED)
        assert "nothing was read" in _english(batch_error_text, batch.error)

    def test_a_listing_run_again_lists_the_batch_once(self, listed):
        batch = listed(QUEUE_CHUNK + 1)
        assert tasks.batch_expand(batch) == QUEUE_CHUNK + 1  # a worker died before its end
        assert batch.items.count() == QUEUE_CHUNK + 1
        assert DBTaskResult.objects.filter(task_path=recovery.TASK_PROCESS_ITEMS).count() == 2

    def test_two_workers_recovering_at_once_take_a_task_up_once(self, listed):
        listed(3)
        beat("w-dead", seconds_ago=LEASE + 1)
        task = claimed(recovery.TASK_PROCESS_ITEMS, "w-dead")
        stale = DBTaskResult.objects.get(pk=task.pk)
        assert recovery.recover().requeued == [str(task.pk)]
        DBTaskResult.objects.filter(pk=task.pk).update(  # claimed again by a live worker
            status=TaskResultStatus.RUNNING,
            started_at=timezone.now(),
            worker_ids=["w-dead", "w-new"],
        )
        out = recovery.Recovered()
        recovery._take_up(stale, out)  # the other recoverer's stale view of the task
        assert not out and status_of(task) == TaskResultStatus.RUNNING

    def test_the_beats_of_workers_long_gone_are_forgotten(self):
        beat("w-ancient", seconds_ago=2 * 24 * 3600)
        beat("w-recent", seconds_ago=10)
        recovery.recover()
        assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["w-recent"]


class TestImportRuns:
    def test_a_run_whose_process_stopped_beating_is_closed_with_what_it_wrote(self, org, tmp_path):
        path = tmp_path / "r.txt"
        path.write_text(report_text(0), encoding="utf-8")
        summary = bulk.import_paths([path], root=org.region, workers=1)
        batch = ImportBatch.objects.get(pk=summary.batch_id)
        # as a run killed after its first chunk leaves it
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.RUNNING, owner="import-dead", total=0, processed=0, error=""
        )
        beat("import-dead", seconds_ago=LEASE + 1)
        assert recovery.recover().batches_closed == [batch.pk]
        batch.refresh_from_db()
        assert (batch.status, batch.error, batch.total, batch.processed) == (
            BatchStatus.FAILED,
            recovery.INTERRUPTED,
            1,
            1,
        )
        assert "Run the import again" in _english(batch_error_text, batch.error)

    def test_a_run_that_beats_is_left_running(self, org):
        batch = ImportBatch.objects.create(
            root=org.region, source="command", status=BatchStatus.RUNNING, owner="import-live"
        )
        beat("import-live", seconds_ago=5)
        assert not recovery.recover()
        batch.refresh_from_db()
        assert batch.status == BatchStatus.RUNNING

    def test_a_run_stopped_by_an_error_says_it_was_interrupted(self, org, tmp_path, monkeypatch):
        path = tmp_path / "r.txt"
        path.write_text(report_text(0), encoding="utf-8")

        def broken(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(bulk, "ingest", broken)
        with pytest.raises(KeyboardInterrupt):
            bulk.import_paths([path], root=org.region, workers=1)
        batch = ImportBatch.objects.get()
        assert (batch.status, batch.error) == (BatchStatus.FAILED, recovery.INTERRUPTED)
        assert not WorkerBeat.objects.exists()

    def test_a_finished_run_is_done_and_leaves_no_beat(self, org, tmp_path):
        path = tmp_path / "r.txt"
        path.write_text(report_text(0), encoding="utf-8")
        bulk.import_paths([path], root=org.region, workers=1)
        batch = ImportBatch.objects.get()
        assert (batch.status, batch.error, batch.total) == (BatchStatus.DONE, "", 1)
        assert not WorkerBeat.objects.exists()


class TestDiscardingWaitingReports:
    def test_a_waiting_report_discarded_counts_as_done_and_ends_its_batch(
        self, client, users, listed
    ):
        batch = listed(1)
        item = batch.items.get()
        client.force_login(users.officer)
        page = client.get(item.get_absolute_url()).content.decode()
        assert reverse("imports:discard", args=[item.pk]) in page
        r = client.post(reverse("imports:discard", args=[item.pk]))
        assert r.status_code == 302
        item.refresh_from_db()
        batch.refresh_from_db()
        assert item.status == ItemStatus.DISCARDED
        assert (batch.status, batch.processed) == (BatchStatus.DONE, 1)
        assert item.history.first().history_user == users.officer

    def test_the_waiting_reports_of_a_batch_are_discarded_together(self, client, users, listed):
        batch = listed(3)
        first = batch.items.order_by("order").first()
        ImportItem.objects.filter(pk=first.pk).update(status=ItemStatus.APPLIED)
        ImportBatch.objects.filter(pk=batch.pk).update(processed=1)
        client.force_login(users.officer)
        url = reverse("imports:discard_waiting", args=[batch.pk])
        assert url in client.get(batch.get_absolute_url()).content.decode()
        r = client.post(url)
        assert r.status_code == 302 and r["Location"] == batch.get_absolute_url()
        batch.refresh_from_db()
        assert (batch.status, batch.processed) == (BatchStatus.DONE, 3)
        statuses = list(batch.items.order_by("order").values_list("status", flat=True))
        assert statuses == [ItemStatus.APPLIED, ItemStatus.DISCARDED, ItemStatus.DISCARDED]
        assert all(i.history.first().history_user == users.officer for i in batch.items.all()[1:])
        assert url not in client.get(batch.get_absolute_url()).content.decode()

    def test_a_worker_that_takes_up_a_discarded_report_leaves_it_alone(self, users, listed):
        batch = listed(2)
        review.batch_discard_waiting(batch=batch, user=users.officer)
        worker.process_many(list(batch.items.values_list("pk", flat=True)))
        batch.refresh_from_db()
        assert (batch.status, batch.processed) == (BatchStatus.DONE, 2)
        assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.DISCARDED}

    def test_a_user_of_another_branch_cannot_discard_the_waiting_reports(
        self, client, users, listed
    ):
        batch = listed(1)
        client.force_login(users.provincial)
        r = client.post(reverse("imports:discard_waiting", args=[batch.pk]))
        assert r.status_code == 404
        assert batch.items.get().status == ItemStatus.PENDING
