"""Settings come from the environment; the production profile passes Django's deploy check."""

from __future__ import annotations

import os
import subprocess
import sys


def _ctct(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "ctct.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_the_deploy_check_without_warnings(tmp_path):
    r = _ctct(
        "check",
        "--deploy",
        CTCT_ENV="production",
        CTCT_SECRET_KEY="x" * 20 + "-a-long-random-production-secret-key-0123456789",
        CTCT_ALLOWED_HOSTS="ctct.example.org",
        CTCT_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert r.returncode == 0, r.stderr
    assert "no issues (0 silenced)" in r.stdout
    assert "WARNINGS" not in r.stdout + r.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    r = _ctct("check", CTCT_ENV="production", CTCT_VAR_DIR=str(tmp_path))
    assert r.returncode != 0
    assert "CTCT_SECRET_KEY" in r.stderr


def test_an_unknown_profile_is_refused(tmp_path):
    r = _ctct("check", CTCT_ENV="staging", CTCT_VAR_DIR=str(tmp_path))
    assert r.returncode != 0 and "CTCT_ENV" in r.stderr


def test_the_default_database_is_sqlite_in_wal_mode_under_var(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ctct.settings'; django.setup();"
        "from django.db import connection; c=connection.cursor();"
        "print(connection.settings_dict['NAME']); print(c.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DJANGO_", "DATABASE_"))
    }
    r = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    name, mode, timeout = r.stdout.split()
    assert name == str(tmp_path / "var" / "ctct.sqlite3")
    assert (mode, timeout) == ("wal", "20000")
