"""The same reports in other file formats score as the plain text does (issue 17).

Writes every ``<name>.txt`` of a directory of reports with gold records (default
``../shared/real``) again as .docx (python-docx), as a saved web page (.html with a menu, the
headline in <h1> and one <p> per paragraph), as .pdf (that page printed by headless Chromium,
when it is installed) and as legacy TCVN3 and VNI bytes (.txt), into a temporary directory; reads
each with ``ctct.extract.extract_file`` and prints one line per format::

    format=txt overall=0.964 diff=0.000 files=82
    format=docx overall=0.962 diff=-0.002 files=82

Nothing is written beside the reports and nothing is kept: other people's texts are never
copied into the repository.

    .venv/bin/python benchmarks/formats_compare.py [REPORTS_DIR]
"""

from __future__ import annotations

import html
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ctct.extract import ExtractError, extract_file  # noqa: E402
from ctct.extract.evaluate import score_records  # noqa: E402
from ctct.extract.tests.conftest import print_to_pdf  # noqa: E402
from ctct.text.encodings import EncodingError, from_unicode  # noqa: E402

DEFAULT_REPORTS = ROOT.parent / "shared" / "real"
SOURCE_PREFIX = "# source:"


def _body(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[0].startswith(SOURCE_PREFIX):
        lines = lines[1:]
    return lines


# Punctuation a legacy code page lacks, written as its fonts' users typed it.
LEGACY_PUNCTUATION = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}


def legacy_bytes(text: str, encoding: str) -> bytes:
    """``text`` in a legacy encoding; a character the code page lacks becomes its ASCII kin
    (or "?"), as it would have been typed."""
    text = "".join(LEGACY_PUNCTUATION.get(ch, ch) for ch in text)
    try:
        return from_unicode(text, encoding, as_bytes=True)
    except EncodingError:
        out = []
        for ch in text:
            try:
                from_unicode(ch, encoding)
                out.append(ch)
            except EncodingError:
                out.append("?")
        return from_unicode("".join(out), encoding, as_bytes=True)


def write_docx(lines: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def write_html(lines: list[str], path: Path) -> None:
    paras = [ln for ln in lines if ln.strip()]
    head = f"<h1>{html.escape(paras[0])}</h1>" if paras else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
        "<nav><ul><li>Trang chủ</li><li>Chính trị</li><li>Quốc phòng</li></ul></nav>"
        f"<article>{head}{body}</article><footer>Bản quyền thuộc về tòa soạn</footer>"
        "</body></html>"
    )
    path.write_text(page, encoding="utf-8")


def main(argv: list[str]) -> int:
    reports = Path(argv[0]) if argv else DEFAULT_REPORTS
    texts = sorted(reports.glob("*.txt"))
    if not texts:
        print(f"no reports in {reports}", file=sys.stderr)
        return 2
    golds = {t.stem: json.loads(t.with_suffix(".json").read_text(encoding="utf-8")) for t in texts}
    results: dict[str, list[tuple[dict, dict]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for t in texts:
            raw = t.read_text(encoding="utf-8")
            lines = _body(raw)
            variants: dict[str, Path] = {"txt": t}
            for enc in ("tcvn3", "vni"):
                p = out / f"{t.stem}.{enc}.txt"
                p.write_bytes(legacy_bytes("\n".join(lines), enc))
                variants[enc] = p
            variants["docx"] = out / f"{t.stem}.docx"
            write_docx(lines, variants["docx"])
            variants["html"] = out / f"{t.stem}.html"
            write_html(lines, variants["html"])
            pdf = out / f"{t.stem}.pdf"
            if print_to_pdf(variants["html"], pdf):
                variants["pdf"] = pdf
            for name, path in variants.items():
                try:
                    pred = extract_file(path)
                except ExtractError as exc:
                    pred = {"error": exc.reason}
                results.setdefault(name, []).append((golds[t.stem], pred))
    base = score_records(results["txt"]).metrics()["overall"]
    for name, pairs in results.items():
        overall = score_records(pairs).metrics()["overall"]
        print(f"format={name} overall={overall:.3f} diff={overall - base:+.3f} files={len(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
