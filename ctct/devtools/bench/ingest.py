"""``ctct bench ingest --reports N``: importing an archive of reports into the army-scale tree.

Inside the scratch database: the demo organization (``--bodies``, one military tree), the
generated world on top of it (careers, namesakes, citable documents: ``worldgen``), then
``--reports`` generated reports with their ground truth (timed apart: ``generate_s``), then
the import itself, timed: ``import_s`` is ``bulk.import_paths`` over the files (read,
extract in ``--workers`` processes, dedupe, match, apply, index), as ``ctct import`` runs it.

Scored against the truth, from what the import stored (``ImportItem.record`` and
``ImportItem.matches``), mention by mention:

- ``match_precision``: correct automatic matches / automatic matches (an automatic match of
  someone who is not in the database, or of a name the report does not hold, is wrong;
  except a later mention of someone not on record matched to the one record this import
  created for them from an earlier report: ``match_precision_strict`` counts those wrong too);
- ``match_recall``: correct automatic matches / mentions of people who are in the database;
- ``review_share``: mentions sent to a person / mentions; ``false_new``: mentions of people
  in the database that were taken for new people;
- ``organizer_correct``, ``documents_matched_share`` (every citation of a document ends on
  the one record of it: the registered one, or the one the import created),
  ``duplicates_detected`` of ``duplicates_expected`` (``duplicates_false``: distinct reports
  taken for copies), ``failed``, and the items by status;
- ``rerun_created``: items and records a second run over the same files creates (0).

``--queue-workers 1,2`` also measures the background path: the same reports queued as an
upload (``tasks.batch_expand``: a task per ``QUEUE_CHUNK`` reports) and run by K ``ctct
db_worker`` processes, each K in a copy of
the database as it was before the import (``queue_import_s_K``), then checked for anything
created twice. Meaningful on PostgreSQL (SQLite serializes writers).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from django.db import connection

from ctct.devtools.bench.util import emit
from ctct.text import fold


def add_arguments(parser) -> None:
    parser.add_argument("--reports", type=int, default=10000, help="reports to generate")
    parser.add_argument("--bodies", type=int, default=20000)
    parser.add_argument("--people-per-body", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--queue-workers",
        default="",
        help="also time the background path with these numbers of db_worker processes: 1,2",
    )
    parser.add_argument("--keep", default="", help="write the reports here and keep them")
    parser.add_argument("--show", type=int, default=5, help="wrong matches to print")


# --- scoring (plain data, no database) ------------------------------------------------------
def score(truth: dict, items: list[dict], *, show: int = 0) -> dict:
    """Score the import of the generated reports against their truth.

    ``items``: one dict per imported file with ``filename``, ``status``, ``record`` and
    ``matches`` (as stored on ``ImportItem``), ``duplicate_of`` (the filename of the item it
    duplicates, or None), ``documents`` (canonical key -> id of the Document the item created
    or linked) and ``created_people`` (folded name -> id of each Person the item created),
    both from the item's ``ImportLink`` rows.

    A person not on record has a ``new_key`` in the truth (the post they hold: the same
    outsider may come back in later reports). An automatic match of such a mention is right
    only when it is the one record the import created for that outsider
    (``auto_correct_created``); ``match_precision_strict`` counts even those as wrong.
    """
    files = truth["files"]
    c: Counter = Counter()
    wrong: list[str] = []
    doc_ids: dict[str, set] = defaultdict(set)  # truth key without a record -> ids it got
    doc_pending: list[tuple[str, int | None]] = []
    created: dict[str, set] = defaultdict(set)  # outsider -> people the import made for them
    outsiders: list[tuple[str, int | None, str]] = []
    for it in items:
        t = files.get(it["filename"])
        if t is None:
            c["unknown_files"] += 1
            continue
        status = it["status"]
        c[f"status_{status}"] += 1
        if status == "duplicate":
            dup = it.get("duplicate_of")
            same = (
                dup is not None
                and dup != it["filename"]
                and files.get(dup, {}).get("group") == t["group"]
            )
            c["duplicates_detected" if same else "duplicates_false"] += 1
            continue
        c["scored_items"] += 1
        record, matches = it.get("record") or {}, it.get("matches") or {}
        c["truth_in_db"] += sum(m["person_id"] is not None for m in t["people"])
        c["truth_mentions"] += len(t["people"])
        org = matches.get("organizer") or {}
        if org.get("decision") == "matched" and org.get("object_id") == t["organizer"]:
            c["organizer_correct"] += 1
        elif org.get("decision") == "matched":
            c["organizer_wrong"] += 1
        by_name = {fold(m["name"]): m for m in t["people"]}
        for p, m in zip(record.get("people") or [], matches.get("people") or [], strict=False):
            tm = by_name.get(fold(p.get("name") or ""))
            want = tm["person_id"] if tm else None
            decision = m.get("decision")
            c["mentions"] += 1
            described = (
                f"{it['filename']}: {p.get('rank') or ''} {p.get('name')} "
                f"{p.get('positions')} -> {m.get('object_id')}, truth {want}"
            )
            if decision == "matched" and m.get("by", "auto") == "auto":
                c["auto"] += 1
                if want is not None and m.get("object_id") == want:
                    c["auto_correct"] += 1
                elif tm and want is None and tm.get("new_key"):
                    # someone not on record: right only if it is the record this import
                    # created for the same person from an earlier mention (decided below)
                    outsiders.append((tm["new_key"], m.get("object_id"), described))
                else:
                    kind = "not_in_db" if tm and want is None else "other_person"
                    kind = kind if tm else "not_in_truth"
                    c[f"auto_wrong_{kind}"] += 1
                    wrong.append(described)
            elif decision == "review":
                c["review"] += 1
            elif decision == "new":
                c["new"] += 1
                c["false_new"] += want is not None
                made = (it.get("created_people") or {}).get(fold(p.get("name") or ""))
                if tm and want is None and tm.get("new_key") and made:
                    created[tm["new_key"]].add(made)
            else:
                c["undecided"] += 1
        # documents: each truth citation should end on its one record
        got: dict[str, int | None] = {}
        for dm in matches.get("documents") or []:
            key = dm.get("key")
            if dm.get("decision") == "matched" and dm.get("object_id"):
                got[key] = dm["object_id"]
            elif dm.get("decision") == "new":
                got[key] = (it.get("documents") or {}).get(key)
        for d in t["documents"]:
            c["doc_mentions"] += 1
            pk = got.get(d["key"])
            if d["document_id"] is not None:
                c["doc_correct"] += pk == d["document_id"]
            elif pk is not None:
                doc_ids[d["key"]].add(pk)
                doc_pending.append((d["key"], pk))
    c["doc_correct"] += sum(len(doc_ids[k]) == 1 for k, _pk in doc_pending)
    for key, pk, described in outsiders:
        if pk is not None and created[key] == {pk}:
            c["auto_correct_created"] += 1
        else:
            c["auto_wrong_not_in_db"] += 1
            wrong.append(described)
    # A file of the same bytes as one already read is skipped before it becomes an item.
    seen = {it["filename"] for it in items}
    for group in truth.get("groups") or []:
        if any(f in seen for f in group):
            c["duplicates_skipped"] += sum(f not in seen for f in group)
    auto = c["auto"]
    right = c["auto_correct"] + c["auto_correct_created"]
    out = {
        "match_precision": right / auto if auto else 1.0,
        "match_precision_strict": c["auto_correct"] / auto if auto else 1.0,
        "match_recall": c["auto_correct"] / c["truth_in_db"] if c["truth_in_db"] else 1.0,
        "review_share": c["review"] / c["mentions"] if c["mentions"] else 0.0,
        "false_new": c["false_new"],
        "organizer_correct": c["organizer_correct"] / c["scored_items"]
        if c["scored_items"]
        else 1.0,
        "documents_matched_share": c["doc_correct"] / c["doc_mentions"]
        if c["doc_mentions"]
        else 1.0,
        "duplicates_detected": c["duplicates_detected"] + c["duplicates_skipped"],
        "duplicates_expected": truth.get("expected_duplicates", 0),
        "duplicates_false": c["duplicates_false"],
        "failed": c["status_failed"],
        "counts": c,
        "wrong": wrong[:show],
    }
    return out


def items_of(batch_id: int) -> list[dict]:
    """The batch's items as ``score`` reads them (documents from the items' links)."""
    from ctct.documents.models import Document
    from ctct.imports.models import ImportItem, ImportLink
    from ctct.people.models import Person

    rows = list(
        ImportItem.objects.filter(batch_id=batch_id)
        .order_by("order", "id")
        .values_list("id", "filename", "status", "record", "matches", "duplicate_of__filename")
    )
    links: dict[int, list[int]] = defaultdict(list)
    for item_id, pk in ImportLink.objects.filter(
        item__batch_id=batch_id, kind="document"
    ).values_list("item_id", "object_id"):
        links[item_id].append(pk)
    keys = dict(
        Document.objects.filter(pk__in={pk for v in links.values() for pk in v}).values_list(
            "id", "canonical_key"
        )
    )
    made: dict[int, dict[str, int]] = defaultdict(dict)
    person_links = ImportLink.objects.filter(
        item__batch_id=batch_id, kind="person", action="created"
    ).values_list("item_id", "object_id")
    person_links = list(person_links)
    names = dict(
        Person.objects.filter(pk__in=[pk for _i, pk in person_links]).values_list("id", "full_name")
    )
    for item_id, pk in person_links:
        made[item_id][fold(names.get(pk, ""))] = pk
    return [
        {
            "filename": filename,
            "status": status,
            "record": record,
            "matches": matches,
            "duplicate_of": dup,
            "documents": {keys.get(pk): pk for pk in links.get(pk_item, [])},
            "created_people": made.get(pk_item, {}),
        }
        for pk_item, filename, status, record, matches, dup in rows
    ]


def emit_score(stdout, s: dict, prefix: str = "") -> None:
    for name in (
        "match_precision",
        "match_precision_strict",
        "match_recall",
        "review_share",
        "false_new",
        "organizer_correct",
        "documents_matched_share",
        "duplicates_detected",
        "duplicates_expected",
        "duplicates_false",
        "failed",
    ):
        value = s[name]
        emit(stdout, prefix + name, f"{value:.4f}" if isinstance(value, float) else value)
    c = s["counts"]
    names = ("mentions", "auto", "auto_correct", "auto_correct_created", "review", "new")
    for name in (*names, "truth_in_db"):
        emit(stdout, prefix + name, c[name])
    for name in sorted(k for k in c if k.startswith(("auto_wrong_", "status_"))):
        emit(stdout, prefix + name, c[name])


# --- the record counts a run changes ----------------------------------------------------------
def record_counts() -> dict[str, int]:
    from ctct.conferences.models import Conference, Participant
    from ctct.documents.models import Document
    from ctct.imports.models import ImportItem, ImportLink
    from ctct.people.models import Person, Position, RankRecord
    from ctct.ratings.models import Award

    models = {
        "items": ImportItem,
        "links": ImportLink,
        "conferences": Conference,
        "participants": Participant,
        "people": Person,
        "positions": Position,
        "rank_records": RankRecord,
        "documents": Document,
        "awards": Award,
    }
    return {k: m.objects.count() for k, m in models.items()}


def duplicates_in_db() -> dict[str, int]:
    """Records the import may have made twice: conferences of one body, kind and day; people
    of one name and home body created by the import; documents of one key and issuer."""
    from django.db.models import Count

    from ctct.conferences.models import Conference
    from ctct.documents.models import Document
    from ctct.imports.models import ImportLink
    from ctct.people.models import Person

    def groups(qs, *fields) -> int:
        return qs.values(*fields).annotate(n=Count("id")).filter(n__gt=1).count()

    created = ImportLink.objects.filter(kind="person", action="created").values("object_id")
    return {
        "conferences": groups(Conference.objects.all(), "body_id", "kind", "held_on"),
        "people": groups(Person.objects.filter(pk__in=created), "full_name", "body_id"),
        "documents": groups(Document.objects.all(), "canonical_key", "issuer_id", "issuer_name"),
    }


# --- copies of the scratch database for the queue runs ----------------------------------------
class Snapshot:
    """The scratch database as it is now, copied aside; ``clone(name)`` makes a database from
    it and points the default connection there until ``restore()``."""

    def __init__(self, tag: str):
        self.settings = connection.settings_dict
        self.home = self.settings["NAME"]
        self.made: list[str] = []
        connection.close()
        if connection.vendor == "postgresql":
            self.name = f"{self.home}_{tag}"
            self._pg(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._pg(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.home}"')
        else:
            self.name = f"{self.home}.{tag}"
            shutil.copyfile(self.home, self.name)
        self.made.append(self.name)

    def _pg(self, sql: str) -> None:
        with connection._nodb_cursor() as cur:
            cur.execute(sql)

    def clone(self, tag: str) -> str:
        connection.close()
        if connection.vendor == "postgresql":
            name = f"{self.home}_{tag}"
            self._pg(f'DROP DATABASE IF EXISTS "{name}"')
            self._pg(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')
        else:
            name = f"{self.home}.{tag}"
            shutil.copyfile(self.name, name)
        self.made.append(name)
        self.settings["NAME"] = name
        return name

    def url(self) -> str:
        s = self.settings
        if connection.vendor == "postgresql":
            auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
            return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        return f"sqlite:///{s['NAME']}"

    def restore(self) -> None:
        connection.close()
        self.settings["NAME"] = self.home

    def drop(self) -> None:
        self.restore()
        for name in self.made:
            if connection.vendor == "postgresql":
                self._pg(f'DROP DATABASE IF EXISTS "{name}"')
            else:
                Path(name).unlink(missing_ok=True)


def _queue_run(cmd, snap: Snapshot, k: int, out_dir: Path, expected: dict) -> None:
    """Queue every report (one task per item) and run ``k`` db_worker processes until done."""
    from ctct.bodies.models import Body
    from ctct.imports import batches, tasks
    from ctct.imports.models import ImportBatch, ImportItem

    snap.clone(f"q{k}")
    try:
        root = Body.objects.filter(depth=1).order_by("path").first()
        batch = ImportBatch.objects.create(root=root, source="upload", label=f"queue {k}")
        upload = batches.batch_dir(batch) / "upload"
        upload.mkdir(parents=True, exist_ok=True)
        from ctct.devtools.worldgen import report_paths

        for i, p in enumerate(report_paths(out_dir)):
            shutil.copyfile(p, upload / f"{i:06d}-{p.name}")
        env = {**os.environ, "DATABASE_URL": snap.url()}
        argv = [sys.executable, "-m", "ctct.cli", "db_worker", "--batch", "--no-reload"]
        argv += ["--no-startup-delay", "--interval", "0.05"]
        t0 = time.perf_counter()
        tasks.batch_expand(batch)  # one process_items task per QUEUE_CHUNK reports
        connection.close()  # the workers write; keep no transaction or lock open here
        procs = [
            subprocess.Popen(
                [*argv, "--worker-id", f"bench-{k}-{i}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for i in range(k)
        ]
        errors = [p.communicate()[1] for p in procs]
        elapsed = time.perf_counter() - t0
        emit(cmd.stdout, f"queue_import_s_{k}", elapsed)
        for p, err in zip(procs, errors, strict=True):
            if p.returncode:
                cmd.stdout.write(f"# db_worker exit {p.returncode}: {err.decode()[-800:]}")
        statuses = Counter(ImportItem.objects.filter(batch=batch).values_list("status", flat=True))
        emit(cmd.stdout, f"queue_{k}_items", sum(statuses.values()))
        for status, n in sorted(statuses.items()):
            emit(cmd.stdout, f"queue_{k}_status_{status}", n)
        counts = record_counts()
        for name in ("conferences", "people", "documents"):
            emit(cmd.stdout, f"queue_{k}_{name}_created", counts[name] - expected[name])
        for name, n in duplicates_in_db().items():
            emit(cmd.stdout, f"queue_{k}_duplicate_{name}", n)
        shutil.rmtree(batches.batch_dir(batch), ignore_errors=True)
    finally:
        snap.restore()


# --- the run --------------------------------------------------------------------------------
def run(
    cmd,
    *,
    reports: int,
    bodies: int,
    people_per_body: float,
    workers: int,
    seed: int,
    queue_workers: str,
    keep: str,
    show: int,
    **_,
):
    import json

    from ctct.bodies.models import Body
    from ctct.devtools import worldgen
    from ctct.devtools.demo import build_demo
    from ctct.imports import bulk

    out = cmd.stdout
    emit(out, "database", connection.vendor)
    t0 = time.perf_counter()
    build_demo(bodies=bodies, seed=seed, people_per_body=people_per_body, civil_share=0.0)
    emit(out, "demo_s", time.perf_counter() - t0)
    t0 = time.perf_counter()
    world = worldgen.build_world(seed=seed)
    emit(out, "world_s", time.perf_counter() - t0)
    for name, value in worldgen.summary_lines(world).items():
        emit(out, f"world_{name}", value)
    counts = record_counts()
    emit(out, "bodies", Body.objects.count())
    emit(out, "people", counts["people"])

    tmp = None
    if keep:
        out_dir = Path(keep)
        if out_dir.exists():
            shutil.rmtree(out_dir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ctct-ingest-")
        out_dir = Path(tmp.name)
    try:
        t0 = time.perf_counter()
        truth = worldgen.generate_reports(out_dir, reports, seed=seed)
        paths = worldgen.report_paths(out_dir)
        emit(out, "generate_s", time.perf_counter() - t0)
        emit(out, "files", len(paths))
        emit(out, "truth_mentions", truth["mentions"])

        ks = [int(k) for k in queue_workers.split(",") if k.strip()]
        snap = Snapshot("pre") if ks else None
        try:
            root = Body.objects.filter(depth=1).order_by("path").first()
            t0 = time.perf_counter()
            summary = bulk.import_paths(
                paths, root=root, user=None, workers=workers, progress=True, label="bench"
            )
            elapsed = time.perf_counter() - t0
            emit(out, "reports", reports)
            emit(out, "import_s", elapsed)
            emit(out, "reports_per_s", len(paths) / elapsed if elapsed else 0.0)
            s = score(truth, items_of(summary.batch_id), show=show)
            emit_score(out, s)
            for line in s["wrong"]:
                out.write(f"# wrong: {line}")
            after = record_counts()
            for name in ("conferences", "people", "documents", "participants"):
                emit(out, f"{name}_created", after[name] - counts[name])
            for name, n in duplicates_in_db().items():
                emit(out, f"duplicate_{name}", n)
            # Nothing duplicated: a second run over the same files adds nothing.
            t0 = time.perf_counter()
            again = bulk.import_paths(paths, root=root, user=None, workers=workers)
            emit(out, "rerun_s", time.perf_counter() - t0)
            final = record_counts()
            emit(out, "rerun_created", sum(final[k] - after[k] for k in final))
            emit(out, "rerun_skipped", again.skipped)
            if keep:
                (out_dir / "scores.json").write_text(
                    json.dumps({k: v for k, v in s.items() if k != "counts"}, indent=1), "utf-8"
                )
            if snap is not None:
                for k in ks:  # each from the database as it was before the import
                    _queue_run(cmd, snap, k, out_dir, counts)
        finally:
            if snap is not None:
                snap.drop()
    finally:
        if tmp is not None:
            tmp.cleanup()
