"""Demo resolutions and targets: a year's leadership resolutions down a military region, with
targets handed down and about half of the progress entered (``build_demo`` calls
``demo_resolutions``), and the bulk helpers ``ctct bench plans`` uses over the whole tree.

Small writes go through the resolutions services. A target handed down a whole subtree and the
entries of its thousands of bodies are written as the demo writes bodies and people: rows
with ids drawn beforehand (``allocate_ids``) and "created" history rows
(``ctct.core.bulk``), inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ctct.core.bulk import allocate_ids, insert_history, insert_rows
from ctct.core.templatetags.change_reasons import DEMO_REASON

# Bodies that lead nothing below them: a standing committee is its committee's, not a unit.
NOT_HANDED_KINDS = ("standing_committee",)


@dataclass
class Share:
    """A body's share of a target handed down a subtree (a planned TargetAssignment row)."""

    body_id: int
    path: str
    depth: int
    members: int
    parent: Share | None
    children: list[Share]
    pk: int = 0
    value: Decimal = Decimal(0)

    @property
    def leaf(self) -> bool:
        return not self.children


def plan_shares(holder) -> list[Share]:
    """Every active body below ``holder`` (not merged, not dissolved, not a standing
    committee) as a share, in tree order, each pointing at the share it is handed from
    (None: the holder's). One query."""
    from ctct.bodies.models import Body

    rows = (
        Body.objects.filter(
            path__startswith=holder.path,
            depth__gt=holder.depth,
            merged_on__isnull=True,
            dissolved_on__isnull=True,
        )
        .exclude(kind__in=NOT_HANDED_KINDS)
        .order_by("path")
        .values_list("id", "path", "depth", "member_count")
    )
    by_path: dict[str, Share] = {}
    out: list[Share] = []
    step = len(holder.path) // holder.depth if holder.depth else 4
    for pk, path, depth, members in rows:
        up = path[:-step]
        parent = by_path.get(up)
        if parent is None and up != holder.path:
            continue  # under a body left out: nothing to roll into
        share = Share(pk, path, depth, members or 0, parent, [])
        if parent is not None:
            parent.children.append(share)
        by_path[path] = share
        out.append(share)
    return out


def sum_up(shares: list[Share], leaf_value: Callable[[Share], Decimal]) -> Decimal:
    """Give each leaf ``leaf_value`` and each other share the sum of its children's (a count
    rolled up by sum); returns the holder's total."""
    for s in reversed(shares):  # tree order reversed: children before their parent
        s.value = leaf_value(s) if s.leaf else sum((c.value for c in s.children), Decimal(0))
    return sum((s.value for s in shares if s.parent is None), Decimal(0))


def write_shares(target, shares: list[Share], *, weights: bool = False, now=None) -> None:
    """Write ``shares`` as the target's assignments (values already set), with history."""
    if not shares:
        return
    from ctct.resolutions.models import TargetAssignment

    now = now or timezone.now()
    for s, pk in zip(shares, allocate_ids(TargetAssignment, len(shares)), strict=True):
        s.pk = pk
    cols = ["id", "target_id", "body_id", "parent_id", "target_value", "weight", "created_at"]
    rows = [
        (
            s.pk,
            target.pk,
            s.body_id,
            s.parent.pk if s.parent is not None else None,
            s.value,
            Decimal(max(s.members, 1)) if weights else Decimal(1),
            now,
        )
        for s in shares
    ]
    insert_rows(TargetAssignment, cols, rows)
    insert_history(TargetAssignment, cols, rows, now, reason=DEMO_REASON)


def write_entries(target, entries: list[tuple[Share, Decimal, dt.date]], *, note: str, now=None):
    """Write progress entries (a share, its value, its day) of a target, with history."""
    if not entries:
        return
    from ctct.resolutions.models import ProgressEntry

    now = now or timezone.now()
    ids = allocate_ids(ProgressEntry, len(entries))
    cols = ["id", "target_id", "assignment_id", "body_id", "value", "on", "note", "created_at"]
    rows = [
        (pk, target.pk, s.pk, s.body_id, value, on, note, now)
        for pk, (s, value, on) in zip(ids, entries, strict=True)
    ]
    insert_rows(ProgressEntry, cols, rows)
    insert_history(ProgressEntry, cols, rows, now, reason=DEMO_REASON)


def _entry_day(rng: random.Random, start: dt.date, today: dt.date) -> dt.date:
    """A day between the period's start and today, most often in the last weeks."""
    days = (today - start).days
    return start + dt.timedelta(days=max(0, days - rng.randrange(0, min(days, 45) + 1)))


def _near(rng: random.Random, value: Decimal, low: float, high: float, places: int = 0):
    q = Decimal(1).scaleb(-places)
    return (value * Decimal(str(rng.uniform(low, high)))).quantize(q).max(Decimal(0))


FOCUS_TASKS = (
    "Lãnh đạo xây dựng đơn vị vững mạnh toàn diện “mẫu mực, tiêu biểu”, nâng cao chất lượng "
    "huấn luyện, sẵn sàng chiến đấu",
    "Lãnh đạo thực hiện tốt công tác xây dựng Đảng, xây dựng tổ chức cơ sở đảng trong sạch, "
    "vững mạnh tiêu biểu",
    "Lãnh đạo quản lý, rèn luyện kỷ luật, bảo đảm an toàn tuyệt đối về người, vũ khí, trang bị",
    "Lãnh đạo tổ chức thành công đại hội đảng bộ các cấp nhiệm kỳ 2025-2030",
)
SOLUTION_GROUPS = (
    "Nâng cao chất lượng giáo dục chính trị, tư tưởng; đẩy mạnh học tập và làm theo tư tưởng, "
    "đạo đức, phong cách Hồ Chí Minh",
    "Phát huy vai trò của cấp ủy, chỉ huy các cấp; thực hiện nghiêm nguyên tắc tập trung dân chủ",
    "Tăng cường kiểm tra, giám sát; kịp thời sơ kết, rút kinh nghiệm từng nội dung",
)


def demo_resolutions(region, rng: random.Random, *, today: dt.date | None = None) -> None:
    """The region's resolution for the current year (adopted at its ra nghị quyết conference,
    numbered NQ) with focus tasks, solution groups and five targets of different measures and
    roll-ups, handed down; a resolution at each level on one line down from the region; about
    half of the entries made, some behind, some met."""
    from ctct.bodies.models import Body
    from ctct.conferences import services as conf
    from ctct.documents import services as docs
    from ctct.resolutions import services as res

    today = today or timezone.localdate()
    year = today.year
    start = dt.date(year, 1, 1)
    now = timezone.now()
    adopted_on = min(dt.date(year, 1, 8), today)
    meeting = conf.conference_create(
        body=region,
        kind="ra_nghi_quyet",
        held_on=adopted_on,
        part_of_day="sang",
        period=str(year),
        place="Hội trường Bộ Tư lệnh Quân khu",
    )
    title = f"Nghị quyết lãnh đạo thực hiện nhiệm vụ năm {year}"
    nq = docs.document_issue(issuer=region, type_code="NQ", issued_on=adopted_on, title=title)
    resolution = res.resolution_create(
        body=region, period=str(year), title=title, adopted_at=meeting, document=nq
    )
    for text in FOCUS_TASKS:
        res.focus_task_add(resolution=resolution, text=text)
    for text in SOLUTION_GROUPS:
        res.solution_group_add(resolution=resolution, text=text)
    deadline = dt.date(year, 12, 15)

    # 1. New members (a count summed up the whole region, down to the cells).
    shares = plan_shares(region)
    total = sum_up(shares, lambda s: Decimal(rng.randint(1, 3)))
    admitted = res.target_add(
        resolution=resolution,
        title="Kết nạp đảng viên mới",
        measure="count",
        unit="đảng viên",
        target_value=total,
        baseline_value=(total * Decimal("0.9")).quantize(Decimal(1)),
        rollup="sum",
        entry_deadline=deadline,
    )
    write_shares(admitted, shares, now=now)
    leaves = [s for s in shares if s.leaf]
    entered = [s for s in leaves if rng.random() < 0.5]
    write_entries(
        admitted,
        [(s, _near(rng, s.value, 0.3, 1.4), _entry_day(rng, start, today)) for s in entered],
        note="Báo cáo kết quả công tác phát triển đảng viên",
        now=now,
    )

    # 2. Members rated good or better (a percentage, weighted by the members of each body).
    for s in shares:
        s.value = Decimal(90)
    rated = res.target_add(
        resolution=resolution,
        title="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
        measure="percent",
        unit="%",
        target_value=90,
        rollup="weighted_mean",
        entry_deadline=deadline,
    )
    write_shares(rated, shares, weights=True, now=now)
    entered = [s for s in leaves if rng.random() < 0.5]
    write_entries(
        rated,
        [
            (
                s,
                _near(rng, Decimal(90), 0.8, 1.1, 1).min(Decimal(100)),
                _entry_day(rng, start, today),
            )
            for s in entered
        ],
        note="Kết quả đánh giá, xếp loại đảng viên",
        now=now,
    )

    # 3. Party organizations rated good (a rating level), handed to a whole level: the share
    # of them meeting their own.
    organizations = res.target_add(
        resolution=resolution,
        title="Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        measure="rating",
        target_value=3,
        rollup="share_meeting",
        entry_deadline=deadline,
    )
    handed = res.target_hand_down_level(target=organizations, level=2, value=3)
    for a in handed:
        if rng.random() < 0.5:
            res.progress_enter(
                target=organizations,
                body=a.body,
                value=rng.choice((2, 3, 3, 4)),
                on=_entry_day(rng, start, today),
                note="Kết quả tự đánh giá, xếp loại tổ chức đảng",
            )

    # 4. No serious breach of discipline (a count at most 0), handed to the direct subordinates.
    direct = [
        b
        for b in Body.objects.filter(
            path__startswith=region.path,
            depth=region.depth + 1,
            merged_on__isnull=True,
            dissolved_on__isnull=True,
        ).exclude(kind__in=NOT_HANDED_KINDS)
    ]
    breaches = res.target_add(
        resolution=resolution,
        title="Không để xảy ra vụ việc vi phạm kỷ luật nghiêm trọng",
        measure="count",
        unit="vụ",
        comparison="at_most",
        target_value=0,
        rollup="sum",
        entry_deadline=deadline,
    )
    res.target_hand_down(target=breaches, values=dict.fromkeys(direct, 0))
    # 5. The term's congress held on time (yes/no): every direct subordinate must (minimum).
    congress = res.target_add(
        resolution=resolution,
        title="Tổ chức thành công đại hội đảng bộ nhiệm kỳ 2025-2030 đúng kế hoạch",
        measure="yes_no",
        target_value=1,
        rollup="minimum",
        entry_deadline=deadline,
    )
    res.target_hand_down(target=congress, values=dict.fromkeys(direct, 1))
    for body in direct:
        if rng.random() < 0.5:
            res.progress_enter(
                target=breaches,
                body=body,
                value=rng.choice((0, 0, 0, 1)),
                on=_entry_day(rng, start, today),
                note="Báo cáo tình hình kỷ luật",
            )
        if rng.random() < 0.5:
            res.progress_enter(
                target=congress,
                body=body,
                value=rng.choice((1, 1, 1, 0)),
                on=_entry_day(rng, start, today),
                note="Báo cáo kết quả đại hội",
            )

    # Each level's resolution, on one line down from the region (a division or brigade, then
    # its first units down to a cell), holding the shares handed to it.
    line = []
    body = (
        Body.objects.filter(path__startswith=region.path, depth=region.depth + 1, numchild__gt=0)
        .filter(merged_on__isnull=True, dissolved_on__isnull=True)
        .exclude(kind__in=NOT_HANDED_KINDS)
        .order_by("-numchild", "path")
        .first()
    )
    while body is not None:
        line.append(body)
        body = (
            Body.objects.filter(path__startswith=body.path, depth=body.depth + 1)
            .filter(merged_on__isnull=True, dissolved_on__isnull=True)
            .exclude(kind__in=NOT_HANDED_KINDS)
            .order_by("path")
            .first()
        )
    for body in line:
        own = res.resolution_create(
            body=body, period=str(year), title=f"{title} của {body.name}"[:500]
        )
        for text in FOCUS_TASKS[:2]:
            res.focus_task_add(resolution=own, text=text)
        res.solution_group_add(resolution=own, text=SOLUTION_GROUPS[0])
        study = res.target_add(
            resolution=own,
            title="Tỷ lệ quân số tham gia học tập, quán triệt nghị quyết",
            measure="percent",
            unit="%",
            target_value=98,
            rollup="mean",
            entry_deadline=deadline,
        )
        res.progress_enter(
            target=study,
            body=body,
            value=_near(rng, Decimal(98), 0.9, 1.02, 1).min(Decimal(100)),
            on=_entry_day(rng, start, today),
            note="Báo cáo kết quả học tập nghị quyết",
        )


REVIEW_SECTIONS = {
    "strengths": (
        "Cấp ủy các cấp quán triệt kịp thời các nghị quyết, chỉ thị của cấp trên, cụ thể hóa "
        "sát với nhiệm vụ của từng cơ quan, đơn vị.\n"
        "Công tác phát triển đảng viên được quan tâm; chất lượng sinh hoạt chi bộ có chuyển biến."
    ),
    "limitations": (
        "Một số chi bộ báo cáo kết quả thực hiện chỉ tiêu chưa kịp thời.\n"
        "Việc cụ thể hóa nghị quyết ở một số đảng bộ bộ phận còn chung chung."
    ),
    "causes": "Một số cấp ủy chưa phân công cụ thể người theo dõi, đôn đốc thực hiện chỉ tiêu.",
    "lessons": "Bám sát chỉ tiêu đã đề ra, kiểm tra, đôn đốc thường xuyên từ cơ sở.",
    "direction": (
        "Tiếp tục rà soát các chỉ tiêu của năm và của nhiệm kỳ để phấn đấu hoàn thành các chỉ "
        "tiêu còn lại; nâng cao chất lượng sinh hoạt chi bộ."
    ),
}


def demo_review(region, *, today: dt.date | None = None):
    """The region's year-end review report (tổng kết), drafted: the facts ctct assembles and a
    first version of the sections the staff write. None when the year has nothing to review."""
    from ctct.resolutions import review_services as rs

    today = today or timezone.localdate()
    if not rs.review_has_data(region, str(today.year)):
        return None
    review = rs.review_create(
        body=region, period=str(today.year), kind="tong_ket", dated=today, place=""
    )
    rs.review_save(review=review, based_on=0, **REVIEW_SECTIONS)
    return review
