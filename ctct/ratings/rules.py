"""The rating regulation as data: levels, score bands, criteria groups, conditions, the quota,
the streak, discipline forms and the tiers of giving bodies.

The defaults follow Quy định 366-QĐ/TW (2025) and its guidance as ``../shared/DOMAIN.md``
summarises them. A deployment changes them with the ``CTCT_RATINGS`` setting (a dict whose
keys override the defaults below), so a new regulation is a settings change, not a code change.
``current()`` builds the ``Rules`` from the settings; everything else here is plain Python on a
``Rules`` value, so tests build their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Level:
    """One rating level and what it needs. Percentages are 0–100; ``None`` = no condition."""

    code: str  # "htxsnv"
    short: str  # "HTXSNV"
    name: str  # "Hoàn thành xuất sắc nhiệm vụ"
    min_score: Decimal  # the score band starts here (and ends below the next better level's)
    min_on_time: Decimal | None = None  # share of tasks done on time
    min_beyond: Decimal | None = None  # share of tasks done beyond requirement
    max_late: Decimal | None = None  # for a body: share of tasks late
    barred_by_discipline: bool = False  # discipline in the year bars it
    barred_by_subordinate_discipline: bool = False  # for a body: a disciplined subordinate


@dataclass(frozen=True)
class Criterion:
    code: str  # "general"
    name: str  # "Tiêu chí chung"
    max: Decimal


@dataclass(frozen=True)
class DisciplineForm:
    code: str  # "khien_trach"
    name: str  # "Khiển trách"
    subject: str  # "person", "body" or "both"
    severity: int  # higher is heavier


@dataclass(frozen=True)
class Rules:
    levels: tuple[Level, ...]  # best first
    criteria: tuple[Criterion, ...]
    quota_level: str  # the capped level ("htxsnv")
    quota_base: tuple[str, ...]  # the levels whose count the cap is a share of
    quota_share: Decimal  # 0.20
    streak_years: int  # "5 năm liền"
    discipline_forms: tuple[DisciplineForm, ...]
    grassroots_kinds: tuple[str, ...]  # body kinds that can be a grassroots organization
    tiers: tuple[str, ...] = ("grassroots", "district", "province", "central")
    extra: Mapping[str, object] = field(default_factory=dict)

    # --- lookups ----------------------------------------------------------------------------

    def level(self, code: str) -> Level:
        for lv in self.levels:
            if lv.code == code:
                return lv
        raise KeyError(code)

    def rank(self, code: str) -> int:
        """0 for the best level; a larger number is a lower level."""
        return [lv.code for lv in self.levels].index(code)

    def at_least(self, code: str, floor: str) -> bool:
        """Is ``code`` ``floor`` or better?"""
        return bool(code) and self.rank(code) <= self.rank(floor)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lv.code for lv in self.levels)

    @property
    def max_score(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))

    def form(self, code: str) -> DisciplineForm:
        for f in self.discipline_forms:
            if f.code == code:
                return f
        raise KeyError(code)


DEFAULTS: dict[str, object] = {
    "levels": [
        {
            "code": "htxsnv",
            "short": "HTXSNV",
            "name": "Hoàn thành xuất sắc nhiệm vụ",
            "min_score": 90,
            "min_on_time": 100,
            "min_beyond": 30,
            "barred_by_discipline": True,
            "barred_by_subordinate_discipline": True,
        },
        {
            "code": "httnv",
            "short": "HTTNV",
            "name": "Hoàn thành tốt nhiệm vụ",
            "min_score": 70,
            "min_on_time": 100,
            "barred_by_discipline": True,
        },
        {
            "code": "htnv",
            "short": "HTNV",
            "name": "Hoàn thành nhiệm vụ",
            "min_score": 50,
            "max_late": 20,
        },
        {"code": "khtnv", "short": "KHTNV", "name": "Không hoàn thành nhiệm vụ", "min_score": 0},
    ],
    "criteria": [
        {"code": "general", "name": "Tiêu chí chung", "max": 30},
        {"code": "results", "name": "Kết quả thực hiện nhiệm vụ được giao", "max": 70},
    ],
    "quota_level": "htxsnv",
    # "HTXSNV at most 20% of those rated HTTNV": those rated HTTNV or better, since the
    # excellent are chosen among them (2019 guidance; whether 366 keeps the cap is unconfirmed).
    "quota_base": ["htxsnv", "httnv"],
    "quota_share": "0.20",
    "streak_years": 5,
    "discipline_forms": [
        {"code": "khien_trach", "name": "Khiển trách", "subject": "both", "severity": 1},
        {"code": "canh_cao", "name": "Cảnh cáo", "subject": "both", "severity": 2},
        {"code": "cach_chuc", "name": "Cách chức", "subject": "person", "severity": 3},
        {"code": "khai_tru", "name": "Khai trừ", "subject": "person", "severity": 4},
        {"code": "giai_tan", "name": "Giải tán", "subject": "body", "severity": 4},
    ],
    # A member's grassroots organization (for the quota) is the nearest body above the cell of
    # one of these kinds; a body's tier (who may give which award) is its height among them:
    # 0 = grassroots (none of these kinds below it), 1 = directly above, and so on.
    "grassroots_kinds": ["party_committee", "district_committee", "provincial_committee"],
    "tiers": ["grassroots", "district", "province", "central"],
}


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def build(overrides: Mapping[str, object] | None = None) -> Rules:
    """The rules of the defaults with ``overrides`` (the ``CTCT_RATINGS`` setting) applied."""
    data = {**DEFAULTS, **(overrides or {})}
    levels = tuple(
        Level(
            code=lv["code"],
            short=lv.get("short", lv["code"].upper()),
            name=lv.get("name", lv["code"]),
            min_score=Decimal(str(lv.get("min_score", 0))),
            min_on_time=_dec(lv.get("min_on_time")),
            min_beyond=_dec(lv.get("min_beyond")),
            max_late=_dec(lv.get("max_late")),
            barred_by_discipline=bool(lv.get("barred_by_discipline", False)),
            barred_by_subordinate_discipline=bool(
                lv.get("barred_by_subordinate_discipline", False)
            ),
        )
        for lv in data["levels"]  # type: ignore[union-attr]
    )
    if [lv.min_score for lv in levels] != sorted((lv.min_score for lv in levels), reverse=True):
        raise ValueError("rating levels must be listed best first, with falling score bands")
    known = {
        "levels",
        "criteria",
        "quota_level",
        "quota_base",
        "quota_share",
        "streak_years",
        "discipline_forms",
        "grassroots_kinds",
        "tiers",
    }
    return Rules(
        levels=levels,
        criteria=tuple(
            Criterion(c["code"], c.get("name", c["code"]), Decimal(str(c["max"])))
            for c in data["criteria"]  # type: ignore[union-attr]
        ),
        quota_level=str(data["quota_level"]),
        quota_base=tuple(data["quota_base"]),  # type: ignore[arg-type]
        quota_share=Decimal(str(data["quota_share"])),
        streak_years=int(data["streak_years"]),  # type: ignore[arg-type]
        discipline_forms=tuple(
            DisciplineForm(f["code"], f["name"], f.get("subject", "both"), int(f["severity"]))
            for f in data["discipline_forms"]  # type: ignore[union-attr]
        ),
        grassroots_kinds=tuple(data["grassroots_kinds"]),  # type: ignore[arg-type]
        tiers=tuple(data["tiers"]),  # type: ignore[arg-type]
        extra={k: v for k, v in data.items() if k not in known},
    )


def current() -> Rules:
    """The rules in force: the defaults with the ``CTCT_RATINGS`` setting applied."""
    from django.conf import settings

    return build(getattr(settings, "CTCT_RATINGS", None))


# --- the band and the conditions ----------------------------------------------------------------


# Rule codes a refusal names; the messages live with the services that raise them.
RULE_BAND = "band"
RULE_ON_TIME = "on_time"
RULE_BEYOND = "beyond"
RULE_LATE = "late"
RULE_DISCIPLINE = "discipline"
RULE_SUBORDINATE_DISCIPLINE = "subordinate_discipline"
RULE_QUOTA = "quota"


def band_level(rules: Rules, score: Decimal) -> str:
    """The best level whose score band holds ``score``."""
    for lv in rules.levels:
        if score >= lv.min_score:
            return lv.code
    return rules.levels[-1].code


@dataclass(frozen=True)
class Facts:
    """What the conditions of a level are checked against. ``None`` = not known (not checked)."""

    score: Decimal | None = None
    on_time: Decimal | None = None
    beyond: Decimal | None = None
    late: Decimal | None = None
    disciplined: bool = False
    subordinate_disciplined: bool = False
    is_body: bool = False


def refusals(rules: Rules, code: str, facts: Facts) -> list[str]:
    """The rules that bar level ``code`` given ``facts``, as rule codes (empty = allowed)."""
    lv = rules.level(code)
    out: list[str] = []
    if facts.score is not None and rules.rank(band_level(rules, facts.score)) > rules.rank(code):
        out.append(RULE_BAND)
    if lv.min_on_time is not None and facts.on_time is not None and facts.on_time < lv.min_on_time:
        out.append(RULE_ON_TIME)
    if lv.min_beyond is not None and facts.beyond is not None and facts.beyond < lv.min_beyond:
        out.append(RULE_BEYOND)
    if (
        lv.max_late is not None
        and facts.is_body
        and facts.late is not None
        and facts.late > lv.max_late
    ):
        out.append(RULE_LATE)
    if lv.barred_by_discipline and facts.disciplined:
        out.append(RULE_DISCIPLINE)
    if lv.barred_by_subordinate_discipline and facts.is_body and facts.subordinate_disciplined:
        out.append(RULE_SUBORDINATE_DISCIPLINE)
    return out


def best_allowed(rules: Rules, facts: Facts) -> str:
    """The best level no rule bars."""
    for lv in rules.levels:
        if not refusals(rules, lv.code, facts):
            return lv.code
    return rules.levels[-1].code


# --- the quota ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quota:
    """The cap of one grassroots organization: ``used`` of ``allowed`` at the capped level."""

    base: int  # how many are rated at a base level (HTTNV or better)
    allowed: int  # how many may be rated at the capped level
    used: int  # how many are

    @property
    def over(self) -> int:
        return max(0, self.used - self.allowed)

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)


def quota(rules: Rules, levels: Iterable[str]) -> Quota:
    """The quota of the members' ``levels`` (decided, or being decided) in one organization.

    The cap is ``quota_share`` of those at a base level, rounded down (20% of 12 = 2)."""
    base = used = 0
    for code in levels:
        if code in rules.quota_base:
            base += 1
        if code == rules.quota_level:
            used += 1
    allowed = int((rules.quota_share * base).to_integral_value(rounding="ROUND_FLOOR"))
    return Quota(base=base, allowed=allowed, used=used)


# --- streaks ----------------------------------------------------------------------------------------


def streak(rules: Rules, levels_by_year: Mapping[int, str], year: int, floor: str) -> int:
    """How many years in a row, ending with ``year``, the level was ``floor`` or better.

    A missing year, a gap or a lower level breaks the run."""
    n = 0
    y = year
    while (code := levels_by_year.get(y)) and rules.at_least(code, floor):
        n += 1
        y -= 1
    return n


def tier_of(heights: Mapping[int, int], body_id: int, rules: Rules) -> str:
    """The tier name of a body from its height among grassroots organizations (0 = a
    grassroots organization, 1 = the level directly above, ...), capped at the last tier."""
    h = heights.get(body_id, 0)
    return rules.tiers[min(h, len(rules.tiers) - 1)]
