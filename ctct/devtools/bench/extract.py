"""``ctct bench extract``: extraction speed on text input, one core, median of runs.

Prints ``extract_mb_s=<MB of UTF-8 text per CPU second>`` (target >= 2); CPU time of this
process, so a busy machine does not skew it. The corpus is the reports given as arguments
(files or directories of .txt), else ``--corpus``: ``seeds`` (default) reads the real reports in
``../shared/seeds`` when they are there, ``cases`` the golden cases in ``ctct/extract/tests/cases``
(written dense on purpose: several times more names per kilobyte, so about half the speed); a
built-in report when neither is there. The corpus is repeated to about ``--mb`` megabytes.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from ctct.extract.engine import extract_text

CASES_DIR = Path(__file__).resolve().parents[2] / "extract" / "tests" / "cases"
SEEDS_DIRS = (Path(__file__).resolve().parents[4] / "shared" / "seeds", Path("/work/shared/seeds"))
SAMPLE = (
    "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị Đảng ủy 6 tháng đầu năm 2025. Đại tá Phạm "
    "Ngọc Sơn, Bí thư Đảng ủy, Chính ủy Cục Hậu cần-Kỹ thuật dự, phát biểu chỉ đạo. Đại tá Bùi "
    "Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị. Hội nghị quán triệt Chỉ thị số "
    "2889-CT/ĐU ngày 10/9/2024 của Ban Thường vụ Đảng ủy Quân khu.\nĐinh Khánh\n"
)


def _corpus(paths: list[str], corpus: str = "cases") -> list[str]:
    files: list[Path] = []
    if not paths and corpus == "seeds":
        seeds = next((d for d in SEEDS_DIRS if d.is_dir()), None)
        paths = [str(seeds)] if seeds else []
    if not paths and corpus == "cases" and CASES_DIR.is_dir():
        paths = [str(CASES_DIR)]
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    if not files and CASES_DIR.is_dir():
        files = sorted(CASES_DIR.glob("*.txt"))  # seeds asked for but not there
    texts = []
    for f in files:
        try:
            texts.append(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return texts or [SAMPLE]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ctct bench extract", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="reports (.txt files or directories)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of text per run")
    parser.add_argument(
        "--corpus",
        choices=("cases", "seeds"),
        default="seeds",
        help="corpus when no paths are given",
    )
    args = parser.parse_args(argv)
    texts = _corpus(args.paths, args.corpus)
    size = sum(len(t.encode("utf-8")) for t in texts)
    repeat = max(1, int(args.mb * 1_000_000 / max(size, 1)))
    total_mb = size * repeat / 1_000_000
    rates = []
    for _ in range(max(1, args.runs)):
        start = time.process_time()
        for _ in range(repeat):
            for t in texts:
                extract_text(t)
        rates.append(total_mb / (time.process_time() - start))
    print(f"corpus={','.join(args.paths) or args.corpus}")
    print(f"reports={len(texts) * repeat}")
    print(f"text_mb={total_mb:.3f}")
    print(f"extract_mb_s={statistics.median(rates):.3f}")
    return 0
