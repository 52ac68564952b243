"""``ctct bench congresses`` prints the round's figures."""

from __future__ import annotations

import os
import subprocess
import sys


def test_bench_congresses_prints_its_figures(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DATABASE_"))}
    env.update(CTCT_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "ctct.cli",
            "bench",
            "congresses",
            "--bodies",
            "200",
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
    assert int(figures["preparations"]) >= 190
    assert float(figures["round_open_s"]) > 0
    assert figures["dashboard_queries"] == figures["dashboard_queries_small"]
    assert float(figures["due_ms"]) > 0
