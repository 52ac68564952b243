"""Fixtures of the import tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
# The seed reports in ../shared beside the repository (a clean clone in CI has shared/ beside
# it), or where the workspace keeps them; the first that holds them.
SEED_DIRS = (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds"))


def seed_dir() -> Path | None:
    return next((d for d in SEED_DIRS if any(d.glob("*.txt"))), None)


@pytest.fixture
def run_worker(monkeypatch):
    """Run the background worker until the queue is empty, inside the test's transaction.

    The worker closes "old" connections between tasks; inside a test transaction Django
    counts the connection as unusable (autocommit is off) and would close it, losing the
    test's data, so that check is switched off here and only here."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    from ctct.imports.recovery import Watch

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    # the watch's thread would write beside the test's transaction: it beats and recovers
    # once, at the start, on the test's connection
    monkeypatch.setattr(Watch, "_run", lambda self: None)

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    return run
