"""The data of a year's review report for one body of a generated world (``ctct bench plans``
times its .docx and PDF on it): what a body with some hundreds of subordinate bodies has to
report at the end of a year.

``build_review_world(body, year, rng)`` gives ``body``:

- a leadership resolution for the year with eight targets: five handed down its whole subtree
  (counts summed, percentages averaged, a share of bodies meeting their own, a yes/no and a
  rating level at their minimum), each leaf entering its figure two to four times in the
  year; three of its own (counts and a percentage) entered quarterly, so they have a history;
  each with last year's figure as its baseline;
- three directives from its superior addressed to it and its subtree, the bodies at every
  step of their cascade;
- conferences in the year, its own and some of its subordinates', each with requirements
  assigned below it, most done;
- the previous year's review with its limitations, and this year's review with a version of
  the staff's sections answering them.

Small writes go through the services; the handed-down shares and the entries of hundreds of
bodies are written in bulk as the demo writes them (``ctct.devtools.plans``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ctct.devtools.plans import Share, plan_shares, sum_up, write_entries, write_shares

HANDED = (
    # title, measure, unit, rule, target per leaf (or overall), comparison
    ("Kết nạp đảng viên mới", "count", "đồng chí", "sum", None, "at_least"),
    ("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên", "percent", "", "mean", 90, "at_least"),
    ("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "percent", "", "share_meeting", 90, "at_least"),
    ("Không để xảy ra vụ việc mất an toàn nghiêm trọng", "yes_no", "", "minimum", 1, "at_least"),
    ("Chất lượng sinh hoạt chi bộ", "rating", "", "minimum", 3, "at_least"),
)
OWN = (
    ("Số lượt cán bộ, đảng viên được bồi dưỡng lý luận chính trị", "count", "lượt", 600, 540),
    ("Tỷ lệ quân số tham gia học tập chính trị", "percent", "", 98, 96),
    ("Số buổi sinh hoạt chuyên đề của đảng ủy", "count", "buổi", 12, 11),
)
DIRECTIVES = (
    "Về lãnh đạo thực hiện nhiệm vụ huấn luyện, sẵn sàng chiến đấu năm {year}",
    "Về tăng cường công tác giáo dục chính trị, quản lý tư tưởng trong tình hình mới",
    "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}",
)
REQUIREMENTS = (
    "Tổ chức quán triệt, xây dựng kế hoạch thực hiện nghị quyết",
    "Kiện toàn chi ủy, bổ sung cấp ủy viên còn thiếu",
    "Báo cáo kết quả rèn luyện kỷ luật, chấp hành pháp luật",
    "Rà soát nguồn phát triển đảng viên",
)
LIMITATIONS = (
    "Chất lượng sinh hoạt chi bộ ở một số đơn vị chưa cao",
    "Công tác phát triển đảng viên mới ở một số chi bộ còn chậm",
    "Một số cơ quan, đơn vị báo cáo chưa đúng thời gian quy định",
)
CONFERENCES_BELOW = 60  # subordinates' conferences in the year (a review lists 30, counts all)


@dataclass
class ReviewWorld:
    body_id: int
    review_id: int
    subordinates: int
    targets: int
    entries: int
    recipients: int
    conferences: int
    requirements: int


def body_with_subordinates(about: int):
    """The body under the root whose subtree (itself left out) is closest to ``about`` bodies
    (the root has no superior to receive directives from). One query."""
    from ctct.bodies.models import Body

    rows = list(Body.objects.order_by("path").values_list("id", "path"))
    size: dict[str, int] = {}
    paths = [p for _pk, p in rows]
    step = min(len(p) for p in paths) if paths else 4
    for p in paths:
        for cut in range(step, len(p), step):
            size[p[:cut]] = size.get(p[:cut], 0) + 1
    below_root = [r for r in rows if len(r[1]) > step] or rows
    best = min(below_root, key=lambda r: (abs(size.get(r[1], 0) - about), r[1]))
    return Body.objects.get(pk=best[0]), size.get(best[1], 0)


def _days(rng: random.Random, year: int, n: int) -> list[dt.date]:
    """``n`` days of ``year``, in order, spread over its quarters."""
    out = []
    for i in range(n):
        lo = 1 + i * 330 // n
        out.append(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(lo, lo + 330 // n)))
    return sorted(out)


def _leaf_value(measure: str, target: Decimal, rng: random.Random, share_of_year: float):
    if measure == "count":
        return Decimal(round(float(target) * share_of_year * rng.uniform(0.6, 1.3)))
    if measure == "percent":
        return Decimal(str(round(min(100.0, float(target) * rng.uniform(0.85, 1.1)), 1)))
    if measure == "yes_no":
        return Decimal(0) if rng.random() < 0.03 else Decimal(1)
    return Decimal(rng.choice((2, 3, 3, 3, 4, 4)))


@transaction.atomic
def build_review_world(body, year: int, rng: random.Random) -> ReviewWorld:
    from ctct.bodies.models import Body
    from ctct.conferences import services as conf
    from ctct.documents import services as docs
    from ctct.documents.models import Recipient, Step
    from ctct.resolutions import review_services as reviews
    from ctct.resolutions import services as res

    superior = Body.objects.get_parent(body)
    resolution = res.resolution_create(
        body=body,
        period=str(year),
        title=f"Nghị quyết lãnh đạo thực hiện nhiệm vụ năm {year}",
    )
    shares: list[Share] = plan_shares(body)
    entries = 0
    for title, measure, unit, rule, per_leaf, comparison in HANDED:
        if rule == "sum":
            total = sum_up(shares, lambda s: Decimal(rng.randint(1, 4)))
        else:
            total = Decimal(per_leaf)
            for s in shares:
                s.value = total
        baseline = (total * 9 // 10) if measure == "count" else None
        if measure == "percent":
            baseline = Decimal(per_leaf) - 3
        target = res.target_add(
            resolution=resolution,
            title=title,
            measure=measure,
            unit=unit,
            target_value=total,
            rollup=rule,
            comparison=comparison,
            baseline_value=baseline,
        )
        write_shares(target, shares)
        rows = []
        for s in shares:
            if not s.leaf or rng.random() < 0.06:  # a few bodies entered nothing
                continue
            n = rng.randint(2, 4)
            for i, day in enumerate(_days(rng, year, n), 1):
                rows.append((s, _leaf_value(measure, s.value, rng, i / n), day))
        # one entry per share and day: a body enters a figure once a day
        seen, unique = set(), []
        for s, value, day in rows:
            if (s.pk, day) not in seen:
                seen.add((s.pk, day))
                unique.append((s, value, day))
        write_entries(target, unique, note="Báo cáo của cấp ủy")
        entries += len(unique)
    for title, measure, unit, value, last_year in OWN:
        target = res.target_add(
            resolution=resolution,
            title=title,
            measure=measure,
            unit=unit,
            target_value=value,
            rollup="sum" if measure == "count" else "mean",
            baseline_value=last_year,
        )
        for q in range(1, 5):
            figure = (
                Decimal(value) * Decimal(q) / 4 if measure == "count" else Decimal(value - 4 + q)
            )
            res.progress_enter(
                target=target,
                body=body,
                value=round(figure * Decimal(str(rng.uniform(0.9, 1.05)))),
                on=dt.date(year, 3 * q, 28),
                note=f"Báo cáo quý {q}",
            )
            entries += 1

    issuer = superior or body
    recipients = 0
    for i, title in enumerate(DIRECTIVES):
        issued = dt.date(year, 1 + 3 * i, 10)
        directive = docs.document_issue(
            issuer=issuer, type_code="CT", issued_on=issued, title=title.format(year=year)
        )
        _dist, n = docs.distribution_create(
            document=directive, bodies=[body], subtree_of=body, received_by=issued
        )
        recipients += n
        ids = list(
            Recipient.objects.filter(document=directive).order_by("id").values_list("id", flat=True)
        )
        rng.shuffle(ids)
        cut = [int(len(ids) * f) for f in (0.5, 0.7, 0.85, 0.95)]
        for step, (a, b) in zip(
            (Step.REPORTED, Step.CONCRETIZED, Step.DISSEMINATED, Step.RECEIVED),
            zip([0, *cut[:-1]], cut, strict=True),
            strict=True,
        ):
            Recipient.objects.filter(pk__in=ids[a:b]).update(step=step)
        Recipient.objects.filter(document=directive, body=body).update(step=Step.REPORTED)

    below = [s for s in shares if s.children] or shares
    holders = [body] + list(
        Body.objects.filter(pk__in=[s.body_id for s in rng.sample(below, min(len(below), CONFERENCES_BELOW))])
    )  # fmt: skip
    assignable = list(Body.objects.filter(pk__in=[s.body_id for s in shares]))
    conferences = requirements = 0
    for n, holder in enumerate(holders):
        for month, kind in (
            ((6, "so_ket"), (9, "thuong_ky")) if holder == body else ((4, "thuong_ky"),)
        ):
            c = conf.conference_create(
                body=holder,
                kind=kind,
                held_on=dt.date(year, month, 15 + n % 10),
                period=f"{year}-H1" if kind == "so_ket" else None,
                place="Hội trường đơn vị",
            )
            conferences += 1
            under = [b for b in assignable if b.path.startswith(holder.path) and b != holder]
            for k, text in enumerate(REQUIREMENTS[: 2 + n % 3]):
                assignee = rng.choice(under) if under else None
                due = dt.date(year, min(12, month + 2), 28)
                c_req = conf.conclusion_add(conference=c, text=text, assignee=assignee, due_on=due)
                if rng.random() < 0.75 or k == 0:
                    conf.conclusion_mark_done(conclusion=c_req, done_on=due - dt.timedelta(days=5))
                requirements += 1

    conf.conference_create(body=body, kind="tong_ket", held_on=dt.date(year - 1, 12, 18))
    previous = reviews.review_create(
        body=body, period=str(year - 1), kind="tong_ket", dated=dt.date(year - 1, 12, 20)
    )
    reviews.review_save(review=previous, based_on=0, limitations="\n".join(LIMITATIONS))
    review = reviews.review_create(
        body=body,
        period=str(year),
        kind="tong_ket",
        place=rng.choice(("Cần Thơ", "Hà Nội", "Đà Nẵng", "Nha Trang")),
        dated=dt.date(year, 12, 20),
    )
    reviews.review_save(
        review=review,
        based_on=0,
        strengths="Cấp ủy đoàn kết, thống nhất, lãnh đạo toàn diện các mặt công tác.\n"
        "Hoàn thành tốt nhiệm vụ huấn luyện, sẵn sàng chiến đấu.",
        limitations="Công tác phát triển đảng viên mới ở một số chi bộ chưa đạt chỉ tiêu.",
        causes="Nguồn phát triển đảng viên còn ít; một số cấp ủy chưa chủ động.",
        lessons="Phát huy vai trò nêu gương của người đứng đầu.",
        direction=f"Tiếp tục lãnh đạo thực hiện thắng lợi nghị quyết năm {year + 1}.",
        outcomes={LIMITATIONS[0]: "Đã khắc phục cơ bản.", LIMITATIONS[2]: "Còn ở một số đơn vị."},
    )
    return ReviewWorld(
        body_id=body.pk,
        review_id=review.pk,
        subordinates=len(shares),
        targets=len(HANDED) + len(OWN),
        entries=entries,
        recipients=recipients,
        conferences=conferences,
        requirements=requirements,
    )
