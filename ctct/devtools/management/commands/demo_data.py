"""``ctct demo-data``: load the fictional demo organization into an empty database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ctct.devtools.demo import DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = (
        "Build a realistic, fictional, deterministic organization: Party bodies, people with "
        "ranks fitting their posts, positions and demo users. Needs an empty database "
        "(run after `ctct migrate`); --bodies 20000 gives the army-scale benchmark data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bodies", type=int, default=400, help="about how many bodies (default 400)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same data)"
        )
        parser.add_argument(
            "--people-per-body",
            type=float,
            default=15.0,
            help="average members per body (default 15)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when bodies already exist",
        )

    def handle(self, *args, bodies, seed, people_per_body, if_empty, **opts):
        from ctct.bodies.models import Body

        if bodies < 1:
            raise CommandError("--bodies must be at least 1")
        if Body.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already loaded; nothing to do.")
                return
            raise CommandError(
                "The database already holds bodies; demo data goes into an empty database."
            )
        started = time.perf_counter()
        bar = tqdm(total=5, desc="demo data", unit="step", disable=opts["verbosity"] < 1)

        def progress(label: str, n: int) -> None:
            bar.set_postfix_str(f"{label}: {n:,}")
            if label in ("bodies", "people", "positions", "users", "bodies planned"):
                bar.update(1)

        result = build_demo(
            bodies=bodies, seed=seed, people_per_body=people_per_body, progress=progress
        )
        bar.close()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Created {result.bodies:,} bodies, {result.people:,} people, {result.positions:,} positions, "
            f"{result.rank_records:,} rank records in {elapsed:.1f} s."
        )
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for username, label, body in result.users:
            self.stdout.write(f"  {username:<9} {label} — {body}")
