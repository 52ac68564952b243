"""Review of a report the import could not apply alone: a person's corrections, choices and
confirmation, or its discarding."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from ctct.bodies.models import Body
from ctct.imports import matching
from ctct.imports.apply import Writer, apply_item
from ctct.imports.batches import batch_count_done
from ctct.imports.congress import congress_write
from ctct.imports.ingest import import_lock, match_record, open_questions
from ctct.imports.models import BodyAlias, ImportBatch, ImportItem, ItemStatus

MSG_ALREADY_APPLIED = _("This report has already been applied.")
MSG_OUT_OF_ROOT = _("That body is outside the bodies you may import for.")


def _editable(item: ImportItem) -> None:
    if item.status == ItemStatus.APPLIED:
        raise ValidationError(MSG_ALREADY_APPLIED, code="applied")


@transaction.atomic
def item_save_review(*, item: ImportItem, record: dict, user) -> ImportItem:
    item = ImportItem.objects.select_for_update().select_related("batch__root").get(pk=item.pk)
    _editable(item)
    merged = {**item.record, **record}
    merged["event"] = {**(item.record.get("event") or {}), **(record.get("event") or {})}
    item.record = merged
    item.matches = match_record(
        merged, matching.Matcher(item.batch.root), previous=item.matches, text=item.text
    )
    item.status = ItemStatus.NEEDS_REVIEW
    item.reviewed_by = user
    item._history_user = user
    item.save()
    return item


@transaction.atomic
def item_choose(*, item: ImportItem, kind: str, index: int, choice, user) -> ImportItem:
    """A person's pick for one mention: an object id from the candidates, or "new"."""
    item = ImportItem.objects.select_for_update().select_related("batch__root").get(pk=item.pk)
    _editable(item)
    matches = dict(item.matches or {})
    if kind == "organizer":
        m = dict(matches.get("organizer") or {})
        target = Body.objects.filter(pk=int(choice)).first() if str(choice).isdigit() else None
        root = item.batch.root
        if target is None or not (
            target.path.startswith(root.path) or root.path.startswith(target.path)
        ):
            raise ValidationError(MSG_OUT_OF_ROOT, code="root")
        m.update(decision=matching.MATCHED, object_id=target.pk, by="user")
        matches["organizer"] = m
        text = (item.record.get("event") or {}).get("organizer") or ""
        key = matching.body_key(text)
        if key and key != matching.body_key(target.name):
            BodyAlias.objects.get_or_create(
                key=key[:255], body=target, defaults={"text": text[:255], "created_by": user}
            )
        # people's posts and reach depend on the organizer: match them again
        item.matches = matches
        item.matches = match_record(
            item.record, matching.Matcher(root), previous=matches, text=item.text
        )
    elif kind in ("people", "documents"):
        rows = list(matches.get(kind) or [])
        if not 0 <= index < len(rows):
            raise ValidationError(_("No such mention."), code="index")
        m = dict(rows[index])
        if choice == "new":
            m.update(decision=matching.NEW, object_id=None, by="user")
        else:
            ids = {c["id"] for c in m.get("candidates") or []}
            if not str(choice).isdigit() or int(choice) not in ids:
                raise ValidationError(_("Choose one of the candidates shown."), code="choice")
            m.update(decision=matching.MATCHED, object_id=int(choice), by="user")
        rows[index] = m
        matches[kind] = rows
        item.matches = matches
    else:
        raise ValidationError(_("No such mention."), code="kind")
    item._history_user = user
    item.save()
    return item


def item_confirm(*, item: ImportItem, user) -> ImportItem:
    with transaction.atomic():
        import_lock()
        item = ImportItem.objects.select_for_update().select_related("batch__root").get(pk=item.pk)
        _editable(item)
        matcher = matching.Matcher(item.batch.root)
        matcher.load_people([p.get("name") or "" for p in item.record.get("people") or []])
        item.reviewed_by = user
        item._history_user = user
        writer = Writer(user=user)
        conference = apply_item(
            item, matcher=matcher, writer=writer, questions=open_questions(item)
        )
        writer.add_item(item)
        writer.flush()
        # a congress report also fills the body's congress record (or links the one on record)
        congress_write(item, conference, matcher=matcher, user=user)
    return item


@transaction.atomic
def item_discard(*, item: ImportItem, user) -> ImportItem:
    """Discard a report: nothing is recorded from it. A report still waiting to be read
    counts as done for its batch (a worker that takes it up later leaves it alone)."""
    item = ImportItem.objects.select_for_update().get(pk=item.pk)
    _editable(item)
    waiting = item.status == ItemStatus.PENDING
    item.status = ItemStatus.DISCARDED
    item.reviewed_by = user
    item._history_user = user
    item.save()
    if waiting:
        batch_count_done(item.batch_id, 1)
    return item


@transaction.atomic
def batch_discard_waiting(*, batch: ImportBatch, user) -> int:
    """Discard every report of ``batch`` still waiting to be read (a batch whose worker is
    gone need not wait for it); returns how many. Reports being written by a worker at this
    moment are not waiting any more and stay as the worker leaves them."""
    items = list(
        ImportItem.objects.select_for_update().filter(batch=batch, status=ItemStatus.PENDING)
    )
    for item in items:
        item.status = ItemStatus.DISCARDED
        item.reviewed_by = user
    bulk_update_with_history(
        items, ImportItem, ["status", "reviewed_by"], default_user=user, batch_size=500
    )
    if items:
        batch_count_done(batch.pk, len(items))
    return len(items)
