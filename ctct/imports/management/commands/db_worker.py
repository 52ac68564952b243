"""``ctct db_worker``: django-tasks-db's worker, which also says it is alive and takes up the
tasks of workers that died (``ctct.imports.recovery``).

Beside the worker's loop a thread beats every quarter of ``CTCT_WORKER_LEASE_SECONDS`` and
looks for RUNNING tasks whose worker stopped beating for a lease (or whose process is gone from
this host): they run again, so a ``kill -9`` mid-import costs a lease, not the batch."""

from __future__ import annotations

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand


class Command(WorkerCommand):
    help = (
        "Run a database background worker; it beats while alive and runs again the tasks of "
        "workers that died (after CTCT_WORKER_LEASE_SECONDS without a beat)."
    )

    def handle(self, *args, **options):
        from ctct.imports.recovery import Watch

        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)  # the reloader's parent runs no task
        watch = Watch(options["worker_id"])
        watch.start()
        try:
            return super().handle(*args, **options)
        finally:
            watch.stop()
