"""Builders of Party bodies for tests, through ``body_create``::

brigade = make_body(parent=region, name="Đảng ủy Lữ đoàn 657", unit_name="Lữ đoàn 657")
cell = make_cell(parent=brigade)  # "Chi bộ Trung đội 1002"
"""

from __future__ import annotations

from ctct.bodies.models import Body, BodyKind
from ctct.bodies.services import body_create
from ctct.core.tests.factories import unique


def make_body(
    *,
    parent: Body | None = None,
    name: str | None = None,
    kind: str = BodyKind.PARTY_COMMITTEE,
    unit_name: str | None = None,
    symbol: str = "ĐU",
    **overrides,
) -> Body:
    """A Party committee ("Đảng ủy Tiểu đoàn <n>") under ``parent``, or a root when None."""
    n = unique()
    return body_create(
        parent=parent,
        name=name or f"Đảng ủy Tiểu đoàn {n}",
        kind=kind,
        unit_name=f"Tiểu đoàn {n}" if unit_name is None else unit_name,
        symbol=symbol,
        **overrides,
    )


def make_cell(
    *, parent: Body, name: str | None = None, unit_name: str | None = None, **overrides
) -> Body:
    """A Party cell ("Chi bộ Trung đội <n>") under ``parent``."""
    n = unique()
    overrides.setdefault("symbol", "CB")
    return body_create(
        parent=parent,
        name=name or f"Chi bộ Trung đội {n}",
        kind=BodyKind.CELL,
        unit_name=f"Trung đội {n}" if unit_name is None else unit_name,
        **overrides,
    )
