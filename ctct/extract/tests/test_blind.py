"""The blind cases: reports whose writer never saw the engine, held to the held-out targets."""

from __future__ import annotations

from pathlib import Path

from ctct.extract import extract_file
from ctct.extract.evaluate import score_records
from ctct.extract.tests.conftest import load_json

BLIND = Path(__file__).with_name("blind")


def test_the_blind_set_meets_the_held_out_targets():
    texts = sorted(BLIND.glob("*.txt"))
    assert len(texts) >= 20 and {t.stem for t in texts} == {j.stem for j in BLIND.glob("*.json")}
    scores = score_records(
        [(load_json(t.with_suffix(".json")), extract_file(t)) for t in texts]
    ).metrics()
    assert scores["overall"] >= 0.95, scores
    assert scores["people_f1"] >= 0.97, scores
    assert scores["documents_f1"] >= 0.97, scores
