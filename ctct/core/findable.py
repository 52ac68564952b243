"""What each area wants found by the one search box: a registry the apps fill in ``ready()``.

Core knows no app and no index. An app describes a kind of record it wants found
(``Findable``: the model, and how to turn a queryset of its rows into ``Entry`` values) and
registers it; the search app (at the top of the layers) reads the registry to build and keep
its index, and sets itself as the handler of ``changed`` / ``removed``.

Ordinary writes (``save()``, ``delete()``) reach the index through signals the search app
connects for every registered model and every ``watch``-ed one. Bulk writers that bypass
``save()`` (``bulk_create``, ``.update()``, ``core.bulk.insert_rows``) call ``changed(kind,
ids)`` or ``removed(kind, ids)`` themselves, after writing:

    insert_rows(Recipient, cols, rows)
    findable.changed("document", [document.pk])

Without a handler (the search app not installed) both do nothing.

A record's entry may show words of another (a person's line names his body): ``Findable.shows``
names the model and fields, and the index rewrites those words in place, in one statement,
when one of the fields changes (a body renamed: 300,000 people's lines, no row rebuilt).

Who may see an entry is part of the entry, so the index can filter inside the query:

- ``paths``: bodies whose scope covers the record: a user whose scope (for ``action``)
  contains one of these bodies sees it (the owning body, the bodies a directive is addressed
  to);
- ``line_paths``: bodies whose subtree sees it too (a document in a body's register is seen
  by the bodies below and above it);
- ``public``: every signed-in user sees it (a central document in no register);
- ``clearance``: the security level the user must be cleared for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Entry",
    "Findable",
    "Shows",
    "changed",
    "findables",
    "get",
    "keywords_for",
    "register",
    "register_keywords",
    "register_watch",
    "removed",
    "set_handler",
    "shown",
    "watched",
]

MSG_KIND_TAKEN = "findable kind %r is already registered for another model"


@dataclass(frozen=True)
class Entry:
    """One record as the index holds it."""

    object_id: int
    title: str
    url_name: str
    url_args: tuple[Any, ...] = ()
    #: indexed, shown in snippets (a document's text, a person's posts)
    text: str = ""
    #: one line shown under the title (number and date, rank and body ...); not indexed
    detail: str = ""
    #: indexed but never shown: other spellings, document numbers, aliases
    keywords: tuple[str, ...] = ()
    #: document numbers as written ("35-CT/TW", "Chỉ thị số 35"): found in any written form
    numbers: tuple[str, ...] = ()
    #: other whole names of the record (a body's short name, its unit's name): a query that
    #: is the whole title or one of these ranks the record above records that only mention it
    names: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    line_paths: tuple[str, ...] = ()
    public: bool = False
    clearance: int = 0
    #: the owning body's path, for the "within this branch" filter ("" for none)
    owner_path: str = ""
    date: dt.date | None = None
    #: facets: a document's type code ("CT"), a conference's kind ("congress")
    type: str = ""
    subkind: str = ""


@dataclass(frozen=True)
class Shows:
    """Entries of a kind show fields of another model's rows: a person's line and text name
    his body, a conference's its body. After a row of ``model`` is saved with one of
    ``fields`` changed, the index replaces the old value by the new one in the entries of
    ``ids(instance)`` (the ids of the kind's records that show it, as a ``values("pk")``
    queryset the database runs as a subquery): one set-based UPDATE, no record built again.
    """

    model: type
    fields: tuple[str, ...]
    ids: Callable[[Any], Any]
    #: the entry's text is made of such fields (a person's posts and body), not written by
    #: a user: the old words go from the text and the words too. Otherwise (a conference's
    #: minutes, a document's text may cite the old name) only the line, the title key and
    #: the exact words are rewritten, and the new name's words are added to the words.
    composed: bool = False


@dataclass(frozen=True)
class Findable:
    """A kind of record the search finds.

    ``entries(queryset)`` yields the entries of the rows of ``queryset`` that should be found
    (a row it skips is taken out of the index); ``queryset`` is ``model.objects`` filtered by
    ids, and ``entries`` adds its own ``select_related`` / prefetches so a batch of rows costs a
    fixed number of queries. ``watch`` names other models whose writes change entries of this
    kind, with a function giving the ids of this kind an instance touches (an attachment its
    document, a position its person).
    """

    kind: str
    model: type
    entries: Callable[[Any], Iterable[Entry]]
    label: Any = ""
    order: int = 100
    #: the scope action that must reach ``paths`` ("view"; imports' reports need more)
    action: str = "view"
    watch: tuple[tuple[type, Callable[[Any], Iterable[int]]], ...] = field(default=())
    #: the ids of the records whose entries name a body of the subtree at ``path`` (asked
    #: after a branch moved, to index them under their new paths)
    under: Callable[[str], Iterable[int]] | None = None
    #: other models whose fields these entries show (a person's line names his body): when
    #: such a field changes, the index replaces the old text by the new in those entries, in
    #: the database, however many they are (``Shows``)
    shows: tuple[Shows, ...] = field(default=())
    #: where a user opens records whose owner (``Entry.owner_path``) is out of his scope, but
    #: which he sees through another of ``paths`` (a target handed to his cell opens at his
    #: cell): ``locate(scope, ids)`` answers ``{id: (url_name, url_args)}`` in one query
    locate: Callable[[Any, list[int]], dict[int, tuple[str, tuple[Any, ...]]]] | None = None


_FINDABLES: dict[str, Findable] = {}
# kind -> functions giving extra keywords for ids ({id: ["alias", ...]}), from higher apps
_KEYWORDS: dict[str, list[Callable[[list[int]], dict[int, list[str]]]]] = {}
# kind -> (model, ids of the kind an instance touches), from higher apps
_WATCH: dict[str, list[tuple[type, Callable[[Any], Iterable[int]]]]] = {}


def register(findable: Findable) -> None:
    """Register a kind (call from the owning app's ready()); again with the same model is a no-op."""
    known = _FINDABLES.get(findable.kind)
    if known is not None and known.model is not findable.model:
        raise ValueError(MSG_KIND_TAKEN % findable.kind)
    _FINDABLES[findable.kind] = findable


def register_keywords(kind: str, provider: Callable[[list[int]], dict[int, list[str]]]) -> None:
    """Add words under which records of ``kind`` are found, from an app above the owner (the
    aliases imports learn for bodies). ``provider(ids)`` answers ``{id: [words]}`` in one query."""
    providers = _KEYWORDS.setdefault(kind, [])
    if provider not in providers:
        providers.append(provider)


def register_watch(kind: str, model: type, ids_of: Callable[[Any], Iterable[int]]) -> None:
    """Writes of ``model`` (an app above the owner's) change entries of ``kind``: the ids
    ``ids_of(instance)`` are indexed again after each save or delete."""
    pairs = _WATCH.setdefault(kind, [])
    if (model, ids_of) not in pairs:
        pairs.append((model, ids_of))


def watched(kind: str) -> list[tuple[type, Callable[[Any], Iterable[int]]]]:
    """The models whose writes change entries of ``kind``: its own ``watch`` and others'."""
    f = _FINDABLES.get(kind)
    return [*(f.watch if f else ()), *_WATCH.get(kind, ())]


def shown(model: type) -> list[tuple[str, Shows]]:
    """(kind, how) of the entries that show fields of ``model``'s rows."""
    return [(f.kind, w) for f in findables() for w in f.shows if w.model is model]


def keywords_for(kind: str, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for provider in _KEYWORDS.get(kind, ()):
        for pk, words in provider(ids).items():
            out.setdefault(pk, []).extend(words)
    return out


def findables() -> list[Findable]:
    """Every registered kind, in display order."""
    return sorted(_FINDABLES.values(), key=lambda f: (f.order, f.kind))


def get(kind: str) -> Findable | None:
    return _FINDABLES.get(kind)


class _Handler:
    def changed(self, kind: str, ids: Iterable[int]) -> None: ...

    def removed(self, kind: str, ids: Iterable[int]) -> None: ...


_handler: _Handler | None = None


def set_handler(handler: _Handler | None) -> None:
    """The index that ``changed`` and ``removed`` reach (the search app sets itself)."""
    global _handler
    _handler = handler


def changed(kind: str, ids: Iterable[int]) -> None:
    """Records of ``kind`` were written without ``save()``: bring their entries up to date."""
    if _handler is not None:
        ids = [int(i) for i in ids]
        if ids:
            _handler.changed(kind, ids)


def removed(kind: str, ids: Iterable[int]) -> None:
    """Records of ``kind`` were deleted without ``delete()``: take their entries out."""
    if _handler is not None:
        ids = [int(i) for i in ids]
        if ids:
            _handler.removed(kind, ids)
