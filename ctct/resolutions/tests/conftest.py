"""A 2025 resolution of the region (Đảng ủy Quân khu 8) with a target handed down the tree."""

from __future__ import annotations

import datetime as dt

import pytest

Y2025 = dt.date(2025, 12, 31)


@pytest.fixture
def resolution(org):
    from ctct.resolutions.services import resolution_create

    return resolution_create(
        body=org.region,
        period="năm 2025",
        title="Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025",
    )


@pytest.fixture
def admissions(resolution):
    """ "Kết nạp ít nhất 12 đảng viên": a count summed up from the bodies below."""
    from ctct.resolutions.services import target_add

    return target_add(
        resolution=resolution,
        title="Kết nạp đảng viên mới",
        measure="count",
        unit="đảng viên",
        target_value=12,
        rollup="sum",
        entry_deadline=dt.date(2025, 12, 15),
    )
