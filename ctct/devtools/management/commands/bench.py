"""``ctct bench AREA``: measure the figures the issues name, as ``name=value`` lines.

Each area is a module of ``ctct.devtools.bench`` (``bench/<area>.py`` with
``add_arguments(parser)`` and ``run(command, **options)``) and builds its own data in a scratch
database (a temporary SQLite file, or a scratch database on the PostgreSQL server DATABASE_URL
points at), so a benchmark never touches real records. Plain-Python areas (``text``, ``extract``) are
dispatched by the ``ctct`` command before Django loads.
"""

from __future__ import annotations

from importlib import import_module

from django.core.management.base import BaseCommand

from ctct.devtools.bench.util import ScratchDatabase

AREAS = {
    "tree": "ctct.devtools.bench.tree",
    "cascade": "ctct.devtools.bench.cascade",
    "conferences": "ctct.devtools.bench.conferences",
    "ingest": "ctct.devtools.bench.ingest",
    "plans": "ctct.devtools.bench.plans",
    "congresses": "ctct.devtools.bench.congresses",
    "search": "ctct.devtools.bench.search",
    "ratings": "ctct.devtools.bench.ratings",
}


class Command(BaseCommand):
    help = (
        "Benchmarks: "
        + ", ".join(f"`ctct bench {a}`" for a in AREAS)
        + ", `ctct bench text`, `ctct bench extract`."
    )

    def add_arguments(self, parser):
        areas = parser.add_subparsers(dest="area", required=True)
        for area, module in AREAS.items():
            import_module(module).add_arguments(areas.add_parser(area))

    def handle(self, *args, area, **options):
        module = import_module(AREAS[area])
        # An area may choose its database (``scratch(options)``: bench search can keep one).
        database = module.scratch(options) if hasattr(module, "scratch") else ScratchDatabase()
        with database:
            module.run(self, **options)
