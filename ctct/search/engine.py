"""The query engine: ``search(scope, query, ...) -> Results``.

One SQL statement per step, the same on SQLite (FTS5) and PostgreSQL (tsvector + GIN):

1. the hits the user may see, ranked as they are read, at most ``COUNT_CAP`` + 1 in the
   index's own order, with no ORDER BY, so the scan stops at the cap (ids, kinds, score,
   date: the counts per kind, "at least" beyond the cap). The cost of a query follows the
   cap and the page, not the number of hits: a common word has tens of thousands in a
   whole-tree scope;
2. beyond the cap only, the first ``WINDOW`` hits in a title (so people named "Trường" are
   among them however many texts say "-trưởng"; for one tab, its kind's hits too) join;
3. the candidates ranked in Python (document number, the whole title or another whole name
   being the query, exact words with diacritics in the title, folded words in the title,
   then date and id, newest first; beyond the cap the ``WINDOW`` best), and the page's rows
   read by id; the hits whose owner is out of the user's scope are opened where the kind
   says (``Findable.locate``: a target at the cell it was handed to).

Who may see what is part of the full-text match itself (the ``reach`` tokens of each entry,
``tokens.reach_tokens``, against the user's, ``tokens.scope_tokens``), with the clearance
beside it, so a title or a snippet the user may not open never leaves the database, and the
cost follows the hits within the user's scope, not the size of the tables.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from html import escape

from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ctct.core import findable
from ctct.core.scopes import Scope
from ctct.core.treepaths import STEPLEN, ancestor_paths, path_upper_bound
from ctct.search.tokens import MAX_QUERY_CHARS, Query, parse_query, scope_tokens
from ctct.text import fold

__all__ = ["Hit", "Results", "search"]

MSG_EMPTY = _("Type a word, a name or a document number to search for.")
MSG_NO_WORDS = _("There is nothing to search for in what you typed: type letters or numbers.")
MSG_CUT = _("Only the first %(n)s characters or the first words were searched.")
MSG_NOTHING = _("Nothing you may see matches “%(text)s”.")
MSG_WINDOW = _("Only the first %(n)s results are listed: add a word to narrow the search.")
MSG_SIGN_IN = _("Sign in to search.")

#: hits read (and counted) per query, in the index's order; more show as "at least": the
#: cost of a query follows this cap, not the number of hits
COUNT_CAP = 1000
#: beyond the cap: the title hits read besides, and the best ranked listed (15 pages of 20)
WINDOW = 300
PER_PAGE_MAX = 100
SNIPPET_BEFORE = 10
SNIPPET_AFTER = 22
CONTEXT_LEVELS = 3


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    title_html: SafeString
    snippet: SafeString
    detail: str
    url: str
    date: dt.date | None
    type: str = ""
    subkind: str = ""
    #: a body's parents, nearest first ("Lữ đoàn 657 › Quân khu 8"); "" for other kinds
    context: str = ""
    #: another hit of the page has the same title: show ``context`` with it
    repeats: bool = False


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    #: hits per kind (every kind the user may search, in display order, zeros included)
    counts: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    counts_capped: bool = False
    total: int = 0
    page: int = 1
    per_page: int = 20
    pages: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


# --- helpers ---------------------------------------------------------------------------------


def _as_int(value, default: int, lo: int, hi: int) -> int:
    try:
        n = int(str(value).strip()[:12])
    except (TypeError, ValueError):
        return default
    return max(lo, min(hi, n))


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _scope_by_action(scope: Scope) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in findable.findables():
        if f.action not in out:
            try:
                out[f.action] = scope.paths(f.action)
            except ValueError:
                out[f.action] = []
    return out


def _whole_trees(by_action: dict[str, list[str]]) -> list[str]:
    """The roots the scope holds whole for every kind's action ([] when it holds none so)."""
    common: set[str] | None = None
    for paths in by_action.values():
        roots = {p for p in paths if len(p) == STEPLEN}
        common = roots if common is None else common & roots
    return sorted(common or ())


def _fts5_quote(tokens: list[str]) -> str:
    return " OR ".join(f'"{t}"' for t in tokens)


@dataclass
class _Sql:
    """The parts of the statements for one search."""

    sqlite: bool
    query: Query
    reach: list[str] | None  # None: a superuser, no reach condition
    #: the roots whose trees the user holds whole for every action (the political officer of
    #: the whole army): on PostgreSQL, while they are all the roots there are, the reach
    #: condition is left out of the index scan, which every entry anyone reaches passes and
    #: which would cost the scan a merge with the longest posting lists there are (every
    #: entry carries its root)
    whole: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def match(self, column: str) -> tuple[str, list]:
        """(join, condition with params) for hits of the query in ``column``."""
        if self.sqlite:
            expr = f"{column} : ({self.query.fts5()})"
            if self.reach is not None:
                expr += f" AND reach : ({_fts5_quote(self.reach)})"
            return (
                "search_fts f JOIN search_entry e ON e.id = f.rowid",
                "search_fts MATCH %s",
                [expr],
            )
        vec = {"title_key": "title_vec", "words": "words_vec"}[column]
        ways, short = self.query.tsquery_alternatives(), self.query.tsquery_prefixes()
        conds: list[str] = []
        params: list = []
        for way in ways:
            if short:
                conds.append(f"e.{vec} @@ (to_tsquery('simple', %s) && %s::tsquery)")
                params += [way, short]
            else:
                conds.append(f"e.{vec} @@ to_tsquery('simple', %s)")
                params.append(way)
        if not ways:
            conds.append(f"e.{vec} @@ %s::tsquery")
            params.append(short)
        cond = conds[0] if len(conds) == 1 else "(" + " OR ".join(conds) + ")"
        if self.reach is not None and self.whole:
            # one subquery, run once: while no other tree exists the user reaches every entry
            # that anyone reaches; when one does, each row is checked against his tokens
            marks = ",".join(["%s"] * len(self.whole))
            cond += (
                " AND e.reach <> '' AND (NOT EXISTS (SELECT 1 FROM bodies_body b WHERE "
                f"b.depth = 1 AND b.path NOT IN ({marks})) OR e.reach_arr && %s::text[])"
            )
            params.extend([*self.whole, list(self.reach)])
        elif self.reach is not None:
            cond += " AND e.reach_arr && %s::text[]"
            params.append(list(self.reach))
        return "search_entry e", cond, params

    def select(self, what: str, column: str, extra_where=(), extra_params=(), tail="") -> tuple:
        frm, cond, params = self.match(column)
        where = " AND ".join([cond, *self.where, *extra_where])
        order_id = "f.rowid" if self.sqlite else "e.id"
        tail = tail.replace("{id}", order_id)
        return (
            f"SELECT {what} FROM {frm} WHERE {where} {tail}",
            [*params, *self.params, *extra_params],
        )


#: the rank of a record whose whole title (or another of its names) is what was typed: above
#: one word's exact diacritics (2), below a document number (8)
WHOLE_NAME = 4


def _rank_sql(query: Query) -> tuple[str, list]:
    parts: list[str] = []
    params: list = []
    if query.name:
        parts.append(f"CASE WHEN e.names LIKE %s THEN {WHOLE_NAME} ELSE 0 END")
        params.append(f"%|{query.name}%" if query.name_prefix else f"%|{query.name}|%")
    for key in query.numbers:
        parts.append("CASE WHEN e.title_key LIKE %s THEN 8 ELSE 0 END")
        params.append(f"% {key} %")
    for word in query.exact:
        parts.append("CASE WHEN e.exact LIKE %s THEN 2 ELSE 0 END")
        params.append(f"% {word} %")
    for term in query.terms:
        if term.kind == "number":
            continue
        pattern = " ".join(term.tokens)
        parts.append("CASE WHEN e.title_key LIKE %s THEN 1 ELSE 0 END")
        params.append(f"% {pattern}%" if term.prefix else f"% {pattern} %")
    return (" + ".join(parts) or "0"), params


# --- highlighting ----------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+")


def _matcher(query: Query):
    whole = set(query.tokens)
    prefixes = tuple(t.tokens[-1] for t in query.terms if t.prefix)

    def hit(word: str) -> bool:
        folded = fold(word).replace(" ", "")
        return folded in whole or (bool(prefixes) and folded.startswith(prefixes))

    return hit


def highlight(text: str, query: Query, *, window: bool = False) -> tuple[SafeString, bool]:
    """``text`` escaped, with the words the query matches in ``<mark>``.

    With ``window`` only the words around the first match are kept (a snippet), with "…"
    where text was left out; without a match, the text's beginning. Returns (html, whether
    anything matched). Escaping comes first: nothing of ``text`` is ever markup.
    """
    if not text:
        return mark_safe(""), False
    if window:
        start, end = _window(text, _matcher(query))
        inner, found = highlight(text[start:end], query)
        html = ("… " if start > 0 else "") + inner.strip() + (" …" if end < len(text) else "")
        return mark_safe(html), found
    hit = _matcher(query)
    out = []
    pos = 0
    found = False
    for m in _WORD_RE.finditer(text):
        if hit(m.group(0)):
            out.append(escape(text[pos : m.start()]))
            out.append(f"<mark>{escape(m.group(0))}</mark>")
            pos = m.end()
            found = True
    out.append(escape(text[pos:]))
    return mark_safe("".join(out)), found


def _window(text: str, hit) -> tuple[int, int]:
    """(start, end) of the words around the first matched word of ``text``."""
    first = next((m for m in _WORD_RE.finditer(text) if hit(m.group(0))), None)
    if first is None:
        words = list(_WORD_RE.finditer(text[:2000]))
        end = words[SNIPPET_AFTER].start() if len(words) > SNIPPET_AFTER else min(len(text), 2000)
        return 0, end
    before = list(_WORD_RE.finditer(text, max(0, first.start() - 200), first.start()))
    if first.start() <= 200 and len(before) < SNIPPET_BEFORE:
        start = 0
    else:
        start = (
            before[-SNIPPET_BEFORE].start()
            if len(before) >= SNIPPET_BEFORE
            else before[0].start()
            if before
            else first.start()
        )
    end = len(text)
    for n, m in enumerate(_WORD_RE.finditer(text, first.end())):
        if n >= SNIPPET_AFTER:
            end = m.start()
            break
    return start, end


# --- the engine ------------------------------------------------------------------------------


def _labels(kinds: list[str]) -> dict[str, str]:
    return {f.kind: str(f.label or f.kind) for f in findable.findables() if f.kind in kinds}


def _contexts(rows: list[dict]) -> dict[str, str]:
    """Parent chains of the bodies among ``rows``, by path, in one query."""
    from ctct.bodies.models import Body

    paths = {r["owner_path"] for r in rows if r["kind"] == "body" and r["owner_path"]}
    wanted: set[str] = set()
    for p in paths:
        wanted.update(ancestor_paths(p)[-CONTEXT_LEVELS:])
    if not wanted:
        return {}
    names = dict(Body.objects.filter(path__in=sorted(wanted)).values_list("path", "name"))
    out = {}
    for p in paths:
        chain = [names[a] for a in reversed(ancestor_paths(p)[-CONTEXT_LEVELS:]) if a in names]
        out[p] = " › ".join(chain)
    return out


def _places(scope: Scope, rows: list[dict]) -> dict[tuple[str, int], tuple[str, tuple]]:
    """Where the user opens the hits whose owner is out of his scope, for the kinds that say
    (``Findable.locate``: a target handed to his cell opens at his cell); a query per kind."""
    out: dict[tuple[str, int], tuple[str, tuple]] = {}
    if scope.is_superuser:
        return out
    for f in findable.findables():
        if f.locate is None:
            continue
        ids = [
            r["object_id"]
            for r in rows
            if r["kind"] == f.kind and not scope.allows_path(f.action, r["owner_path"] or "")
        ]
        if ids:
            for pk, place in f.locate(scope, ids).items():
                out[(f.kind, pk)] = place
    return out


def _url(name: str, args) -> str:
    try:
        return reverse(name, args=list(args or ()))
    except NoReverseMatch:
        return ""


def search(
    scope: Scope,
    query: str,
    *,
    kinds=None,
    subtree=None,
    period=None,
    type=None,
    conference_kind=None,
    page=1,
    per_page=20,
) -> Results:
    """Search every registered kind the user may see.

    ``kinds``: kinds to list (counts cover every kind); ``subtree``: a body (or its path)
    whose branch owns the records; ``period``: (first day, last day), either may be None;
    ``type``: a document type code ("CT"); ``conference_kind``: a conference's kind. Bad
    values are ignored, never an error: the results carry a message instead.
    """
    per_page = _as_int(per_page, 20, 1, PER_PAGE_MAX)
    page = _as_int(page, 1, 1, 10**6)
    all_kinds = [f.kind for f in findable.findables()]
    labels = _labels(all_kinds)
    text = query if isinstance(query, str) else ""
    if scope is None or scope.user_id is None:
        return Results(query=text, labels=labels, messages=[str(MSG_SIGN_IN)])
    q = parse_query(text)
    messages: list[str] = []
    if q.dropped:
        messages.append(str(MSG_CUT % {"n": MAX_QUERY_CHARS}))
    if q.is_empty:
        msg = MSG_EMPTY if not text.strip() else MSG_NO_WORDS
        messages.append(str(msg))
        return Results(query=q.text, labels=labels, messages=messages, per_page=per_page)

    by_action = {} if scope.is_superuser else _scope_by_action(scope)
    sql = _Sql(
        sqlite=connection.vendor == "sqlite",
        query=q,
        reach=None if scope.is_superuser else scope_tokens(by_action),
        whole=[] if scope.is_superuser else _whole_trees(by_action),
    )
    sql.where.append("e.clearance <= %s")
    sql.params.append(int(scope.clearance or 0))
    sub_path = getattr(subtree, "path", subtree)
    if isinstance(sub_path, str) and sub_path:
        sql.where.append("e.owner_path >= %s")
        sql.params.append(sub_path)
        upper = path_upper_bound(sub_path)
        if upper is not None:
            sql.where.append("e.owner_path < %s")
            sql.params.append(upper)
    if period:
        try:
            start, end = (_as_date(period[0]), _as_date(period[1]))
        except (TypeError, IndexError, KeyError):
            start = end = None
        if start:
            sql.where.append("e.date >= %s")
            sql.params.append(start)
        if end:
            sql.where.append("e.date <= %s")
            sql.params.append(end)
    if isinstance(type, str) and type.strip():
        sql.where.append("e.type = %s")
        sql.params.append(type.strip()[:16])
    chosen = [k for k in (kinds or []) if k in all_kinds] if kinds else []
    if isinstance(conference_kind, str) and conference_kind.strip():
        sql.where.append("e.subkind = %s")
        sql.params.append(conference_kind.strip()[:24])
        chosen = ["conference"]

    rank, rank_params = _rank_sql(q)
    what = f"e.id, e.kind, ({rank}) AS score, e.date"
    with connection.cursor() as cur:
        # 1. the hits in scope, ranked as they are read, at most COUNT_CAP + 1 (no ORDER BY:
        # the scan stops at the limit, so the cost follows the cap, not the hits)
        inner, params = sql.select(what, "words", tail=f"LIMIT {COUNT_CAP + 1}")
        cur.execute(inner, [*rank_params, *params])
        found_rows = cur.fetchall()
        capped = len(found_rows) > COUNT_CAP
        found_rows = found_rows[:COUNT_CAP]
        counts = dict.fromkeys(all_kinds, 0)
        for _id, kind, _score, _date in found_rows:
            if kind in counts:
                counts[kind] += 1
        listed = chosen or all_kinds
        total = sum(counts[k] for k in listed)
        if total == 0 and not (capped and chosen):
            messages.append(str(MSG_NOTHING % {"text": q.text[:80]}))
            return Results(
                query=q.text,
                counts=counts,
                labels=labels,
                per_page=per_page,
                messages=messages,
            )
        candidates = {r[0]: r for r in found_rows if r[1] in listed}
        # 2. beyond the cap, the first WINDOW hits in a title (people named "Trường" however
        # many texts say "-trưởng") and, for a chosen tab, its kind's first hits join them
        if capped:
            kind_where: list[str] = []
            kind_params: list = []
            if chosen:
                kind_where.append("e.kind IN (" + ",".join(["%s"] * len(chosen)) + ")")
                kind_params.extend(chosen)
            more = [("title_key", kind_where, kind_params)]
            if chosen:
                more.append(("words", kind_where, kind_params))
            for column, where, wparams in more:
                stmt, p = sql.select(what, column, where, wparams, tail=f"LIMIT {WINDOW}")
                cur.execute(stmt, [*rank_params, *p])
                for r in cur.fetchall():
                    candidates.setdefault(r[0], r)
            messages.append(str(MSG_WINDOW % {"n": WINDOW}))
        # 3. the page: candidates ranked (score, then newest, then id), its rows read
        ranked = sorted(
            candidates.values(),
            key=lambda r: (r[2] or 0, "" if r[3] is None else str(r[3]), r[0]),
            reverse=True,
        )
        if capped:
            ranked = ranked[:WINDOW]
        if not ranked:
            messages.append(str(MSG_NOTHING % {"text": q.text[:80]}))
            return Results(
                query=q.text,
                counts=counts,
                labels=labels,
                counts_capped=capped,
                per_page=per_page,
                messages=messages,
            )
        if capped and chosen:  # the counts are "at least": at least what the tab lists
            for k in chosen:
                counts[k] = max(counts[k], sum(1 for r in ranked if r[1] == k))
            total = sum(counts[k] for k in listed)
        reachable = len(ranked)
        pages = max(1, math.ceil(reachable / per_page))
        page = min(page, pages)
        ids = [r[0] for r in ranked[(page - 1) * per_page : page * per_page]]
        cur.execute(
            "SELECT e.id, e.kind, e.object_id, e.title, e.detail, e.text, e.url_name, "
            "e.url_args, e.date, e.type, e.subkind, e.owner_path FROM search_entry e "
            "WHERE e.id IN (" + ",".join(["%s"] * len(ids)) + ")",
            ids,
        )
        cols = [c[0] for c in cur.description]
        by_id = {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}
        rows = [by_id[i] for i in ids if i in by_id]

    contexts = _contexts(rows)
    places = _places(scope, rows)
    titles = [r["title"] for r in rows]
    hits = []
    for r in rows:
        args = r["url_args"]
        if isinstance(args, str):  # SQLite hands JSON back as text
            args = json.loads(args or "[]")
        url_name, args = places.get((r["kind"], r["object_id"]), (r["url_name"], args))
        title_html, _ = highlight(r["title"], q)
        snippet, _ = highlight(r["text"] or "", q, window=True)
        date = r["date"]
        if isinstance(date, str):
            date = _as_date(date)
        hits.append(
            Hit(
                kind=r["kind"],
                object_id=r["object_id"],
                title=r["title"],
                title_html=title_html,
                snippet=snippet,
                detail=r["detail"],
                url=_url(url_name, args),
                date=date,
                type=r["type"],
                subkind=r["subkind"],
                context=contexts.get(r["owner_path"], "") if r["kind"] == "body" else "",
                repeats=titles.count(r["title"]) > 1,
            )
        )
    return Results(
        query=q.text,
        hits=hits,
        counts=counts,
        labels=labels,
        counts_capped=capped,
        total=total,
        page=page,
        per_page=per_page,
        pages=pages,
        messages=messages,
    )
