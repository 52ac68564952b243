"""Writing titles the way the news writes them.

A Party post attaches to the Party body ("Bí thư Đảng ủy Cục Chính trị"); a command or
political post attaches to the unit ("Chính ủy Lữ đoàn 657"). A person's chain lists Party
posts from the highest body down, then command posts, and when a Party post and the command
post after it belong to the same body the body is written once:
"Bí thư Đảng ủy, Chính ủy Lữ đoàn 657".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ctct.bodies.models import Body
    from ctct.people.models import Position

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

_KIND_ORDER = {"party": 0, "command": 1, "state": 2}


def title_kind(title: str) -> str:
    """Classify a title: "Phó Bí thư" -> "party", "Chính ủy" -> "command"."""
    t = title.strip()
    if t.startswith(PARTY_TITLE_PREFIXES):
        return "party"
    if t.startswith(STATE_TITLE_PREFIXES):
        return "state"
    return "command"


def body_label(kind: str, body: Body) -> str:
    return body.name if kind == "party" else body.display_unit


def format_title(title: str, kind: str, body: Body) -> str:
    """ "Bí thư" at "Đảng ủy Cục Chính trị" -> "Bí thư Đảng ủy Cục Chính trị"."""
    return f"{title} {body_label(kind or title_kind(title), body)}"


def _party_word(body: Body) -> str:
    """The committee word of a body's name without its unit: "Đảng ủy Lữ đoàn 657" -> "Đảng ủy"."""
    unit = body.unit_name
    if unit and body.name.endswith(unit) and len(body.name) > len(unit):
        return body.name[: -len(unit)].strip()
    return body.name


def title_chain(positions: Iterable[Position]) -> list[str]:
    """The titles of current positions in news order, as separate items."""
    items = sorted(
        positions,
        key=lambda p: (_KIND_ORDER.get(p.title_kind or title_kind(p.title), 1), p.body.depth),
    )
    out: list[str] = []
    for i, pos in enumerate(items):
        kind = pos.title_kind or title_kind(pos.title)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if (
            kind == "party"
            and nxt is not None
            and (nxt.title_kind or title_kind(nxt.title)) != "party"
            and nxt.body_id == pos.body_id
        ):
            out.append(f"{pos.title} {_party_word(pos.body)}")
        else:
            out.append(format_title(pos.title, kind, pos.body))
    return out


def title_line(positions: Iterable[Position]) -> str:
    """The chain written in one line: "Ủy viên Đảng ủy Quân khu, Bí thư Đảng ủy, Chính ủy ..."."""
    return ", ".join(title_chain(positions))
