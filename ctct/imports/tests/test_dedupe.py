"""Finding earlier copies of a report among the items on record: one report at a time
(``find_duplicate``), several at once (``find_duplicates``) and in memory (``DuplicateIndex``)
give the same answers."""

from __future__ import annotations

import html

import pytest

from ctct.imports.dedupe import DuplicateIndex, find_duplicate, find_duplicates
from ctct.imports.models import ImportItem, ItemStatus
from ctct.imports.prepare import prepare
from ctct.imports.tests.test_services import report, run, write

pytestmark = pytest.mark.django_db

UNITS = ["Chi bộ Đại đội 1", "Đảng ủy Lữ đoàn 657", "Chi bộ Đại đội 2"]


def body(i: int) -> str:
    """A report of its own: its own unit, date and closing sentences."""
    return report(
        organizer=UNITS[i % len(UNITS)],
        date=f"{10 + i}/6/2025",
        extra=(
            f"Hội nghị đã biểu dương {i + 3} tập thể và {i + 7} cá nhân có thành tích xuất sắc "
            f"trong đợt thi đua số {i}. Đơn vị đã tổ chức {i + 11} buổi sinh hoạt chính trị "
            f"chuyên đề về chủ đề năm {2020 + i}."
        ),
    )


def as_web_page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
    return f"<html><body><article>{paragraphs}</article></body></html>".encode()


@pytest.fixture
def on_record(tmp_path, org):
    """Four reports imported; their items, in order."""
    paths = [write(tmp_path, f"r{i}.txt", body(i)) for i in range(4)]
    run(tmp_path, org, *paths)
    items = list(ImportItem.objects.order_by("order", "id"))
    assert [i.status != ItemStatus.FAILED for i in items] == [True] * 4
    return items


def test_the_same_bytes_the_same_text_and_a_near_copy_find_the_item_they_copy(on_record):
    near = body(2) + "\nHội nghị kết thúc trong không khí phấn khởi, đoàn kết và quyết tâm cao.\n"
    ps = [
        prepare("same.txt", body(0).encode()),
        prepare("page.html", as_web_page(body(1))),
        prepare("near.txt", near.encode()),
        prepare("new.txt", body(9).encode()),
    ]
    assert find_duplicates(ps) == [on_record[0], on_record[1], on_record[2], None]


def test_reports_asked_together_get_the_answers_they_get_one_by_one(on_record):
    ps = [prepare(f"q{i}.txt", body(i).encode()) for i in (3, 7, 1, 8, 0)]
    ps.append(prepare("page.html", as_web_page(body(2))))
    alone = [find_duplicate(p) for p in ps]
    assert find_duplicates(ps) == alone
    assert [DuplicateIndex().find(p) for p in ps] == alone
    assert sum(hit is not None for hit in alone) == 4


def test_an_item_not_standing_for_its_report_is_no_original(on_record):
    ImportItem.objects.filter(pk=on_record[0].pk).update(status=ItemStatus.DISCARDED)
    assert find_duplicates([prepare("same.txt", body(0).encode())]) == [None]
    assert find_duplicate(prepare("same.txt", body(0).encode()), exclude=on_record[1].pk) is None
