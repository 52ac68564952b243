"""A database and its reports for the tests that kill real processes (``test_recovery``).

Run as ``python -m ctct.imports.tests.scenario seed|upload|state ...`` with ``DATABASE_URL``
and ``CTCT_IMPORT_DIR`` set, so that it works on the database the processes under test use;
prints one JSON object. ``report_text(i)`` is the i-th of a series of distinct reports (each
its own conference, its own chair) of the one body ``seed`` creates.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import zipfile

BODY = "Đảng ủy Lữ đoàn 657"
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLES = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc", "Thanh", "Công", "Đình")
GIVENS = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong")


def report_text(i: int) -> str:
    day = dt.date(2023, 1, 1) + dt.timedelta(days=i)
    name = f"{FAMILIES[i % 10]} {MIDDLES[i // 10 % 10]} {GIVENS[i // 100 % 10]}"
    return f"""Hội nghị sơ kết công tác đảng

Ngày {day.day}/{day.month}/{day.year}, {BODY} tổ chức Hội nghị sơ kết 6 tháng đầu năm \
{day.year} lãnh đạo thực hiện nhiệm vụ. Đại úy {name}, Bí thư Chi bộ Đại đội {i % 9 + 1} \
chủ trì hội nghị.

Hội nghị lần thứ {i} đã đánh giá toàn diện kết quả lãnh đạo thực hiện nhiệm vụ chính trị \
của đơn vị và thống nhất phương hướng, nhiệm vụ {i} trong thời gian tới.

Tin: Thu Hà
"""


def report_zip(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(n):
            z.writestr(f"report-{i:04d}.txt", report_text(i))
    return buf.getvalue()


def seed() -> dict:
    from django.contrib.auth import get_user_model

    from ctct.bodies.services import body_create

    body = body_create(
        parent=None, name=BODY, kind="party_committee", unit_name="Lữ đoàn 657", symbol="ĐU"
    )
    user = get_user_model().objects.create_superuser("importer", password="x-importer-1")
    return {"body": body.pk, "user": user.pk}


def upload(n: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctct.bodies.models import Body
    from ctct.imports import tasks

    archive = SimpleUploadedFile("reports.zip", report_zip(n), "application/zip")
    batch = tasks.upload_start(
        root=Body.objects.get(name=BODY),
        user=get_user_model().objects.get(username="importer"),
        files=[archive],
    )
    return {"batch": batch.pk}


def state() -> dict:
    """Every batch, and what the imports wrote: to check that nothing is missing or twice."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from ctct.conferences.models import Conference
    from ctct.imports.models import ImportBatch, ImportItem, ImportLink
    from ctct.people.models import Person

    items = ImportItem.objects.all()
    return {
        "batches": [
            {
                "id": b.pk,
                "status": b.status,
                "total": b.total,
                "processed": b.processed,
                "error": b.error,
                "items": b.items.count(),
            }
            for b in ImportBatch.objects.order_by("id")
        ],
        "items": dict(items.values_list("status").annotate(n=Count("id"))),
        "distinct_files": items.values("content_hash").distinct().count(),
        "conferences": Conference.objects.count(),
        "conferences_linked": items.exclude(conference=None)
        .values("conference")
        .distinct()
        .count(),
        "conference_links": ImportLink.objects.filter(kind="conference").count(),
        "people": Person.objects.count(),
        # an item written twice would have two history rows past "pending"
        "items_written_twice": ImportItem.history.exclude(status="pending")
        .values("id")
        .annotate(n=Count("history_id"))
        .filter(n__gt=1)
        .count(),
        "tasks": dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id"))),
    }


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctct.settings")
    import django

    django.setup()
    command, *args = argv
    if command == "seed":
        out = seed()
    elif command == "upload":
        out = upload(int(args[0]))
    elif command == "state":
        out = state()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
