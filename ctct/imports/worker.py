"""What the background workers do with waiting reports (the bodies of ``tasks``): read,
extract, match and write them, a task's reports together or one report alone."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models import F

from ctct.imports import dedupe, matching
from ctct.imports.apply import ConferenceKey, Writer, event_date
from ctct.imports.batches import batch_dir, batch_finish
from ctct.imports.dedupe import DuplicateIndex, find_duplicates
from ctct.imports.ingest import import_lock, ingest, match_ahead
from ctct.imports.models import ImportBatch, ImportItem, ItemStatus
from ctct.imports.prepare import Prepared, prepare, prepare_text


def _prepare_stored(item: ImportItem) -> Prepared:
    stored = batch_dir(item.batch) / "items" / item.stored_name
    data = stored.read_bytes() if stored.exists() else b""
    if stored.suffix == ".paste":
        return prepare_text(item.filename, data.decode("utf-8"))
    return prepare(item.filename, data)


def process_many(item_ids: list[int]) -> None:
    """Read, extract, match and ingest waiting items of one batch together (run by a worker).

    Everything that only reads runs before the import lock, side by side with the other
    workers: reading and extracting, loading everyone the reports name, matching organizers
    and people (``match_ahead``) and asking the database for earlier copies
    (``find_duplicates``). Marks taken first (``people_mark``, ``dedupe.mark``) say where the
    history stood; under the lock only what other workers wrote since is read again
    (``Matcher.refresh_people``, ``DuplicateIndex.catch_up``) and the decisions it touches are
    made again, so the outcome is the one a worker that did everything under the lock would
    reach. Then one writer writes the items in one transaction, like a chunk of ``ctct
    import``. The items are all written or none: on any error the caller runs them again one
    by one (``process``), so one bad report fails alone."""
    items = list(
        ImportItem.objects.filter(pk__in=item_ids, status=ItemStatus.PENDING)
        .select_related("batch__root")
        .order_by("order", "id")
    )
    if not items:
        return
    prepared = {item.pk: _prepare_stored(item) for item in items}
    batch = items[0].batch
    keeper: MatcherKeeper = apps.get_app_config("imports").matchers
    matcher, people_mark = keeper.take(batch)
    items_mark = dedupe.mark()
    matcher.load_people(
        [
            person.get("name") or ""
            for p in prepared.values()
            for person in (p.record or {}).get("people") or []
        ]
    )
    matcher.changed.clear()  # decisions below stand unless refresh_people says otherwise
    readable = [p for p in prepared.values() if p.ok]
    answers = {id(p): dup for p, dup in zip(readable, find_duplicates(readable), strict=True)}
    for p in readable:
        if answers[id(p)] is None:
            p.ahead = match_ahead(p.record or {}, matcher, text=p.text or "")
    with transaction.atomic():
        import_lock()
        locked = set(
            ImportItem.objects.select_for_update()
            .filter(pk__in=list(prepared), status=ItemStatus.PENDING)
            .values_list("pk", flat=True)
        )
        todo = [item for item in items if item.pk in locked]  # another worker took the rest
        if matcher.refresh_bodies():  # the tree changed meanwhile: match organizers again
            for p in prepared.values():
                p.ahead = None
        people_mark = matcher.refresh_people(people_mark)
        duplicates = DuplicateIndex(load=False)
        duplicates.catch_up(items_mark, answers)
        writer = Writer(user=batch.created_by)
        writer.read_ahead({k for p in prepared.values() if (k := _conference_key(p)) is not None})
        for item in todo:
            ingest(
                prepared[item.pk],
                batch=batch,
                order=item.order,
                matcher=matcher,
                item=item,
                user=batch.created_by,
                writer=writer,
                duplicates=duplicates,
            )
        writer.flush()
        ImportBatch.objects.filter(pk=batch.pk).update(processed=F("processed") + len(todo))
    keeper.keep(batch, matcher, people_mark)  # committed: the next task may use it
    batch_finish(batch.pk)


class MatcherKeeper:
    """The matcher a worker process keeps from one task to the next of the same batch.

    The namesakes read for earlier reports are read again only where their history moved
    since (``Matcher.refresh_people``), so names named report after report are read once. A
    matcher is kept only after its task's transaction committed (the people a failed task
    learned were never written) and dropped past ``keep_people``. One keeper lives on the
    imports app's config (``ImportsConfig.matchers``), one per worker process.
    """

    def __init__(self, *, keep_people: int = 200_000) -> None:
        self.keep_people = keep_people
        self._kept: tuple[tuple, matching.Matcher, tuple[int, int, int]] | None = None

    @staticmethod
    def _key(batch: ImportBatch) -> tuple:
        return (batch.pk, batch.created_at)  # ids come back after a rollback; the time does not

    def take(self, batch: ImportBatch) -> tuple[matching.Matcher, tuple[int, int, int]]:
        """A matcher for a task of ``batch`` and the mark of the people's history it is
        current to: the one kept from this batch's previous task, brought up to date, or a
        new one. Taken, so a task that fails leaves nothing behind."""
        kept, self._kept = self._kept, None
        mark = matching.people_mark()
        if (
            kept is None
            or kept[0] != self._key(batch)
            or len(kept[1].people_by_id) > self.keep_people
        ):
            return matching.Matcher(batch.root), mark
        _key, matcher, since = kept
        matcher.refresh_bodies()
        matcher.refresh_people(since)  # reads up to now: past ``mark``, which stays safe to use
        return matcher, mark

    def keep(
        self, batch: ImportBatch, matcher: matching.Matcher, mark: tuple[int, int, int]
    ) -> None:
        self._kept = (self._key(batch), matcher, mark)


def _conference_key(p: Prepared) -> ConferenceKey | None:
    """The (body, kind, day) of the conference a report matched ahead would be."""
    org = (p.ahead or {}).get("organizer") or {}
    record = p.record or {}
    kind, on = (record.get("event") or {}).get("kind"), event_date(record)
    if org.get("decision") != matching.MATCHED or not kind or on is None:
        return None
    return (org["object_id"], kind, on)


def process(item_id: int) -> None:
    """Read, extract and ingest one waiting item (run by a worker)."""
    item = ImportItem.objects.select_related("batch__root").get(pk=item_id)
    if item.status != ItemStatus.PENDING:
        return
    p = _prepare_stored(item)
    with transaction.atomic():
        import_lock()
        item = ImportItem.objects.select_for_update().select_related("batch__root").get(pk=item_id)
        if item.status != ItemStatus.PENDING:
            return
        matcher = matching.Matcher(item.batch.root)
        ingest(
            p,
            batch=item.batch,
            order=item.order,
            matcher=matcher,
            item=item,
            user=item.batch.created_by,
        )
        ImportBatch.objects.filter(pk=item.batch_id).update(processed=F("processed") + 1)
    batch_finish(item.batch_id)


def item_fail(*, item_id: int, error: Exception) -> None:
    """A waiting report whose reading or writing broke fails alone, with the reason
    ``internal``, and counts as done for its batch."""
    with transaction.atomic():
        item = ImportItem.objects.select_for_update().get(pk=item_id)
        if item.status == ItemStatus.PENDING:
            item.status = ItemStatus.FAILED
            item.reason = "internal"
            item.matches = {"error": {"code": "internal", "params": {"error": str(error)[:500]}}}
            item.save()
            ImportBatch.objects.filter(pk=item.batch_id).update(processed=F("processed") + 1)
    batch_finish(item.batch_id)
