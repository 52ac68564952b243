"""Real processes killed with SIGKILL in the middle of an import, and what the next one does.

Each test gets a database of its own (a migrated copy: SQLite file or PostgreSQL database,
after the ``DATABASE_URL`` the tests run with), because the processes under test connect to
it: the test's own database lives in a transaction no other process sees. The test reads the
tables with plain SQL while the processes run, and through ``scenario state`` after."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import environ
import pytest

from ctct.imports.bulk import CHUNK
from ctct.imports.prepare import process_running
from ctct.imports.recovery import INTERRUPTED, TASK_PROCESS_ITEMS
from ctct.imports.tests.scenario import report_text
from ctct.imports.upload import QUEUE_CHUNK

LEASE = 3.0  # seconds: CTCT_WORKER_LEASE_SECONDS of the processes under test
REPORTS_UPLOADED = 5 * QUEUE_CHUNK
REPORTS_IMPORTED = 6 * CHUNK


# --- a database for processes ----------------------------------------------------------------
class Database:
    """A database the processes under test share, and plain SQL on it for the test."""

    def __init__(self, url: str):
        self.url = url
        self.config = environ.Env.db_url_config(url)
        self.sqlite = self.config["ENGINE"] == "django.db.backends.sqlite3"

    def value(self, sql: str):
        if self.sqlite:
            with closing(sqlite3.connect(self.config["NAME"], timeout=20)) as conn:
                return conn.execute(sql).fetchone()[0]
        import psycopg

        with psycopg.connect(self._dsn(self.config["NAME"]), autocommit=True) as conn:
            return conn.execute(sql).fetchone()[0]

    def _dsn(self, name: str) -> str:
        c = self.config
        auth = c.get("USER") or "postgres"
        if c.get("PASSWORD"):
            auth += f":{c['PASSWORD']}"
        return f"postgresql://{auth}@{c.get('HOST') or '127.0.0.1'}:{c.get('PORT') or 5432}/{name}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def copy(self, name: str, tmp: Path) -> Database:
        if self.sqlite:
            target = tmp / f"{name}.sqlite3"
            shutil.copyfile(self.config["NAME"], target)
            return Database(f"sqlite:///{target}")
        self.admin(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.config["NAME"]}"')
        return Database(self.url.rsplit("/", 1)[0] + f"/{name}")

    def drop(self) -> None:
        if not self.sqlite:
            self.admin(f'DROP DATABASE IF EXISTS "{self.config["NAME"]}"')


def _suffix() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("recovery")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base = Database(url)
        name = f"{base.config['NAME']}_recovery_{_suffix()}"
        base.admin(f'DROP DATABASE IF EXISTS "{name}"')
        base.admin(f'CREATE DATABASE "{name}"')
        db = Database(url.rsplit("/", 1)[0] + f"/{name}")
    else:
        db = Database(f"sqlite:///{tmp / 'migrated.sqlite3'}")
    _ctct(db, tmp, "migrate", "--no-input", "-v", "0")
    yield db
    db.drop()


@pytest.fixture
def scratch(migrated, tmp_path):
    db = migrated.copy(
        f"{migrated.config['NAME'].rsplit('/', 1)[-1]}_t".replace(".", "_"), tmp_path
    )
    db.home = tmp_path
    yield db
    db.drop()


def _env(db: Database, tmp: Path) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DJANGO_"))}
    return {
        **clean,
        "DATABASE_URL": db.url,
        "CTCT_IMPORT_DIR": str(tmp / "imports"),
        "CTCT_VAR_DIR": str(tmp / "var"),
        "CTCT_WORKER_LEASE_SECONDS": str(LEASE),
        "CTCT_DEBUG": "0",
    }


def _ctct(db: Database, tmp: Path, *args: str) -> str:
    r = subprocess.run(
        [sys.executable, "-m", "ctct.cli", *args],
        env=_env(db, tmp),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout


def _scenario(db: Database, *args: str) -> dict:
    r = subprocess.run(
        [sys.executable, "-m", "ctct.imports.tests.scenario", *args],
        env=_env(db, db.home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def _start(db: Database, name: str, *args: str) -> subprocess.Popen:
    log = open(db.home / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "ctct.cli", *args],
        env=_env(db, db.home),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _worker(db: Database, name: str) -> subprocess.Popen:
    return _start(
        db, name, "db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay",
        "--worker-id", name, "-v", "0",
    )  # fmt: skip


def _wait(what: str, check, *, timeout: float, every: float = 0.02):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if value := check():
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _stop(*processes: subprocess.Popen, grace: float = 0) -> None:
    """Kill, or with ``grace`` ask to stop (SIGTERM: a worker ends its task) and then kill."""
    for p in processes:
        if grace and p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        if p.poll() is None:
            p.kill()
        p.wait(timeout=30)


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid and process_running(int(d.name)):
                out.append(int(d.name))
    return out


pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc (Linux)")


# --- a background worker killed in the middle of a batch -----------------------------------------
def test_a_worker_killed_mid_batch_leaves_nothing_lost_or_twice_once_another_worker_starts(
    scratch,
):
    _scenario(scratch, "seed")
    batch = _scenario(scratch, "upload", str(REPORTS_UPLOADED))["batch"]
    first = _worker(scratch, "first")
    try:
        # a task of reports running, and reports still waiting: kill its worker there
        _wait(
            "a task of reports running",
            lambda: scratch.value(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
                f"AND task_path = '{TASK_PROCESS_ITEMS}'"
            ),
            timeout=120,
        )
        first.send_signal(signal.SIGKILL)
    finally:
        _stop(first)
    stuck = _scenario(scratch, "state")
    assert stuck["tasks"].get("RUNNING") == 1  # the killed worker's task, stuck
    assert stuck["items"].get("pending", 0) > 0
    assert stuck["batches"][0]["status"] == "running"

    started = time.monotonic()
    second = _worker(scratch, "second")
    try:
        _wait(
            "the killed worker's task taken up",
            lambda: (
                not scratch.value(
                    "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
                    "AND CAST(worker_ids AS TEXT) NOT LIKE '%second%'"
                )
            ),
            timeout=LEASE + 60,
            every=0.1,
        )
        taken_up = time.monotonic() - started
        _wait(
            "the batch done",
            lambda: (
                scratch.value(f"SELECT status FROM imports_importbatch WHERE id = {batch}")
                == "done"
            ),
            timeout=300,
            every=0.1,
        )
        finished = time.monotonic() - started
    finally:
        _stop(second, grace=60)
    after = _scenario(scratch, "state")
    print(f"taken up {taken_up:.1f} s, batch done {finished:.1f} s after the new worker started")
    assert after["batches"] == [
        {
            "id": batch,
            "status": "done",
            "total": REPORTS_UPLOADED,
            "processed": REPORTS_UPLOADED,
            "error": "",
            "items": REPORTS_UPLOADED,
        }
    ]
    assert after["items"] == {"applied": REPORTS_UPLOADED}  # nothing lost ...
    assert after["conferences"] == after["conferences_linked"] == REPORTS_UPLOADED
    assert after["conference_links"] == REPORTS_UPLOADED  # ... nothing twice
    assert after["people"] == REPORTS_UPLOADED and after["items_written_twice"] == 0
    assert "RUNNING" not in after["tasks"] and "READY" not in after["tasks"]


# --- ctct import killed in the middle of a run ---------------------------------------------------
def test_a_killed_import_takes_its_extraction_processes_along_and_the_next_run_closes_its_batch(
    scratch,
):
    _scenario(scratch, "seed")
    folder = scratch.home / "reports"
    folder.mkdir()
    for i in range(REPORTS_IMPORTED):
        (folder / f"report-{i:04d}.txt").write_text(report_text(i), encoding="utf-8")
    run = _start(scratch, "import", "import", str(folder), "--workers", "2", "--no-progress")
    try:
        _wait(
            "a chunk of reports written",
            lambda: scratch.value("SELECT COUNT(*) FROM imports_importitem") >= CHUNK,
            timeout=300,
        )
        extractors = _children(run.pid)
        run.send_signal(signal.SIGKILL)
    finally:
        _stop(run)
    assert len(extractors) >= 2
    _wait(
        "the extraction processes gone",
        lambda: not any(process_running(pid) for pid in extractors),
        timeout=10,
        every=0.1,
    )
    killed = _scenario(scratch, "state")["batches"]
    assert [b["status"] for b in killed] == ["running"]
    assert 0 < killed[0]["items"] < REPORTS_IMPORTED

    _ctct(scratch, scratch.home, "import", str(folder), "--workers", "2", "--no-progress")
    after = _scenario(scratch, "state")
    first, second = after["batches"]
    n = killed[0]["items"]
    assert first == {
        **killed[0],
        "status": "failed",
        "error": INTERRUPTED,
        "total": n,
        "processed": n,
    }
    assert (second["status"], second["items"]) == ("done", REPORTS_IMPORTED - n)
    assert after["items"] == {"applied": REPORTS_IMPORTED}
    assert after["distinct_files"] == after["conferences"] == REPORTS_IMPORTED
    assert after["people"] == REPORTS_IMPORTED and after["items_written_twice"] == 0
