"""Regular expressions built from vocabularies.

``alternation(words)`` writes a list of phrases as a character trie ("chủ trì|chủ nhiệm" ->
"chủ\\ (?:trì|nhiệm)"), which the regex engine tries far faster than a flat list of hundreds
of alternatives; longest phrases still win because every branch can also end early.
"""

from __future__ import annotations

import re


def alternation(words) -> str:
    """A regex source matching any of ``words`` (longest first at every branch point).

    >>> alternation(["trình", "trì", "dự"])
    '(?:dự|trì(?:nh)?)'
    """
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return _emit(trie)


def _emit(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
