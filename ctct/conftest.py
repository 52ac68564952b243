"""Shared fixtures: a small Party tree with people in it, and users of every role and scope.

    Đảng ủy Quân khu 8 (region)
    ├── Đảng ủy Cục Chính trị (pol)
    │   └── Chi bộ Phòng Tuyên huấn (pol_cell)
    └── Đảng ủy Lữ đoàn 657 (brigade)
        ├── Chi bộ Đại đội 1 (cell)
        └── Chi bộ Đại đội 2 (other_cell)
    Tỉnh ủy Tây Sơn (province)       ← a second root, outside every military user's reach

Users: ``officer`` (editor on the region), ``secretary`` (secretary of cell), ``viewer``
(viewer on the brigade), ``provincial`` (admin on the province), ``nobody`` (no role), and
``superuser``. Imports are inside fixtures so plain-Python tests run without Django.

Both are built with the apps' test builders (``ctct/<app>/tests/factories.py``: ``make_body``,
``make_person``, ``make_user``, ``make_document``, ``make_conference``, ``import_report``, ...),
which a test uses for whatever else it needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest


@dataclass
class Org:
    region: object
    pol: object
    pol_cell: object
    brigade: object
    cell: object
    other_cell: object
    province: object
    commissar: object  # Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657
    deputy: object  # Thiếu tướng Trần Chí Tâm: three concurrent titles
    cell_member: object
    other_member: object
    civilian: object


@pytest.fixture
def org(db) -> Org:
    from ctct.bodies.tests.factories import make_body, make_cell
    from ctct.people.tests.factories import make_person, make_position

    region = make_body(name="Đảng ủy Quân khu 8", unit_name="Quân khu 8", short_name="ĐU QK8")
    pol = make_body(
        parent=region,
        name="Đảng ủy Cục Chính trị",
        kind="political_agency",
        unit_name="Cục Chính trị",
    )
    pol_cell = make_cell(parent=pol, name="Chi bộ Phòng Tuyên huấn", unit_name="Phòng Tuyên huấn")
    brigade = make_body(parent=region, name="Đảng ủy Lữ đoàn 657", unit_name="Lữ đoàn 657")
    cell = make_cell(parent=brigade, name="Chi bộ Đại đội 1", unit_name="Đại đội 1")
    other_cell = make_cell(parent=brigade, name="Chi bộ Đại đội 2", unit_name="Đại đội 2")
    province = make_body(
        name="Tỉnh ủy Tây Sơn",
        kind="provincial_committee",
        unit_name="tỉnh Tây Sơn",
        symbol="TU",
    )

    commissar = make_person(
        full_name="Bùi Hữu Ba",
        body=brigade,
        rank="Đại tá",
        rank_conferred_on=dt.date(2021, 6, 1),
        titles=["Bí thư", "Chính ủy"],
    )
    deputy = make_person(
        full_name="Trần Chí Tâm",
        body=pol,
        rank="Thiếu tướng",
        rank_conferred_on=dt.date(2022, 1, 1),
    )
    make_position(person=deputy, body=region, title="Ủy viên")
    make_position(person=deputy, body=pol, title="Bí thư")
    make_position(person=deputy, body=region, title="Phó Chủ nhiệm Chính trị")

    cell_member = make_person(
        full_name="Nguyễn Văn An", body=cell, rank="Trung úy", rank_conferred_on=dt.date(2023, 1, 1)
    )
    other_member = make_person(
        full_name="Lê Thị Hoa",
        body=other_cell,
        rank="Thượng úy",
        rank_conferred_on=dt.date(2023, 1, 1),
    )
    civilian = make_person(full_name="Phan Văn Bình", body=province, titles=["Bí thư"])
    return Org(
        region,
        pol,
        pol_cell,
        brigade,
        cell,
        other_cell,
        province,
        commissar,
        deputy,
        cell_member,
        other_member,
        civilian,
    )


@dataclass
class Users:
    officer: object
    secretary: object
    viewer: object
    provincial: object
    nobody: object
    superuser: object


PASSWORD = "s3cret-pass-123"  # every user's: the default of make_user


@pytest.fixture
def users(org) -> Users:
    from ctct.accounts.tests.factories import make_user

    return Users(
        officer=make_user(username="officer", role="editor", on=org.region, person=org.deputy),
        secretary=make_user(username="secretary", role="secretary", on=org.cell),
        viewer=make_user(username="viewer", role="viewer", on=org.brigade, person=org.commissar),
        provincial=make_user(
            username="provincial", role="admin", on=org.province, person=org.civilian
        ),
        nobody=make_user(username="nobody"),
        superuser=make_user(username="root", is_superuser=True),
    )


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
