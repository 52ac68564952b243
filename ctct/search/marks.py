"""Highlighted titles and snippets for the results page: the words of the query in ``<mark>``.

Matching is by folded word (no diacritics, either tone placement, ``đ`` as ``d``), a query
word matching the start of a text word as the user types it ("truo" marks "Trường"), so the
same words are marked on SQLite and PostgreSQL whatever the engine's own snippets do. The
text is escaped first; only the ``<mark>`` tags are markup.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ctct.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)
# Marks at most this many words in one text (a long text of repeated words stays readable).
MAX_MARKS = 40


def query_terms(query: str) -> list[str]:
    """The folded words of ``query`` worth marking (digits, or two letters and more)."""
    terms = []
    for word in _WORD.findall(fold(query)):
        if (word.isdigit() or len(word) >= 2) and word not in terms:
            terms.append(word)
    return terms[:12]


def _matches(word: str, terms: list[str]) -> bool:
    folded = fold(word)
    return any(folded == t or (not t.isdigit() and folded.startswith(t)) for t in terms)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with each word a term matches in ``<mark>``."""
    if not text:
        return mark_safe("")
    out, last, marks = [], 0, 0
    for m in _WORD.finditer(text):
        if marks >= MAX_MARKS:
            break
        if _matches(m.group(), terms):
            out.append(escape(text[last : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
            marks += 1
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def excerpt(text: str, terms: list[str], width: int = 220) -> str:
    """About ``width`` characters of ``text`` around its first matching word, cut at words."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    first = next((m.start() for m in _WORD.finditer(text) if _matches(m.group(), terms)), 0)
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
