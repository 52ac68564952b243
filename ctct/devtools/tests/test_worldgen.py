"""The generated world of ``ctct bench ingest``: careers, namesakes, and truth that agrees with
the database the reports were drawn from."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    """300 bodies of demo data, the world on top, 150 reports."""
    from ctct.devtools import worldgen
    from ctct.devtools.demo import build_demo

    build_demo(bodies=300, seed=3, people_per_body=15, civil_share=0.0)
    summary = worldgen.build_world(seed=3)
    truth = worldgen.generate_reports(tmp_path, 150, seed=3)
    return summary, truth, tmp_path


def test_the_world_has_movers_promotions_and_namesakes(world):
    from django.db.models import Count

    from ctct.people.models import Person, Position, RankRecord

    summary, _truth, _dir = world
    assert summary.past_moves > 0 and summary.future_moves > 0 and summary.promotions > 0
    assert summary.namesakes > 0 and summary.namesakes_same_rank > 0
    assert summary.namesakes_with_post > 0

    # Namesakes: two people of one name, each holding a post now, at different bodies.
    holders = Position.objects.filter(ended_on__isnull=True)
    shared = (
        Person.objects.filter(pk__in=holders.values("person_id"))
        .values("full_name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("full_name", flat=True)
    )
    assert shared.exists()
    name = shared[0]
    bodies = set(holders.filter(person__full_name=name).values_list("body_id", flat=True))
    assert len(bodies) > 1
    # ... some of them with the same rank.
    same_rank = (
        Person.objects.filter(pk__in=holders.values("person_id"))
        .values("full_name", "rank")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert same_rank.exists()

    # Careers: someone who held a post at one body until the day before another began, and
    # was promoted within the years the reports cover.
    ended = Position.objects.filter(ended_on__isnull=False, title="Bí thư")
    movers = [
        p
        for p in ended
        if Position.objects.filter(
            person_id=p.person_id, title="Bí thư", started_on=p.ended_on + dt.timedelta(days=1)
        )
        .exclude(body_id=p.body_id)
        .exists()
    ]
    assert movers
    promoted = [
        p
        for p in movers
        if RankRecord.objects.filter(
            person_id=p.person_id, conferred_on__gt=dt.date(2019, 1, 1)
        ).exists()
        and RankRecord.objects.filter(person_id=p.person_id).count() > 1
    ]
    assert promoted


def test_truth_agrees_with_the_database(world):
    """Every person the truth names held the stated rank and titles on the day; the check
    reads the rank records with its own query, not worldgen's."""
    from ctct.bodies.models import Body
    from ctct.devtools import worldgen
    from ctct.people.models import Person, RankRecord

    _summary, truth, _dir = world
    assert worldgen.verify_truth(truth) == []
    checked = 0
    for t in truth["files"].values():
        on = dt.date.fromisoformat(t["held_on"])
        assert dt.date(2019, 1, 1) <= on <= dt.date(2026, 10, 31)
        assert Body.objects.filter(pk=t["organizer"]).exists()
        for m in t["people"]:
            if m["person_id"] is None:
                continue
            person = Person.objects.get(pk=m["person_id"])
            assert person.full_name == m["name"]
            held = (
                RankRecord.objects.filter(person=person, conferred_on__lte=on)
                .order_by("-conferred_on")
                .values_list("rank", flat=True)
                .first()
            )
            assert (held or "") == m["rank"], (m, on)
            checked += 1
    assert checked > 300


def test_reports_carry_the_hard_cases(world):
    """Across the reports: one person seen with two ranks, one name meaning two people,
    people who are not on record, cited documents (some in the database, some cited more
    than once), HTML pages and copies."""
    _summary, truth, out = world
    files = truth["files"]
    ranks: dict[int, set[str]] = defaultdict(set)
    ids_by_name: dict[str, set[int]] = defaultdict(set)
    not_in_db = 0
    keys: dict[str, int] = defaultdict(int)
    for t in files.values():
        for m in t["people"]:
            if m["person_id"] is None:
                not_in_db += 1
            else:
                ranks[m["person_id"]].add(m["rank"])
                ids_by_name[m["name"]].add(m["person_id"])
        for d in t["documents"]:
            keys[d["key"]] += 1
    assert any(len(r) > 1 for r in ranks.values())
    assert any(len(ids) > 1 for ids in ids_by_name.values())
    assert not_in_db > 0
    assert any(n > 1 for n in keys.values())
    assert any(d["document_id"] for t in files.values() for d in t["documents"])
    assert any(f.endswith(".html") for f in files)
    assert truth["expected_duplicates"] == sum(len(g) - 1 for g in truth["groups"])
    for name in files:
        assert (out / name).exists()
    assert json.loads((out / "truth.json").read_text("utf-8"))["files"].keys() == files.keys()


def test_the_extraction_reads_back_who_the_truth_names(world):
    """The truth is keyed by name in order of appearance: the engine must find those names,
    or the benchmark would score the extraction instead of the matching."""
    from ctct.extract import extract_file
    from ctct.text import fold

    _summary, truth, out = world
    wanted = found = 0
    for name, t in sorted(truth["files"].items()):
        record = extract_file(str(out / name))
        got = [fold(p["name"]) for p in record["people"]]
        want = [fold(m["name"]) for m in t["people"]]
        wanted += len(want)
        found += sum(w in got for w in want)
    assert found / wanted >= 0.98


def test_same_database_and_seed_give_the_same_reports(world, tmp_path):
    from ctct.devtools import worldgen

    _summary, truth, out = world
    again = worldgen.generate_reports(tmp_path / "again", 150, seed=3)
    assert again["files"] == truth["files"]
    first = sorted(out.glob("r*"))[:20]
    for path in first:
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes()
