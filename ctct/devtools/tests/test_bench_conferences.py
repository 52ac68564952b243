"""``ctct bench conferences`` prints the round trip and calendar figures."""

from __future__ import annotations

import os
import subprocess
import sys


def test_bench_conferences_prints_its_figures(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DATABASE_"))}
    env.update(CTCT_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "ctct.cli",
            "bench",
            "conferences",
            "--n",
            "30",
            "--bodies",
            "300",
            "--conferences",
            "500",
            "--repeat",
            "2",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    figures = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    assert figures["roundtrip_exact"] == "1.00"
    assert float(figures["calendar_ms"]) > 0
    assert figures["calendar_queries"].isdigit()
