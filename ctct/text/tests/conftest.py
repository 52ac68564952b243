"""Shared fixtures for the language-layer tests (plain pytest: no Django needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).with_name("cases")
CORPUS = Path(__file__).with_name("corpus")
SHARED = Path("/work/shared")


def load_cases(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def unicode_corpus() -> list[str]:
    """Ordinary Unicode Vietnamese: our own corpus plus the seed reports when present."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    return texts
