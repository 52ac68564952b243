"""A realistic, fictional, deterministic organization for demos and benchmarks.

``build_demo(bodies=N, seed=S)`` creates about N Party bodies: the Central Military
Commission over military regions (political department, logistics-technical department,
divisions → regiments → battalions → companies, brigades → battalions → companies,
provincial military commands), and a civilian provincial Party branch (communes → village
cells). Every body gets members, leaders whose ranks fit their posts, positions, and a
history row. The first military region also gets a directive cascading down it, its
conferences, and the year's leadership resolutions with targets handed down and about half
of the progress entered, and its year-end review report drafted (``ctct.devtools.plans``).
The same N and seed always give the same data.

Everything is written with bulk inserts and precomputed tree paths: 20,000 bodies and about
300,000 people take well under a minute on SQLite.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ctct.core import findable, treepaths
from ctct.core.bulk import analyze, insert_history, insert_rows, next_id, reset_sequences
from ctct.core.templatetags.change_reasons import DEMO_REASON
from ctct.devtools.congresses import demo_congresses
from ctct.devtools.plans import demo_resolutions, demo_review
from ctct.devtools.ratings import demo_ratings
from ctct.text import fold, name_key

REASON = DEMO_REASON


SURNAMES = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng"] * 5
    + ["Huỳnh"] * 2
    + ["Phan"] * 4
    + ["Vũ"] * 4
    + ["Võ"] * 3
    + ["Đặng"] * 2
    + ["Bùi"] * 2
    + ["Đỗ"] * 2
    + [
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Đào",
        "Trịnh",
        "Mai",
        "Tạ",
        "Hà",
        "Lương",
        "Lâm",
        "Cao",
        "Chu",
        "Thái",
        "Quách",
        "Tô",
        "Kiều",
        "Triệu",
        "Vương",
        "Khúc",
        "Lã",
        "Nông",
        "Lò",
    ]
)
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quốc",
    "Ngọc",
    "Thanh",
    "Xuân",
    "Công",
    "Đình",
    "Trọng",
    "Gia",
    "Tất",
    "Hồng",
    "Mạnh",
    "Quang",
    "Tiến",
    "Bá",
    "Duy",
]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Kim", "Phương"]
GIVEN_MALE = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Dương",
    "Đạt",
    "Đông",
    "Giang",
    "Hải",
    "Hào",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Huy",
    "Hưng",
    "Khang",
    "Khánh",
    "Kiên",
    "Lâm",
    "Long",
    "Lợi",
    "Luân",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Ngọc",
    "Nhân",
    "Phong",
    "Phú",
    "Phúc",
    "Quân",
    "Quang",
    "Quyết",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thiện",
    "Thịnh",
    "Thông",
    "Thuận",
    "Tiến",
    "Toàn",
    "Trung",
    "Trường",
    "Tú",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Chiến",
    "Công",
    "Định",
    "Hậu",
    "Lực",
    "Thạch",
    "Trí",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
]
PROVINCES = [
    "Tây Sơn",
    "Bình Lâm",
    "An Phước",
    "Hòa Mỹ",
    "Sông Lam",
    "Kim Sơn",
    "Tân Hưng",
    "Phú Điền",
    "Đông Hải",
    "Thanh Bình",
    "Vĩnh Hòa",
    "Long Khánh",
    "Mỹ Xuyên",
    "Hà Trung",
]
COMMUNE_PREFIXES = ["xã", "xã", "xã", "phường"]
VILLAGE_KINDS = ["thôn", "thôn", "ấp", "khu phố", "tổ dân phố"]
AGENCY_CELLS_POLITICAL = [
    "Phòng Tuyên huấn",
    "Phòng Tổ chức",
    "Phòng Cán bộ",
    "Phòng Chính sách",
    "Phòng Dân vận",
    "Phòng Bảo vệ an ninh",
    "Văn phòng Cục",
    "Ủy ban Kiểm tra",
]
AGENCY_CELLS_LOGISTICS = [
    "Phòng Quân nhu",
    "Phòng Vận tải",
    "Phòng Xăng dầu",
    "Phòng Quân y",
    "Phòng Kỹ thuật",
    "Phòng Quân khí",
    "Kho K10",
    "Xưởng X20",
]

# Ranks ascending, as DOMAIN.md lists them; each post draws from a band of this list.
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
# Leader rank band (lowest, highest) by the level of the unit a body leads. A leader's rank
# never exceeds the rank of the secretary of the body above (their superior), nor a deputy's
# the rank of their own body's secretary: the bands are clipped from the top down.
LEADER_RANKS = {
    "central": ("Thượng tướng", "Đại tướng"),
    "region": ("Thiếu tướng", "Trung tướng"),
    "department": ("Đại tá", "Thiếu tướng"),
    "division": ("Đại tá", "Thiếu tướng"),
    "brigade": ("Thượng tá", "Đại tá"),
    "regiment": ("Trung tá", "Đại tá"),
    "province_command": ("Thượng tá", "Đại tá"),
    "battalion": ("Thiếu tá", "Trung tá"),
    "company": ("Thượng úy", "Đại úy"),
    "agency_cell": ("Trung tá", "Thượng tá"),
    "district_command": ("Thiếu tá", "Thượng tá"),
}
# Ranks of the members who hold no post, by the level of their cell: (share, lowest, highest).
MEMBER_RANKS = {
    "company": ((0.6, "Binh nhì", "Thượng sĩ"), (0.4, "Thiếu úy", "Đại úy")),
    "agency_cell": (
        (0.2, "Trung sĩ", "Thượng sĩ"),
        (0.5, "Thiếu úy", "Đại úy"),
        (0.3, "Thiếu tá", "Thượng tá"),
    ),
}
MEMBER_RANKS_DEFAULT = (
    (0.35, "Binh nhì", "Thượng sĩ"),
    (0.35, "Thiếu úy", "Đại úy"),
    (0.3, "Thiếu tá", "Thượng tá"),
)
# The youngest age at which each rank is held (a birth date fits the rank it carries).
RANK_AGE = dict(
    zip(RANKS, (18, 19, 20, 21, 22, 22, 24, 27, 30, 34, 38, 42, 46, 50, 54, 57, 60), strict=True)
)


@dataclass(frozen=True)
class UnitPosts:
    """The leaders' posts of one kind of unit (DOMAIN.md: the commissar or political officer
    is the secretary, the commander the deputy secretary)."""

    secretary: str | None  # the post beside "Bí thư"
    deputy: str | None  # the post beside "Phó Bí thư"
    others: tuple[tuple[str, str], ...] = ()  # further leaders: (Party post, post)
    civilian_secretary: bool = False


_DEPUTIES = (("Ủy viên Ban Thường vụ", "Phó Chính ủy"), ("Ủy viên", "Chủ nhiệm Chính trị"))
# Posts by unit kind: a Cục Chính trị has a Chủ nhiệm, a Bộ Tham mưu a Tham mưu trưởng, a Cục
# Hậu cần-Kỹ thuật a Chính ủy and a Cục trưởng.
UNIT_POSTS = {
    # The secretary of the Central Military Commission is the General Secretary (no rank).
    "central": UnitPosts(
        None,
        None,
        (("Ủy viên Ban Thường vụ", "Chủ nhiệm Tổng cục Chính trị"),),
        civilian_secretary=True,
    ),
    "region": UnitPosts(
        "Chính ủy", "Tư lệnh", _DEPUTIES[:1] + (("Ủy viên Ban Thường vụ", "Phó Tư lệnh"),)
    ),
    "political_department": UnitPosts(
        "Chủ nhiệm", "Phó Chủ nhiệm", (("Ủy viên", "Phó Chủ nhiệm"),)
    ),
    "staff": UnitPosts("Tham mưu trưởng", "Phó Tham mưu trưởng"),
    "department": UnitPosts("Chính ủy", "Cục trưởng", _DEPUTIES),
    "division": UnitPosts("Chính ủy", "Sư đoàn trưởng", _DEPUTIES),
    "brigade": UnitPosts("Chính ủy", "Lữ đoàn trưởng"),
    "regiment": UnitPosts("Chính ủy", "Trung đoàn trưởng"),
    "province_command": UnitPosts("Chính ủy", "Chỉ huy trưởng"),
    "district_command": UnitPosts("Chính trị viên", "Chỉ huy trưởng"),
    "battalion": UnitPosts("Chính trị viên", "Tiểu đoàn trưởng"),
    "company": UnitPosts("Chính trị viên", "Đại đội trưởng"),
}
# The head of the department an agency's Party cell serves, by the department's name.
AGENCY_HEADS = (
    ("Phòng", "Trưởng phòng"),
    ("Ủy ban Kiểm tra", "Chủ nhiệm"),
    ("Kho", "Chủ nhiệm"),
    ("Xưởng", "Giám đốc"),
)


def unit_posts(node: Node) -> UnitPosts:
    if node.level == "agency_cell":
        head = next((t for prefix, t in AGENCY_HEADS if node.unit_name.startswith(prefix)), None)
        return UnitPosts(None, head)
    return UNIT_POSTS.get(node.unit_kind or node.level, UnitPosts(None, None))


DEMO_PASSWORD = "ctct-demo-2025"


@dataclass
class Node:
    name: str
    kind: str
    level: str
    unit_name: str = ""
    short_name: str = ""
    symbol: str = "ĐU"
    civilian: bool = False
    unit_kind: str = ""  # when the level does not say it: "political_department", "staff"
    founded_on: dt.date | None = None
    merged_on: dt.date | None = None
    successor: Node | None = None
    children: list[Node] = field(default_factory=list)
    path: str = ""
    depth: int = 0
    pk: int | None = None
    members: int = 0

    def add(self, child: Node) -> Node:
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            yield from c.walk()


# --- the tree ----------------------------------------------------------------------------


class TreePlan:
    """Grows the organization until it holds the requested number of bodies."""

    # Divisions and brigades under one military region (with a provincial command after every
    # fourth): a region of realistic size; more bodies means more regions, not fatter ones.
    UNITS_PER_REGION = 16

    def __init__(self, target: int, rng: random.Random, civil_share: float = 0.15):
        self.civil_share = civil_share
        self.target = max(target, 20)
        self.rng = rng
        self.count = 0
        self.roots: list[Node] = []

    def new(self, parent: Node | None, **kw) -> Node:
        node = Node(**kw)
        node.founded_on = node.founded_on or dt.date(
            self.rng.randint(1946, 2015), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        self.count += 1
        if parent is None:
            self.roots.append(node)
        else:
            parent.add(node)
        return node

    @property
    def full(self) -> bool:
        return self.count >= self.target

    def build(self) -> list[Node]:
        military_target = int(self.target * (1 - self.civil_share))
        central = self.new(
            None,
            name="Quân ủy Trung ương",
            short_name="QUTW",
            kind="party_committee",
            level="central",
            unit_name="Quân đội nhân dân Việt Nam",
            symbol="QUTW",
        )
        region_no = 8
        while self.count < military_target:
            self._region(central, region_no, military_target)
            region_no += 1
        # At least one civilian branch when there is a civilian share, even if the last
        # division went past the target (its regiments are not cut in half).
        n = 0
        while not self.full or (n == 0 and self.civil_share > 0):
            self._province(
                PROVINCES[n % len(PROVINCES)]
                + ("" if n < len(PROVINCES) else f" {n // len(PROVINCES) + 1}")
            )
            n += 1
        return self.roots

    def _region(self, central: Node, no: int, limit: int) -> None:
        unit = f"Quân khu {no}"
        region = self.new(
            central,
            name=f"Đảng ủy {unit}",
            short_name=f"ĐU QK{no}",
            kind="party_committee",
            level="region",
            unit_name=unit,
        )
        self.new(
            region,
            name=f"Ban Thường vụ Đảng ủy {unit}",
            short_name=f"BTV ĐU QK{no}",
            kind="standing_committee",
            level="region",
            unit_name=unit,
        )
        pol = self.new(
            region,
            name=f"Đảng ủy Cục Chính trị {unit}",
            short_name=f"ĐU CCT QK{no}",
            kind="political_agency",
            level="department",
            unit_kind="political_department",
            unit_name=f"Cục Chính trị {unit}",
        )
        self._agency_cells(pol, AGENCY_CELLS_POLITICAL)
        log = self.new(
            region,
            name=f"Đảng ủy Cục Hậu cần-Kỹ thuật {unit}",
            short_name=f"ĐU CHC-KT QK{no}",
            kind="party_committee",
            level="department",
            unit_name=f"Cục Hậu cần-Kỹ thuật {unit}",
            founded_on=dt.date(2025, 3, 1),
        )
        for old in ("Cục Hậu cần", "Cục Kỹ thuật"):
            self.new(
                region,
                name=f"Đảng ủy {old} {unit}",
                kind="party_committee",
                level="department",
                unit_name=f"{old} {unit}",
                merged_on=dt.date(2025, 3, 1),
                successor=log,
            )
        self._agency_cells(log, AGENCY_CELLS_LOGISTICS)
        staff = self.new(
            region,
            name=f"Đảng ủy Bộ Tham mưu {unit}",
            short_name=f"ĐU BTM QK{no}",
            kind="party_committee",
            level="department",
            unit_kind="staff",
            unit_name=f"Bộ Tham mưu {unit}",
        )
        self._agency_cells(
            staff, ("Phòng Tác chiến", "Phòng Quân huấn", "Phòng Quân lực", "Phòng Thông tin")
        )
        # Brigades and divisions alternate; provincial commands after every few of them.
        i = 0
        while self.count < limit and i < self.UNITS_PER_REGION:
            if i % 3 == 2:
                self._brigade(region, 600 + no * 10 + i)
            else:
                self._division(region, 300 + no * 10 + i)
            if i % 4 == 3:
                self._province_command(region, PROVINCES[(i // 4) % len(PROVINCES)], no)
            i += 1

    def _agency_cells(self, parent: Node, names) -> None:
        """The Party cells of an agency's departments: "Chi bộ Phòng Tuyên huấn"."""
        for cell in names:
            self.new(
                parent,
                name=f"Chi bộ {cell}",
                kind="cell",
                level="agency_cell",
                unit_name=cell,
                symbol="CB",
            )

    def _company_cells(self, parent: Node, count: int, first: int) -> None:
        for k in range(count):
            unit = f"Đại đội {first + k}"
            self.new(
                parent,
                name=f"Chi bộ {unit}",
                kind="cell",
                level="company",
                unit_name=unit,
                symbol="CB",
            )

    def _battalion(self, parent: Node, no: int, suffix: str = "") -> None:
        unit = f"Tiểu đoàn {no}{suffix}"
        bat = self.new(
            parent,
            name=f"Đảng bộ {unit}",
            kind="party_organization",
            level="battalion",
            unit_name=unit,
        )
        self._company_cells(bat, self.rng.randint(3, 4), first=(no % 10) * 3 + 1)

    def _division(self, region: Node, no: int) -> None:
        unit = f"Sư đoàn {no}"
        div = self.new(
            region,
            name=f"Đảng ủy {unit}",
            short_name=f"ĐU SĐ{no}",
            kind="party_committee",
            level="division",
            unit_name=unit,
        )
        for cell in ("Cơ quan Chính trị", "Cơ quan Tham mưu", "Cơ quan Hậu cần-Kỹ thuật"):
            self.new(
                div,
                name=f"Chi bộ {cell} {unit}",
                kind="cell",
                level="agency_cell",
                unit_name=f"{cell} {unit}",
                symbol="CB",
            )
        for r in range(3):
            if self.full:
                return
            rno = (no % 100) * 3 + r + 1
            runit = f"Trung đoàn {rno}"
            reg = self.new(
                div,
                name=f"Đảng ủy {runit}",
                kind="party_committee",
                level="regiment",
                unit_name=runit,
            )
            self.new(
                reg,
                name=f"Chi bộ Cơ quan {runit}",
                kind="cell",
                level="agency_cell",
                unit_name=f"Cơ quan {runit}",
                symbol="CB",
            )
            for b in range(3):
                self._battalion(reg, b + 1, suffix=f"/{runit}")
        for b in (15, 16):
            self._battalion(div, b, suffix=f"/{unit}")

    def _brigade(self, region: Node, no: int) -> None:
        unit = f"Lữ đoàn {no}"
        bri = self.new(
            region,
            name=f"Đảng ủy {unit}",
            short_name=f"ĐU LĐ{no}",
            kind="party_committee",
            level="brigade",
            unit_name=unit,
        )
        self.new(
            bri,
            name=f"Chi bộ Cơ quan {unit}",
            kind="cell",
            level="agency_cell",
            unit_name=f"Cơ quan {unit}",
            symbol="CB",
        )
        for b in range(4):
            self._battalion(bri, b + 1, suffix=f"/{unit}")

    def _province_command(self, region: Node, province: str, region_no: int) -> None:
        unit = f"Bộ CHQS tỉnh {province}"
        cmd = self.new(
            region,
            name=f"Đảng ủy Quân sự tỉnh {province}",
            kind="party_committee",
            level="province_command",
            unit_name=unit,
        )
        for k in range(1, 5):
            dunit = f"Ban CHQS khu vực {k} tỉnh {province}"
            d = self.new(
                cmd,
                name=f"Đảng ủy Quân sự khu vực {k}",
                kind="party_committee",
                level="district_command",
                unit_name=dunit,
            )
            self._company_cells(d, 2, first=k * 10)

    def _province(self, province: str) -> None:
        unit = f"tỉnh {province}"
        tu = self.new(
            None,
            name=f"Tỉnh ủy {province}",
            short_name=f"TU {province}",
            kind="provincial_committee",
            level="province",
            unit_name=unit,
            symbol="TU",
            civilian=True,
        )
        self.new(
            tu,
            name=f"Ban Thường vụ Tỉnh ủy {province}",
            kind="standing_committee",
            level="province",
            unit_name=unit,
            symbol="TU",
            civilian=True,
        )
        agencies = self.new(
            tu,
            name=f"Đảng ủy các cơ quan Đảng tỉnh {province}",
            kind="party_committee",
            level="commune",
            unit_name=f"các cơ quan Đảng tỉnh {province}",
            civilian=True,
        )
        for ag in (
            "Ban Tổ chức Tỉnh ủy",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Văn phòng Tỉnh ủy",
            "Ủy ban Kiểm tra Tỉnh ủy",
        ):
            self.new(
                agencies,
                name=f"Chi bộ {ag}",
                kind="cell",
                level="village",
                unit_name=ag,
                symbol="CB",
                civilian=True,
            )
        c = 0
        while not self.full and c < 200:
            prefix = COMMUNE_PREFIXES[c % len(COMMUNE_PREFIXES)]
            commune_name = f"{prefix} {self._place()}"
            com = self.new(
                tu,
                name=f"Đảng ủy {commune_name}",
                kind="party_committee",
                level="commune",
                unit_name=commune_name,
                civilian=True,
            )
            for v in range(self.rng.randint(5, 9)):
                vk = self.rng.choice(VILLAGE_KINDS)
                vname = f"{vk} {v + 1}" if self.rng.random() < 0.5 else f"{vk} {self._place()}"
                self.new(
                    com,
                    name=f"Chi bộ {vname}",
                    kind="cell",
                    level="village",
                    unit_name=vname,
                    symbol="CB",
                    civilian=True,
                )
            c += 1

    def _place(self) -> str:
        a = [
            "An",
            "Bình",
            "Phú",
            "Tân",
            "Hòa",
            "Vĩnh",
            "Long",
            "Thạnh",
            "Mỹ",
            "Phước",
            "Đông",
            "Tây",
            "Nam",
            "Bắc",
            "Trung",
        ]
        b = [
            "Lợi",
            "Hưng",
            "Thuận",
            "Đức",
            "Thịnh",
            "Phong",
            "Lộc",
            "Xuân",
            "Hiệp",
            "Điền",
            "Sơn",
            "Hải",
            "Thành",
            "An",
        ]
        return f"{self.rng.choice(a)} {self.rng.choice(b)}"


def assign_paths(roots: list[Node]) -> list[Node]:
    """treebeard's materialized path: four base-36 characters a level, in sibling order."""
    enc = treepaths.step
    out: list[Node] = []
    stack = [(r, enc(i + 1), 1) for i, r in enumerate(roots)][::-1]
    while stack:
        node, path, depth = stack.pop()
        node.path, node.depth = path, depth
        out.append(node)
        node.children.sort(key=lambda c: c.name)
        stack.extend(
            (c, path + enc(i + 1), depth + 1) for i, c in reversed(list(enumerate(node.children)))
        )
    return out


# --- people ------------------------------------------------------------------------------


class NameMaker:
    """Vietnamese names, surname first, with no syllable written twice ("Phan Đức Hào", never
    "Phan Đức Hào Hào" or "Hà Thị Hà")."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self, female: bool = False) -> str:
        r = self.rng
        given_pool = GIVEN_FEMALE if female else GIVEN_MALE
        parts = [r.choice(SURNAMES), r.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)]
        if r.random() < 0.25:  # a second middle name: "Nguyễn Hữu Minh Tuấn"
            parts.append(self._other(given_pool, parts))
        parts.append(self._other(given_pool, parts))
        return " ".join(parts)

    def _other(self, pool: list[str], taken: list[str]) -> str:
        """A name from ``pool`` that is none of ``taken`` (the pools are much larger)."""
        while (pick := self.rng.choice(pool)) in taken:
            pass
        return pick


def _band(pools: tuple[tuple[float, str, str], ...], draw: float) -> tuple[str, str]:
    """The (lowest, highest) rank of the pool ``draw`` (0 to 1) falls in, by the shares."""
    for share, low, high in pools:
        draw -= share
        if draw < 0:
            return low, high
    return pools[-1][1], pools[-1][2]


def _rank_between(rng: random.Random, low: str, high: str, cap: str | None = None) -> str:
    """A rank from ``low`` to ``high``, never above ``cap`` (the superior's rank)."""
    top = RANK_INDEX[high] if cap is None else min(RANK_INDEX[high], RANK_INDEX[cap])
    return RANKS[rng.randint(min(RANK_INDEX[low], top), top)]


@dataclass
class DemoResult:
    bodies: int
    people: int
    positions: int
    rank_records: int
    users: list[tuple[str, str, str]]  # (username, role description, body name)


def build_demo(
    *,
    bodies: int = 400,
    seed: int = 1,
    people_per_body: float = 15.0,
    civil_share: float = 0.15,
    with_documents: bool = True,
    with_ratings: bool = True,
    progress: Callable[[str, int], None] | None = None,
    today: dt.date | None = None,
) -> DemoResult:
    """Add the whole organization to an empty database (``ctct demo-data`` checks it is).

    Rows are written with ``executemany`` on precomputed values: the ORM's per-object work
    would cost most of the time at army scale. History rows ("created", reason "demo data")
    are written the same way, so every record has its who/when/what from the start.
    """
    from ctct.accounts.models import RoleGrant, User
    from ctct.bodies.models import Body
    from ctct.people.models import Person, Position, RankRecord

    rng = random.Random(seed)
    today = today or dt.date(2025, 11, 1)
    step = progress or (lambda label, n: None)

    plan = TreePlan(bodies, rng, civil_share=civil_share)
    nodes = assign_paths(plan.build())
    step("bodies planned", len(nodes))

    now = timezone.now()
    with transaction.atomic():
        # Bodies: explicit ids so that successors, people and positions can point at them.
        first_body = next_id(Body)
        for i, n in enumerate(nodes):
            n.pk = first_body + i
        # People first, in memory, so each body row carries its member count.
        people, ranks, positions = _plan_people(nodes, rng, today, people_per_body, next_id(Person))
        body_cols = [
            "id",
            "path",
            "depth",
            "numchild",
            "name",
            "short_name",
            "kind",
            "unit_name",
            "symbol",
            "founded_on",
            "merged_on",
            "dissolved_on",
            "successor_id",
            "member_count",
            "search_key",
        ]
        body_rows = [
            (
                n.pk,
                n.path,
                n.depth,
                len(n.children),
                n.name,
                n.short_name,
                n.kind,
                n.unit_name,
                n.symbol,
                n.founded_on,
                n.merged_on,
                None,
                n.successor.pk if n.successor else None,
                n.members,
                fold(" ".join(p for p in (n.name, n.short_name, n.unit_name, n.symbol) if p)),
            )
            for n in nodes
        ]
        insert_rows(Body, body_cols, body_rows)
        insert_history(Body, body_cols, body_rows, now, reason=REASON)
        step("bodies", len(nodes))

        person_cols = [
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
        person_rows = [p.row for p in people]
        insert_rows(Person, person_cols, person_rows)
        insert_history(Person, person_cols, person_rows, now, reason=REASON)
        step("people", len(people))

        first_rank = next_id(RankRecord)
        ranks = [(first_rank + i, *r) for i, r in enumerate(ranks)]
        insert_rows(RankRecord, ["id", "person_id", "rank", "conferred_on"], ranks)
        position_cols = [
            "person_id",
            "body_id",
            "title",
            "title_kind",
            "started_on",
            "ended_on",
            "search_key",
        ]
        first_position = next_id(Position)
        positions = [(first_position + i, *p) for i, p in enumerate(positions)]
        insert_rows(Position, ["id", *position_cols], positions)
        insert_history(Position, ["id", *position_cols], positions, now, reason=REASON)
        step("positions", len(positions))

        insert_history(
            RankRecord, ["id", "person_id", "rank", "conferred_on"], ranks, now, reason=REASON
        )
        reset_sequences([Body, Person, Position, RankRecord])
        # Written without save(): the search index learns of them here, in batches.
        findable.changed("body", [r[0] for r in body_rows])
        findable.changed("person", [r[0] for r in person_rows])
        users = _demo_users(nodes, people, User, RoleGrant)
        step("users", len(users))
        if with_ratings:
            # Five years of ratings (their own random stream: the rest stays as it was).
            demo_ratings(random.Random(seed + 19))
        if with_documents:
            _demo_cascade(nodes, rng)
            region = next((n for n in nodes if n.level == "region"), None)
            if region is not None:
                demo_resolutions(Body.objects.get(pk=region.pk), rng)
                demo_review(Body.objects.get(pk=region.pk))
                secretary = RoleGrant.objects.filter(user__username="bithu").first()
                demo_congresses(
                    Body.objects.get(pk=region.pk),
                    rng,
                    waiting=secretary.body if secretary is not None else None,
                )
    analyze()

    return DemoResult(
        bodies=len(nodes),
        people=len(people),
        positions=len(positions),
        rank_records=len(ranks),
        users=users,
    )


@dataclass
class PlannedPerson:
    node: Node
    posts: list[tuple[str, Node]]
    row: tuple


def _plan_people(
    nodes: list[Node], rng: random.Random, today: dt.date, per_body: float, first_id: int
) -> tuple[list[PlannedPerson], list[tuple], list[tuple]]:
    """Leaders for every body (ranks fitting the post and below their superior's), then
    members up to the target. Dates follow a life: born old enough for the rank, ranks and
    Party membership from 18, posts not before the body was founded."""
    from ctct.text.titles import title_kind

    names = NameMaker(rng)
    people: list[PlannedPerson] = []
    ranks: list[tuple] = []
    positions: list[tuple] = []
    last_year = today - dt.timedelta(days=365)

    def day(year: int) -> dt.date:
        """A day of ``year`` (one draw: the 28 first days of each month)."""
        month, d = divmod(rng.randrange(336), 28)
        return dt.date(year, month + 1, d + 1)

    def add(node: Node, rank: str, posts: list[tuple[str, Node]], female: bool = False) -> None:
        pk = first_id + len(people)
        full = names(female)
        conferred = None
        if rank:
            # Old enough for the rank held now; the ranks before it came four years apart,
            # none before the age of 18.
            year = today.year - rng.randint(0, 3)
            conferred = min(day(year), today)
            birth = day(conferred.year - RANK_AGE[rank] - rng.randint(1, 6))
        else:
            birth = day(rng.randint(1965, 2004))
        adult = birth.replace(year=birth.year + 18)
        if rank:
            idx = RANK_INDEX[rank]
            held = RANKS[max(idx - (3 if posts else 0), 0) : idx + 1]
            for back, r in enumerate(reversed(held)):
                when = conferred if back == 0 else day(year - back * 4)
                if when < adult:
                    break
                ranks.append((pk, r, when))
        joined = max(min(day(birth.year + rng.randint(18, 30)), last_year), adult)
        confirmed = joined + dt.timedelta(days=365)
        start = max(min(day(today.year - rng.randint(0, 5)), today), adult)
        for title, body_node in posts:
            started = max(start, body_node.founded_on or start)
            positions.append(
                (
                    pk,
                    body_node.pk,
                    title,
                    title_kind(title),
                    started,
                    None,
                    _post_key(title, body_node),
                )
            )
        # An earlier post, ended the day before this one began.
        earlier = day(start.year - rng.randint(2, 5)) if posts and rng.random() < 0.3 else None
        if earlier and earlier >= max(node.founded_on or earlier, adult):
            positions.append(
                (
                    pk,
                    node.pk,
                    "Ủy viên",
                    "party",
                    earlier,
                    start - dt.timedelta(days=1),
                    _post_key("Ủy viên", node),
                )
            )
        row = (
            pk,
            full,
            birth,
            node.pk,
            rank,
            conferred,
            joined,
            confirmed if confirmed <= today else None,  # still a probationary member
            name_key(full),
            fold(full),
        )
        people.append(PlannedPerson(node=node, posts=posts, row=row))
        node.members += 1

    parent_of = {c.pk: n for n in nodes for c in n.children}
    # The rank of each body's secretary: nobody below may outrank it. Nodes come parents
    # first (tree order), so a parent's secretary is known before its children are staffed.
    head_rank: dict[int, str] = {}
    for n in nodes:
        if n.merged_on or n.kind == "standing_committee":
            continue
        if n.civilian:
            posts = [("Bí thư", n)]
            if n.unit_name.startswith(tuple(COMMUNE_PREFIXES)):  # not the Party agencies
                posts.append(("Chủ tịch UBND", n))
            add(n, "", posts, rng.random() < 0.35)
            add(n, "", [("Phó Bí thư", n)], rng.random() < 0.4)
            continue
        unit = unit_posts(n)
        band = LEADER_RANKS.get(n.level)
        parent = parent_of.get(n.pk)
        cap = (head_rank.get(parent.pk) or None) if parent is not None else None
        sec_rank = "" if unit.civilian_secretary or not band else _rank_between(rng, *band, cap)
        head_rank[n.pk] = sec_rank
        # Below a secretary without rank (the General Secretary) the band alone limits ranks.
        cap = sec_rank or None

        def rank(band=band, cap=cap) -> str:
            return _rank_between(rng, *band, cap) if band else ""

        sec_posts = [("Bí thư", n)] + ([(unit.secretary, n)] if unit.secretary else [])
        if parent is not None and n.level in ("division", "brigade", "department", "regiment"):
            sec_posts.insert(0, ("Ủy viên", parent))
        add(n, sec_rank, sec_posts)
        if unit.deputy or n.level == "central":
            add(n, rank(), [("Phó Bí thư", n)] + ([(unit.deputy, n)] if unit.deputy else []))
        for party_post, post in unit.others:
            add(n, rank(), [(party_post, n), (post, n)])

    leaves = [
        n for n in nodes if not n.children and not n.merged_on and n.kind != "standing_committee"
    ]
    remaining = max(int(len(nodes) * per_body) - len(people), 0)
    weights = [3 if n.level in ("company", "village") else 1 for n in leaves]
    wsum = sum(weights) or 1
    for n, w in zip(leaves, weights, strict=True):
        pools = MEMBER_RANKS.get(n.level, MEMBER_RANKS_DEFAULT)
        cap = head_rank.get(n.pk) or None
        for _ in range(round(remaining * w / wsum)):
            if n.civilian:
                add(n, "", [], rng.random() < 0.45)
                continue
            add(n, _rank_between(rng, *_band(pools, rng.random()), cap), [])
    return people, ranks, positions


def _demo_cascade(nodes: list[Node], rng: random.Random) -> None:
    """A directive cascading down the first military region, a few weeks in: the Politburo's
    directive, the region's own concretizing it, the political department's guidance, all
    addressed down the region with deadlines around today, part of the bodies done."""
    from ctct.bodies.models import Body
    from ctct.documents import services
    from ctct.documents.models import Recipient, Step

    region_node = next((n for n in nodes if n.level == "region"), None)
    pol_node = next((n for n in nodes if n.kind == "political_agency"), None)
    if region_node is None or pol_node is None:
        return
    region, pol = Body.objects.get(pk=region_node.pk), Body.objects.get(pk=pol_node.pk)
    today = timezone.localdate()
    issued = today - dt.timedelta(days=40)
    origin = services.document_register(
        citation="Chỉ thị số 35-CT/TW ngày 14/6/2024",
        issuer_name="Bộ Chính trị",
        title="Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    )
    directive = services.document_issue(
        issuer=region,
        type_code="CT",
        issued_on=issued,
        title="Về lãnh đạo đại hội đảng bộ các cấp nhiệm kỳ 2025-2030 trong Đảng bộ Quân khu",
    )
    guidance = services.document_issue(
        issuer=pol,
        type_code="HD",
        issued_on=issued + dt.timedelta(days=5),
        title="Thực hiện Chỉ thị của Ban Thường vụ Đảng ủy Quân khu về đại hội đảng bộ các cấp",
    )
    services.relation_add(source=directive, target=origin, kind="concretizes")
    services.relation_add(source=guidance, target=directive, kind="guides")
    services.distribution_create(
        document=directive,
        subtree_of=region,
        received_by=issued + dt.timedelta(days=7),
        disseminated_by=issued + dt.timedelta(days=30),
        concretized_by=issued + dt.timedelta(days=60),
        reported_by=issued + dt.timedelta(days=90),
    )
    ids = list(
        Recipient.objects.filter(document=directive).order_by("id").values_list("id", flat=True)
    )
    rng.shuffle(ids)
    received, disseminated = ids[: int(len(ids) * 0.8)], ids[: int(len(ids) * 0.45)]
    now = timezone.now()
    Recipient.objects.filter(pk__in=received).update(
        step=Step.RECEIVED, received_at=now - dt.timedelta(days=30)
    )
    _demo_conferences(region, pol, directive, issued)
    Recipient.objects.filter(pk__in=disseminated).update(
        step=Step.DISSEMINATED,
        disseminated_at=now - dt.timedelta(days=12),
        dissemination_note="Hội nghị quán triệt của cấp ủy",
    )


def _demo_conferences(region, pol, directive, issued: dt.date) -> None:
    """The political department disseminates the directive; a brigade reviews its half-year.
    Each has its chair, its directing superior, a reporter, a requirement, and a news draft."""
    from ctct.bodies.models import Body
    from ctct.conferences import services as conf
    from ctct.people.models import Position

    def holder(body, title):
        pos = (
            Position.objects.filter(body=body, title=title, ended_on__isnull=True)
            .select_related("person")
            .first()
        )
        return pos.person if pos else None

    quan_triet = conf.conference_create(
        body=pol,
        kind="quan_triet",
        held_on=issued + dt.timedelta(days=10),
        part_of_day="sang",
        place="Hội trường Cục Chính trị",
    )
    for person, role in (
        (holder(pol, "Bí thư"), "chair"),
        (holder(region, "Phó Chính ủy"), "directed"),
        (holder(pol, "Phó Bí thư"), "reported"),
    ):
        if person is not None:
            conf.participant_add(
                conference=quan_triet, role=role, person=person, is_guest=person.body_id != pol.pk
            )
    conf.conference_document_add(conference=quan_triet, document=directive)
    conf.conclusion_add(
        conference=quan_triet, text="Các chi bộ tổ chức quán triệt, xây dựng kế hoạch thực hiện"
    )
    conf.article_draft(conference=quan_triet, byline="Phòng Tuyên huấn")

    brigade = (
        Body.objects.filter(path__startswith=region.path, unit_name__startswith="Lữ đoàn")
        .order_by("path")
        .first()
    )
    if brigade is None:
        return
    year = issued.year if issued.month > 6 else issued.year - 1
    so_ket = conf.conference_create(
        body=brigade,
        kind="so_ket",
        held_on=dt.date(year, 6, 20),
        part_of_day="chieu",
        period=f"{year}-H1",
    )
    for person, role in (
        (holder(brigade, "Bí thư"), "chair"),
        (holder(region, "Chính ủy"), "directed"),
    ):
        if person is not None:
            conf.participant_add(
                conference=so_ket, role=role, person=person, is_guest=person.body_id != brigade.pk
            )
    conf.article_draft(conference=so_ket, byline="Ban Tuyên huấn")


def _post_key(title: str, node: Node) -> str:
    """What people.models.position_search_key computes, from the planned node."""
    return fold(f"{title} {node.name} {node.unit_name}")[:600]


def _demo_users(
    nodes: list[Node], people: list[PlannedPerson], User, RoleGrant
) -> list[tuple[str, str, str]]:
    """Accounts for each kind of user, each linked to a person who fits the role."""
    from django.contrib.auth.hashers import make_password

    def holder(pred) -> tuple[int | None, Node | None]:
        for p in people:
            if p.posts and pred(p.node, [t for t, _ in p.posts]):
                return p.row[0], p.node
        return None, None

    password = make_password(DEMO_PASSWORD)
    region = next((n for n in nodes if n.level == "region"), None)
    pol_pk, _pol = holder(lambda n, t: n.kind == "political_agency" and "Bí thư" in t)
    div_pk, div_node = holder(lambda n, t: n.level == "division" and "Sư đoàn trưởng" in t)
    cell_pk, cell_node = holder(lambda n, t: n.level == "company" and "Bí thư" in t)
    prov_pk, prov_node = holder(lambda n, t: n.kind == "provincial_committee")
    specs = [
        ("admin", "Superuser: the whole tree and the admin", nodes[0], None, "admin", True),
        (
            "chinhtri",
            "Political officer (editor) of the military region",
            region,
            pol_pk,
            "editor",
            False,
        ),
        ("chihuy", "Commander (viewer) of a division", div_node, div_pk, "viewer", False),
        ("bithu", "Secretary of a company Party cell", cell_node, cell_pk, "secretary", False),
        (
            "tinhuy",
            "Political officer (editor) of the provincial branch",
            prov_node,
            prov_pk,
            "editor",
            False,
        ),
    ]
    out = []
    for username, label, node, person_pk, role, superuser in specs:
        if node is None:
            continue
        user = User.objects.create(
            username=username,
            password=password,
            person_id=person_pk,
            is_superuser=superuser,
            is_staff=superuser,
        )
        RoleGrant.objects.create(user=user, body_id=node.pk, role=role)
        out.append((username, label, node.name))
    return out
