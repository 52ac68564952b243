"""The real reports of ``../shared/real``, read in place (never copied into the repository).

``ctct extract`` over them and ``ctct eval-extract`` against their hand-checked records must stay
at or above the floors below. The floors only rise: when the engine reads better, raise them to
the new figures (``ctct/extract/BENCHMARKS.md`` keeps the history).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct.extract.cli import eval_main, extract_main
from ctct.extract.tests.conftest import shared_dir

# Measured with this commit; raise, never lower.
REAL_FLOORS = {
    "overall": 0.967,
    "people_f1": 0.989,
    "rank": 0.978,
    "roles_f1": 0.981,
    "documents_f1": 0.975,
    "document_fields": 0.935,
    "date": 0.951,
    "kind": 0.963,
    "period": 0.976,
    "organizer": 0.951,
}
REAL_REPORTS = 82


def _real_dir() -> Path:
    shared = shared_dir()
    real = shared / "real" if shared is not None else None
    if real is None or not real.is_dir():
        pytest.skip("../shared/real is not beside the repository")
    return real


@pytest.fixture(scope="module")
def real_predictions(tmp_path_factory) -> Path:
    real = _real_dir()
    out = tmp_path_factory.mktemp("real-pred")
    assert (
        extract_main([*map(str, sorted(real.glob("*.txt"))), "--out", str(out), "--no-progress"])
        == 0
    )
    return out


def test_the_real_set_is_all_there():
    real = _real_dir()
    texts = {p.stem for p in real.glob("*.txt")}
    assert len(texts) == REAL_REPORTS
    assert texts == {p.stem for p in real.glob("*.json")}


def test_the_real_reports_score_at_least_their_floors(real_predictions: Path, capsys):
    capsys.readouterr()
    assert eval_main([str(_real_dir()), str(real_predictions)]) == 0
    out = capsys.readouterr().out
    scores = {k: float(v) for k, v in (line.split("=") for line in out.split())}
    below = {m: (scores[m], floor) for m, floor in REAL_FLOORS.items() if scores[m] < floor}
    assert not below, below


def test_every_real_report_reads_as_a_conference(real_predictions: Path):
    from ctct.imports.prepare import is_conference  # the import's own test of a report

    refused = [
        p.stem
        for p in sorted(real_predictions.glob("*.json"))
        if not is_conference(json.loads(p.read_text(encoding="utf-8")))
    ]
    assert refused == []
