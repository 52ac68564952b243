"""Generated conferences and the round trip draft -> extraction -> record (plain Python).

``generate(rng)`` makes one plausible conference in the genre (bodies, ranks that fit posts,
titles the way the news writes them); ``roundtrip_ok(news)`` drafts it, reads the draft with
``ctct.extract`` and says whether the date, kind, organizer and every participant's name, rank
and key roles (chair, directed, reported) came back.
"""

from __future__ import annotations

import datetime as dt
import random

from ctct.conferences.news import EXTRACT_KIND, NewsAward, NewsInput, NewsPerson, draft

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Hà",
    "Lương",
    "Cao",
]
MIDDLE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Ngọc", "Thanh", "Xuân", "Thị", "Công", "Gia"]
GIVEN = [
    "An",
    "Ba",
    "Bình",
    "Chinh",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thơ",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hoa",
    "Mai",
]
UNITS = [
    ("Lữ đoàn", lambda r: str(r.randint(100, 999))),
    ("Sư đoàn", lambda r: str(r.randint(300, 399))),
    ("Trung đoàn", lambda r: str(r.randint(1, 999))),
    ("Bộ Chỉ huy Quân sự tỉnh", lambda r: r.choice(["Long An", "Tây Ninh", "Bình Dương"])),
]
SUPERIORS = ["Quân khu 7", "Quân khu 9", "Cục Hậu cần-Kỹ thuật", "Cục Chính trị", "Quân đoàn 12"]
KINDS = [
    "so_ket",
    "tong_ket",
    "ra_nghi_quyet",
    "quan_triet",
    "dai_hoi",
    "thuong_ky",
    "chuyen_de",
    "other",
]
BYLINES = ["Nguyễn Hoàng", "Hương Giang", "Đinh Khánh", "Kim Anh"]


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        n = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if n not in used:
            used.add(n)
            return n


def _period(rng: random.Random, kind: str, held_on: dt.date) -> str:
    y = held_on.year
    if kind == "so_ket":
        return rng.choice([f"{y}-H1", f"{y}-Q{(held_on.month - 1) // 3 + 1}"])
    if kind == "tong_ket":
        return str(y if held_on.month == 12 else y - 1)
    if kind == "ra_nghi_quyet":
        return rng.choice([f"{y}-H2", str(y + 1 if held_on.month == 12 else y)])
    if kind == "dai_hoi":
        return "2025-2030"
    return ""


# Holding bodies that are not "Đảng ủy <unit>": (organizer, unit), as the seeds name them.
OTHER_ORGANIZERS = [
    ("Ban Thường vụ Đảng ủy Cục Chính trị Quân khu", "Cục Chính trị Quân khu"),
    ("Chi bộ Đại đội 3", "Đại đội 3"),
    ("Đảng ủy Phòng Chính trị", "Phòng Chính trị"),
    ("Tỉnh ủy Tây Sơn", "tỉnh Tây Sơn"),
    ("Đảng ủy xã Tân Lập", "xã Tân Lập"),
    ("Đảng ủy Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
]


def generate(rng: random.Random) -> NewsInput:
    used: set[str] = set()
    kind = rng.choice(KINDS)
    unit_word, num = rng.choice(UNITS)
    unit = f"{unit_word} {num(rng)}"
    organizer = f"Đảng ủy {unit}"
    if rng.random() < 0.2:
        organizer, unit = rng.choice(OTHER_ORGANIZERS)
    superior = rng.choice(SUPERIORS)
    month = {"so_ket": 6, "tong_ket": 12, "dai_hoi": 5}.get(kind, rng.randint(1, 12))
    held_on = dt.date(rng.choice([2023, 2024, 2025, 2026]), month, rng.randint(1, 28))
    people = [
        NewsPerson(
            _name(rng, used),
            rng.choice(["Đại tá", "Thiếu tướng"]),
            ["Bí thư Đảng ủy", f"Chính ủy {superior}"],
            ["directed"],
        ),
        NewsPerson(
            _name(rng, used),
            rng.choice(["Thượng tá", "Đại tá"]),
            ["Bí thư Đảng ủy", f"Chính ủy {unit}"],
            ["chair"],
        ),
    ]
    if rng.random() < 0.1:  # a civilian leader directs too, written "đồng chí"
        people.append(NewsPerson(_name(rng, used), "", ["Bí thư Tỉnh ủy Tây Sơn"], ["directed"]))
    if rng.random() < 0.1:  # a navy officer, or a professional serviceman, attends
        people.append(
            NewsPerson(
                _name(rng, used),
                rng.choice(["Chuẩn Đô đốc", "Thượng tá QNCN"]),
                ["Chính ủy Vùng 2 Hải quân"],
                ["attended"],
            )
        )
    if rng.random() < 0.15:  # the chair presents the report himself
        people[1].roles.append("reported")
    elif rng.random() < 0.5:
        people.append(
            NewsPerson(
                _name(rng, used),
                rng.choice(["Trung tá", "Thượng tá"]),
                ["Phó Bí thư Đảng ủy", f"Phó Chính ủy {unit}"],
                ["reported"],
            )
        )
    for _ in range(rng.randint(0, 3)):
        people.append(
            NewsPerson(
                _name(rng, used),
                rng.choice(["Thiếu tá", "Trung tá"]),
                [f"Chủ nhiệm Chính trị {unit}"],
                ["attended"],
            )
        )
    for _ in range(rng.randint(0, 2)):
        people.append(
            NewsPerson(
                _name(rng, used),
                rng.choice(["Đại úy", "Thiếu tá"]),
                [f"Bí thư Chi bộ Đại đội {rng.randint(1, 20)}"],
                ["spoke"],
            )
        )
    awards = []
    if rng.random() < 0.3:
        awards.append(
            NewsAward(
                "Giấy khen",
                organizer,
                "các tổ chức đảng, đảng viên",
                f"hoàn thành xuất sắc nhiệm vụ tiêu biểu năm {held_on.year}",
            )
        )
    return NewsInput(
        kind=kind,
        organizer=organizer,
        unit=unit,
        held_on=held_on,
        part_of_day=rng.choice(["", "sang", "chieu"]),
        period=_period(rng, kind, held_on),
        title={
            "chuyen_de": "về công tác cán bộ",
            "thuong_ky": f"thường kỳ tháng {held_on.month}",
        }.get(kind, ""),
        people=people,
        documents=["Chỉ thị số 2889-CT/ĐU ngày 10/9/2024 của Ban Thường vụ Đảng ủy Quân khu"]
        if kind == "quan_triet"
        else [],
        requirements=[
            "tập trung xây dựng Đảng bộ trong sạch vững mạnh",
            "làm tốt công tác tư tưởng cho cán bộ, chiến sĩ",
        ][: rng.randint(0, 2)],
        awards=awards,
        byline=rng.choice(BYLINES),
    )


def _fold(s: str) -> str:
    from ctct.text import fold

    return fold(s or "")


def mismatches(news: NewsInput, record: dict) -> list[str]:
    """What the extraction got wrong about ``news`` (empty when the round trip is exact)."""
    out = []
    ev = record.get("event") or {}
    if ev.get("date") != news.held_on.isoformat():
        out.append(f"date {ev.get('date')!r}")
    if ev.get("kind") != EXTRACT_KIND[news.kind]:
        out.append(f"kind {ev.get('kind')!r}")
    if _fold(ev.get("organizer")) != _fold(news.organizer):
        out.append(f"organizer {ev.get('organizer')!r}")
    found = {_fold(p["name"]): p for p in record.get("people", [])}
    for p in news.people:
        got = found.get(_fold(p.name))
        if got is None:
            out.append(f"missing {p.name}")
            continue
        if (got.get("rank") or "") != p.rank:
            out.append(f"rank of {p.name}: {got.get('rank')!r}")
        for role in {"chair", "directed", "reported"} & set(p.roles):
            if role not in got.get("roles", []):
                out.append(f"{p.name} not {role}: {got.get('roles')}")
    return out


def roundtrip(news: NewsInput) -> list[str]:
    from ctct.extract import extract_text

    return mismatches(news, extract_text(draft(news), source="draft"))
