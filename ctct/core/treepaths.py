"""Arithmetic on the materialized paths of the Party tree.

A body's path is its ancestors' steps and its own, a step being ``STEPLEN`` characters of
``ALPHABET`` (django-treebeard's ``MP_Node`` defaults): the root "0001", its third child
"00010003". So a path's depth is its length over ``STEPLEN``, its ancestors are its
prefixes, and a subtree is the range of paths from a path up to ``path_upper_bound``.

>>> ancestor_paths("000100030002")
['0001', '00010003']
>>> parent_path("000100030002"), depth("000100030002")
('00010003', 3)
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

__all__ = [
    "ALPHABET",
    "STEPLEN",
    "ancestor_paths",
    "depth",
    "minimal_paths",
    "parent_path",
    "path_upper_bound",
    "prefix_at",
    "step",
    "subtree_q",
]

#: treebeard's default alphabet; it sorts the same in every collation.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Characters per level (treebeard's ``steplen``).
STEPLEN = 4


def step(n: int) -> str:
    """The step of the ``n``-th child (1-based) as treebeard writes it: 1 -> "0001", 36 -> "0010".

    >>> step(1), step(35), step(36)
    ('0001', '000Z', '0010')
    """
    out = ""
    for _ in range(STEPLEN):
        n, r = divmod(n, len(ALPHABET))
        out = ALPHABET[r] + out
    return out


def depth(path: str) -> int:
    """The level of the body at ``path``: 1 for a root."""
    return len(path) // STEPLEN


def prefix_at(path: str, level: int) -> str:
    """The path of the ancestor at ``level`` (the path itself at its own level or deeper).

    >>> prefix_at("000100030002", 2)
    '00010003'
    """
    return path[: level * STEPLEN]


def parent_path(path: str) -> str:
    """The parent's path; "" for a root."""
    return path[:-STEPLEN]


def ancestor_paths(path: str, *, below: str = "", include_self: bool = False) -> list[str]:
    """The paths of the ancestors of the body at ``path``, root first.

    ``below``: only the ancestors strictly below the body at that path (itself an ancestor);
    ``include_self``: the path itself last.

    >>> ancestor_paths("000100030002", below="0001", include_self=True)
    ['00010003', '000100030002']
    """
    end = len(path) + 1 if include_self else len(path)
    return [path[:i] for i in range(len(below) + STEPLEN, end, STEPLEN)]


def path_upper_bound(path: str) -> str | None:
    """The smallest path greater than every path that starts with ``path``.

    "0001" -> "0002", "000Z" -> "0010"; None when there is none ("ZZZZ"). Comparing with a
    bound rather than LIKE 'prefix%' lets both SQLite and PostgreSQL use the path index
    whatever the column's collation, as the alphabet sorts the same in every collation.
    """
    chars = list(path)
    i = len(chars) - 1
    while i >= 0:
        pos = ALPHABET.index(chars[i])
        if pos + 1 < len(ALPHABET):
            chars[i] = ALPHABET[pos + 1]
            return "".join(chars[: i + 1]) + ALPHABET[0] * (len(chars) - i - 1)
        chars[i] = ALPHABET[0]
        i -= 1
    return None


def subtree_q(path: str, prefix: str = "") -> Q:
    """A filter for the subtree rooted at the body with ``path`` (the body included)."""
    q = Q(**{f"{prefix}path__gte": path})
    upper = path_upper_bound(path)
    if upper is not None:
        q &= Q(**{f"{prefix}path__lt": upper})
    return q


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """The paths of the list that lie inside no other path of it, sorted.

    >>> minimal_paths(["00010002", "0001", "0002", "0001"])
    ['0001', '0002']
    """
    out: list[str] = []
    for p in sorted(set(paths)):
        if not out or not p.startswith(out[-1]):
            out.append(p)
    return out
