"""``ctct import DIR|ZIP|FILE...``: bring an archive of reports in.

Reads and extracts in parallel (``--workers``), applies what is certain (new records,
confident matches), leaves the rest in the review queue, and prints a summary with each
failure's reason. Re-running after an interruption skips every report already imported."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ctct.bodies.models import Body


class Command(BaseCommand):
    help = "Import conference reports (files, directories, .zip archives) into the records."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="report files, directories or .zip archives")
        parser.add_argument(
            "--root",
            help="the body the reports belong under (id or exact name); default: the tree's top",
        )
        parser.add_argument("--workers", type=int, default=2, help="extraction processes")
        parser.add_argument("--user", help="user name recorded as the importer")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, paths, root, workers, user, no_progress, **options):
        from ctct.imports.bulk import import_paths
        from ctct.imports.reasons import reason_text

        for p in paths:
            if not Path(p).exists():
                raise CommandError(f"{p}: no such file or directory")
        body = self._root(root)
        account = None
        if user:
            from django.contrib.auth import get_user_model

            account = get_user_model().objects.filter(username__iexact=user).first()
            if account is None:
                raise CommandError(f"no user {user!r}")
        summary = import_paths(
            paths, root=body, user=account, workers=max(1, workers), progress=not no_progress
        )
        for line in summary.lines():
            self.stdout.write(line)
        for name, code, params in summary.failures[:200]:
            self.stdout.write(f"failed: {name}: {reason_text(code, params)}")
        if len(summary.failures) > 200:
            self.stdout.write(f"... and {len(summary.failures) - 200} more failures")
        self.stdout.write(f"batch={summary.batch_id}")

    def _root(self, root: str | None) -> Body:
        if root is None:
            body = Body.get_first_root_node()
        elif root.isdigit():
            body = Body.objects.filter(pk=int(root)).first()
        else:
            body = Body.objects.filter(name=root).first()
        if body is None:
            raise CommandError(
                f"no body {root!r}" if root else "the tree is empty: load bodies first"
            )
        return body
