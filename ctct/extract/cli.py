"""``ctct extract`` and ``ctct eval-extract``: plain functions taking argv, returning an exit code.

They never import Django, so the console script runs them without settings.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ctct.extract import ExtractError, extract_file
from ctct.extract.evaluate import evaluate_dirs

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
PROGRESS_MIN_FILES = 5

MSG_NO_INPUTS = "no input files found"
MSG_SUMMARY = "extracted {ok} of {total} files; {failed} failed"


def _inputs(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(
                sorted(
                    f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
                )
            )
        else:
            out.append(path)
    return out


def _out_names(files: list[Path]) -> dict[Path, str]:
    """<stem>.json per input; inputs sharing a stem (r.txt, r.docx, a/r.txt) get a counter."""
    names: dict[Path, str] = {}
    used: set[str] = set()
    for path in files:
        name, n = f"{path.stem}.json", 1
        while name in used:
            n += 1
            name = f"{path.stem}-{n}.json"
        used.add(name)
        names[path] = name
    return names


def _write(record: dict, name: str, out_dir: Path | None) -> None:
    data = json.dumps(record, ensure_ascii=False, indent=2)
    if out_dir is None:
        sys.stdout.write(data + "\n")
    else:
        (out_dir / name).write_text(data + "\n", encoding="utf-8")


def extract_main(argv: list[str]) -> int:
    """ctct extract FILE|DIR... [--out DIR]: one JSON record per input (same stem).

    A file that cannot be read gets an error record (``{"source", "error"}``) and a line on
    stderr; the batch goes on. Exit code 0 when every file was extracted, 1 otherwise.
    """
    parser = argparse.ArgumentParser(
        prog="ctct extract", description="Read conference reports into records."
    )
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR")
    parser.add_argument(
        "--out", metavar="DIR", help="write <stem>.json per input here (default: stdout)"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    files = _inputs(args.paths)
    if not files:
        print(MSG_NO_INPUTS, file=sys.stderr)
        return 2
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    iterable = files
    if len(files) >= PROGRESS_MIN_FILES and not args.no_progress:
        from tqdm import tqdm

        iterable = tqdm(files, desc="extract", unit="file", file=sys.stderr)
    failed = 0
    names = _out_names(files)
    for path in iterable:
        try:
            record = extract_file(path)
        except ExtractError as exc:
            failed += 1
            record = {"source": str(path), "error": exc.reason}
            print(f"{path}: {exc.reason}", file=sys.stderr)
        except Exception as exc:  # one bad file never stops the batch
            failed += 1
            record = {"source": str(path), "error": f"internal error: {exc!r}"}
            print(f"{path}: internal error: {exc!r}", file=sys.stderr)
        _write(record, names[path], out_dir)
    print(
        MSG_SUMMARY.format(ok=len(files) - failed, total=len(files), failed=failed), file=sys.stderr
    )
    return 0 if failed == 0 else 1


def eval_main(argv: list[str]) -> int:
    """ctct eval-extract GOLD_DIR PRED_DIR: one ``name=value`` line per metric, ``overall=`` last."""
    parser = argparse.ArgumentParser(
        prog="ctct eval-extract", description="Score predicted records against gold ones."
    )
    parser.add_argument("gold_dir")
    parser.add_argument("pred_dir")
    parser.add_argument(
        "--details", action="store_true", help="also print precision, recall and field shares"
    )
    args = parser.parse_args(argv)
    gold_dir, pred_dir = Path(args.gold_dir), Path(args.pred_dir)
    for d in (gold_dir, pred_dir):
        if not d.is_dir():
            print(f"not a directory: {d}", file=sys.stderr)
            return 2
    scores, problems = evaluate_dirs(gold_dir, pred_dir)
    for p in problems:
        print(p, file=sys.stderr)
    values = scores.details() if args.details else scores.metrics()
    overall = values.pop("overall")
    for name, value in values.items():
        print(f"{name}={value:.3f}" if isinstance(value, float) else f"{name}={value}")
    print(f"overall={overall:.3f}")
    return 0
