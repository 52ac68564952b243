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
    from ctct.bodies.services import body_create
    from ctct.people.services import person_create, position_create

    d = dt.date(2020, 1, 1)
    region = body_create(
        parent=None,
        name="Đảng ủy Quân khu 8",
        kind="party_committee",
        unit_name="Quân khu 8",
        symbol="ĐU",
        short_name="ĐU QK8",
    )
    pol = body_create(
        parent=region,
        name="Đảng ủy Cục Chính trị",
        kind="political_agency",
        unit_name="Cục Chính trị",
        symbol="ĐU",
    )
    pol_cell = body_create(
        parent=pol,
        name="Chi bộ Phòng Tuyên huấn",
        kind="cell",
        unit_name="Phòng Tuyên huấn",
        symbol="CB",
    )
    brigade = body_create(
        parent=region,
        name="Đảng ủy Lữ đoàn 657",
        kind="party_committee",
        unit_name="Lữ đoàn 657",
        symbol="ĐU",
    )
    cell = body_create(
        parent=brigade, name="Chi bộ Đại đội 1", kind="cell", unit_name="Đại đội 1", symbol="CB"
    )
    other_cell = body_create(
        parent=brigade, name="Chi bộ Đại đội 2", kind="cell", unit_name="Đại đội 2", symbol="CB"
    )
    province = body_create(
        parent=None,
        name="Tỉnh ủy Tây Sơn",
        kind="provincial_committee",
        unit_name="tỉnh Tây Sơn",
        symbol="TU",
    )

    commissar = person_create(
        full_name="Bùi Hữu Ba", body=brigade, rank="Đại tá", rank_conferred_on=dt.date(2021, 6, 1)
    )
    position_create(person=commissar, body=brigade, title="Bí thư", started_on=d)
    position_create(person=commissar, body=brigade, title="Chính ủy", started_on=d)

    deputy = person_create(
        full_name="Trần Chí Tâm",
        body=pol,
        rank="Thiếu tướng",
        rank_conferred_on=dt.date(2022, 1, 1),
    )
    position_create(person=deputy, body=region, title="Ủy viên", started_on=d)
    position_create(person=deputy, body=pol, title="Bí thư", started_on=d)
    position_create(person=deputy, body=region, title="Phó Chủ nhiệm Chính trị", started_on=d)

    cell_member = person_create(
        full_name="Nguyễn Văn An", body=cell, rank="Trung úy", rank_conferred_on=dt.date(2023, 1, 1)
    )
    other_member = person_create(
        full_name="Lê Thị Hoa",
        body=other_cell,
        rank="Thượng úy",
        rank_conferred_on=dt.date(2023, 1, 1),
    )
    civilian = person_create(full_name="Phan Văn Bình", body=province)
    position_create(person=civilian, body=province, title="Bí thư", started_on=d)
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


PASSWORD = "s3cret-pass-123"


@pytest.fixture
def users(org) -> Users:
    from ctct.accounts.models import RoleGrant, User

    def make(username: str, body=None, role: str | None = None, **extra):
        user = User.objects.create_user(username=username, password=PASSWORD, **extra)
        if body is not None:
            RoleGrant.objects.create(user=user, body=body, role=role)
        return user

    return Users(
        officer=make("officer", org.region, "editor", person=org.deputy),
        secretary=make("secretary", org.cell, "secretary"),
        viewer=make("viewer", org.brigade, "viewer", person=org.commissar),
        provincial=make("provincial", org.province, "admin", person=org.civilian),
        nobody=make("nobody"),
        superuser=make("root", None, None, is_superuser=True, is_staff=True),
    )


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
