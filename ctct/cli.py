"""The ``ctct`` console command.

Plain-Python commands (``extract``, ``eval-extract``, ``bench text``, ``bench extract``) run
without loading Django, so they start fast and work as a library; everything else is a
Django management command (``ctct migrate``, ``ctct demo-data``, ``ctct bench tree`` ...).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module

# Commands that must not load Django: name -> "module:function" taking argv, returning an exit code.
PLAIN_COMMANDS = {
    "extract": "ctct.extract.cli:extract_main",
    "eval-extract": "ctct.extract.cli:eval_main",
}
PLAIN_BENCH_AREAS = {
    "text": "ctct.devtools.bench.text:main",
    "extract": "ctct.devtools.bench.extract:main",
}


def _load(target: str) -> Callable[[list[str]], int]:
    module, _, func = target.partition(":")
    return getattr(import_module(module), func)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = argv[1:]
    if args and args[0] in PLAIN_COMMANDS:
        return _load(PLAIN_COMMANDS[args[0]])(args[1:])
    if len(args) >= 2 and args[0] == "bench" and args[1] in PLAIN_BENCH_AREAS:
        return _load(PLAIN_BENCH_AREAS[args[1]])(args[2:])

    if args and args[0] == "import":
        args[0] = "import_reports"  # "import" cannot name a Python module
    if args and "-" in args[0] and not args[0].startswith("-"):
        # ctct's own commands are spelled with hyphens (demo-data); Django modules can't be.
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctct.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ctct", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
