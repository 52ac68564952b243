"""A conference of Lữ đoàn 657 as the seeds report them, for the tests of this app."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded photos go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def superior(org):
    """Đại tá Phạm Ngọc Sơn, Bí thư Đảng ủy, Chính ủy of the region: the directing superior."""
    from ctct.people.tests.factories import make_person

    return make_person(
        full_name="Phạm Ngọc Sơn", body=org.region, rank="Đại tá", titles=["Bí thư", "Chính ủy"]
    )


@pytest.fixture
def conference(org, superior):
    """Sáng 20/6/2025, Đảng ủy Lữ đoàn 657 holds its interim review of the first half of 2025:
    the superior directs, the commissar chairs, a member reports."""
    from ctct.conferences.tests.factories import make_conference

    return make_conference(
        body=org.brigade,
        kind="so_ket",
        held_on=dt.date(2025, 6, 20),
        period="2025-H1",
        part_of_day="sang",
        place="Hội trường Lữ đoàn",
        participants=[
            (superior, "directed"),
            (org.commissar, "chair"),
            (org.cell_member, "reported"),
        ],
    )
