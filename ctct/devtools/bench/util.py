"""Shared pieces of the ``ctct bench`` areas: medians, query counts, a scratch database."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext


def median_ms(fn: Callable[[], object], *, repeat: int = 25, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


class ScratchDatabase:
    """Point the default connection at a fresh, migrated scratch database, then drop it."""

    def __enter__(self):
        settings_dict = connection.settings_dict
        self.old_name = settings_dict["NAME"]
        if connection.vendor == "sqlite":
            self.tmp = tempfile.TemporaryDirectory(prefix="ctct-bench-")
            name = str(Path(self.tmp.name) / "bench.sqlite3")
        else:
            self.tmp = None
            name = "ctct_bench_scratch"
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": name, "MIGRATE": True}
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        return self

    def __exit__(self, *exc):
        connection.creation.destroy_test_db(self.old_name, verbosity=0)
        if self.tmp is not None:
            self.tmp.cleanup()


class KeptDatabase:
    """A named, migrated database that outlives the run (built once, reused after)."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        settings_dict = connection.settings_dict
        self.old_name = settings_dict["NAME"]
        if connection.vendor == "sqlite":
            Path("var/bench").mkdir(parents=True, exist_ok=True)
            name = str(Path("var/bench").resolve() / f"{self.name}.sqlite3")
        else:
            name = f"ctct_bench_{self.name}"
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": name, "MIGRATE": True}
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, keepdb=True, serialize=False
        )
        return self

    def __exit__(self, *exc):
        connection.close()
        connection.settings_dict["NAME"] = self.old_name


def emit(stdout, name: str, value) -> None:
    """One ``name=value`` line, flushed at once so long runs show progress."""
    if isinstance(value, float):
        value = f"{value:.2f}"
    stdout.write(f"{name}={value}")
    stdout.flush()
