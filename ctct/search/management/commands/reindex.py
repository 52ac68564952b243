"""``ctct reindex``: build the search index again from the records."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ctct.core import findable
from ctct.search import index


class Command(BaseCommand):
    help = (
        "Build the search index again, in batches, with a progress bar. Without --kind the whole "
        "index is emptied and rebuilt (run it after loading data with tools that bypass the "
        "index, such as generated worlds); with --kind only those kinds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            metavar="KIND",
            help="only this kind (repeatable): " + ", ".join(f.kind for f in findable.findables()),
        )
        parser.add_argument("--batch", type=int, default=index.BATCH, help="records per batch")

    def handle(self, *args, kinds, batch, **opts):
        known = {f.kind for f in findable.findables()}
        unknown = sorted(set(kinds or ()) - known)
        if unknown:
            raise CommandError(
                f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        started = time.perf_counter()
        total = index.total_records(kinds)
        with tqdm(total=total, desc="reindex", unit="rec", disable=opts["verbosity"] < 1) as bar:
            written = index.rebuild(kinds, progress=bar.update, batch=batch)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {written:,} records of {total:,} in {elapsed:.1f} s.")
