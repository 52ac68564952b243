"""``ctct bench extract`` called as a plain function."""

from __future__ import annotations

from ctct.devtools.bench.extract import CASES_DIR, SAMPLE, _corpus
from ctct.devtools.bench.extract import main as bench_main


def test_bench_prints_megabytes_per_second(capsys):
    assert bench_main(["--runs", "1", "--mb", "0.01"]) == 0
    out = capsys.readouterr().out
    assert float(out.split("extract_mb_s=")[1].split()[0]) > 0


def test_the_cases_corpus_is_the_golden_cases_of_the_engine():
    texts = _corpus([], "cases")
    assert SAMPLE not in texts
    assert len(texts) > 1 and len(texts) <= len(list(CASES_DIR.glob("*.txt")))
