"""A worker keeps its matcher from one task to the next of the same batch, and only then."""

from __future__ import annotations

import pytest
from django.apps import apps

from ctct.imports.models import ImportBatch
from ctct.imports.worker import MatcherKeeper

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches(org):
    return [
        ImportBatch.objects.create(root=org.region, source="upload", label=f"b{i}")
        for i in range(2)
    ]


def test_the_next_task_of_the_same_batch_gets_the_kept_matcher(batches):
    keeper = MatcherKeeper()
    matcher, mark = keeper.take(batches[0])
    keeper.keep(batches[0], matcher, mark)
    again, _ = keeper.take(batches[0])
    assert again is matcher


def test_a_task_of_another_batch_gets_a_new_matcher(batches):
    keeper = MatcherKeeper()
    matcher, mark = keeper.take(batches[0])
    keeper.keep(batches[0], matcher, mark)
    assert keeper.take(batches[1])[0] is not matcher


def test_a_task_that_failed_leaves_nothing_to_the_next(batches):
    keeper = MatcherKeeper()
    matcher, mark = keeper.take(batches[0])
    keeper.keep(batches[0], matcher, mark)
    keeper.take(batches[0])  # taken by a task that then fails: it never keeps it back
    assert keeper.take(batches[0])[0] is not matcher


def test_a_matcher_that_knows_too_many_people_is_dropped(batches, org):
    keeper = MatcherKeeper(keep_people=0)
    matcher, mark = keeper.take(batches[0])
    matcher.load_people([org.commissar.full_name])
    keeper.keep(batches[0], matcher, mark)
    assert keeper.take(batches[0])[0] is not matcher


def test_each_worker_process_has_one_keeper_on_the_imports_app():
    assert isinstance(apps.get_app_config("imports").matchers, MatcherKeeper)
