"""The layers hold: every import in ``ctct/`` read with ``ast`` (function-level imports
included; tests and migrations left out) points down the stack ARCHITECTURE.md draws.

    pytest ctct/core/tests/test_layers.py        # the whole check, in about a second

Each rule is checked on the real tree and, so that the check can be trusted to fail, on a
small package written for the test that breaks it.
"""

from __future__ import annotations

import ast
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the ctct package

# Bottom to top. An app may import only apps before it in this list; the plain-Python
# layers (text, extract) import no Django at all.
LAYERS = (
    "text",
    "extract",
    "core",
    "bodies",
    "people",
    "accounts",
    "documents",
    "conferences",
    "resolutions",
    "ratings",
    "congresses",
    "imports",
    "search",
    "devtools",
)
PLAIN_PYTHON = ("text", "extract")
# Top-level modules of the package (settings, urls, the command line) wire the apps together.
WIRING = ("settings", "urls", "wsgi", "cli", "conftest", "__init__", "__main__")


@dataclass(frozen=True)
class Import:
    source: str  # the app doing the import
    target: str  # an app of the package, or the top-level module name of a library
    where: str  # file:line


def _is_exempt(rel: Path) -> bool:
    return "tests" in rel.parts or "migrations" in rel.parts or rel.name == "conftest.py"


def _absolute(module: str, rel: Path, node: ast.ImportFrom) -> str:
    """The absolute module name of a (possibly relative) ``from`` import."""
    if not node.level:
        return node.module or ""
    parts = [module, *rel.with_suffix("").parts]
    if rel.name == "__init__.py":
        parts = parts[:-1]
    base = parts[: len(parts) - node.level]
    return ".".join(base + ([node.module] if node.module else []))


def read_imports(root: Path) -> list[Import]:
    """Every import made by the apps under ``root`` (a package directory)."""
    package = root.name
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if len(rel.parts) == 1 or _is_exempt(rel):
            continue
        app = rel.parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(package, rel, node)
                # "from ctct import bodies" imports the app bodies.
                names = [f"{base}.{a.name}" for a in node.names] if base == package else [base]
            else:
                continue
            for name in names:
                parts = name.split(".")
                target = parts[1] if parts[0] == package and len(parts) > 1 else parts[0]
                found.append(Import(app, target, f"{rel}:{node.lineno}"))
    return found


def app_edges(imports: list[Import], apps: set[str]) -> dict[str, dict[str, list[str]]]:
    """source app -> target app -> where, for imports between two different apps."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i in imports:
        if i.target in apps and i.target != i.source:
            edges[i.source][i.target].append(i.where)
    return edges


def cycles(edges: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The groups of apps that reach each other (strongly connected, more than one app)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted({*edges, *(t for e in edges.values() for t in e)}):
        if v not in index:
            visit(v)
    return groups


def upward(edges: dict[str, dict[str, list[str]]], layers: tuple[str, ...]) -> list[str]:
    """Imports from an app to one above it (or to an app the layers do not name)."""
    rank = {app: i for i, app in enumerate(layers)}
    bad = []
    for source, targets in sorted(edges.items()):
        for target, where in sorted(targets.items()):
            if source not in rank or target not in rank or rank[target] > rank[source]:
                bad.append(f"{source} -> {target} ({', '.join(where)})")
    return bad


def django_in_plain(imports: list[Import], plain: tuple[str, ...]) -> list[str]:
    """Imports of Django (or a Django app of ours) from the plain-Python layers."""
    return [
        f"{i.source} -> {i.target} ({i.where})"
        for i in imports
        if i.source in plain
        and (
            i.target == "django"
            or i.target.startswith("django_")
            or (i.target in LAYERS and i.target not in plain)
        )
    ]


def _apps(root: Path) -> set[str]:
    return {p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


# --- the real tree ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    imports = read_imports(ROOT)
    return imports, app_edges(imports, _apps(ROOT))


def test_every_app_of_the_package_has_its_place_in_the_layers():
    assert _apps(ROOT) - {"locale", "templates"} <= set(LAYERS)


def test_no_two_apps_import_each_other_directly_or_through_others(real):
    _, edges = real
    assert cycles(edges) == []


def test_every_import_between_apps_points_down_the_layers(real):
    _, edges = real
    assert upward(edges, LAYERS) == []


def test_core_imports_no_app_above_it(real):
    _, edges = real
    above = set(LAYERS[LAYERS.index("core") + 1 :])
    assert {t: w for t, w in edges.get("core", {}).items() if t in above} == {}


def test_nothing_imports_devtools(real):
    _, edges = real
    assert {s: t["devtools"] for s, t in edges.items() if "devtools" in t} == {}


def test_the_language_layers_import_no_django(real):
    imports, _ = real
    assert django_in_plain(imports, PLAIN_PYTHON) == []


# --- the check itself fails on a violation ---------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        for parent in path.relative_to(root).parents:
            (root / parent / "__init__.py").touch()
    return root


def test_a_cycle_through_a_third_app_inside_a_function_is_found(tmp_path):
    root = _package(
        tmp_path,
        {
            "low/views.py": "def f():\n    from pkg.mid import models\n",
            "mid/models.py": "from pkg.high.selectors import x\n",
            "high/selectors.py": "from ..low import views\n",
            "high/tests/test_x.py": "from pkg.mid import models\n",
        },
    )
    imports = read_imports(root)
    edges = app_edges(imports, _apps(root))
    assert cycles(edges) == [["high", "low", "mid"]]
    assert upward(edges, ("low", "mid", "high")) == [
        "low -> mid (low/views.py:2)",
        "mid -> high (mid/models.py:1)",
    ]


def test_tests_and_migrations_are_left_out(tmp_path):
    root = _package(
        tmp_path,
        {
            "low/tests/test_a.py": "from pkg.high import x\n",
            "low/migrations/0001_initial.py": "import pkg.high\n",
            "high/x.py": "from pkg.low import y\n",
        },
    )
    edges = app_edges(read_imports(root), _apps(root))
    assert upward(edges, ("low", "high")) == []


def test_django_in_a_plain_python_layer_is_found(tmp_path):
    root = _package(
        tmp_path,
        {
            "text/rules.py": "def f():\n    from django.utils import timezone\n",
            "extract/read.py": "from pkg.text import rules\nimport pkg.core.models\n",
            "core/models.py": "from django.db import models\n",
        },
    )
    imports = read_imports(root)
    assert django_in_plain(imports, ("text", "extract")) == [
        "extract -> core (extract/read.py:2)",
        "text -> django (text/rules.py:2)",
    ]
