"""Writing titles the way the news writes them.

A Party post attaches to the Party body ("Bí thư Đảng ủy Cục Chính trị"); a command or
political post attaches to the unit ("Chính ủy Lữ đoàn 657"). A person's chain lists Party
posts from the highest body down, then command posts, and when a Party post and the command
post after it belong to the same body the body is written once:
"Bí thư Đảng ủy, Chính ủy Lữ đoàn 657".

Plain values in, strings out: a body is anything with ``name``, ``unit_name`` and ``depth``
(a ``bodies.Body`` row or a plain dataclass), a post anything with ``title``, ``title_kind``,
``body_id`` and ``body``.

>>> brigade = TitledBody(name="Đảng ủy Lữ đoàn 657", unit_name="Lữ đoàn 657", depth=3)
>>> title_line([Post("Bí thư", brigade, body_id=1), Post("Chính ủy", brigade, body_id=1)])
'Bí thư Đảng ủy, Chính ủy Lữ đoàn 657'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "KIND_ORDER",
    "PARTY_TITLE_PREFIXES",
    "STATE_TITLE_PREFIXES",
    "Post",
    "TitledBody",
    "body_label",
    "format_title",
    "title_chain",
    "title_kind",
    "title_line",
    "title_rank",
]

# Titles whose holder sits on a Party body (the rest are command, political or state posts).
PARTY_TITLE_PREFIXES = (
    "Bí thư",
    "Phó Bí thư",
    "Ủy viên",
    "Uỷ viên",
    "Đảng ủy viên",
    "Chi ủy viên",
    "Thường vụ",
)
STATE_TITLE_PREFIXES = ("Chủ tịch", "Phó Chủ tịch")

#: Kinds of post in the order the news lists them: Party posts, then command, then state.
KIND_ORDER = {"party": 0, "command": 1, "state": 2}

# Seniority of posts within one body: the secretary before the deputy before members.
_RANKED_TITLES = ("Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Chính ủy", "Chỉ huy")


class BodyLike(Protocol):
    """What title formatting reads of a body."""

    @property
    def name(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def depth(self) -> int: ...


class PostLike(Protocol):
    """What title formatting reads of a post held at a body."""

    @property
    def title(self) -> str: ...
    @property
    def title_kind(self) -> str: ...
    @property
    def body_id(self) -> int | None: ...
    @property
    def body(self) -> BodyLike: ...


@dataclass(frozen=True)
class TitledBody:
    """A body as plain values: "Đảng ủy Lữ đoàn 657" leading the unit "Lữ đoàn 657"."""

    name: str
    unit_name: str = ""
    depth: int = 1


@dataclass(frozen=True)
class Post:
    """A post as plain values; an empty ``title_kind`` is read from the title."""

    title: str
    body: BodyLike
    title_kind: str = ""
    body_id: int | None = None


def title_kind(title: str) -> str:
    """Classify a title.

    >>> title_kind("Phó Bí thư"), title_kind("Chính ủy"), title_kind("Chủ tịch UBND")
    ('party', 'command', 'state')
    """
    t = title.strip()
    if t.startswith(PARTY_TITLE_PREFIXES):
        return "party"
    if t.startswith(STATE_TITLE_PREFIXES):
        return "state"
    return "command"


def title_rank(title: str) -> int:
    """Seniority of a post within a body, 0 first: "Bí thư" before "Phó Bí thư" before
    "Ủy viên Ban Thường vụ"; titles not ranked come last (99)."""
    for i, prefix in enumerate(_RANKED_TITLES):
        if title.startswith(prefix):
            return i
    return 99


def _display_unit(body: BodyLike) -> str:
    return body.unit_name or body.name


def body_label(kind: str, body: BodyLike) -> str:
    """The body as a post of ``kind`` names it: a Party post its body, others its unit."""
    return body.name if kind == "party" else _display_unit(body)


def format_title(title: str, kind: str, body: BodyLike) -> str:
    """A title alone with its body.

    >>> format_title("Bí thư", "", TitledBody("Đảng ủy Cục Chính trị", "Cục Chính trị"))
    'Bí thư Đảng ủy Cục Chính trị'
    >>> format_title("Chính ủy", "command", TitledBody("Đảng ủy Lữ đoàn 657", "Lữ đoàn 657"))
    'Chính ủy Lữ đoàn 657'
    """
    return f"{title} {body_label(kind or title_kind(title), body)}"


def _party_word(body: BodyLike) -> str:
    """The committee word of a body's name without its unit: "Đảng ủy Lữ đoàn 657" -> "Đảng ủy"."""
    unit = body.unit_name
    if unit and body.name.endswith(unit) and len(body.name) > len(unit):
        return body.name[: -len(unit)].strip()
    return body.name


def _kind(post: PostLike) -> str:
    return post.title_kind or title_kind(post.title)


def _same_body(a: PostLike, b: PostLike) -> bool:
    if a.body_id is None and b.body_id is None:  # plain posts without ids
        return a.body == b.body
    return a.body_id == b.body_id


def title_chain(posts: Iterable[PostLike]) -> list[str]:
    """The titles of current posts in news order, as separate items."""
    items: Sequence[PostLike] = sorted(
        posts, key=lambda p: (KIND_ORDER.get(_kind(p), 1), p.body.depth)
    )
    out: list[str] = []
    for i, pos in enumerate(items):
        kind = _kind(pos)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if kind == "party" and nxt is not None and _kind(nxt) != "party" and _same_body(nxt, pos):
            out.append(f"{pos.title} {_party_word(pos.body)}")
        else:
            out.append(format_title(pos.title, kind, pos.body))
    return out


def title_line(posts: Iterable[PostLike]) -> str:
    """The chain written in one line: "Ủy viên Đảng ủy Quân khu, Bí thư Đảng ủy, Chính ủy ..."."""
    return ", ".join(title_chain(posts))
