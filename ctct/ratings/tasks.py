"""Opening a round for a big subtree in the background (django.tasks API, database backend;
run `ctct db_worker`).

The opening form validates at once (``services.round_open_check``), then
``round_opening_start`` records a ``RoundOpening`` and queues ``open_round``; the page of the
opening polls its progress. The task runs ``services.round_open`` — the round and all its
sheets in one transaction, with the opening marked done in the same transaction — so a worker
killed midway leaves no half round: the queue's recovery (``ctct db_worker``) runs the task
again from the start, and when it gives up the opening shows as failed, with a way to try
again. Sheets written so far are reported through a second connection on PostgreSQL (the
writing transaction's own rows are not visible until it commits); on SQLite the count jumps
from none to all.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task

from ctct.bodies.models import Body
from ctct.documents.models import Document
from ctct.ratings import services
from ctct.ratings.models import RoundOpening

logger = logging.getLogger(__name__)

# Below this many expected sheets a round opens in the request; at or above, in the
# background. ``CTCT_RATINGS_OPEN_INLINE`` overrides it.
OPEN_INLINE = 2000

MSG_OPENING_PENDING = _(
    "An opening of this round for %(body)s is already under way; wait for it to finish."
)
MSG_WORKER_DIED = _("The worker writing the sheets stopped; nothing was written.")
MSG_CRASHED = _("Opening the round failed; nothing was written.")

Status = RoundOpening.Status


def open_inline_below() -> int:
    return int(getattr(settings, "CTCT_RATINGS_OPEN_INLINE", OPEN_INLINE))


@transaction.atomic
def round_opening_start(
    *,
    body: Body,
    year: int,
    quarter: int | None = None,
    opened_on: dt.date,
    self_due: dt.date,
    review_due: dt.date,
    decide_due: dt.date,
    document: Document | None = None,
    expected: int,
    user=None,
) -> RoundOpening:
    """Record the opening and queue it; the up-front refusals of ``round_open`` first, and an
    opening of the same round already under way is refused."""
    services.round_open_check(
        body=body,
        year=year,
        quarter=quarter,
        opened_on=opened_on,
        self_due=self_due,
        review_due=review_due,
        decide_due=decide_due,
        document=document,
    )
    Body.objects.select_for_update().filter(pk=body.pk).first()
    if RoundOpening.objects.filter(
        body=body, year=year, quarter=quarter, status__in=(Status.QUEUED, Status.RUNNING)
    ).exists():
        raise ValidationError(
            {
                "year": ValidationError(
                    MSG_OPENING_PENDING, code="opening_pending", params={"body": body.name}
                )
            }
        )
    opening = RoundOpening.objects.create(
        body=body,
        year=year,
        quarter=quarter,
        opened_on=opened_on,
        self_due=self_due,
        review_due=review_due,
        decide_due=decide_due,
        document=document,
        requested_by=user if getattr(user, "pk", None) else None,
        expected=expected,
    )
    result = open_round.enqueue(opening.pk)
    opening.task_id = str(result.id)
    opening.save(update_fields=["task_id"])
    return opening


class _Progress:
    """The progress written beside the writing transaction (PostgreSQL only: a second
    connection, opened once per opening; SQLite allows one writer at a time)."""

    def __init__(self, opening_id: int):
        self.opening_id = opening_id
        self.side = None

    def __call__(self, written: int, _total: int) -> None:
        if connection.vendor != "postgresql":
            return
        try:
            if self.side is None:
                self.side = connections.create_connection("default")
                self.side.set_autocommit(True)
            with self.side.cursor() as cur:
                cur.execute(
                    f"UPDATE {RoundOpening._meta.db_table} SET written = %s WHERE id = %s",
                    [written, self.opening_id],
                )
        except Exception:  # progress is a courtesy: never fail the opening for it
            logger.warning(
                "round opening %s: progress not reported", self.opening_id, exc_info=True
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def _messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def round_opening_fail(*, opening_id: int, error: str) -> None:
    RoundOpening.objects.filter(pk=opening_id).exclude(status=Status.DONE).update(
        status=Status.FAILED, error=error, finished_at=timezone.now()
    )


def round_opening_run(opening_id: int) -> RoundOpening:
    """Open the round an opening asked for: the round, its sheets and the opening marked done
    commit together, or nothing does. Run again after a worker died, it starts over; a done
    opening is left as it is."""
    opening = RoundOpening.objects.select_related("body", "document", "requested_by").get(
        pk=opening_id
    )
    if opening.status in (Status.DONE, Status.FAILED):
        return opening
    RoundOpening.objects.filter(pk=opening_id).update(status=Status.RUNNING, written=0)
    progress = _Progress(opening_id)
    try:
        with transaction.atomic():
            rnd = services.round_open(
                body=opening.body,
                year=opening.year,
                quarter=opening.quarter,
                opened_on=opening.opened_on,
                self_due=opening.self_due,
                review_due=opening.review_due,
                decide_due=opening.decide_due,
                document=opening.document,
                user=opening.requested_by,
                progress=progress,
            )
            written = rnd.sheets.count()
            RoundOpening.objects.filter(pk=opening_id).update(
                status=Status.DONE,
                round=rnd,
                written=written,
                expected=written,
                error="",
                finished_at=timezone.now(),
            )
    except ValidationError as e:  # refused meanwhile (a racing opening of the same round)
        round_opening_fail(opening_id=opening_id, error=_messages(e))
    except Exception:
        logger.exception("round opening %s failed", opening_id)
        round_opening_fail(opening_id=opening_id, error=str(MSG_CRASHED))
        raise
    finally:
        progress.close()
    opening.refresh_from_db()
    return opening


@task()
def open_round(opening_id: int) -> str:
    return round_opening_run(opening_id).status


def opening_state(opening: RoundOpening) -> tuple[str, str]:
    """The opening's status and error as the page shows them: failed too when the queue gave
    up on its task (its workers kept dying) while the opening still says it runs."""
    if opening.status in (Status.QUEUED, Status.RUNNING) and opening.task_id:
        try:
            result = open_round.get_result(opening.task_id)
        except Exception:  # the task row was pruned: the opening's own status stands
            return opening.status, opening.error
        if result.status == TaskResultStatus.FAILED:
            return Status.FAILED, str(MSG_WORKER_DIED)
    return opening.status, opening.error


__all__ = [
    "open_inline_below",
    "open_round",
    "opening_state",
    "round_opening_fail",
    "round_opening_run",
    "round_opening_start",
]
