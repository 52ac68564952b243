"""Throughput of the hot paths: ``ctct bench text`` prints ``name=value`` lines.

Builds a few MB of report text (the seed reports in ``/work/shared/seeds`` or
``$CTCT_SEEDS`` when present, else an embedded sample) and reports the median MB/s (UTF-8
bytes) of several single-core runs of ``normalize``, ``fold`` and ``split_sentences``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from ctct.text.normalize import fold, normalize
from ctct.text.sentences import split_sentences

__all__ = ["build_corpus", "main", "measure"]

DEFAULT_SEEDS = Path("/work/shared/seeds")

SAMPLE = """(QK7 Online) - Chiều 25/11, Ban Thường vụ Đảng uỷ Cục Chính trị Quân khu tổ chức hội nghị \
quán triệt, triển khai chỉ thị của Bộ Chính trị về tổ chức Đại hội Đảng các cấp. Thiếu tướng Trần \
Chí Tâm, Ủy viên Đảng ủy Quân khu, Bí thư Đảng ủy Cục Chính trị chủ trì hội nghị.
Tại hội nghị, đồng chí quán triệt Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của Ban Thường vụ Đảng ủy \
Quân khu; Kế hoạch số 1180 - KH/ĐU ngày 03/11/2024 của Đảng ủy Cục Chính trị. Tỷ lệ đạt 92,5%, \
tổng số 1.180 đảng viên; xây dựng đơn vị vững mạnh toàn diện “Mẫu mực, tiêu biểu” tại TP. Hồ Chí Minh.
6 tháng đầu năm 2025, Đảng ủy Lữ đoàn đã lãnh đạo hoàn thành toàn diện các nhiệm vụ CTĐ, CTCT./.
"""


def build_corpus(size_mb: float = 4.0, seeds_dir: Path | None = None) -> str:
    """About ``size_mb`` MB of report text made by repeating the seeds (or the sample)."""
    seeds_dir = seeds_dir or Path(os.environ.get("CTCT_SEEDS", DEFAULT_SEEDS))
    parts: list[str] = []
    if seeds_dir.is_dir():
        parts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    base = "\n".join(parts) if parts else SAMPLE
    target = int(size_mb * 1_000_000)
    unit = len(base.encode("utf-8")) or 1
    return (base + "\n") * max(1, target // unit)


def measure(func: Callable[[str], object], text: str, runs: int = 5) -> float:
    """Median MB/s of ``func(text)`` over ``runs`` runs."""
    size_mb = len(text.encode("utf-8")) / 1_000_000
    rates = []
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        func(text)
        rates.append(size_mb / max(time.perf_counter() - t0, 1e-9))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ctct bench text", description=__doc__)
    parser.add_argument("--size-mb", type=float, default=4.0, help="corpus size (default 4)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (default 5)")
    parser.add_argument("--seeds", type=Path, default=None, help="folder of seed .txt files")
    args = parser.parse_args(argv)
    text = build_corpus(args.size_mb, args.seeds)
    print(f"corpus_mb={len(text.encode('utf-8')) / 1_000_000:.2f}")
    for name, func in (
        ("normalize_mb_s", normalize),
        ("fold_mb_s", fold),
        ("split_mb_s", split_sentences),
    ):
        print(f"{name}={measure(func, text, args.runs):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
