"""The developer tools sit on top: the plain-Python benches run without Django, and no product
module imports ``ctct.devtools``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from ctct.core.templatetags.change_reasons import KNOWN

CTCT = Path(__file__).resolve().parents[2]


def test_the_plain_benches_run_through_the_ctct_command_without_loading_django():
    code = (
        "import sys, ctct.devtools, ctct.devtools.bench, ctct.devtools.bench.text, "
        "ctct.devtools.bench.extract\n"
        "from ctct.cli import main\n"
        "assert main(['ctct', 'bench', 'text', '--size-mb', '0.01', '--runs', '1']) == 0\n"
        "assert main(['ctct', 'bench', 'extract', '--runs', '1', '--mb', '0.01']) == 0\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ok"
    assert "normalize_mb_s=" in result.stdout and "extract_mb_s=" in result.stdout


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_product_module_imports_the_developer_tools():
    offenders = []
    for path in sorted(CTCT.rglob("*.py")):
        rel = path.relative_to(CTCT)
        if rel.parts[0] == "devtools" or "tests" in rel.parts or "migrations" in rel.parts:
            continue
        if any(m.startswith("ctct.devtools") for m in _imported_modules(path)):
            offenders.append(str(rel))
    assert offenders == []


def test_the_reasons_the_tools_write_are_shown_translated():
    from ctct.devtools import demo, worldgen

    assert demo.REASON in KNOWN
    assert worldgen.REASON in KNOWN
