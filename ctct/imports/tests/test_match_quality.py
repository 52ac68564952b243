"""Matching quality of the import on a generated world (``ctct bench ingest`` in small), and the
scoring the bench uses, on hand-made decisions."""

from __future__ import annotations

import pytest


def _truth() -> dict:
    people = [
        {"name": "Bùi Hữu Ba", "person_id": 1, "rank": "Đại tá", "titles": [], "roles": []},
        {"name": "Trần Chí Tâm", "person_id": 2, "rank": "Thượng tá", "titles": [], "roles": []},
        {"name": "Lê Văn Khách", "person_id": None, "new_key": "civil|Tây Sơn", "rank": ""},
        {"name": "Phạm Văn Mới", "person_id": None, "new_key": "5|Phó Tham mưu trưởng"},
    ]
    docs = [
        {"key": "party|ct|2889|du|", "citation": "Chỉ thị số 2889-CT/ĐU", "document_id": 7},
        {"key": "party|kh|3001|du|", "citation": "Kế hoạch số 3001-KH/ĐU", "document_id": None},
    ]
    one = {"organizer": 10, "people": people, "documents": docs, "group": "a.txt"}
    two = {"organizer": 11, "people": [*people[:2], people[3]], "documents": docs[1:]}
    two["group"] = "b.txt"
    return {
        "files": {
            "a.txt": one,
            "a (1).txt": {**one, "group": "a.txt"},
            "b.txt": two,
            "b.html": {**two, "group": "b.txt"},
        },
        "groups": [["a.txt", "a (1).txt"], ["b.txt", "b.html"]],
        "expected_duplicates": 2,
    }


def _m(decision: str, object_id=None, by: str = "auto", key: str | None = None) -> dict:
    out = {"decision": decision, "object_id": object_id, "by": by}
    if key:
        out["key"] = key
    return out


def test_score_counts_each_decision_against_the_truth():
    from ctct.devtools.bench.ingest import score

    names = ["Bùi Hữu Ba", "Trần Chí Tâm", "Lê Văn Khách", "Phạm Văn Mới", "Ngô Lạ"]
    record = {"people": [{"name": n} for n in names]}
    items = [
        {
            "filename": "a.txt",
            "status": "needs_review",
            "record": record,
            "matches": {
                "organizer": _m("matched", 10),
                "people": [
                    _m("matched", 1),  # right
                    _m("review"),  # in the database, sent to a person
                    _m("matched", 99),  # a guest taken for someone on record: wrong
                    _m("new"),  # not on record: created (id 500)
                    _m("matched", 5),  # a name the report does not hold: wrong
                ],
                "documents": [
                    _m("matched", 7, key="party|ct|2889|du|"),
                    _m("new", key="party|kh|3001|du|"),
                ],
            },
            "duplicate_of": None,
            "documents": {"party|ct|2889|du|": 7, "party|kh|3001|du|": 40},
            "created_people": {"pham van moi": 500},
        },
        # "a (1).txt" has the same bytes: skipped before it became an item
        {
            "filename": "b.txt",
            "status": "applied",
            "record": {"people": [{"name": n} for n in ("BÙI HỮU BA", "Trần Chí Tâm", names[3])]},
            "matches": {
                "organizer": _m("matched", 12),  # wrong body
                # a person on record taken for new; the outsider found again: right
                "people": [_m("matched", 1), _m("new"), _m("matched", 500)],
                "documents": [_m("matched", 40, key="party|kh|3001|du|")],
            },
            "duplicate_of": None,
            "documents": {"party|kh|3001|du|": 40},
        },
        {"filename": "b.html", "status": "duplicate", "duplicate_of": "b.txt"},
    ]
    s = score(_truth(), items, show=5)
    c = s["counts"]
    assert (c["auto"], c["auto_correct"], c["auto_correct_created"]) == (5, 2, 1)
    assert s["match_precision"] == 3 / 5 and s["match_precision_strict"] == 2 / 5
    assert c["auto_wrong_not_in_db"] == 1 and c["auto_wrong_not_in_truth"] == 1
    assert c["truth_in_db"] == 4 and s["match_recall"] == 0.5
    assert s["review_share"] == 1 / 8
    assert s["false_new"] == 1
    assert s["organizer_correct"] == 0.5
    assert s["documents_matched_share"] == 1.0  # 7 once, the new plan one record twice
    assert (s["duplicates_detected"], s["duplicates_expected"], s["duplicates_false"]) == (2, 2, 0)
    assert c["status_applied"] == 1 and c["status_duplicate"] == 1
    assert len(s["wrong"]) == 2


def test_score_catches_a_document_made_twice_and_a_false_duplicate():
    from ctct.devtools.bench.ingest import score

    truth = _truth()
    items = [
        {
            "filename": "a.txt",
            "status": "applied",
            "record": {"people": []},
            "matches": {"documents": [_m("new", key="party|kh|3001|du|")]},
            "documents": {"party|kh|3001|du|": 40},
        },
        {
            "filename": "b.txt",
            "status": "applied",
            "record": {"people": []},
            "matches": {"documents": [_m("new", key="party|kh|3001|du|")]},
            "documents": {"party|kh|3001|du|": 41},  # the same plan registered again
        },
        {"filename": "b.html", "status": "duplicate", "duplicate_of": "a.txt"},
    ]
    s = score(truth, items)
    # a.txt: 2889 not linked (0), the plan split over two records (0); b.txt: the plan (0)
    assert s["documents_matched_share"] == 0.0
    assert s["duplicates_false"] == 1


@pytest.mark.django_db
def test_a_small_world_imports_with_precise_automatic_matches(tmp_path):
    """300 bodies, 300 reports through ``import_paths``: automatic matches are right at least
    99% of the time; the people on record that are not matched go to review rather than
    being created again; nothing is made twice, and a second run adds nothing."""
    from ctct.bodies.models import Body
    from ctct.devtools import worldgen
    from ctct.devtools.bench import ingest as bench
    from ctct.devtools.demo import build_demo
    from ctct.imports import bulk

    build_demo(bodies=300, seed=2, people_per_body=15, civil_share=0.0)
    worldgen.build_world(seed=2)
    truth = worldgen.generate_reports(tmp_path, 300, seed=2)
    paths = worldgen.report_paths(tmp_path)
    root = Body.objects.get(depth=1)
    summary = bulk.import_paths(paths, root=root, workers=1)
    s = bench.score(truth, bench.items_of(summary.batch_id), show=10)
    c = s["counts"]
    assert s["match_precision"] >= 0.99, s["wrong"]
    assert s["failed"] == 0
    assert s["duplicates_detected"] == s["duplicates_expected"] and s["duplicates_false"] == 0
    assert c["auto"] + c["review"] + c["new"] + c["undecided"] == c["mentions"]
    assert c["review"] > 0
    assert s["false_new"] <= 0.01 * c["truth_in_db"]
    assert s["match_recall"] >= 0.7
    assert bench.duplicates_in_db() == {"conferences": 0, "people": 0, "documents": 0}

    before = bench.record_counts()
    again = bulk.import_paths(paths, root=root, workers=1)
    assert again.skipped == len(paths)
    assert bench.record_counts() == before
