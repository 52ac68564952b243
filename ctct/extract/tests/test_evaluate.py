"""The metrics of EXTRACTION.md."""

from __future__ import annotations

import pytest

from ctct.extract.evaluate import METRICS, score_pair, score_records


def _record(people=(), documents=(), **event) -> dict:
    base = {"date": None, "date_text": None, "kind": "other", "period": None, "organizer": None}
    return {"event": {**base, **event}, "people": list(people), "documents": list(documents)}


def _person(name, rank=None, roles=()):
    return {"name": name, "rank": rank, "positions": [], "roles": list(roles)}


def _doc(type_, number, symbol=None, date=None):
    return {"type": type_, "number": number, "symbol": symbol, "date": date, "issuer": None}


def test_identical_records_score_one_everywhere():
    gold = _record(
        [_person("Trần Chí Tâm", "Thiếu tướng", ["chair"])],
        [_doc("Chỉ thị", "35")],
        kind="quan_triet",
    )
    assert score_pair(gold, gold) == {**{m: 1.0 for m in METRICS}, "overall": 1.0}


def test_names_compare_after_case_and_tone_placement():
    gold = _record([_person("Nông Thị Thuỷ"), _person("Khổng Văn Hoà")], organizer="Đảng uỷ xã")
    pred = _record([_person("NÔNG THỊ THỦY"), _person("Khổng Văn Hòa")], organizer="Đảng ủy xã")
    metrics = score_pair(gold, pred)
    assert metrics["people_f1"] == 1.0
    assert metrics["organizer"] == 1.0


def test_people_f1_counts_misses_and_extras():
    gold = _record([_person("A B"), _person("C D")])
    pred = _record([_person("A B"), _person("E F")])
    assert score_pair(gold, pred)["people_f1"] == pytest.approx(0.5)


def test_rank_is_a_share_of_expected_people_and_a_missed_person_counts_wrong():
    gold = _record([_person("A B", "Đại tá"), _person("C D", None)])
    pred = _record([_person("A B", "Đại tá")])
    assert score_pair(gold, pred)["rank"] == pytest.approx(0.5)


def test_roles_f1_scores_only_chair_directed_and_reported():
    gold = _record([_person("A B", roles=["chair", "attended"])])
    pred = _record([_person("A B", roles=["chair", "spoke", "awarded"])])
    assert score_pair(gold, pred)["roles_f1"] == 1.0
    pred = _record([_person("A B", roles=["directed"])])
    assert score_pair(gold, pred)["roles_f1"] == 0.0


def test_document_fields_need_symbol_and_date_right_over_expected_documents():
    gold = _record(
        documents=[
            _doc("Chỉ thị", "2889", "CT/ĐU", "2024-09-10"),
            _doc("Kế hoạch", "1180", "KH/ĐU"),
        ]
    )
    pred = _record(
        documents=[_doc("Chỉ thị", "2889", "CT/ĐU", None), _doc("Kế hoạch", "1180", "KH/ĐU")]
    )
    metrics = score_pair(gold, pred)
    assert metrics["documents_f1"] == 1.0
    assert metrics["document_fields"] == pytest.approx(0.5)


def test_event_fields_are_shares_of_reports():
    gold = _record(
        date="2025-06-20", kind="so_ket", period="2025-H1", organizer="Đảng ủy Lữ đoàn 657"
    )
    wrong = _record(date=None, kind="so_ket", period="2025", organizer="Đảng ủy Lữ đoàn 657")
    scores = score_records([(gold, gold), (gold, wrong)]).metrics()
    assert scores["date"] == pytest.approx(0.5)
    assert scores["kind"] == 1.0
    assert scores["period"] == pytest.approx(0.5)


def test_overall_is_the_mean_of_the_nine_metrics():
    gold = _record([_person("A B", "Đại tá")], date="2025-06-20")
    pred = _record([_person("A B")], date=None)
    metrics = score_pair(gold, pred)
    assert metrics["overall"] == pytest.approx(sum(metrics[m] for m in METRICS) / 9)


def test_empty_gold_and_prediction_agree_fully():
    assert score_pair(_record(), _record())["overall"] == 1.0
