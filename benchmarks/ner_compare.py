"""People F1 and speed: ctct's extractor against a general Vietnamese NER, on the same reports.

The general NER is underthesea's CRF tagger (``underthesea.ner`` with ``deep=False``): its model
file ships inside the wheel and runs offline. underthesea is never a dependency of ctct, so it
lives in a throwaway virtual environment of its own and runs there as a worker process that
reads the reports as JSON lines on stdin::

    python benchmarks/ner_compare.py --setup                 # make /tmp/ctct-ner-venv once
    python benchmarks/ner_compare.py [CASES_DIR] [--gold DIR] [--engine both|ctct|underthesea]

CASES_DIR holds ``<name>.txt`` reports (any encoding ctct.text reads) and, by default, their
gold records ``<name>.json`` (the shape of shared/EXTRACTION.md). Names are compared after NFC,
case folding and tone-mark placement normalization ("Thuỷ" equals "Thủy"). One ``name=value``
line per figure is printed; an engine that cannot run prints ``<engine>_status=...`` instead.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CASES = ROOT / "ctct" / "extract" / "tests" / "cases"
DEFAULT_VENV = Path(os.environ.get("CTCT_NER_VENV", "/tmp/ctct-ner-venv"))
# The version measured; change it here when comparing against a newer release.
UNDERTHESEA_REQUIREMENT = "underthesea==9.5.0"

# Combining tone marks (grave, acute, tilde, hook above, dot below). Vowel-quality marks
# (circumflex, breve, horn) are part of the letter and stay.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def name_key(name: str) -> str:
    """NFC + casefold + tone placement made irrelevant: the tone of each syllable moves to its end.

    >>> name_key("Nông Thị Thuỷ") == name_key("nông thị thủy")
    True
    """
    words = []
    for word in unicodedata.normalize("NFC", name).split():
        decomposed = unicodedata.normalize("NFD", word.casefold())
        tones = "".join(c for c in decomposed if c in _TONES)
        base = "".join(c for c in decomposed if c not in _TONES)
        words.append(unicodedata.normalize("NFC", base) + tones)
    return " ".join(words)


def read_report(path: Path) -> str:
    """The report's text: through ctct.text's decoder when it is importable, else UTF-8."""
    data = path.read_bytes()
    try:
        sys.path.insert(0, str(ROOT))
        from ctct.text.encodings import decode_bytes

        result = decode_bytes(data)
        if result.text is not None:
            return result.text
    except Exception:  # noqa: BLE001 - the language layer is optional here
        pass
    return data.decode("utf-8", errors="replace")


def load_cases(cases_dir: Path, gold_dir: Path) -> list[dict]:
    cases = []
    for txt in sorted(cases_dir.glob("*.txt")):
        gold_path = gold_dir / (txt.stem + ".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cases.append(
            {
                "id": txt.stem,
                "text": read_report(txt),
                "gold": [p["name"] for p in gold.get("people", [])],
            }
        )
    return cases


def score(cases: list[dict], predicted: dict[str, list[str]]) -> dict[str, float]:
    """Micro precision / recall / F1 over (report, name) pairs."""
    tp = fp = fn = 0
    for case in cases:
        gold = {name_key(n) for n in case["gold"]}
        pred = {name_key(n) for n in predicted.get(case["id"], [])}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"people_precision": precision, "people_recall": recall, "people_f1": f1}


# --- ctct ---------------------------------------------------------------------------------


def run_ctct(cases: list[dict]) -> tuple[dict[str, list[str]] | None, float, str]:
    try:
        sys.path.insert(0, str(ROOT))
        from ctct.extract import extract_text
    except Exception as exc:  # noqa: BLE001 - the engine may not exist yet
        return None, 0.0, f"unavailable ({type(exc).__name__}: {exc})"
    predicted: dict[str, list[str]] = {}
    started = time.perf_counter()
    for case in cases:
        try:
            record = extract_text(case["text"], source=case["id"] + ".txt")
            predicted[case["id"]] = [p["name"] for p in record.get("people", []) if p.get("name")]
        except Exception:  # noqa: BLE001 - one bad report must not stop the comparison
            predicted[case["id"]] = []
    return predicted, time.perf_counter() - started, "ok"


# --- underthesea (in its own venv) ----------------------------------------------------------

# Runs inside the throwaway venv: JSON lines {"id", "text"} in, {"id", "names", "seconds"} out.
WORKER = r"""
import json, sys, time
t0 = time.perf_counter()
from underthesea import ner, sent_tokenize
print(json.dumps({"load_seconds": time.perf_counter() - t0}), flush=True)
for line in sys.stdin:
    case = json.loads(line)
    started = time.perf_counter()
    names = []
    for para in case["text"].split("\n"):
        if not para.strip():
            continue
        for sentence in sent_tokenize(para):
            current = []
            for token in ner(sentence):
                word, tag = token[0], token[-1]
                if tag == "B-PER" or (tag == "I-PER" and not current):
                    if current:
                        names.append(" ".join(current))
                    current = [word]
                elif tag == "I-PER":
                    current.append(word)
                else:
                    if current:
                        names.append(" ".join(current))
                    current = []
            if current:
                names.append(" ".join(current))
    print(json.dumps({"id": case["id"], "names": names,
                      "seconds": time.perf_counter() - started}, ensure_ascii=False), flush=True)
"""


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup(venv: Path) -> int:
    """Create the throwaway venv and install underthesea into it (never into ctct's own)."""
    if not venv_python(venv).exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv_python(venv)), "-m", "pip", "install", "-q", UNDERTHESEA_REQUIREMENT],
        check=True,
    )
    print(f"underthesea_venv={venv}")
    return 0


def run_underthesea(
    cases: list[dict], venv: Path
) -> tuple[dict[str, list[str]] | None, float, str, float]:
    python = venv_python(venv)
    if not python.exists():
        return None, 0.0, f"unavailable (no venv at {venv}: run with --setup)", 0.0
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.run(
        [str(python), "-c", WORKER],
        input="".join(
            json.dumps({"id": c["id"], "text": c["text"]}, ensure_ascii=False) + "\n" for c in cases
        ),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return None, 0.0, f"failed ({tail[0]})", 0.0
    predicted: dict[str, list[str]] = {}
    seconds = 0.0
    load = 0.0
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        if "load_seconds" in row:
            load = row["load_seconds"]
            continue
        predicted[row["id"]] = row["names"]
        seconds += row["seconds"]
    return predicted, seconds, "ok", load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--gold", type=Path, help="gold records directory (default: CASES)")
    parser.add_argument("--engine", choices=["both", "ctct", "underthesea"], default="both")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--setup", action="store_true", help="install underthesea into --venv")
    args = parser.parse_args(argv)

    if args.setup:
        return setup(args.venv)

    cases = load_cases(args.cases, args.gold or args.cases)
    if not cases:
        print(f"error=no <name>.txt with a gold <name>.json in {args.cases}", file=sys.stderr)
        return 2
    megabytes = sum(len(c["text"].encode("utf-8")) for c in cases) / 1e6
    print(f"reports={len(cases)}")
    print(f"gold_people={sum(len(c['gold']) for c in cases)}")
    print(f"megabytes={megabytes:.4f}")

    if args.engine in ("both", "underthesea"):
        predicted, seconds, status, load = run_underthesea(cases, args.venv)
        print(f"underthesea_status={status}")
        if predicted is not None:
            for key, value in score(cases, predicted).items():
                print(f"underthesea_{key}={value:.4f}")
            print(f"underthesea_load_s={load:.3f}")
            print(f"underthesea_mb_s={megabytes / seconds if seconds else 0.0:.4f}")

    if args.engine in ("both", "ctct"):
        predicted, seconds, status = run_ctct(cases)
        print(f"ctct_status={status}")
        if predicted is not None:
            for key, value in score(cases, predicted).items():
                print(f"ctct_{key}={value:.4f}")
            print(f"ctct_mb_s={megabytes / seconds if seconds else 0.0:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
