"""A report that cites a Party document by its number and its issuer in words ("Chỉ thị số 35
của Bộ Chính trị") is matched to the registered document of that issuer's symbol (35-CT/TW)."""

from __future__ import annotations

import datetime as dt

import pytest

from ctct.documents.models import Document
from ctct.documents.services import document_register
from ctct.imports.models import ImportItem, ImportLink
from ctct.imports.tests.test_services import run, write

pytestmark = pytest.mark.django_db


def report(cited: str) -> str:
    return f"""Hội nghị quán triệt chỉ thị của Bộ Chính trị

Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị quán triệt {cited} Đại tá Bùi Hữu \
Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị.

Hội nghị đã thống nhất kế hoạch lãnh đạo đại hội chi bộ, đại hội đảng bộ các cấp tiến tới \
Đại hội đại biểu toàn quốc lần thứ XIV của Đảng trong toàn Lữ đoàn.

Tin: Thu Hà
"""


@pytest.fixture
def directive_35(db):
    return document_register(
        citation="Chỉ thị số 35-CT/TW",
        issuer_name="Bộ Chính trị",
        issued_on=dt.date(2024, 6, 14),
        title="Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV",
    )


def imported_document(tmp_path, org, cited: str) -> tuple[dict, ImportItem]:
    run(tmp_path, org, write(tmp_path, "r.txt", report(cited)))
    item = ImportItem.objects.get()
    assert len(item.matches["documents"]) == 1, item.record["documents"]
    return item.matches["documents"][0], item


@pytest.mark.parametrize(
    "cited",
    [
        "Chỉ thị số 35 của Bộ Chính trị về đại hội đảng bộ các cấp.",
        "Chỉ thị 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp.",
        "Chỉ thị số 35 ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp.",
        "Chỉ thị số 35 của Ban Chấp hành Trung ương về đại hội đảng bộ các cấp.",
        "Chỉ thị số 35 về đại hội đảng bộ các cấp, văn bản quan trọng của Bộ Chính trị.",
    ],
    ids=["issuer beside", "symbol", "date", "another name of TW", "issuer in the sentence"],
)
def test_a_directive_cited_with_its_issuer_in_words_is_the_registered_one(
    tmp_path, org, directive_35, cited
):
    m, item = imported_document(tmp_path, org, cited)
    assert (m["decision"], m["object_id"]) == ("matched", directive_35.pk)
    assert m["citation"].startswith("Chỉ thị số 35-CT/TW")
    assert Document.objects.count() == 1  # nothing registered again
    assert ImportLink.objects.filter(kind="document", object_id=directive_35.pk).exists()
    assert item.conference.documents.get().document == directive_35


def test_the_issuer_named_says_why_the_document_was_chosen(tmp_path, org, directive_35):
    m, _item = imported_document(tmp_path, org, "Chỉ thị số 35 của Bộ Chính trị.")
    codes = [r["code"] for r in m["candidates"][0]["reasons"]]
    assert codes[:2] == ["doc_key", "doc_issuer"]
    assert m["candidates"][0]["reasons"][1]["params"] == {"issuer": "Bộ Chính trị"}


def test_a_number_of_another_issuer_is_not_the_politburos_directive(tmp_path, org, directive_35):
    m, _item = imported_document(tmp_path, org, "Chỉ thị số 35 của Ban Thường vụ Tỉnh ủy.")
    assert m["object_id"] != directive_35.pk


def test_a_date_that_differs_rules_the_registered_directive_out(tmp_path, org, directive_35):
    m, _item = imported_document(
        tmp_path, org, "Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ."
    )
    assert m["object_id"] != directive_35.pk


def test_two_directives_35_of_two_terms_wait_for_a_choice_when_the_report_gives_no_date(
    tmp_path, org, directive_35
):
    older = document_register(  # another issuer's name: the registry takes one per name
        citation="Chỉ thị số 35-CT/TW",
        issuer_name="Bộ Chính trị khóa XII",
        issued_on=dt.date(2019, 5, 30),
        title="Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII",
    )
    m, _item = imported_document(tmp_path, org, "Chỉ thị số 35 của Bộ Chính trị.")
    assert m["decision"] == "review"
    assert {c["id"] for c in m["candidates"]} == {directive_35.pk, older.pk}


def test_a_directive_of_a_shared_symbol_is_matched_by_its_issuers_name(tmp_path, org):
    ours = document_register(
        citation="Chỉ thị số 12-CT/ĐU",
        issuer=org.region,
        issuer_name="Ban Thường vụ Đảng ủy Quân khu 8",
        issued_on=dt.date(2025, 1, 10),
    )
    document_register(
        citation="Chỉ thị số 12-CT/ĐU",
        issuer=org.brigade,
        issuer_name="Đảng ủy Lữ đoàn 657",
        issued_on=dt.date(2025, 1, 10),
    )
    m, _item = imported_document(
        tmp_path, org, "Chỉ thị số 12 của Ban Thường vụ Đảng ủy Quân khu 8 về huấn luyện."
    )
    assert (m["decision"], m["object_id"]) == ("matched", ours.pk)
