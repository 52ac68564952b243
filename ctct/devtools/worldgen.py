"""A generated world for the import benchmark: careers, namesakes, and reports with ground truth.

On top of a database that already holds the demo organization (``ctct.devtools.demo.build_demo``):

1. ``build_world(seed=...)`` adds what makes matching hard:

   - **careers** over 2019-2026. *Past moves*: a holder of a post (the secretary-commissar or
     the deputy secretary-commander of a body) held the same post at a body one level down
     until the day before his current post began, with the rank below ("Thượng tá, Chính ủy
     Trung đoàn 271" in 2021, "Đại tá, Chính ủy Lữ đoàn 682" in 2024). *Future moves*: a holder
     leaves his post in 2025-2026 for the same post one level up, whose holder retires, and is
     promoted a few months later (a colonel in 2025 is a major general in 2026).
   - **namesakes**: people with exactly the full name of a post holder, elsewhere in the tree,
     with another rank (or, for some, the same rank) and a deputy post or no post at all.
   - **documents**: directives and resolutions of the central commission and of each military
     region registered in the database, to be cited by the reports (the units' own plans are
     cited too, but are not in the database: the import creates them).

2. ``generate_reports(out_dir, n, seed=...)`` writes ``n`` news reports of conferences held by
   bodies of the tree over 2019-2026 (rendered by ``ctct.conferences.news.draft``), each
   naming the people who held the posts that day with the rank and titles they held that day
   (chair: the body's secretary; directed: a leader of the superior; reported: a deputy;
   attended and spoke: other leaders, subordinate secretaries, plain members), guests and new
   people who are not in the database, 0-2 cited documents and 0-1 award. About 5% are saved
   as HTML pages; a few are exact copies, or the same article as HTML and as text. The ground
   truth goes to ``truth.json``, computed from the database as it is *before* any import.

Everything is deterministic for a given database and seed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
import shutil
from bisect import bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ctct.conferences.news import NewsAward, NewsInput, NewsPerson, draft, headline
from ctct.core.templatetags.change_reasons import BENCHMARK_WORLD_REASON
from ctct.text import fold, name_key

START = dt.date(2019, 1, 1)  # reports and careers from here ...
CAP = dt.date(2026, 10, 31)  # ... to here (nothing is dated after the cap)
REASON = BENCHMARK_WORLD_REASON

# Ranks ascending (the demo's ladder, DOMAIN.md order).
RANKS = [
    "Binh nhì",
    "Binh nhất",
    "Hạ sĩ",
    "Trung sĩ",
    "Thượng sĩ",
    "Thiếu úy",
    "Trung úy",
    "Thượng úy",
    "Đại úy",
    "Thiếu tá",
    "Trung tá",
    "Thượng tá",
    "Đại tá",
    "Thiếu tướng",
    "Trung tướng",
    "Thượng tướng",
    "Đại tướng",
]
RANK_INDEX = {r: i for i, r in enumerate(RANKS)}

# A post one level up, for career moves (the level a holder of the key's level moves to).
PROMOTES_TO = {
    "company": ("battalion",),
    "battalion": ("regiment", "brigade"),
    "regiment": ("brigade", "division"),
    "brigade": ("division",),
    "district_command": ("province_command",),
    "province_command": ("division",),
    "division": ("region", "department"),
    "department": ("region",),
}
PROMOTES_FROM: dict[str, tuple[str, ...]] = {}
for _low, _highs in PROMOTES_TO.items():
    for _high in _highs:
        PROMOTES_FROM[_high] = (*PROMOTES_FROM.get(_high, ()), _low)

# Posts nobody holds in the demo, given to namesakes: (title, party post beside it or None).
DEPUTY_POSTS = {
    "region": [("Phó Tư lệnh", "Ủy viên Ban Thường vụ"), ("Tham mưu trưởng", "Ủy viên")],
    "department": [("Phó Cục trưởng", "Ủy viên")],
    "division": [("Phó Sư đoàn trưởng", "Ủy viên"), ("Tham mưu trưởng", "Ủy viên")],
    "brigade": [("Phó Chính ủy", "Ủy viên Ban Thường vụ"), ("Phó Lữ đoàn trưởng", "Ủy viên")],
    "regiment": [("Phó Chính ủy", "Ủy viên Ban Thường vụ"), ("Phó Trung đoàn trưởng", None)],
    "province_command": [("Phó Chính ủy", "Ủy viên Ban Thường vụ"), ("Phó Chỉ huy trưởng", None)],
    "district_command": [("Phó Chỉ huy trưởng", "Ủy viên")],
    "battalion": [("Chính trị viên phó", "Ủy viên"), ("Phó Tiểu đoàn trưởng", None)],
    "company": [("Chính trị viên phó", None), ("Phó Đại đội trưởng", None)],
    "agency_cell": [("Phó Trưởng phòng", None)],
}
# Rank band of a post holder by level (the demo's LEADER_RANKS).
BANDS = {
    "central": ("Thượng tướng", "Đại tướng"),
    "region": ("Thiếu tướng", "Trung tướng"),
    "department": ("Đại tá", "Thiếu tướng"),
    "division": ("Đại tá", "Thiếu tướng"),
    "brigade": ("Thượng tá", "Đại tá"),
    "regiment": ("Trung tá", "Đại tá"),
    "province_command": ("Thượng tá", "Đại tá"),
    "district_command": ("Thiếu tá", "Thượng tá"),
    "battalion": ("Thiếu tá", "Trung tá"),
    "company": ("Thượng úy", "Đại úy"),
    "agency_cell": ("Trung tá", "Thượng tá"),
}
# Who holds conferences and how often (weight per body).
LEVEL_WEIGHT = {
    "central": 2.0,
    "region": 4.0,
    "department": 3.0,
    "division": 3.0,
    "brigade": 3.0,
    "regiment": 2.5,
    "province_command": 2.5,
    "district_command": 1.2,
    "battalion": 0.8,
    "agency_cell": 0.4,
    "company": 0.25,
}
# Titles that lead a body (the directing superior, the deputy who reports).
LEADING = ("Bí thư", "Phó Bí thư", "Phó Chính ủy", "Chủ nhiệm Chính trị", "Ủy viên Ban Thường vụ")
# Units with a staff of their own (where an officer not on record may come from).
STAFFED = ("region", "department", "division", "brigade", "regiment", "province_command")
DEPUTIES = ("Phó Bí thư", "Phó Chính ủy", "Chủ nhiệm Chính trị", "Chính trị viên phó")

SURNAMES = ["Nguyễn"] * 12 + ["Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi"] * 2
SURNAMES += ["Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Mai", "Hà", "Lương", "Cao"]
MIDDLE = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Ngọc", "Thanh", "Xuân", "Công", "Đình"]
MIDDLE += ["Trọng", "Mạnh", "Quang", "Tiến", "Duy", "Thị", "Thu", "Hồng"]
GIVEN = ["Anh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hùng", "Huy", "Hưng", "Khánh"]
GIVEN += ["Kiên", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn"]
GIVEN += ["Tâm", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"]
GIVEN += ["Hà", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Yến"]
PROVINCES = ["Tây Sơn", "Bình Lâm", "An Phước", "Hòa Mỹ", "Sông Lam", "Kim Sơn", "Tân Hưng"]
BYLINES = ["Nguyễn Hoàng", "Hương Giang", "Đinh Khánh", "Kim Anh", "Quang Tuấn", "Thu Hà"]
REQUIREMENTS = [
    "tập trung xây dựng Đảng bộ trong sạch vững mạnh tiêu biểu",
    "làm tốt công tác giáo dục chính trị, định hướng tư tưởng cho cán bộ, chiến sĩ",
    "nâng cao chất lượng huấn luyện, sẵn sàng chiến đấu của đơn vị",
    "quản lý chặt chẽ quân số, vũ khí, trang bị và kỷ luật của bộ đội",
    "đổi mới nội dung, phương pháp sinh hoạt chi bộ ở các đơn vị cơ sở",
    "thực hiện nghiêm chế độ kiểm tra, giám sát của cấp ủy các cấp",
    "chăm lo đời sống vật chất, tinh thần cho bộ đội trong mọi tình huống",
    "phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu",
    "đẩy mạnh phong trào thi đua quyết thắng gắn với các cuộc vận động",
    "làm tốt công tác dân vận, xây dựng địa bàn vững mạnh toàn diện",
    "tăng cường công tác bảo vệ chính trị nội bộ trong tình hình mới",
    "xây dựng đội ngũ cán bộ đủ về số lượng, có chất lượng cao",
]
DIRECTIONS = [
    "tiếp tục nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức đảng",
    "tập trung lãnh đạo hoàn thành các chỉ tiêu huấn luyện và sẵn sàng chiến đấu",
    "thực hiện tốt các nghị quyết, chỉ thị của cấp trên, giữ vững ổn định chính trị",
    "chăm lo xây dựng đơn vị vững mạnh toàn diện mẫu mực, tiêu biểu",
]
AWARD_REASONS = [
    "có thành tích xuất sắc trong thực hiện nhiệm vụ",
    "hoàn thành tốt nhiệm vụ xây dựng Đảng",
    "có thành tích trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]


# --- the tree as plain data ----------------------------------------------------------------
@dataclass
class B:
    """A body as the title formatting (``ctct.text.titles``) and the generator read it."""

    id: int
    path: str
    depth: int
    name: str
    short_name: str
    unit_name: str
    kind: str
    founded_on: dt.date | None
    merged_on: dt.date | None
    level: str = ""
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def display_unit(self) -> str:
        return self.unit_name or self.name


@dataclass
class Pos:
    id: int
    person_id: int
    body_id: int
    title: str
    title_kind: str
    started_on: dt.date
    ended_on: dt.date | None
    body: B | None = None

    def held_on(self, d: dt.date) -> bool:
        return self.started_on <= d and (self.ended_on is None or d <= self.ended_on)


def level_of(b: B) -> str:
    """The demo's level of a body, read from its kind and unit name."""
    unit = b.unit_name or ""
    if b.depth == 1 and b.kind == "party_committee":
        return "central"
    if b.kind == "standing_committee":
        return "standing"
    if b.kind in ("provincial_committee", "district_committee"):
        return "civil"
    if b.kind == "cell":
        return "company" if unit.startswith("Đại đội") else "agency_cell"
    for prefix, level in (
        ("Quân khu", "region"),
        ("Sư đoàn", "division"),
        ("Lữ đoàn", "brigade"),
        ("Trung đoàn", "regiment"),
        ("Tiểu đoàn", "battalion"),
        ("Bộ CHQS tỉnh", "province_command"),
        ("Ban CHQS", "district_command"),
        ("Cục ", "department"),
        ("Bộ Tham mưu", "department"),
    ):
        if unit.startswith(prefix):
            return level
    return "other"


def load_bodies() -> dict[int, B]:
    from ctct.bodies.models import Body

    rows = Body.objects.values_list(
        "id", "path", "depth", "name", "short_name", "unit_name", "kind", "founded_on", "merged_on"
    )
    bodies = {r[0]: B(*r) for r in rows}
    by_path = {b.path: b.id for b in bodies.values()}
    for b in sorted(bodies.values(), key=lambda b: b.path):
        b.level = level_of(b)
        if b.depth > 1:
            b.parent = by_path.get(b.path[:-4])
            if b.parent is not None:
                bodies[b.parent].children.append(b.id)
    return bodies


def load_positions(bodies: dict[int, B]) -> list[Pos]:
    from ctct.people.models import Position

    rows = Position.objects.order_by("id").values_list(
        "id", "person_id", "body_id", "title", "title_kind", "started_on", "ended_on"
    )
    return [Pos(*r, body=bodies.get(r[2])) for r in rows]


def load_ranks() -> dict[int, list[tuple[dt.date, str]]]:
    from ctct.people.models import RankRecord

    out: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for pid, rank, on in RankRecord.objects.values_list("person_id", "rank", "conferred_on"):
        out[pid].append((on, rank))
    for v in out.values():
        v.sort()
    return out


def rank_on(records: list[tuple[dt.date, str]], d: dt.date) -> str | None:
    """The rank held on ``d`` (the last conferred on or before it), None before the first."""
    i = bisect_right(records, (d, "\uffff"))
    return records[i - 1][1] if i else None


def _search_key(title: str, b: B) -> str:
    """What ``ctct.people.models.position_search_key`` computes."""
    return fold(f"{title} {b.name} {b.unit_name}")[:600]


def _title_kind(title: str) -> str:
    from ctct.text.titles import title_kind

    return title_kind(title)


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    if hi <= lo:
        return lo
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


# --- the world ----------------------------------------------------------------------------
@dataclass
class WorldSummary:
    past_moves: int = 0
    future_moves: int = 0
    promotions: int = 0  # people whose rank changes between 2019 and the cap
    namesakes: int = 0
    namesakes_same_rank: int = 0
    namesakes_with_post: int = 0
    documents_registered: int = 0


@dataclass
class _Bundle:
    """The posts one person took at one body on one day (secretary + commissar, ...)."""

    person_id: int
    body_id: int
    role: str  # "secretary" | "commander"
    started_on: dt.date
    positions: list[Pos]


def _bundles(positions: list[Pos], bodies: dict[int, B]) -> dict[tuple[int, str], _Bundle]:
    """Current bundles by (body, role): the secretary's and the deputy secretary's posts."""
    by_person_start: dict[tuple[int, dt.date], list[Pos]] = defaultdict(list)
    for p in positions:
        if p.ended_on is None:
            by_person_start[(p.person_id, p.started_on)].append(p)
    out: dict[tuple[int, str], _Bundle] = {}
    for (pid, start), ps in sorted(by_person_start.items()):
        for p in ps:
            role = {"Bí thư": "secretary", "Phó Bí thư": "commander"}.get(p.title)
            if role and bodies[p.body_id].level in BANDS:
                out.setdefault((p.body_id, role), _Bundle(pid, p.body_id, role, start, ps))
    return out


def build_world(
    *,
    seed: int = 1,
    past_share: float = 0.3,
    future_share: float = 0.08,
    namesake_share: float = 0.15,
    same_rank_share: float = 0.35,
    namesake_post_share: float = 0.6,
) -> WorldSummary:
    """Add careers, namesakes and citable documents to the demo organization (see above)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ctct.bodies.models import Body
    from ctct.core.bulk import analyze, insert_history, insert_rows, next_id, reset_sequences
    from ctct.people.models import Person, Position, RankRecord

    rng = random.Random(f"world-{seed}")
    summary = WorldSummary()
    bodies = load_bodies()
    positions = load_positions(bodies)
    ranks = load_ranks()
    people = {
        pid: [name, body_id, rank, conferred]
        for pid, name, body_id, rank, conferred in Person.objects.values_list(
            "id", "full_name", "body_id", "rank", "rank_conferred_on"
        )
    }
    bundles = _bundles(positions, bodies)
    by_level_role: dict[tuple[str, str], list[_Bundle]] = defaultdict(list)
    for (body_id, role), bundle in sorted(bundles.items()):
        by_level_role[(bodies[body_id].level, role)].append(bundle)

    new_positions: list[tuple] = []  # (person_id, body_id, title, kind, start, end, key)
    ended: dict[int, dt.date] = {}  # position id -> new ended_on
    dropped_positions: set[int] = set()
    rank_rewrites: dict[int, list[tuple[dt.date, str]]] = {}
    person_changes: dict[int, dict] = {}
    touched: set[int] = set()
    past_used: set[tuple[int, str]] = set()
    past_movers: set[int] = set()

    def region_of(body_id: int) -> str:
        return bodies[body_id].path[:8]

    def add_bundle(person_id: int, like: _Bundle, start: dt.date, end: dt.date | None) -> None:
        for p in like.positions:
            b = bodies[p.body_id]
            new_positions.append(
                (person_id, b.id, p.title, p.title_kind, start, end, _search_key(p.title, b))
            )

    def ladder(top: str, top_on: dt.date, steps: int = 3) -> list[tuple[dt.date, str]]:
        """``top`` conferred on ``top_on`` and the ranks below it, one every 3-4 years."""
        out = [(top_on, top)]
        i, on = RANK_INDEX[top], top_on
        for _ in range(steps):
            i -= 1
            if i < 0:
                break
            on = on - dt.timedelta(days=rng.randint(3 * 365, 4 * 365))
            out.append((on, RANKS[i]))
        return sorted(out)

    # 1. Past moves: the holder of a post held the same post one level down before it.
    upper = [b for lvl in PROMOTES_FROM for role in ("secretary", "commander")
             for b in by_level_role[(lvl, role)]]  # fmt: skip
    rng.shuffle(upper)
    for a in upper:
        if rng.random() >= past_share or a.person_id in touched:
            continue
        rank = people[a.person_id][2]
        if rank not in RANK_INDEX or RANK_INDEX[rank] == 0:
            continue
        lows = [
            c
            for lvl in PROMOTES_FROM[bodies[a.body_id].level]
            for c in by_level_role[(lvl, a.role)]
        ]
        near = [c for c in lows if region_of(c.body_id) == region_of(a.body_id)]
        picked = None
        for pool in (near, lows):
            for c in rng.sample(pool, min(len(pool), 40)):
                if (
                    (c.body_id, c.role) not in past_used
                    and c.started_on >= a.started_on
                    and c.person_id != a.person_id
                ):
                    picked = c
                    break
            if picked:
                break
        if picked is None:
            continue
        past_used.add((picked.body_id, picked.role))
        end = a.started_on - dt.timedelta(days=1)
        start = end - dt.timedelta(days=rng.randint(2 * 365, 5 * 365))
        founded = bodies[picked.body_id].founded_on
        if founded and start < founded:
            start = founded
        if start > end:
            continue
        add_bundle(a.person_id, picked, start, end)
        promoted_on = min(a.started_on + dt.timedelta(days=rng.randint(20, 420)), CAP)
        rank_rewrites[a.person_id] = ladder(rank, promoted_on)
        person_changes.setdefault(a.person_id, {})["rank_conferred_on"] = promoted_on
        touched.add(a.person_id)
        past_movers.add(a.person_id)
        summary.past_moves += 1

    # 2. Future moves: a holder leaves for the same post one level up in 2025-2026.
    lower = [b for lvl in PROMOTES_TO for role in ("secretary", "commander")
             for b in by_level_role[(lvl, role)]]  # fmt: skip
    rng.shuffle(lower)
    for a in lower:
        if rng.random() >= future_share or a.person_id in touched:
            continue
        if a.started_on > dt.date(2024, 6, 30):
            continue
        rank = people[a.person_id][2]
        if rank not in RANK_INDEX:
            continue
        when = _day(rng, max(a.started_on + dt.timedelta(days=400), dt.date(2025, 1, 1)),
                    dt.date(2026, 6, 30))  # fmt: skip
        ups = [
            x for lvl in PROMOTES_TO[bodies[a.body_id].level] for x in by_level_role[(lvl, a.role)]
        ]
        near = [x for x in ups if region_of(x.body_id) == region_of(a.body_id)]
        picked = None
        for pool in (near, ups):
            for x in rng.sample(pool, min(len(pool), 40)):
                founded = bodies[x.body_id].founded_on
                if (
                    x.person_id not in touched
                    and x.person_id != a.person_id
                    and x.started_on <= when - dt.timedelta(days=365)
                    and (founded is None or founded < when)
                ):
                    picked = x
                    break
            if picked:
                break
        if picked is None:
            continue
        leave = when - dt.timedelta(days=1)
        for p in a.positions + picked.positions:
            ended[p.id] = leave
        add_bundle(a.person_id, picked, when, None)
        records = list(ranks.get(a.person_id, []))
        last_on = records[-1][0] if records else START
        i = RANK_INDEX[rank]
        top = RANK_INDEX[BANDS[bodies[picked.body_id].level][1]]
        promoted_on = max(when + dt.timedelta(days=rng.randint(30, 240)),
                          last_on + dt.timedelta(days=730))  # fmt: skip
        if i + 1 <= top and promoted_on <= CAP:
            records.append((promoted_on, RANKS[i + 1]))
            rank_rewrites[a.person_id] = records
            person_changes.setdefault(a.person_id, {}).update(
                rank=RANKS[i + 1], rank_conferred_on=promoted_on
            )
        person_changes.setdefault(a.person_id, {})["body_id"] = picked.body_id
        touched.update((a.person_id, picked.person_id))
        summary.future_moves += 1

    # The demo gives 30% of holders an earlier "Ủy viên" post at home; a mover held the lower
    # post then, so that one goes.
    for p in positions:
        if p.person_id in past_movers and p.ended_on is not None and p.title == "Ủy viên":
            dropped_positions.add(p.id)

    # 3. Namesakes of post holders.
    holders = sorted({p.person_id for p in positions if p.ended_on is None})
    taken = {(p.body_id, p.title) for p in positions if p.ended_on is None}
    by_level: dict[str, list[int]] = defaultdict(list)
    for b in sorted(bodies.values(), key=lambda b: b.id):
        if b.level in DEPUTY_POSTS and b.merged_on is None:
            by_level[b.level].append(b.id)
    leaves = [
        b.id
        for b in sorted(bodies.values(), key=lambda b: b.id)
        if b.level in ("company", "agency_cell") and b.merged_on is None
    ]
    namesakes: list[tuple] = []  # person rows
    namesake_ranks: list[tuple[int, str, dt.date]] = []
    first_person = next_id(Person)
    member_delta: dict[int, int] = defaultdict(int)
    for holder in rng.sample(holders, int(len(holders) * namesake_share)):
        name, home, rank, _ = people[holder]
        if rank not in RANK_INDEX:
            continue
        same = rng.random() < same_rank_share
        if same:
            my_rank = rank
        else:
            i = RANK_INDEX[rank] + rng.choice([-3, -2, -1, 1, 2])
            my_rank = RANKS[min(max(i, RANK_INDEX["Thiếu úy"]), RANK_INDEX["Thiếu tướng"])]
            if my_rank == rank:
                my_rank = RANKS[RANK_INDEX[rank] - 1]
        pid = first_person + len(namesakes)
        body_id = None
        if rng.random() < namesake_post_share:
            levels = [
                lvl
                for lvl, (lo, hi) in BANDS.items()
                if lvl in DEPUTY_POSTS and RANK_INDEX[lo] <= RANK_INDEX[my_rank] <= RANK_INDEX[hi]
            ] or ["company"]
            for _ in range(20):
                cand = rng.choice(by_level[rng.choice(levels)])
                if region_of(cand) == region_of(home) and rng.random() < 0.6:
                    continue  # mostly elsewhere: another region
                title, party = rng.choice(DEPUTY_POSTS[bodies[cand].level])
                if cand == home or (cand, title) in taken:
                    continue
                body_id = cand
                start = _day(rng, dt.date(2019, 1, 1), dt.date(2024, 12, 31))
                b = bodies[cand]
                posts = [title] + ([party] if party and rng.random() < 0.6 else [])
                for t in posts:
                    taken.add((cand, t))
                    new_positions.append(
                        (pid, cand, t, _title_kind(t), start, None, _search_key(t, b))
                    )
                summary.namesakes_with_post += 1
                break
        if body_id is None:
            body_id = rng.choice(leaves)
        conferred = _day(rng, dt.date(2017, 1, 1), dt.date(2022, 12, 31))
        for on, r in ladder(my_rank, conferred, steps=2):
            namesake_ranks.append((pid, r, on))
        birth = dt.date(rng.randint(1968, 1995), rng.randint(1, 12), rng.randint(1, 28))
        joined = dt.date(birth.year + rng.randint(19, 26), rng.randint(1, 12), rng.randint(1, 28))
        namesakes.append(
            (
                pid,
                name,
                birth,
                body_id,
                my_rank,
                conferred,
                joined,
                joined + dt.timedelta(days=365),
                name_key(name),
                fold(name),
            )
        )
        member_delta[body_id] += 1
        summary.namesakes += 1
        summary.namesakes_same_rank += same

    # Promotions: people whose rank changes within the years the reports cover.
    summary.promotions = sum(
        any(START < on <= CAP for on, _ in records) for records in rank_rewrites.values()
    )

    now = timezone.now()
    with transaction.atomic():
        if dropped_positions:
            Position.objects.filter(pk__in=sorted(dropped_positions)).delete()
        if ended:
            Position.objects.bulk_update(
                [Position(id=pk, ended_on=on) for pk, on in sorted(ended.items())],
                ["ended_on"],
                batch_size=1000,
            )
        if namesakes:
            cols = [
                "id",
                "full_name",
                "birth_date",
                "body_id",
                "rank",
                "rank_conferred_on",
                "party_joined_on",
                "party_confirmed_on",
                "name_key",
                "search_key",
            ]
            insert_rows(Person, cols, namesakes)
            insert_history(Person, cols, namesakes, now, reason=REASON)
        if rank_rewrites:
            table = connection.ops.quote_name(RankRecord._meta.db_table)
            ids = sorted(rank_rewrites)
            with connection.cursor() as cur:
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    cur.execute(
                        f"DELETE FROM {table} WHERE person_id IN ({', '.join(['%s'] * len(chunk))})",
                        chunk,
                    )
        rank_rows = [
            (pid, r, on) for pid in sorted(rank_rewrites) for on, r in rank_rewrites[pid]
        ] + namesake_ranks
        if rank_rows:
            first = next_id(RankRecord)
            rows = [(first + i, *r) for i, r in enumerate(rank_rows)]
            cols = ["id", "person_id", "rank", "conferred_on"]
            insert_rows(RankRecord, cols, rows)
            insert_history(RankRecord, cols, rows, now, reason=REASON)
        if new_positions:
            first = next_id(Position)
            rows = [(first + i, *p) for i, p in enumerate(new_positions)]
            cols = [
                "id",
                "person_id",
                "body_id",
                "title",
                "title_kind",
                "started_on",
                "ended_on",
                "search_key",
            ]
            insert_rows(Position, cols, rows)
            insert_history(Position, cols, rows, now, reason=REASON)
        if person_changes:
            objs = []
            for pid, change in sorted(person_changes.items()):
                obj = Person(id=pid, full_name=people[pid][0], body_id=people[pid][1])
                obj.rank, obj.rank_conferred_on = people[pid][2], people[pid][3]
                for k, v in change.items():
                    setattr(obj, k, v)
                if "body_id" in change:
                    member_delta[people[pid][1]] -= 1
                    member_delta[change["body_id"]] += 1
                objs.append(obj)
            Person.objects.bulk_update(
                objs, ["rank", "rank_conferred_on", "body_id"], batch_size=1000
            )
        if member_delta:
            counts = dict(
                Body.objects.filter(pk__in=list(member_delta)).values_list("id", "member_count")
            )
            Body.objects.bulk_update(
                [
                    Body(id=pk, member_count=max(counts.get(pk, 0) + d, 0))
                    for pk, d in sorted(member_delta.items())
                ],
                ["member_count"],
                batch_size=1000,
            )
        reset_sequences([Person, Position, RankRecord])
        summary.documents_registered = _register_documents(bodies, rng)
    analyze()
    return summary


# --- documents ----------------------------------------------------------------------------
@dataclass
class CitedDoc:
    citation: str  # "Chỉ thị số 2889-CT/ĐU ngày 10/9/2024"
    issuer: str  # as the report writes it after "của"
    issued_on: dt.date
    key: str  # ctct.text.docnumbers.canonical_key
    issuer_body: int | None  # the issuing body in the tree, if any
    document_id: int | None  # the Document in the database before the import, if any


def _date_text(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def _key(citation: str) -> str:
    from ctct.text.docnumbers import canonical_key, parse_docnumber

    return canonical_key(parse_docnumber(citation))


# Documents from outside the tree: (citation, issuer as written, in the database?).
EXTERNAL_DOCUMENTS = [
    ("Nghị quyết số 21-NQ/TW ngày 16/6/2022", "Ban Chấp hành Trung ương", True),
    ("Quy định số 144-QĐ/TW ngày 9/5/2024", "Bộ Chính trị", True),
    ("Kết luận số 126-KL/TW ngày 14/2/2025", "Bộ Chính trị", False),
    ("Chỉ thị số 05-CT/TW ngày 15/5/2016", "Bộ Chính trị", False),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", "Bộ Chính trị", False),
]


def _register_documents(bodies: dict[int, B], rng: random.Random) -> int:
    """The central commission's and each region's directives and resolutions, and a few
    external ones, registered as they would be before any import."""
    from ctct.documents import services

    made = 0
    for citation, issuer, in_db in EXTERNAL_DOCUMENTS:
        if in_db:
            services.document_register(citation=citation, issuer_name=issuer)
            made += 1
    number = 2889
    for b in sorted(bodies.values(), key=lambda b: b.path):
        if b.level not in ("central", "region"):
            continue
        sym = "QUTW" if b.level == "central" else "ĐU"
        for code, type_name in (("CT", "Chỉ thị"), ("NQ", "Nghị quyết"), ("CT", "Chỉ thị")):
            issued = _day(rng, dt.date(2018, 6, 1), dt.date(2026, 6, 30))
            citation = f"{type_name} số {number}-{code}/{sym} ngày {_date_text(issued)}"
            services.document_register(citation=citation, issuer=_as_body(b))
            number += rng.randint(3, 40)
            made += 1
    return made


def _as_body(b: B):
    from ctct.bodies.models import Body

    return Body.objects.get(pk=b.id)


def citable_documents(bodies: dict[int, B], seed: int) -> list[CitedDoc]:
    """Every document the reports may cite: what the database holds (with an issuer or an
    issuer name), and the units' own plans and a few external documents it does not hold."""
    from ctct.documents.models import Document

    out: list[CitedDoc] = []
    known: set[str] = set()
    for d in Document.objects.select_related("issuer").order_by("id"):
        if not d.issued_on or not d.canonical_key:
            continue
        issuer = d.issuer.name if d.issuer else d.issuer_name
        out.append(CitedDoc(d.citation, issuer, d.issued_on, d.canonical_key, d.issuer_id, d.pk))
        known.add(d.canonical_key)
    for citation, issuer, _in_db in EXTERNAL_DOCUMENTS:
        key = _key(citation)
        if key not in known:
            on = dt.datetime.strptime(citation.rsplit(" ", 1)[1], "%d/%m/%Y").date()
            out.append(CitedDoc(citation, issuer, on, key, None, None))
            known.add(key)
    rng = random.Random(f"plans-{seed}")
    for b in sorted(bodies.values(), key=lambda b: b.id):
        if b.level not in ("division", "brigade", "province_command", "department"):
            continue
        if b.merged_on is not None:
            continue
        for k in range(2):
            issued = _day(rng, dt.date(2019, 1, 1), dt.date(2026, 8, 31))
            if b.founded_on and issued < b.founded_on:
                continue
            number = 3000 + b.id * 2 + k
            citation = f"Kế hoạch số {number}-KH/ĐU ngày {_date_text(issued)}"
            key = _key(citation)
            if key in known:
                continue
            known.add(key)
            out.append(CitedDoc(citation, b.name, issued, key, b.id, None))
    return out


# --- reports ------------------------------------------------------------------------------
KIND_WEIGHTS = {
    "so_ket": 0.2,
    "tong_ket": 0.18,
    "ra_nghi_quyet": 0.14,
    "quan_triet": 0.22,
    "dai_hoi": 0.06,
    "thuong_ky": 0.1,
    "chuyen_de": 0.1,
}
TOPICS = ["về công tác cán bộ", "về công tác kiểm tra, giám sát", "về công tác dân vận"]


def _when(rng: random.Random, kind: str) -> tuple[dt.date, str] | None:
    """A date and the period it is consistent with, for one kind of conference."""
    y = rng.randint(START.year, CAP.year)
    if kind == "so_ket":
        if rng.random() < 0.6:
            return _day(rng, dt.date(y, 6, 15), dt.date(y, 7, 20)), f"{y}-H1"
        q = rng.randint(1, 3)
        end = dt.date(y, q * 3, 28)
        return _day(rng, end, end + dt.timedelta(days=20)), f"{y}-Q{q}"
    if kind == "tong_ket":
        if rng.random() < 0.6:
            return _day(rng, dt.date(y, 12, 10), dt.date(y, 12, 30)), str(y)
        return _day(rng, dt.date(y, 1, 5), dt.date(y, 1, 25)), str(y - 1)
    if kind == "ra_nghi_quyet":
        if rng.random() < 0.7:
            return _day(rng, dt.date(y, 12, 10), dt.date(y, 12, 30)), str(y + 1)
        return _day(rng, dt.date(y, 6, 20), dt.date(y, 7, 10)), f"{y}-H2"
    if kind == "dai_hoi":
        y = rng.choice([2020, 2025])
        return _day(rng, dt.date(y, 3, 1), dt.date(y, 7, 31)), f"{y}-{y + 5}"
    return _day(rng, START, CAP), ""


class _Generator:
    def __init__(self, seed: int):
        from ctct.conferences.models import Conference
        from ctct.people.models import Person

        self.rng = random.Random(f"reports-{seed}")
        self.bodies = load_bodies()
        self.positions = load_positions(self.bodies)
        self.ranks = load_ranks()
        self.by_body: dict[int, list[Pos]] = defaultdict(list)
        self.by_person: dict[int, list[Pos]] = defaultdict(list)
        for p in self.positions:
            self.by_body[p.body_id].append(p)
            self.by_person[p.person_id].append(p)
        self.people: dict[int, tuple[str, int, str]] = {}
        self.members: dict[int, list[int]] = defaultdict(list)
        for pid, name, body_id, rank in Person.objects.order_by("id").values_list(
            "id", "full_name", "body_id", "rank"
        ):
            self.people[pid] = (name, body_id, rank)
            if pid not in self.by_person:
                self.members[body_id].append(pid)
        self.docs = citable_documents(self.bodies, seed)
        self.docs_by_issuer: dict[int | None, list[CitedDoc]] = defaultdict(list)
        for doc in self.docs:
            self.docs_by_issuer[doc.issuer_body].append(doc)
        self.used: set[tuple] = set()
        self.outsiders: dict[tuple, tuple[str, str]] = {}
        for body_id, kind, held_on, period in Conference.objects.values_list(
            "body_id", "kind", "held_on", "period"
        ):
            self.used.add((body_id, kind, period or held_on))
        self._units_above: dict[int, frozenset[str]] = {}
        self.same_name: dict[str, list[int]] = defaultdict(list)
        self.same_unit: dict[str, list[int]] = defaultdict(list)
        for b in self.bodies.values():
            self.same_name[fold(b.name)].append(b.id)
            if b.unit_name and b.kind != "standing_committee":
                self.same_unit[fold(b.unit_name)].append(b.id)
        # Bodies that hold conferences, weighted; and those where movers and namesakes sit.
        self.hosts = [
            b for b in sorted(self.bodies.values(), key=lambda b: b.id) if b.level in LEVEL_WEIGHT
        ]
        self.weights = [LEVEL_WEIGHT[b.level] for b in self.hosts]
        # Bodies where movers (someone who held a post elsewhere) and namesakes of post
        # holders sit: a third of the reports are held there.
        holder_names: dict[str, set[int]] = defaultdict(set)
        for p in self.positions:
            holder_names[self.people[p.person_id][0]].add(p.person_id)
        movers = {p.person_id for p in self.positions if p.ended_on is not None}
        interesting = {
            p.body_id
            for p in self.positions
            if (p.person_id in movers or len(holder_names[self.people[p.person_id][0]]) > 1)
            and self.bodies[p.body_id].level in LEVEL_WEIGHT
        }
        self.interesting = sorted(interesting)

    # who holds what on a day
    def holders(self, body_id: int, d: dt.date, titles=None) -> list[int]:
        out = []
        for p in self.by_body.get(body_id, ()):
            if p.held_on(d) and (titles is None or p.title in titles) and p.person_id not in out:
                out.append(p.person_id)
        return out

    def titles(self, pid: int, d: dt.date) -> list[str]:
        from ctct.text.titles import title_chain

        return title_chain([p for p in self.by_person.get(pid, ()) if p.held_on(d)])

    def rank(self, pid: int, d: dt.date) -> str | None:
        """The rank held on ``d``; "" for a civilian; None when not known that day."""
        records = self.ranks.get(pid)
        if not records:
            return "" if not self.people[pid][2] else None
        return rank_on(records, d)

    def person(self, pid: int, d: dt.date, roles: list[str]) -> NewsPerson | None:
        rank = self.rank(pid, d)
        if rank is None:
            return None
        p = NewsPerson(self.people[pid][0], rank, self.titles(pid, d), roles)
        p.person_id = pid  # type: ignore[attr-defined]
        return p

    def new_name(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def new_person(self, post: tuple, rank: str) -> tuple[str, str]:
        """The one person not on record who holds ``post`` (name, rank), made on first use."""
        if post not in self.outsiders:
            self.outsiders[post] = (self.new_name(), rank)
        return self.outsiders[post]

    def ancestors(self, b: B) -> list[B]:
        """From the parent up to the root."""
        out = []
        while b.parent is not None:
            b = self.bodies[b.parent]
            out.append(b)
        return out

    def units_above(self, b: B) -> frozenset[str]:
        """The folded unit names of every body above ``b`` (memoized)."""
        got = self._units_above.get(b.id)
        if got is None:
            if b.parent is None:
                got = frozenset()
            else:
                parent = self.bodies[b.parent]
                got = self.units_above(parent) | {fold(parent.unit_name)}
            self._units_above[b.id] = got
        return got

    def qualifiers(self, b: B) -> list[str]:
        """The fewest units above ``b`` that tell it from the other bodies of its name
        ("Chi bộ Đại đội 7" -> ["Tiểu đoàn 1/Lữ đoàn 702"]), nearest first; [] if unique."""
        others = [self.bodies[x] for x in self.same_name[fold(b.name)] if x != b.id]
        quals: list[str] = []
        for a in self.ancestors(b):
            if not others:
                break
            unit = fold(a.unit_name)
            if not unit or unit in fold(b.name):
                continue
            left = [o for o in others if unit in self.units_above(o)]
            if len(left) < len(others):
                quals.append(a.unit_name)
                others = left
        return quals

    def organizer_text(self, b: B) -> str:
        """The holding body as a report names it: its name; its unit (a unit of its own
        standing); rarely its short name. A name the tree holds more than once is followed by
        the units above that tell it apart, in parentheses ("Chi bộ Đại đội 7 (Tiểu đoàn
        1/Lữ đoàn 702)": the extraction keeps the name, the text keeps the units); a
        company's cell is also written the army's short way, "Chi bộ Đại đội 7/Tiểu đoàn
        1/Lữ đoàn 702", which names it whole."""
        r = self.rng.random()
        quals = self.qualifiers(b)
        if b.level == "company" and b.parent is not None and r < 0.3:
            return f"{b.name}/{self.bodies[b.parent].unit_name}"
        if quals:
            return f"{b.name} ({' - '.join(quals)})"
        if b.level in ("region", "division", "brigade", "regiment", "department") and r < 0.25:
            if len(self.same_unit[fold(b.unit_name)]) == 1:
                return b.unit_name
        if b.short_name and r > 0.97:
            return b.short_name
        return b.name

    def pick_docs(self, b: B, d: dt.date, count: int) -> list[CitedDoc]:
        """Documents of the body's superiors (and from outside the tree) issued in the four
        years before ``d``."""
        pool = []
        above = b.parent
        issuers: list[int | None] = [None]
        while above is not None:
            issuers.append(above)
            above = self.bodies[above].parent
        for issuer in issuers:
            for doc in self.docs_by_issuer.get(issuer, ()):
                if d - dt.timedelta(days=4 * 365) <= doc.issued_on <= d - dt.timedelta(days=5):
                    pool.append(doc)
        self.rng.shuffle(pool)
        return pool[:count]

    def one(self) -> tuple[NewsInput, dict] | None:
        rng = self.rng
        if self.interesting and rng.random() < 0.35:
            b = self.bodies[rng.choice(self.interesting)]
        else:
            b = rng.choices(self.hosts, self.weights)[0]
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        when = _when(rng, kind)
        if when is None:
            return None
        d, period = when
        if d < START or d > CAP:
            return None
        if b.merged_on and d >= b.merged_on or b.founded_on and d < b.founded_on:
            return None
        slot = (b.id, kind, period or d)
        if slot in self.used or (b.id, d) in self.used:
            return None
        chair = self.holders(b.id, d, ("Bí thư",))
        if not chair:
            return None
        people: list[NewsPerson] = []
        seen_names: set[str] = set()

        def add(p: NewsPerson | None) -> bool:
            if p is None or fold(p.name) in seen_names:
                return False
            seen_names.add(fold(p.name))
            people.append(p)
            return True

        # the directing superior first (the lead names him first), then the chair
        if b.parent is not None and rng.random() < 0.85:
            parent = self.bodies[b.parent]
            sec = self.holders(parent.id, d, ("Bí thư",))
            others = [x for x in self.holders(parent.id, d, LEADING) if x not in sec]
            choice = sec if (sec and rng.random() < 0.6) or not others else others
            if choice:
                add(self.person(rng.choice(choice), d, ["directed"]))
        if not add(self.person(chair[0], d, ["chair"])):
            return None
        deputies = [x for x in self.holders(b.id, d, DEPUTIES) if x != chair[0]]
        if rng.random() < 0.15:
            people[-1].roles.append("reported")
        elif deputies and rng.random() < 0.75:
            add(self.person(rng.choice(deputies), d, ["reported"]))
        # other leaders of the body attend; subordinate secretaries attend or speak
        used = {getattr(p, "person_id", None) for p in people}
        rest = [x for x in self.holders(b.id, d) if x not in used and x not in deputies]
        for pid in rng.sample(rest, min(len(rest), rng.randint(0, 2))):
            add(self.person(pid, d, ["attended"]))
        subs = [
            x
            for c in self.bodies[b.id].children
            for x in self.holders(c, d, ("Bí thư",))
            if x not in used
        ]
        rng.shuffle(subs)
        for pid in subs[: rng.randint(0, 2)]:
            add(self.person(pid, d, ["attended"]))
        for pid in subs[2 : 2 + rng.randint(0, 2)]:
            add(self.person(pid, d, ["spoke"]))
        if rng.random() < 0.35:  # a plain member of the body's units speaks
            node = b
            while node.children and rng.random() < 0.85:
                node = self.bodies[rng.choice(node.children)]
            if self.members.get(node.id):
                add(self.person(rng.choice(self.members[node.id]), d, ["spoke"]))
        # people who are not in the database: each post has one holder over the years, so a
        # guest seen twice is the same person (the import may create them once, then match)
        if rng.random() < 0.12:
            province = rng.choice(PROVINCES)
            name, _rank = self.new_person(("civil", province), "")
            p = NewsPerson(name, "", [f"Phó Chủ tịch UBND tỉnh {province}"], ["attended"])
            p.new_key = f"civil|{province}"  # type: ignore[attr-defined]
            add(p)
        if rng.random() < 0.1:  # an officer of the unit's staff, or of the unit above
            unit = next((a for a in [b, *self.ancestors(b)] if a.level in STAFFED), None)
            if unit is not None:
                lo, hi = BANDS[unit.level]
                title = rng.choice(["Phó Chủ nhiệm Chính trị", "Phó Tham mưu trưởng"])
                name, rank = self.new_person(
                    (unit.id, title), RANKS[rng.randint(RANK_INDEX[lo] - 2, RANK_INDEX[hi] - 1)]
                )
                p = NewsPerson(name, rank, [f"{title} {unit.unit_name}"], ["spoke"])
                p.new_key = f"{unit.id}|{title}"  # type: ignore[attr-defined]
                add(p)

        ndocs = rng.randint(1, 2) if kind == "quan_triet" else int(rng.random() < 0.3)
        docs = self.pick_docs(b, d, ndocs)
        if kind == "quan_triet" and not docs:
            return None
        direction = rng.choice(DIRECTIONS)
        if docs and kind != "quan_triet":
            direction = f"tiếp tục quán triệt, thực hiện nghiêm {_cite(docs[0])}"
        organizer = self.organizer_text(b)
        awards = []
        if rng.random() < 0.25:
            awards.append(
                NewsAward(
                    rng.choice(["Giấy khen", "Bằng khen"]),
                    organizer,
                    rng.choice(["các tổ chức đảng, đảng viên", "các tập thể, cá nhân"]),
                    rng.choice(AWARD_REASONS),
                )
            )
        news = NewsInput(
            kind=kind,
            organizer=organizer,
            unit=b.unit_name,
            held_on=d,
            part_of_day=rng.choice(["", "sang", "chieu"]),
            period=period,
            title={"chuyen_de": rng.choice(TOPICS), "thuong_ky": f"thường kỳ tháng {d.month}"}.get(
                kind, ""
            ),
            people=people,
            documents=[_cite(x) for x in docs] if kind == "quan_triet" else [],
            direction=direction if rng.random() < 0.7 or docs else "",
            requirements=rng.sample(REQUIREMENTS, rng.randint(0, 3)),
            awards=awards,
            byline=rng.choice(BYLINES),
        )
        self.used.add(slot)
        self.used.add((b.id, d))
        text = draft(news)
        order = sorted(people, key=lambda p: _first(text, p.name))
        truth = {
            "held_on": d.isoformat(),
            "kind": kind,
            "period": period,
            "organizer": b.id,
            "organizer_text": organizer,
            "people": [
                {
                    "name": p.name,
                    "person_id": getattr(p, "person_id", None),
                    "new_key": getattr(p, "new_key", None),
                    "rank": p.rank,
                    "titles": p.titles,
                    "roles": p.roles,
                }
                for p in order
            ],
            "documents": [
                {"key": x.key, "citation": x.citation, "document_id": x.document_id} for x in docs
            ],
        }
        return news, truth


def _cite(doc: CitedDoc) -> str:
    return f"{doc.citation} của {doc.issuer}"


def _first(text: str, name: str) -> int:
    i = text.find(name)
    return i if i >= 0 else len(text)


def page(news: NewsInput, text: str) -> str:
    """The article saved from a news site: navigation, the headline, paragraphs, related links."""
    title = html.escape(headline(news))
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    d = news.held_on + dt.timedelta(days=1)
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title} | Báo Quân đội</title></head><body>"
        '<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a>'
        '</li><li><a href="/xay-dung-dang">Xây dựng Đảng</a></li></ul></nav></header>'
        f'<main><article><h1 class="title">{title}</h1>'
        f'<div class="meta">Cập nhật: {d.day:02d}/{d.month:02d}/{d.year} 08:15</div>'
        f'<div class="content">{paras}</div></article>'
        '<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Nâng cao chất lượng sinh hoạt chi bộ '
        'ở đơn vị cơ sở</a></li><li><a href="/b">Hội nghị rút kinh nghiệm công tác huấn luyện'
        "</a></li></ul></aside></main><footer><p>© Báo Quân đội. Giấy phép số 123/GP-BTTTT."
        "</p></footer></body></html>"
    )


def generate_reports(
    out_dir: str | Path,
    n: int,
    *,
    seed: int = 1,
    html_share: float = 0.05,
    copy_share: float = 0.01,
    pair_share: float = 0.01,
) -> dict:
    """Write ``n`` reports (plus a few duplicates) to ``out_dir`` and ``truth.json`` beside
    them; returns the truth. Reads the database as it is now: call it before importing.

    ``truth["files"][filename]``: ``held_on``, ``kind``, ``period``, ``organizer`` (Body id)
    and ``organizer_text`` (as written); ``people`` in order of appearance, each with
    ``name``, ``person_id`` (None when not in the database), ``new_key`` (for those: the post
    they hold, the same for every report naming the same outsider), ``rank`` and ``titles``
    as held that day, ``roles``; ``documents`` with ``key`` (canonical key), ``citation`` and
    ``document_id`` (None when the database does not hold it); ``group``: the first file of
    the same article (itself unless it is a copy). ``truth["groups"]`` lists the files of one
    article (an exact copy, or the HTML page beside the text), ``expected_duplicates`` the
    files beyond the first of each group."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    gen = _Generator(seed)
    rng = random.Random(f"files-{seed}")
    files: dict[str, dict] = {}
    groups: list[list[str]] = []
    made, tries = 0, 0
    while made < n:
        tries += 1
        if tries > 200 * n + 1000:
            raise RuntimeError(f"could only generate {made} of {n} reports")
        got = gen.one()
        if got is None:
            continue
        news, truth = got
        text = draft(news)
        if rng.random() < 0.5:
            text = headline(news) + "\n" + text
        stem = f"r{made + 1:05d}"
        r = rng.random()
        if r < html_share:
            names = [f"{stem}.html"]
            (out / names[0]).write_text(page(news, draft(news)), "utf-8")
        else:
            names = [f"{stem}.txt"]
            (out / names[0]).write_text(text + "\n", "utf-8")
            if r < html_share + copy_share:
                names.append(f"{stem} (1).txt")
                shutil.copyfile(out / names[0], out / names[1])
            elif r < html_share + copy_share + pair_share:
                names.append(f"{stem}.html")
                (out / names[1]).write_text(page(news, draft(news)), "utf-8")
        for name in names:
            files[name] = {**truth, "group": names[0]}
        if len(names) > 1:
            groups.append(names)
        made += 1
    truth = {
        "seed": seed,
        "reports": n,
        "files": files,
        "groups": groups,
        "expected_duplicates": sum(len(g) - 1 for g in groups),
        "mentions": sum(len(t["people"]) for f, t in files.items() if t["group"] == f),
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), "utf-8")
    return truth


def report_paths(out_dir: str | Path) -> list[Path]:
    """The generated reports (not truth.json), in name order."""
    return sorted(p for p in Path(out_dir).iterdir() if p.suffix in (".txt", ".html"))


# --- checking the truth against the database ---------------------------------------------
def verify_truth(truth: dict) -> list[str]:
    """What in ``truth`` the database contradicts (empty when consistent): every person held
    the stated rank and titles on the day, the organizer exists, the documents are there."""
    from ctct.bodies.models import Body
    from ctct.documents.models import Document

    bodies = load_bodies()
    positions = load_positions(bodies)
    ranks = load_ranks()
    by_person: dict[int, list[Pos]] = defaultdict(list)
    for p in positions:
        by_person[p.person_id].append(p)
    from ctct.people.models import Person
    from ctct.text.titles import title_chain

    names = dict(Person.objects.values_list("id", "full_name"))
    body_ids = set(Body.objects.values_list("id", flat=True))
    doc_keys = dict(Document.objects.values_list("id", "canonical_key"))
    problems = []
    for fname, t in sorted(truth["files"].items()):
        d = dt.date.fromisoformat(t["held_on"])
        if t["organizer"] not in body_ids:
            problems.append(f"{fname}: organizer {t['organizer']} not a body")
        for m in t["people"]:
            pid = m["person_id"]
            if pid is None:
                continue
            if names.get(pid) != m["name"]:
                problems.append(f"{fname}: {m['name']} is {names.get(pid)!r} in the database")
            records = ranks.get(pid, [])
            held = rank_on(records, d) if records else ""
            if (held or "") != m["rank"]:
                problems.append(f"{fname}: {m['name']} held {held!r} on {d}, not {m['rank']!r}")
            chain = title_chain([p for p in by_person.get(pid, ()) if p.held_on(d)])
            if chain != m["titles"]:
                problems.append(f"{fname}: {m['name']} titles {chain} on {d}, not {m['titles']}")
        for doc in t["documents"]:
            if doc["document_id"] is not None and doc_keys.get(doc["document_id"]) != doc["key"]:
                problems.append(f"{fname}: document {doc['document_id']} is not {doc['key']}")
    return problems


def summary_lines(summary: WorldSummary) -> dict:
    return asdict(summary)
