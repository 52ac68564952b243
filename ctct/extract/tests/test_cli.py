"""``ctct extract`` and ``ctct eval-extract`` called as plain functions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ctct.extract.cli import eval_main, extract_main
from ctct.extract.evaluate import METRICS

REPORT = "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025.\nĐại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị.\n"


def test_extract_writes_one_record_per_input_with_the_same_stem(tmp_path: Path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"r{i}.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    assert extract_main([str(src), "--out", str(out)]) == 0
    records = sorted(out.glob("*.json"))
    assert [p.stem for p in records] == [f"r{i}" for i in range(6)]
    assert json.loads(records[0].read_text(encoding="utf-8"))["event"]["kind"] == "so_ket"
    assert "extracted 6 of 6 files; 0 failed" in capsys.readouterr().err


def test_one_bad_file_never_stops_the_batch(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not a docx")
    (tmp_path / "c.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert (
        extract_main(
            [
                str(tmp_path / "a.txt"),
                str(tmp_path / "b.docx"),
                str(tmp_path / "c.txt"),
                "--out",
                str(out),
            ]
        )
        == 1
    )
    bad = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert "corrupt or unreadable .docx" in bad["error"]
    assert json.loads((out / "c.json").read_text(encoding="utf-8"))["error"] == "empty file"
    assert (
        json.loads((out / "a.json").read_text(encoding="utf-8"))["people"][0]["name"]
        == "Bùi Hữu Ba"
    )
    assert "extracted 1 of 3 files; 2 failed" in capsys.readouterr().err


def test_eval_prints_one_line_per_metric_with_overall_last(tmp_path: Path, capsys):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    (gold / "r.json").write_text(
        json.dumps({"event": {"kind": "so_ket"}, "people": [], "documents": []}), encoding="utf-8"
    )
    extract_main([str(_write(tmp_path / "src" / "r.txt")), "--out", str(pred)])
    capsys.readouterr()
    assert eval_main([str(gold), str(pred)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    names = [line.split("=")[0] for line in lines]
    assert names == [*METRICS, "overall"]
    assert all(0.0 <= float(line.split("=")[1]) <= 1.0 for line in lines)


def test_importing_the_engine_does_not_load_django():
    code = (
        "import sys, ctct.extract, ctct.extract.cli, ctct.text; "
        "ctct.extract.extract_text('Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức hội nghị.'); "
        "print('django' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert result.stdout.strip() == "False"


def _write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_inputs_sharing_a_stem_do_not_overwrite_each_other(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _write(tmp_path / "a" / "r.txt")
    _write(tmp_path / "b" / "r.txt")
    out = tmp_path / "out"
    assert extract_main([str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.json")) == ["r-2.json", "r.json"]
