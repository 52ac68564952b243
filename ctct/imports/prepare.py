"""One report's bytes to what the import stores: text, record, hashes (plain Python, no Django).

``prepare(name, data)`` reads the bytes by the name's suffix (.txt in any legacy encoding,
.html, .docx, .pdf), runs the extraction engine and computes the fingerprints. It never raises:
a file that cannot be read, or that is not a conference report, comes back with
``Prepared.error = (code, params)``; an unexpected failure is ``("internal", {"error": ...})``.
A report that reads but is not about a conference keeps its text and record, so a user may
still open it.

``prepare_many(sources, workers)`` runs ``prepare`` over many files, in worker processes when
``workers > 1``, and yields the results in input order; a ``Rejected`` from ``archive`` becomes
a ``Prepared`` carrying its code.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ctct.extract import extract_text, readers
from ctct.extract.readers import ExtractError
from ctct.imports.archive import Rejected, Source
from ctct.imports.fingerprint import content_hash, sentence_hashes, sketch, text_hash

__all__ = [
    "CODES",
    "CONFERENCE_KINDS",
    "MAX_BYTES",
    "MAX_RESTARTS",
    "Prepared",
    "WorkersFailed",
    "die_with_parent",
    "is_conference",
    "prepare",
    "prepare_many",
    "prepare_text",
    "process_running",
]

MAX_BYTES = readers.MAX_BYTES

TOO_LARGE = "too_large"
EMPTY = "empty"
UNSUPPORTED = "unsupported"
NOT_TEXT = "not_text"
BAD_DOCX = "bad_docx"
BAD_PDF = "bad_pdf"
PDF_NO_TEXT = "pdf_no_text"
PDF_ENCRYPTED = "pdf_encrypted"
BAD_HTML = "bad_html"
NO_TEXT = "no_text"
UNREADABLE = "unreadable"
NOT_CONFERENCE = "not_conference"
INTERNAL = "internal"

#: Every code ``prepare`` can put in ``Prepared.error`` (``prepare_many`` also passes on the
#: codes of ``archive.CODES``).
CODES = (
    TOO_LARGE,
    EMPTY,
    UNSUPPORTED,
    NOT_TEXT,
    BAD_DOCX,
    BAD_PDF,
    PDF_NO_TEXT,
    PDF_ENCRYPTED,
    BAD_HTML,
    NO_TEXT,
    UNREADABLE,
    NOT_CONFERENCE,
    INTERNAL,
)

#: Event kinds that only a conference or congress has (the engine's fallback is "other").
CONFERENCE_KINDS = frozenset({"so_ket", "tong_ket", "ra_nghi_quyet", "quan_triet", "dai_hoi"})
# A kind word found outside the lead sentence ("... sẽ tổng kết, rút kinh nghiệm") counts only
# when the report names a meeting somewhere.
_MEETING_RE = re.compile(r"(?<!\w)(?:hội nghị|đại hội)(?!\w)", re.IGNORECASE)

_HTML_START = (b"<!doctype html", b"<html")
#: Suffixes the readers take (``archive`` hands on only .txt, .html, .htm, .docx and .pdf).
READABLE_SUFFIXES = (*readers.TEXT_SUFFIXES, *readers.HTML_SUFFIXES, ".docx", ".pdf")


def _prefix(template: str) -> str:
    """The fixed start of a reader's message template ("file too large: {size}..." ->
    "file too large:")."""
    return template.split("{", 1)[0]


# (message prefix, code, whether the rest of the message is worth keeping as "detail")
_READER_CODES: tuple[tuple[str, str, bool], ...] = (
    (_prefix(readers.MSG_TOO_LARGE), TOO_LARGE, False),
    (_prefix(readers.MSG_EMPTY), EMPTY, False),
    (_prefix(readers.MSG_UNSUPPORTED), UNSUPPORTED, False),
    (_prefix(readers.MSG_NOT_TEXT), NOT_TEXT, True),
    (_prefix(readers.MSG_BAD_DOCX), BAD_DOCX, True),
    (_prefix(readers.MSG_BAD_PDF), BAD_PDF, True),
    (_prefix(readers.MSG_PDF_NO_TEXT), PDF_NO_TEXT, False),
    (_prefix(readers.MSG_PDF_ENCRYPTED), PDF_ENCRYPTED, False),
    (_prefix(readers.MSG_BAD_HTML), BAD_HTML, True),
    (_prefix(readers.MSG_NO_TEXT), NO_TEXT, False),
)


@dataclass
class Prepared:
    """What one report gives the import. ``text`` is the cleaned text ``record``'s spans point
    into (``record["text"]`` holds it too: the record is ``extract_text``'s output as is);
    ``error`` is None for a conference report read in full. A refused file keeps what was
    computed before the refusal (its ``content_hash`` unless it was too large; its text and
    record when it is ``not_conference``)."""

    name: str
    content_hash: str = ""
    text_hash: str = ""
    text: str = ""
    record: dict | None = None
    sentence_hashes: list[int] = field(default_factory=list)
    sketch: list[int] = field(default_factory=list)
    error: tuple[str, dict] | None = None
    # Decisions made beforehand for the record by the caller's ``func`` in a worker process
    # (the import's matching, done beside the extraction); None when not made.
    ahead: dict | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def code(self) -> str | None:
        return self.error[0] if self.error else None


def error_code(exc: ExtractError) -> tuple[str, dict]:
    """The code and params of a reader's refusal (matched on the readers' MSG_* templates)."""
    reason = exc.reason
    for prefix, code, detailed in _READER_CODES:
        if reason.startswith(prefix):
            detail = reason[len(prefix) :].strip()
            if code == BAD_PDF and "decrypt" in detail.lower():
                # read_pdf tries the empty password, and pypdf then fails on the first page
                # ("File has not been decrypted") rather than in decrypt()
                return PDF_ENCRYPTED, {}
            return code, ({"detail": detail} if detailed and detail else {})
    return UNREADABLE, {"detail": reason}


def _suffix(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def read_bytes(name: str, data: bytes) -> str:
    """The text of a report file's bytes, chosen by the name's suffix; ``ExtractError``
    when it cannot be read."""
    suffix = _suffix(name)
    if suffix in readers.HTML_SUFFIXES:
        return readers.read_html(data)
    if suffix == ".docx":
        return readers.read_docx(data)
    if suffix == ".pdf":
        return readers.read_pdf(data)
    if suffix in readers.TEXT_SUFFIXES:
        if data[:1024].lstrip()[:15].lower().startswith(_HTML_START):
            return readers.read_html(data)
        return readers.read_txt(data)
    raise ExtractError(readers.MSG_UNSUPPORTED.format(suffix=suffix))


def is_conference(record: dict) -> bool:
    """Whether the engine read a conference in ``record``: a conference kind (in the lead, or
    anywhere when the report names a meeting), an organizer, or a dated lead sentence with a
    conference phrase ("Ngày 20/6, ... tổ chức Hội nghị ...")."""
    event = record.get("event") or {}
    spans = event.get("spans") or {}
    if event.get("organizer"):
        return True
    if event.get("kind") in CONFERENCE_KINDS:
        if spans.get("kind") or _MEETING_RE.search(record.get("text") or ""):
            return True
    return bool(spans.get("kind") and (event.get("date") or spans.get("date")))


def _from_text(prepared: Prepared, text: str) -> Prepared:
    if not text.strip():
        prepared.error = (NO_TEXT, {})
        return prepared
    record = extract_text(text, source=prepared.name)
    cleaned = record.get("text") or ""
    prepared.record = record
    prepared.text = cleaned
    prepared.text_hash = text_hash(cleaned)
    prepared.sentence_hashes = sentence_hashes(cleaned)
    prepared.sketch = sketch(prepared.sentence_hashes)
    if not cleaned.strip():
        prepared.error = (NO_TEXT, {})
    elif not is_conference(record):
        prepared.error = (NOT_CONFERENCE, {})
    return prepared


def _internal(name: str, exc: BaseException, prepared: Prepared | None = None) -> Prepared:
    out = prepared or Prepared(name)
    out.error = (INTERNAL, {"error": f"{type(exc).__name__}: {exc}"[:500]})
    return out


def prepare(name: str, data: bytes) -> Prepared:
    """Read, extract and fingerprint one report file; never raises."""
    prepared = Prepared(name)
    try:
        size = len(data)
        if size > MAX_BYTES:  # before anything reads the bytes
            prepared.error = (TOO_LARGE, {"size": size, "limit": MAX_BYTES})
            return prepared
        prepared.content_hash = content_hash(data)
        suffix = _suffix(name)
        if suffix not in READABLE_SUFFIXES:
            prepared.error = (UNSUPPORTED, {"suffix": suffix})
            return prepared
        if size == 0:
            prepared.error = (EMPTY, {})
            return prepared
        try:
            text = read_bytes(name, data)
        except ExtractError as exc:
            prepared.error = error_code(exc)
            return prepared
        return _from_text(prepared, text)
    except Exception as exc:  # noqa: BLE001 - a worker must hand back every file
        return _internal(name, exc, prepared)


def prepare_text(name: str, text: str) -> Prepared:
    """The same for pasted text (hashed as its UTF-8 bytes); never raises."""
    prepared = Prepared(name)
    try:
        data = text.encode("utf-8", errors="surrogatepass")
        if len(data) > MAX_BYTES:
            prepared.error = (TOO_LARGE, {"size": len(data), "limit": MAX_BYTES})
            return prepared
        prepared.content_hash = content_hash(data)
        if not text.strip():
            prepared.error = (EMPTY, {})
            return prepared
        return _from_text(prepared, text)
    except Exception as exc:  # noqa: BLE001
        return _internal(name, exc, prepared)


# --- many files -----------------------------------------------------------------------------

CHUNKSIZE = 8
#: Chunks in flight per worker: enough to keep workers busy, few enough that an archive of
#: thousands of files is not all pickled into the pool's queue at once.
CHUNKS_PER_WORKER = 4
MSG_WORKER_DIED = "the worker process stopped (out of memory or crashed) while reading this file"

_Item = tuple[str, bytes] | Source | Rejected


def _rejected(item: Rejected) -> Prepared:
    return Prepared(item.name, error=(item.code, dict(item.params)))


def _unpack(item: _Item) -> tuple[str, bytes]:
    if isinstance(item, Source):
        return item.name, item.data
    name, data = item
    return name, data


def _run_chunk(func, chunk: list[tuple[str, bytes]]) -> list[Prepared]:
    return [func(name, data) for name, data in chunk]


def _chunks(items: Iterable[_Item], size: int) -> Iterator[list[Prepared | tuple[str, bytes]]]:
    """Runs of up to ``size`` items; a Rejected is turned into its Prepared here (no work)."""
    chunk: list[Prepared | tuple[str, bytes]] = []
    for item in items:
        chunk.append(_rejected(item) if isinstance(item, Rejected) else _unpack(item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _mp_context():
    """fork when this process runs one thread (fast, and scripts need no ``__main__`` guard);
    forkserver when it runs several (forking a threaded process can deadlock the child)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else None)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Make this worker process die with ``parent``, the importing process: a ``kill -9`` of
    ``ctct import`` must not leave its extraction processes reading on (and holding the
    database). On Linux the kernel sends SIGKILL when the process that started this one exits
    (``PR_SET_PDEATHSIG``; under forkserver that is the server, which exits with ``parent``);
    elsewhere a thread looks for ``parent`` every second."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if not process_running(parent):  # it died before the signal was armed
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def process_running(pid: int) -> bool:
    """Whether ``pid`` is a live process of this host (a zombie is dead: it only awaits its
    parent's ``wait``)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _watch_parent(parent: int) -> None:
    while process_running(parent):
        time.sleep(1)
    os._exit(1)


#: New pools that may break in a row, no file read in between, before ``prepare_many`` stops:
#: workers that cannot even start (e.g. a script without ``if __name__ == "__main__":`` under
#: forkserver) would otherwise cost a new pool per file.
MAX_RESTARTS = 3


class WorkersFailed(RuntimeError):
    """The worker processes keep dying before they read anything."""


def _died(name: str) -> Prepared:
    return Prepared(name, error=(INTERNAL, {"error": MSG_WORKER_DIED}))


class _Pool:
    """A process pool that is replaced when one of its workers dies."""

    def __init__(self, workers: int):
        self.workers = workers
        self.restarts = 0
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_mp_context(),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )

    def succeeded(self) -> None:
        self.restarts = 0

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        if self.restarts > MAX_RESTARTS:
            raise WorkersFailed(
                f"the worker processes died {self.restarts} times in a row without reading a file"
            )
        self.executor = self._new()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def isolate(self, func, chunk: list) -> list[Prepared]:
        """The chunk's files one task at a time, so only a file that kills its worker is lost."""
        out = []
        for item in chunk:
            if isinstance(item, Prepared):
                out.append(item)
                continue
            try:
                out.append(self.executor.submit(func, *item).result())
                self.succeeded()
            except BrokenProcessPool:
                out.append(_died(item[0]))
                self.restart()
        return out


def _merge(chunk: list, results: list[Prepared]) -> list[Prepared]:
    it = iter(results)
    return [c if isinstance(c, Prepared) else next(it) for c in chunk]


def prepare_many(
    sources: Iterable[_Item],
    workers: int = 1,
    *,
    chunksize: int = CHUNKSIZE,
    func: Callable[[str, bytes], Prepared] = prepare,
) -> Iterator[Prepared]:
    """``func`` (``prepare``) over ``Source``s or ``(name, data)`` pairs, in input order.

    ``workers > 1`` runs them in a process pool, ``chunksize`` files per task, with at most
    ``CHUNKS_PER_WORKER`` tasks per worker in flight (an archive is not pickled into the queue
    all at once). A ``Rejected`` gives a ``Prepared`` with its code. When a worker process
    dies, the files in flight are run again one by one in a new pool: the file that kills its
    worker again comes back as ``internal``, the others are read. ``WorkersFailed`` is raised
    when new pools keep dying before reading anything (``MAX_RESTARTS``).
    """
    if workers <= 1:
        for item in sources:
            yield _rejected(item) if isinstance(item, Rejected) else func(*_unpack(item))
        return
    window = workers * CHUNKS_PER_WORKER
    pending: deque[tuple[list, Future | None]] = deque()
    chunks = _chunks(sources, chunksize)
    pool = _Pool(workers)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                work = [c for c in chunk if not isinstance(c, Prepared)]
                future = pool.executor.submit(_run_chunk, func, work) if work else None
                pending.append((chunk, future))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result() if future is not None else []
            except BrokenProcessPool:
                # every task in flight failed with the pool: rerun them one file at a time
                affected = [(chunk, future), *pending]
                pending.clear()
                pool.restart()
                for c, _ in affected:
                    yield from pool.isolate(func, c)
                continue
            pool.succeeded()
            yield from _merge(chunk, results)
    finally:
        pool.shutdown()


def rejected_prepared(r: Rejected) -> Prepared:
    """A rejected archive member as a failed report, with a stable hash (a re-run knows it)."""
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
