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
    from ctct.people.services import person_create, position_create

    p = person_create(
        full_name="Phạm Ngọc Sơn",
        body=org.region,
        rank="Đại tá",
        rank_conferred_on=dt.date(2020, 1, 1),
    )
    position_create(person=p, body=org.region, title="Bí thư", started_on=dt.date(2020, 1, 1))
    position_create(person=p, body=org.region, title="Chính ủy", started_on=dt.date(2020, 1, 1))
    return p


@pytest.fixture
def conference(org, superior):
    from ctct.conferences import services

    conf = services.conference_create(
        body=org.brigade,
        kind="so_ket",
        held_on=dt.date(2025, 6, 20),
        part_of_day="sang",
        period="2025-H1",
        place="Hội trường Lữ đoàn",
    )
    services.participant_add(conference=conf, person=superior, role="directed")
    services.participant_add(conference=conf, person=org.commissar, role="chair")
    services.participant_add(conference=conf, person=org.cell_member, role="reported")
    return conf
