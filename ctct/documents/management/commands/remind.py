"""``ctct remind``: the daily list, per body, of what falls due or is overdue."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.core.management.base import BaseCommand, CommandError

from ctct.core.scopes import Scope
from ctct.documents.due import due_list, sources


class Command(BaseCommand):
    help = (
        "List, per body, what falls due within --days (default 7) or is overdue: the steps of "
        "addressed documents and every other kind of deadline the apps register (progress "
        "entries of targets, ...). Run it daily (cron/systemd timer); --body limits it to one "
        "body's subtree."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="look this many days ahead")
        parser.add_argument(
            "--body", type=int, help="only this body and the bodies under it (its id)"
        )
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")
        parser.add_argument(
            "--clearance", type=int, default=0, help="include documents up to this security level"
        )

    def handle(self, *args, days, body, today, clearance, **opts):
        from ctct.bodies.models import Body

        try:
            today = dt.date.fromisoformat(today) if today else dt.date.today()
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}") from None
        if days < 0:
            raise CommandError("--days cannot be negative")
        # The command reads like a superuser of the chosen subtree, cleared for --clearance.
        scope = Scope(user_id=None, is_superuser=True, clearance=clearance)
        if body is not None:
            root = Body.objects.filter(pk=body).first()
            if root is None:
                raise CommandError(f"no body with id {body}")
            scope = Scope(user_id=None, grants=[(root.path, "viewer")], clearance=clearance)

        found = due_list(scope, today=today, within_days=days, limit=10**7)
        by_name = {s.name: s for s in sources()}
        items = sorted(found.items, key=lambda i: (i.body_path, i.deadline, i.kind, i.title))
        for _path, group in groupby(items, key=lambda i: i.body_path):
            group = list(group)
            self.stdout.write(group[0].body.name)
            for i in group:
                state = f"OVERDUE {i.days_late} d" if i.overdue else f"due in {i.days_left} d"
                text = by_name[i.kind].text(i)
                self.stdout.write(f"  {state:<15} {i.what!s:<13} {i.deadline:%d/%m/%Y}  {text}")
        # One count per kind: the directive steps always, the other kinds when there are any.
        for source in by_name.values():
            n = found.totals.get(source.name, 0)
            if n or source.always_counted:
                late = found.overdue_totals.get(source.name, 0)
                self.stdout.write(
                    f"{n} {source.noun} due within {days} days or overdue ({late} overdue)."
                )
