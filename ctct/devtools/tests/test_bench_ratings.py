"""``ctct bench ratings`` builds its world of five decided years and prints its figures."""

from __future__ import annotations

import os
import subprocess
import sys


def test_bench_ratings_prints_the_quota_and_award_figures(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DATABASE_"))}
    env.update(CTCT_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    r = subprocess.run(
        [sys.executable, "-m", "ctct.cli", "bench", "ratings", "--bodies", "200", "--repeat", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    figures = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    people = int(figures["people"])
    assert people > 200 * 10
    assert int(figures["sheets"]) > 4 * people  # five decided years (as members joined) and now
    assert int(figures["streak_holders"]) > 0
    assert float(figures["quota_ms"]) > 0
    assert figures["quota_queries"] == figures["quota_queries_small"]
    assert float(figures["awards_s"]) > 0
    assert int(figures["awards_queries"]) > 0
    assert int(figures["awards"]) > 0
    assert int(figures["export_members"]) > 0 and float(figures["export_docx_s"]) > 0
    assert figures["charts_queries"] == "3"  # the counts, the names of the bodies, the trend
