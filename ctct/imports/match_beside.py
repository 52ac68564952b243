"""Matching beside the extraction, in the worker processes of a bulk import.

``ctct import`` has one process that writes (dedupe, apply, store) and worker processes that
read and extract. Matching a report's organizer and people against 300,000 people is as much
work as extracting it, and it only reads; so the worker processes do it too, with a copy of
the run's matcher that each inherits when it is forked, right after ``preload_people``.

The copy never learns what the run creates or changes. ``ingest.match_record(...,
ahead=...)`` keeps a decision made here only for names the live matcher has not changed since
(``Matcher.changed``: someone of that name created, promoted or reloaded), and decides the rest
itself: the outcome is the one the writing process would reach alone.

Plain module level with no Django import: a worker started without a fork (forkserver, when
the importing process runs threads) imports this module afresh, finds no matcher and only
prepares.
"""

from __future__ import annotations

import os

from ctct.imports.prepare import Prepared, prepare

_matcher = None  # the run's matcher, as the forked worker processes inherit it
_importer_pid: int | None = None  # the writing process, which matches for itself


def start(matcher) -> None:
    """Set before the worker processes are forked (``prepare_many`` forks on first use)."""
    global _matcher, _importer_pid
    _matcher, _importer_pid = matcher, os.getpid()


def stop() -> None:
    global _matcher, _importer_pid
    _matcher = _importer_pid = None


def prepare_and_match(name: str, data: bytes) -> Prepared:
    """``prepare``, then, in a forked worker, the organizer and people matched ahead
    (``Prepared.ahead``); never in the writing process itself."""
    p = prepare(name, data)
    if _matcher is not None and p.ok and os.getpid() != _importer_pid:
        from ctct.imports.ingest import match_ahead  # Django is set up: forked from it

        try:
            p.ahead = match_ahead(p.record, _matcher, text=p.text)
        except Exception:  # noqa: BLE001 - the writing process then matches the report itself
            p.ahead = None
    return p
