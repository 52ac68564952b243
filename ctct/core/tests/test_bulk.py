"""``core.bulk.insert_objects``: instances written in one statement per table, as bulk_create
would write them, with ids drawn beforehand and a history row each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from ctct.accounts.models import User
from ctct.conferences.models import Conference, Kind, Participant, Role
from ctct.core.bulk import allocate_ids, insert_objects, update_objects
from ctct.imports.models import ImportBatch, ImportItem, ItemStatus

pytestmark = pytest.mark.django_db


def test_rows_that_point_at_each_other_are_written_in_one_flush_with_their_history(org):
    user = User.objects.create_user("bulk-writer", password="x")
    with transaction.atomic():
        conf = Conference(
            body=org.brigade,
            body_path=org.brigade.path,
            kind=Kind.SO_KET,
            held_on=dt.date(2025, 6, 20),
        )
        chair = Participant(conference=conf, full_name="Bùi Hữu Ba", role=Role.CHAIR, order=0)
        insert_objects(Conference, [conf], history_user_id=user.pk, reason="import")
        insert_objects(Participant, [chair], history_user_id=user.pk, reason="import")
    conf.refresh_from_db()
    assert conf.pk is not None and conf.created_at is not None  # auto_now_add filled in
    assert Participant.objects.get().conference == conf
    assert Participant.objects.get().role == "chair"  # the choice's value, not its name
    history = Conference.history.get()
    assert (history.id, history.history_type, history.history_user) == (conf.pk, "+", user)
    assert history.history_change_reason == "import"
    assert Participant.history.get().conference_id == conf.pk


def test_json_and_dates_round_trip_and_a_copy_may_point_at_an_original_of_the_same_write(org):
    batch = ImportBatch.objects.create(root=org.region, source="command")
    record = {"text": 'Đảng ủy Lữ đoàn 657 — "quán triệt"\n\ttab', "people": [{"name": "An"}]}
    first = ImportItem(batch=batch, filename="a.txt", record=record, status=ItemStatus.APPLIED)
    copy = ImportItem(batch=batch, filename="b.txt", status=ItemStatus.DUPLICATE)
    copy.duplicate_of = first
    with transaction.atomic():
        insert_objects(ImportItem, [copy, first])
    got = ImportItem.objects.get(filename="b.txt")
    assert got.duplicate_of.record == record
    assert got.duplicate_of.status == "applied"
    assert ImportItem.history.filter(history_type="+").count() == 2


def test_ids_are_never_those_of_rows_deleted_before(org):
    made = []
    for day in (1, 2):
        made.append(
            Conference.objects.create(
                body=org.brigade,
                body_path=org.brigade.path,
                kind=Kind.SO_KET,
                held_on=dt.date(2025, 6, day),
            )
        )
    top = made[-1].pk
    made[-1].delete()
    with transaction.atomic():
        ids = allocate_ids(Conference, 3)
    assert len(set(ids)) == 3 and min(ids) > top


def test_instances_updated_together_keep_their_creation_time_and_get_a_changed_history_row(org):
    batch = ImportBatch.objects.create(root=org.region, source="upload")
    items = [ImportItem.objects.create(batch=batch, filename=f"{i}.txt") for i in range(2)]
    created = [i.created_at for i in items]
    for item in items:
        item.status = ItemStatus.APPLIED
        item.matches = {"organizer": {"decision": "matched"}}
    with transaction.atomic():
        update_objects(ImportItem, items, reason="import")
    got = list(ImportItem.objects.order_by("id"))
    assert [i.status for i in got] == ["applied", "applied"]
    assert [i.created_at for i in got] == created
    assert got[0].matches == {"organizer": {"decision": "matched"}}
    changed = ImportItem.history.filter(history_type="~").order_by("id")
    assert [(h.id, h.status, h.created_at) for h in changed] == [
        (i.pk, "applied", i.created_at) for i in got
    ]
