"""Importing reports: ingest (dedupe, match, apply what is certain), review, bulk, uploads.

Every write of one report happens in one transaction, so an interruption (a crash, kill -9)
leaves either the whole report or nothing; re-running an import skips what is already in.
Concurrent workers serialize the short match-and-apply step (SQLite: the IMMEDIATE write
transaction; PostgreSQL: one advisory lock), while the slow part, reading and extracting,
runs in parallel outside it.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ctct.bodies.models import Body
from ctct.conferences.models import Kind
from ctct.imports import dedupe, match_beside, matching
from ctct.imports.apply import ConferenceKey, Writer, apply_item, event_date
from ctct.imports.archive import Rejected, Source, iter_sources
from ctct.imports.dedupe import DuplicateIndex, find_duplicate, find_duplicates
from ctct.imports.fingerprint import content_hash
from ctct.imports.models import (
    BatchStatus,
    BodyAlias,
    ImportBatch,
    ImportItem,
    ImportLink,
    ItemStatus,
)
from ctct.imports.prepare import Prepared, prepare, prepare_many, prepare_text

CHUNK = 100  # reports per transaction (and per bulk write) in bulk imports
QUEUE_CHUNK = 20  # reports per background task (one transaction, one bulk write)
ADVISORY_LOCK = 0x63746374  # "ctct"

MSG_ALREADY_APPLIED = _("This report has already been applied.")
MSG_NEEDS_ORGANIZER = _("Choose the body that held the conference.")
MSG_NEEDS_DATE = _("The date of the conference is missing: enter it with the year.")
MSG_NEEDS_KIND = _("Choose the kind of conference.")
MSG_NEEDS_CHOICE = _("Choose who %(name)s is: a person on record or a new one.")
MSG_NEEDS_DOC_CHOICE = _("Choose which document %(citation)s is.")
MSG_TWO_CHAIRS = _("Two people chair the conference (%(names)s): keep one chair.")
MSG_NOTHING = _("Choose at least one file or paste a report.")
MSG_TOO_LARGE = _("%(name)s is larger than %(limit)s MB; nothing was imported.")
MSG_TOTAL_TOO_LARGE = _("The files together exceed %(limit)s MB; nothing was imported.")
MSG_BAD_TYPE = _("%(name)s is not a report file (.txt, .html, .docx, .pdf or .zip).")
MSG_OUT_OF_ROOT = _("That body is outside the bodies you may import for.")
UPLOAD_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf", ".zip"}


# --- locking ---------------------------------------------------------------------------------
def _lock() -> None:
    """Serialize match-and-apply across workers (SQLite already does: IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])


# --- matching ------------------------------------------------------------------------------
def match_record(
    record: dict,
    matcher: matching.Matcher,
    previous: dict | None = None,
    text: str = "",
    *,
    ahead: dict | None = None,
) -> dict:
    """Decisions for the organizer, every person and every document of a record; a user's
    earlier choice for the same mention is kept.

    ``ahead``: the organizer and people decided beforehand by a copy of ``matcher`` taken
    right after ``preload_people`` (``match_ahead``, in a worker process of a bulk import).
    A person's decision is kept unless ``matcher`` has changed the people of that name since
    (someone of that name created, promoted or reloaded by the batch), so the result is the
    one ``matcher`` itself would give."""
    previous = previous or {}
    if ahead is not None:
        org = ahead["organizer"]
    else:
        org = _keep_choice(previous.get("organizer"), (record.get("event") or {}).get("organizer"))
        if org is None:
            org = _match_organizer(record, matcher, text)
    people = _match_people(record, matcher, org, previous, ahead)
    prev_docs = {m.get("key"): m for m in previous.get("documents") or [] if m.get("by") == "user"}
    docs = []
    for d in record.get("documents") or []:
        m, citation, key = matcher.document(d, text or record.get("text") or "")
        if key in prev_docs:
            docs.append(prev_docs[key])
            continue
        docs.append({**m.to_json(), "key": key, "citation": citation or matching.citation_of(d)})
    return {"organizer": org, "people": people, "documents": docs}


def match_ahead(record: dict, matcher: matching.Matcher, text: str = "") -> dict:
    """The organizer and people of a record, decided by a matcher that never writes (a
    worker's copy): ``match_record(..., ahead=...)`` re-checks them against the live one."""
    org = _match_organizer(record, matcher, text)
    return {"organizer": org, "people": _match_people(record, matcher, org, {}, None)}


def _match_organizer(record: dict, matcher: matching.Matcher, text: str) -> dict:
    event = record.get("event") or {}
    org = matcher.organizer(event.get("organizer"), text or record.get("text", "")).to_json()
    org["text"] = event.get("organizer") or ""
    return org


def _match_people(
    record: dict, matcher: matching.Matcher, org: dict, previous: dict, ahead: dict | None
) -> list[dict]:
    on = event_date(record)
    context = org["object_id"] if org["decision"] == matching.MATCHED else None
    mentions = record.get("people") or []
    matcher.load_people([p.get("name") or "" for p in mentions])
    prev_people = {m.get("key"): m for m in previous.get("people") or [] if m.get("by") == "user"}
    known = (ahead or {}).get("people") or []
    people = []
    for i, p in enumerate(mentions):
        key = _mention_key(p)
        if key in prev_people:
            people.append(prev_people[key])
        elif i < len(known) and not matcher.is_changed(p.get("name") or ""):
            people.append(known[i])
        else:
            m, _posts = matcher.person(p, on=on, context=context)
            people.append({**m.to_json(), "key": key})
    return people


def _keep_choice(previous: dict | None, text: str | None) -> dict | None:
    if previous and previous.get("by") == "user" and previous.get("text") == (text or ""):
        return previous
    return None


def _mention_key(p: dict) -> str:
    return "|".join([p.get("name") or "", p.get("rank") or "", ";".join(p.get("positions") or [])])


def open_questions(item: ImportItem) -> list[str]:
    """What keeps this item from being applied, in words; empty when it can be applied."""
    record, m = item.record or {}, item.matches or {}
    out = []
    if (m.get("organizer") or {}).get("decision") != matching.MATCHED:
        out.append(str(MSG_NEEDS_ORGANIZER))
    if event_date(record) is None:
        out.append(str(MSG_NEEDS_DATE))
    if (record.get("event") or {}).get("kind") not in Kind.values:
        out.append(str(MSG_NEEDS_KIND))
    for p, pm in zip(record.get("people") or [], m.get("people") or [], strict=False):
        if pm.get("decision") not in (matching.MATCHED, matching.NEW):
            out.append(
                _("Choose who %(name)s is: a person on record or a new one.")
                % {"name": p.get("name")}
            )
    for dm in m.get("documents") or []:
        if dm.get("decision") == matching.REVIEW:
            out.append(
                _("Choose which document %(citation)s is.") % {"citation": dm.get("citation")}
            )
    chairs = [
        p.get("name") for p in record.get("people") or [] if "chair" in (p.get("roles") or [])
    ]
    if len(chairs) > 1:
        out.append(
            _("Two people chair the conference (%(names)s): keep one chair.")
            % {"names": ", ".join(chairs)}
        )
    return out


# --- ingest ---------------------------------------------------------------------------------
def ingest(
    p: Prepared,
    *,
    batch: ImportBatch,
    order: int,
    matcher: matching.Matcher,
    user=None,
    item: ImportItem | None = None,
    writer: Writer | None = None,
    duplicates: DuplicateIndex | None = None,
) -> ImportItem:
    """One prepared report into an item: failed, duplicate, applied, or waiting for review.

    Alone, the report is written before this returns, in one transaction. A bulk import
    passes its ``writer`` (the rows wait for its flush at the end of the chunk, inside the
    chunk's transaction) and its ``duplicates`` index."""
    own = writer is None
    if own:
        writer = Writer(user=user)
    # In a bulk import the chunk's transaction holds the report; no savepoint of its own
    with transaction.atomic(savepoint=own):
        if own:
            _lock()
        if item is None:
            item = ImportItem(batch=batch, order=order)
        item.filename = p.name[:255]
        item.content_hash = p.content_hash
        item.text_hash = p.text_hash or ""
        item.text = p.text or ""
        item.record = p.record or {}
        item.sentence_hashes = p.sentence_hashes or []
        if p.error:
            code, params = p.error
            item.status = ItemStatus.FAILED
            item.reason = code
            item.matches = {"error": {"code": code, "params": params}}
        elif (
            dup := duplicates.find(p)
            if duplicates is not None
            else find_duplicate(p, exclude=item.pk)
        ) is not None:
            item.status = ItemStatus.DUPLICATE
            item.duplicate_of = dup
            if ImportItem.conference.is_cached(dup):
                item.conference = dup.conference
            else:
                item.conference_id = dup.conference_id
        else:
            item.matches = match_record(item.record, matcher, text=item.text, ahead=p.ahead)
            item.status = ItemStatus.NEEDS_REVIEW
            questions = open_questions(item)
            if not questions:
                try:  # refused before anything is written: nothing to undo
                    apply_item(item, matcher=matcher, writer=writer, questions=questions)
                except ValidationError as e:
                    item.status = ItemStatus.NEEDS_REVIEW
                    item.reason = "; ".join(e.messages)
            writer.fingerprints.append((item, sorted(set(p.sketch))))
            if duplicates is not None:
                duplicates.add(item, p)
        writer.add_item(item)
        if own:
            writer.flush()
    return item


# --- review ---------------------------------------------------------------------------------
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
        _lock()
        item = ImportItem.objects.select_for_update().select_related("batch__root").get(pk=item.pk)
        _editable(item)
        matcher = matching.Matcher(item.batch.root)
        matcher.load_people([p.get("name") or "" for p in item.record.get("people") or []])
        item.reviewed_by = user
        item._history_user = user
        writer = Writer(user=user)
        apply_item(item, matcher=matcher, writer=writer, questions=open_questions(item))
        writer.add_item(item)
        writer.flush()
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
        _count_done(item.batch_id, 1)
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
        _count_done(batch.pk, len(items))
    return len(items)


def _count_done(batch_id: int, n: int) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(processed=F("processed") + n)
    _finish(batch_id)


# --- bulk: ctct import ----------------------------------------------------------------------
@dataclass
class Summary:
    items: Counter = field(default_factory=Counter)
    records: Counter = field(default_factory=Counter)
    skipped: int = 0
    failures: list[tuple[str, str, dict]] = field(default_factory=list)
    batch_id: int | None = None

    def lines(self) -> list[str]:
        out = [f"{k}={v}" for k, v in sorted(self.items.items())]
        out.append(f"already_imported={self.skipped}")
        out += [f"{k}={v}" for k, v in sorted(self.records.items())]
        return out


def _rejected_prepared(r: Rejected) -> Prepared:
    return Prepared(
        name=r.name,
        content_hash=content_hash(f"rejected:{r.name}:{r.code}".encode()),
        text_hash="",
        text="",
        record={},
        sentence_hashes=[],
        sketch=[],
        error=(r.code, r.params),
    )


def import_paths(
    paths: Iterable[str | Path],
    *,
    root: Body,
    user=None,
    workers: int = 2,
    progress: bool = False,
    label: str = "",
) -> Summary:
    """Import every report under ``paths`` (files, directories, .zip archives). Reports
    already imported (same bytes) are skipped, so an interrupted run resumes by re-running."""
    from ctct.imports import recovery

    paths = [Path(p) for p in paths]
    recovery.recover()  # an earlier run that died is closed: this one reads what it left
    owner = recovery.new_worker_id("import")
    recovery.worker_beat(worker_id=owner)
    batch = ImportBatch.objects.create(
        root=root,
        source="command",
        label=(label or ", ".join(p.name for p in paths))[:255],
        status=BatchStatus.RUNNING,
        started_at=timezone.now(),
        created_by=user if getattr(user, "pk", None) else None,
        owner=owner,
    )
    try:
        return _import_sources(
            paths, batch, root=root, user=user, workers=workers, progress=progress
        )
    finally:
        # stopped half-way (an error, Ctrl-C): the batch says so; a kill -9 is closed by
        # the next run or worker (recovery)
        recovery.batch_close_interrupted(batch_id=batch.pk, owner=owner)
        recovery.worker_gone(worker_id=owner)


def _import_sources(
    paths: list[Path], batch: ImportBatch, *, root: Body, user, workers: int, progress: bool
) -> Summary:
    from ctct.imports import recovery

    summary = Summary(batch_id=batch.pk)
    known = set(ImportItem.objects.values_list("content_hash", flat=True))

    def fresh() -> Iterator[Source | Rejected]:
        for path in paths:
            for s in iter_sources(path):
                h = (
                    content_hash(s.data)
                    if isinstance(s, Source)
                    else _rejected_prepared(s).content_hash
                )
                if h in known:
                    summary.skipped += 1
                    continue
                known.add(h)
                yield s

    matcher = matching.Matcher(root)
    matcher.preload_people()
    matcher.preload_documents()
    writer = Writer(user=user, remember=True)
    duplicates = DuplicateIndex()
    bar = None
    if progress:
        from tqdm import tqdm

        class Bar(tqdm):
            # no monitor thread: the extraction processes are forked (match_beside needs
            # that) only from a process that runs one thread
            monitor_interval = 0

        bar = Bar(unit=" reports", desc="import", smoothing=0.05)
    order = 0
    # Reports are committed CHUNK at a time: each report is whole or absent either way (an
    # interrupted chunk rolls back and is read again on the re-run), and a commit per report
    # would cost more than the report.
    stream = _prepare_stream(fresh(), workers, ahead=matcher)
    while True:
        with transaction.atomic():
            _lock()
            writer.refresh()
            duplicates.refresh()
            done = 0
            for prepared in stream:
                item = ingest(
                    prepared,
                    batch=batch,
                    order=order,
                    matcher=matcher,
                    user=user,
                    writer=writer,
                    duplicates=duplicates,
                )
                order += 1
                done += 1
                summary.items[item.status] += 1
                if item.status == ItemStatus.FAILED:
                    error = item.matches.get("error", {})
                    summary.failures.append((item.filename, item.reason, error.get("params", {})))
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(summary.items, refresh=False)
                if done >= CHUNK:
                    break
            writer.flush()
            # the progress and a beat, committed with the chunk
            ImportBatch.objects.filter(pk=batch.pk).update(total=order, processed=order)
            recovery.worker_beat(worker_id=batch.owner)
        if done < CHUNK:
            break
    if bar is not None:
        bar.close()
    for kind, action, n in _link_counts(batch):
        summary.records[f"{kind}_{action}"] = n
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.DONE, total=order, processed=order, finished_at=timezone.now()
    )
    return summary


def _prepare_stream(
    sources: Iterator[Source | Rejected], workers: int, *, ahead: matching.Matcher | None = None
) -> Iterator[Prepared]:
    """Prepared reports in input order; a rejected archive member keeps a stable hash, so a
    re-run recognizes it as seen. With ``workers > 1`` and a preloaded matcher ``ahead``, the
    worker processes also match each report's organizer and people (``match_beside``)."""
    func = prepare
    if workers > 1 and ahead is not None and ahead.preloaded:
        func = match_beside.prepare_and_match
        match_beside.start(ahead)
    try:
        for p in prepare_many(sources, workers, func=func):
            if p.error and not p.content_hash:
                p.content_hash = content_hash(f"rejected:{p.name}:{p.error[0]}".encode())
            yield p
    finally:
        match_beside.stop()


def _link_counts(batch: ImportBatch):
    rows = (
        ImportLink.objects.filter(item__batch=batch)
        .values_list("kind", "action")
        .annotate(n=Count("id"))
    )
    return sorted(rows)


# --- uploads and background jobs --------------------------------------------------------------
def _batch_dir(batch: ImportBatch) -> Path:
    return Path(settings.CTCT_IMPORT_DIR) / str(batch.pk)


def upload_start(
    *, root: Body, user, files: list, pasted_text: str = "", pasted_name: str = ""
) -> ImportBatch:
    """Store the uploads and queue the batch; returns at once (workers do the reading)."""
    files = [f for f in files or [] if f is not None]
    if not files and not (pasted_text or "").strip():
        raise ValidationError(MSG_NOTHING, code="nothing")
    limit = settings.CTCT_MAX_UPLOAD_MB
    total_limit = settings.CTCT_MAX_IMPORT_MB
    total = 0
    for f in files:
        name = Path(f.name).name
        if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise ValidationError(MSG_BAD_TYPE, code="type", params={"name": name})
        per_file = total_limit if name.lower().endswith(".zip") else limit
        if f.size > per_file * 1024 * 1024:
            raise ValidationError(
                MSG_TOO_LARGE, code="too_large", params={"name": name, "limit": per_file}
            )
        total += f.size
    if total > total_limit * 1024 * 1024:
        raise ValidationError(MSG_TOTAL_TOO_LARGE, code="total", params={"limit": total_limit})
    label = ", ".join(Path(f.name).name for f in files[:3]) + (" …" if len(files) > 3 else "")
    if not label:
        label = pasted_name.strip() or _("Pasted text")
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            root=root, source="upload" if files else "paste", label=label[:255], created_by=user
        )
    folder = _batch_dir(batch) / "upload"
    folder.mkdir(parents=True, exist_ok=True)
    # On disk each upload is "<n><suffix>"; its name as the user gave it (any characters,
    # any length) stays in names.json.
    names: dict[str, str] = {}
    try:
        for i, f in enumerate(files):
            stored = f"{i:04d}{Path(f.name).suffix.lower()}"
            names[stored] = Path(f.name).name
            with open(folder / stored, "wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
        if (pasted_text or "").strip():
            stored = f"{len(files):04d}.paste"
            names[stored] = " ".join(pasted_name.split()) or str(_("Pasted text"))
            (folder / stored).write_text(pasted_text, "utf-8")
        (folder.parent / "names.json").write_text(json.dumps(names, ensure_ascii=False), "utf-8")
    except OSError:
        shutil.rmtree(_batch_dir(batch), ignore_errors=True)
        batch.delete()
        raise
    from ctct.imports.tasks import expand_batch

    result = expand_batch.enqueue(batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))
    batch.refresh_from_db()
    return batch


def expand(batch: ImportBatch) -> int:
    """List the batch's uploads (opening archives) into waiting items, one task for each
    ``QUEUE_CHUNK`` of them.

    The members are stored on disk first; then the items, the batch's counts and the tasks
    are written in one transaction. A worker that dies while listing leaves nothing in the
    database, and the task run again (``recovery``) lists the batch once: a batch whose items
    are there already is left as it is."""
    from ctct.imports.tasks import process_items

    folder = _batch_dir(batch) / "upload"
    items_dir = _batch_dir(batch) / "items"
    items_dir.mkdir(parents=True, exist_ok=True)
    ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=timezone.now()
    )
    items: list[ImportItem] = []
    manifest = folder.parent / "names.json"
    names = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    for upload in sorted(folder.iterdir()) if folder.exists() else []:
        name = names.get(upload.name, upload.name)
        if upload.suffix == ".paste":
            sources: Iterable = [Source(name=name, data=upload.read_bytes())]
        else:
            sources = iter_sources(upload)
        for s in sources:
            order = len(items)
            filename = s.name.replace(upload.name, name, 1)[:255]
            if isinstance(s, Source):
                suffix = ".paste" if upload.suffix == ".paste" else Path(s.name).suffix.lower()
                stored = items_dir / f"{order:06d}{suffix}"
                stored.write_bytes(s.data)
                item = ImportItem(
                    batch=batch,
                    order=order,
                    filename=filename,
                    content_hash=content_hash(s.data),
                    stored_name=stored.name,
                )
            else:
                item = ImportItem(
                    batch=batch,
                    order=order,
                    filename=filename,
                    content_hash=_rejected_prepared(s).content_hash,
                    status=ItemStatus.FAILED,
                    reason=s.code,
                    matches={"error": {"code": s.code, "params": s.params}},
                )
            items.append(item)
    with transaction.atomic():
        listed = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if listed.items.exists():  # listed by an earlier run of the task
            return listed.total
        made = bulk_create_with_history(
            items, ImportItem, batch_size=500, default_user=batch.created_by
        )
        waiting = [i.pk for i in made if i.status == ItemStatus.PENDING]
        ImportBatch.objects.filter(pk=batch.pk).update(
            total=len(made), processed=len(made) - len(waiting)
        )
        for i in range(0, len(waiting), QUEUE_CHUNK):
            process_items.enqueue(waiting[i : i + QUEUE_CHUNK])
        if not waiting:
            _finish(batch.pk)
    return len(made)


def _prepare_stored(item: ImportItem) -> Prepared:
    stored = _batch_dir(item.batch) / "items" / item.stored_name
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
    global _kept
    items = list(
        ImportItem.objects.filter(pk__in=item_ids, status=ItemStatus.PENDING)
        .select_related("batch__root")
        .order_by("order", "id")
    )
    if not items:
        return
    prepared = {item.pk: _prepare_stored(item) for item in items}
    batch = items[0].batch
    matcher, people_mark = _task_matcher(batch)
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
        _lock()
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
    _kept = (_batch_key(batch), matcher, people_mark)  # written: the next task may use it
    _finish(batch.pk)


def _conference_key(p: Prepared) -> ConferenceKey | None:
    """The (body, kind, day) of the conference a report matched ahead would be."""
    org = (p.ahead or {}).get("organizer") or {}
    record = p.record or {}
    kind, on = (record.get("event") or {}).get("kind"), event_date(record)
    if org.get("decision") != matching.MATCHED or not kind or on is None:
        return None
    return (org["object_id"], kind, on)


# The matcher a worker keeps from one task to the next of the same batch: the namesakes read
# for earlier reports are read again only where their history moved since (refresh_people),
# so names named report after report are read once. Kept only after the task's transaction
# committed (the people a failed task learned were never written), dropped past KEEP_PEOPLE.
_kept: tuple[tuple, matching.Matcher, tuple[int, int, int]] | None = None
KEEP_PEOPLE = 200_000


def _batch_key(batch: ImportBatch) -> tuple:
    return (batch.pk, batch.created_at)  # ids come back after a rollback; the time does not


def _task_matcher(batch: ImportBatch) -> tuple[matching.Matcher, tuple[int, int, int]]:
    """A matcher for a task of ``batch`` and the mark of the people's history it is current
    to: the one kept from this batch's previous task, brought up to date, or a new one."""
    global _kept
    kept, _kept = _kept, None  # taken: a task that fails leaves nothing behind
    mark = matching.people_mark()
    if kept is None or kept[0] != _batch_key(batch) or len(kept[1].people_by_id) > KEEP_PEOPLE:
        return matching.Matcher(batch.root), mark
    _key, matcher, since = kept
    matcher.refresh_bodies()
    matcher.refresh_people(since)  # reads up to now: past ``mark``, which stays safe to use
    return matcher, mark


def process(item_id: int) -> None:
    """Read, extract and ingest one waiting item (run by a worker)."""
    item = ImportItem.objects.select_related("batch__root").get(pk=item_id)
    if item.status != ItemStatus.PENDING:
        return
    p = _prepare_stored(item)
    with transaction.atomic():
        _lock()
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
    _finish(item.batch_id)


def _finish(batch_id: int) -> None:
    ImportBatch.objects.filter(pk=batch_id, processed__gte=F("total")).exclude(
        status=BatchStatus.DONE
    ).update(status=BatchStatus.DONE, finished_at=timezone.now())
