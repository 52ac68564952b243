"""The body builders make valid bodies through ``body_create``, each with a name of its own."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ctct.bodies.models import Body
from ctct.bodies.services import MSG_NAME_REQUIRED
from ctct.bodies.tests.factories import make_body, make_cell

pytestmark = pytest.mark.django_db


def test_a_made_body_is_a_root_committee_recorded_in_history():
    body = make_body()
    assert body.is_root() and body.kind == "party_committee" and body.symbol == "ĐU"
    assert body.name.startswith("Đảng ủy Tiểu đoàn ") and body.unit_name in body.name
    assert body.history.count() == 1


def test_a_made_cell_sits_under_its_parent():
    brigade = make_body(name="Đảng ủy Lữ đoàn 657", unit_name="Lữ đoàn 657")
    cell = make_cell(parent=brigade)
    assert Body.objects.get_parent(cell) == brigade
    assert (cell.kind, cell.symbol) == ("cell", "CB")
    assert cell.name.startswith("Chi bộ Trung đội ")


def test_default_names_are_unique():
    root = make_body()
    made = [make_body(parent=root) for _ in range(3)] + [make_cell(parent=root) for _ in range(3)]
    assert len({b.name for b in made}) == len({b.unit_name for b in made}) == 6


def test_what_the_service_refuses_the_builder_refuses():
    with pytest.raises(ValidationError) as e:
        make_body(name=" ")
    assert e.value.message == MSG_NAME_REQUIRED
    assert not Body.objects.exists()
