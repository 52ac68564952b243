"""The quota of a grassroots organization of ~1,000 members is read in one query while
deciding, as of ten members. (Its time is a figure of `ctct bench ratings`, `quota_ms=`: a
timed unit test would fail on a loaded machine and prove nothing on a quiet one.)"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctct.bodies.tests.factories import make_body, make_cell
from ctct.core.bulk import insert_rows
from ctct.people.models import Person
from ctct.people.tests.factories import person_name
from ctct.ratings.models import RatingSheet
from ctct.ratings.selectors import quota_for
from ctct.ratings.tests.factories import make_round
from ctct.text import fold, name_key

pytestmark = pytest.mark.django_db


def organization(members: int, cells: int = 20):
    """A grassroots committee whose cells hold ``members`` people, its round opened and the
    members' sheets proposed (one in five HTXSNV, the rest HTTNV)."""
    committee = make_body()
    bodies = [make_cell(parent=committee) for _ in range(cells)]
    rows = []
    for i in range(members):
        name = person_name(i)
        rows.append((name, bodies[i % cells].pk, name_key(name), fold(name)))
    insert_rows(Person, ["full_name", "body_id", "name_key", "search_key"], rows)
    rnd = make_round(body=committee, year=2025)
    sheets = RatingSheet.objects.filter(round=rnd, subject="person")
    sheets.update(step="self_rated", proposed_level="httnv", score=80)
    ids = list(sheets.values_list("pk", flat=True))
    RatingSheet.objects.filter(pk__in=ids[::5]).update(proposed_level="htxsnv", score=95)
    return committee, ids


def test_the_quota_of_a_thousand_members_takes_one_query_as_of_ten():
    small, small_ids = organization(10, cells=2)
    big, big_ids = organization(1000)
    pending = {pk: "htxsnv" for pk in big_ids[:300]}
    for committee, ids, p in ((small, small_ids, {}), (big, big_ids, pending)):
        with CaptureQueriesContext(connection) as ctx:
            view = quota_for(grassroots=committee, year=2025, pending=p)
        assert len(ctx.captured_queries) == 1
        assert len(view.lines) == len(ids)
    view = quota_for(grassroots=big, year=2025, pending=pending)
    assert view.quota.base == 300 and view.is_over
