"""People F1 and speed of ctct against a general Vietnamese NER (underthesea), same reports.

Not part of the package's runtime: underthesea is GPL-3 and is installed apart, never as a
dependency of ctct::

    pip install --target /tmp/uts underthesea
    PYTHONPATH=/tmp/uts HF_HUB_OFFLINE=1 python -m ctct.extract.compare_ner \\
        ctct/extract/tests/cases ../shared/seeds:../shared/dev

Each argument is a directory of ``<name>.txt`` + ``<name>.json`` pairs, or ``TEXTS:GOLDS``.
Both systems read the same cleaned text (``ctct.extract.clean``); underthesea's people are its
``B-PER``/``I-PER`` spans, read sentence by sentence (its own ``sent_tokenize``). People are scored as in EXTRACTION.md (names after NFC, case folding
and tone placement, pooled over reports); speed is MB of text per CPU second, one core.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ctct.extract import read_document
from ctct.extract.clean import clean
from ctct.extract.engine import extract_text
from ctct.extract.evaluate import _F1, _key


def _pairs(arg: str) -> list[tuple[str, dict]]:
    texts_dir, _, golds_dir = arg.partition(":")
    texts, golds = Path(texts_dir), Path(golds_dir or texts_dir)
    out = []
    for t in sorted(texts.glob("*.txt")):
        g = golds / f"{t.stem}.json"
        if g.exists():
            out.append((read_document(t), json.loads(g.read_text(encoding="utf-8"))))
    return out


def _ner_people(ner, sent_tokenize, text: str) -> set[str]:
    """Its CRF is trained on sentences: it reads the report one sentence at a time."""
    names: list[str] = []
    for sentence in sent_tokenize(text):
        names.extend(_sentence_people(ner, sentence))
    return {_key(n) for n in names}


def _sentence_people(ner, sentence: str) -> list[str]:
    names, current = [], []
    for token, *_, tag in ner(sentence):
        if tag == "B-PER":
            if current:
                names.append(" ".join(current))
            current = [token]
        elif tag == "I-PER" and current:
            current.append(token)
        else:
            if current:
                names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return names


def main(argv: list[str]) -> int:
    try:
        from underthesea import ner, sent_tokenize
    except ImportError:
        print(
            "underthesea is not importable: install it apart (see the module docstring)",
            file=sys.stderr,
        )
        return 2
    pairs = [p for arg in argv for p in _pairs(arg)]
    texts = [clean(raw).text for raw, _ in pairs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    results = {}
    for system in ("ctct", "underthesea"):
        score = _F1()
        start = time.process_time()
        for (raw, gold), text in zip(pairs, texts, strict=True):
            if system == "ctct":
                pred = {_key(p.name) for p in extract_text(raw).people}
            else:
                pred = _ner_people(ner, sent_tokenize, text)
            score.add({_key(p["name"]) for p in gold.get("people") or []}, pred)
        seconds = time.process_time() - start
        results[system] = (score, mb / seconds if seconds else 0.0)
    print(f"reports={len(pairs)} text_mb={mb:.3f}")
    for system, (score, speed) in results.items():
        print(
            f"{system}: people_precision={score.precision:.3f} people_recall={score.recall:.3f} "
            f"people_f1={score.f1:.3f} mb_s={speed:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
