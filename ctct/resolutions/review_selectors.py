"""The review report assembled from the records: ``review_assemble`` reads, with a fixed
number of queries whatever the size of the body's subtree, everything a báo cáo sơ kết /
tổng kết reports for a body and a period, and returns it as the plain ``ReviewDraft`` that the
page, the .docx/PDF writer and the command render.

What is missing stays missing: a figure not entered is None, and ``gaps`` says in Vietnamese
what the staff must still find (targets without data, bodies that entered nothing, no figure a
year earlier, no secretary recorded to sign, sections not written).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from ctct.bodies.models import Body
from ctct.conferences.models import Conclusion, Conference
from ctct.conferences.periods import period_words
from ctct.core.treepaths import parent_path, subtree_q
from ctct.documents.models import Document, Recipient
from ctct.people.models import Position
from ctct.resolutions import review_sections
from ctct.resolutions import standing as st
from ctct.resolutions.models import ProgressEntry, Review, ReviewVersion
from ctct.resolutions.review_draft import (
    CarriedLimitation,
    ConferenceLine,
    DirectiveLine,
    ExtraSection,
    Gap,
    RequirementLine,
    ReviewDraft,
    StaffSections,
    TargetLine,
)
from ctct.resolutions.review_services import (
    carried_texts,
    default_title,
    within_period,
)
from ctct.resolutions.selectors import body_targets, node_standing
from ctct.resolutions.services import period_span

# The subtree's conferences are listed one by one up to this many, then only counted by kind.
CONFERENCES_LISTED = 30
# Requirements listed; beyond, the draft gives the totals.
REQUIREMENTS_LISTED = 200
# A target's history has at most this many points (beyond: one a month, the latest ones).
HISTORY_POINTS = 60
# A gap names at most this many bodies that entered nothing, then says how many more.
GAP_NAMES = 10

STANDING_WORDS = {
    st.MET: "Đạt",
    st.ON_TRACK: "Đúng tiến độ",
    st.AT_RISK: "Có nguy cơ không đạt",
    st.MISSED: "Không đạt",
    st.NO_DATA: "Chưa có số liệu",
}
STEP_WORDS = {
    0: "Chưa tiếp nhận",
    1: "Đã tiếp nhận",
    2: "Đã quán triệt",
    3: "Đã cụ thể hóa",
    4: "Đã báo cáo",
    9: "Không thuộc đối tượng",
}
# The reviewed body's own "step" on a directive it issued itself.
ISSUED_WORDS = "Đã ban hành"
CONFERENCE_WORDS = {
    "so_ket": "Hội nghị sơ kết",
    "tong_ket": "Hội nghị tổng kết",
    "ra_nghi_quyet": "Hội nghị ra nghị quyết",
    "quan_triet": "Hội nghị quán triệt",
    "dai_hoi": "Đại hội",
    "thuong_ky": "Hội nghị thường kỳ",
    "chuyen_de": "Hội nghị chuyên đề",
    "other": "Hội nghị",
}
SECTION_WORDS = {
    "strengths": "Ưu điểm",
    "limitations": "Hạn chế",
    "causes": "Nguyên nhân",
    "lessons": "Bài học kinh nghiệm",
    "direction": "Phương hướng, nhiệm vụ",
}


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- header ---------------------------------------------------------------------------------
def _signer(body: Body) -> tuple[str, str]:
    """The body's secretary (or, without one, its deputy secretary) as signer. One query."""
    posts = Position.objects.filter(body=body, ended_on__isnull=True).select_related("person")
    best = None
    for p in posts:
        title = " ".join(p.title.split()).casefold()
        rank = 0 if title == "bí thư" else 1 if title == "phó bí thư" else None
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, p)
    if best is None:
        return "", "BÍ THƯ"
    person = best[1].person
    name = f"{person.rank} {person.full_name}".strip()
    return name, "BÍ THƯ" if best[0] == 0 else "PHÓ BÍ THƯ"


# --- targets --------------------------------------------------------------------------------
def _figure(target, root, latest: dict[int, Decimal]) -> Decimal | None:
    """The figure of ``root`` when each body's latest value is ``latest``: the roll-up rule
    of ``selectors`` (a body's own value counts while none below it entered anything)."""
    rule, measure, comparison = target.rollup, target.measure, target.comparison

    def walk(node):
        if node.children:
            parts = []
            for c in node.children:
                value, judged, judged_by = walk(c)
                parts.append(st.Sub(value, judged, judged_by, c.weight))
            rolled = st.rollup(rule, parts)
            if rolled.reported:
                _m, judged_by, judged = st.share_target(
                    rule, measure, comparison, node.target_value
                )
                return rolled.value, judged, judged_by
        return latest.get(node.body_id), node.target_value, comparison

    return walk(root)[0]


def _history(target, root, entries: list[tuple[dt.date, int, Decimal]]):
    """The figure of ``root`` after each day on which a body of its roll-up entered a value
    (at most ``HISTORY_POINTS``: beyond, after each month's last such day), for a line chart."""
    days = sorted({on for on, _b, _v in entries})
    if len(days) > HISTORY_POINTS:
        by_month: dict[tuple[int, int], dt.date] = {}
        for day in days:
            by_month[(day.year, day.month)] = day
        days = sorted(by_month.values())[-HISTORY_POINTS:]
    out, latest, i = [], {}, 0
    for day in days:
        while i < len(entries) and entries[i][0] <= day:
            latest[entries[i][1]] = entries[i][2]
            i += 1
        figure = _figure(target, root, latest)
        if figure is not None:
            out.append((day, figure))
    return tuple(out)


def _targets(body: Body, start: dt.date, end: dt.date, today: dt.date, gaps: list[str]):
    everything = body_targets(body, today=today)
    by_key = {(bt.target.resolution_id, bt.target.order): bt for bt in everything}
    chosen = [bt for bt in everything if within_period(bt.target.period, start, end)]
    entries: dict[int, list[tuple[dt.date, int, Decimal]]] = {}
    if chosen:
        for target_id, body_id, on, value in (
            ProgressEntry.objects.filter(target__in=[bt.target.pk for bt in chosen])
            .filter(subtree_q(body.path, "body__"))
            .order_by("on", "id")
            .values_list("target_id", "body_id", "on", "value")
        ):
            entries.setdefault(target_id, []).append((on, body_id, value))
    body_names: dict[int, str] = {}

    def name(node) -> str:
        """A body's name: the subtree's names are read together once, as plain pairs (the
        roll-up's own records would load every share and body as a model)."""
        if not body_names:
            body_names.update(Body.objects.filter(subtree_q(body.path)).values_list("pk", "name"))
        return body_names.get(node.body_id, "")

    lines = []
    for i, bt in enumerate(chosen, 1):
        t, root = bt.target, bt.node
        s = node_standing(t, root)
        t_start, t_end = period_span(t.period)
        one_year = t_start.year == t_end.year
        last_year = None
        if one_year:
            if root.assignment_id is None and t.baseline_value is not None:
                last_year = t.baseline_value
            elif t.resolution.previous_id:
                # the matching target of the resolution it was copied from, a year earlier
                prev = by_key.get((t.resolution.previous_id, t.order))
                if prev is not None and period_span(prev.target.period) == (
                    _shift_year(t_start, -1),
                    _shift_year(t_end, -1),
                ):
                    last_year = prev.node.value
        below = s.rows[1:]
        entered = [n for n in below if n.latest_value is not None]  # a figure of its own
        silent = [n for n in below if not n.children and n.latest_value is None]
        behind = tuple(name(n) for n in below if n.is_behind)
        same = ""
        if one_year:
            same = st.same_period_words(
                value=root.value,
                last_year=last_year,
                year=t_start.year - 1,
                met=root.standing == st.MET,
            )
        title = t.title
        if root.value is None:
            gaps.append(Gap(f"Chỉ tiêu “{title}” chưa có số liệu.", Gap.TARGETS))
        if silent:
            names = [name(n) for n in silent[:GAP_NAMES]]
            more = len(silent) - len(names)
            words = (
                f"{len(silent)} tổ chức đảng chưa nhập số liệu chỉ tiêu “{title}”: "
                + ", ".join(names)
                + (f" và {more} tổ chức khác." if more else ".")
            )
            gaps.append(Gap(words, Gap.TARGETS))
        if one_year and last_year is None:
            gaps.append(
                Gap(
                    f"Chỉ tiêu “{title}” chưa có số liệu cùng kỳ năm {t_start.year - 1}.",
                    Gap.TARGETS,
                )
            )
        lines.append(
            TargetLine(
                order=i,
                title=title,
                measure=t.measure,
                unit=t.unit,
                comparison=t.comparison,
                target_value=root.target_value,
                figure=root.value,
                standing=root.standing,
                standing_label=STANDING_WORDS.get(root.standing, ""),
                last_year=last_year,
                same_period=same,
                bodies_handed=len(below),
                bodies_entered=len(entered),
                bodies_behind=behind,
                history=_history(t, root, entries.get(t.pk, [])),
            )
        )
    return tuple(lines)


# --- directives -----------------------------------------------------------------------------
def _directives(body: Body, start: dt.date, end: dt.date) -> tuple[DirectiveLine, ...]:
    """The directives the body received in the period (its own step), then those it issued
    and addressed down its subtree ("Đã ban hành"), each with how far the bodies below went.
    Three queries."""
    received = list(
        Recipient.objects.filter(
            body=body, document__issued_on__gte=start, document__issued_on__lte=end
        )
        .select_related("document__issuer")
        .order_by("document__issued_on", "document_id")
    )
    issued = list(
        Document.objects.filter(issuer=body, issued_on__gte=start, issued_on__lte=end)
        .filter(pk__in=Recipient.objects.values("document"))
        .select_related("issuer")
        .order_by("issued_on", "id")
    )
    docs = [(r.document, STEP_WORDS.get(r.step, "")) for r in received]
    docs += [(d, ISSUED_WORDS) for d in issued]
    if not docs:
        return ()
    counts: dict[int, dict[int, int]] = {}
    for doc_id, step, n in (
        Recipient.objects.filter(document__in=[d.pk for d, _ in docs])
        .filter(subtree_q(body.path, "body_"))
        .exclude(body=body)
        .values_list("document_id", "step")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(doc_id, {})[step] = n
    out = []
    for doc, own_step in docs:
        issuer = doc.issuer_name or (doc.issuer.name if doc.issuer_id else "")
        steps = counts.get(doc.pk, {})
        out.append(
            DirectiveLine(
                citation=f"{doc.citation} của {issuer}" if issuer else doc.citation,
                title=doc.title,
                own_step=own_step,
                step_counts=tuple((STEP_WORDS.get(k, str(k)), steps[k]) for k in sorted(steps)),
                bodies_total=sum(steps.values()),
            )
        )
    return tuple(out)


# --- conferences, requirements, awards ------------------------------------------------------
def _in_period(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}held_on__gte": start, f"{prefix}held_on__lte": end})


def _conferences(body: Body, start: dt.date, end: dt.date):
    own = list(
        Conference.objects.filter(body=body)
        .filter(_in_period(start, end))
        .order_by("held_on", "id")
    )
    below = Conference.objects.filter(subtree_q(body.path, "body_")).exclude(body=body)
    below = below.filter(_in_period(start, end))
    listed = list(
        below.select_related("body").order_by("held_on", "body_path", "id")[
            : CONFERENCES_LISTED + 1
        ]
    )
    by_kind = dict(below.values_list("kind").annotate(n=Count("id")).order_by())
    shown = own + (listed if len(listed) <= CONFERENCES_LISTED else [])
    for c in own:
        c.body = body
    lines = tuple(
        ConferenceLine(
            held_on=c.held_on,
            kind_label=CONFERENCE_WORDS.get(c.kind, "Hội nghị"),
            title=c.title,
            body_name=c.body.name,
        )
        for c in sorted(shown, key=lambda c: (c.held_on, c.pk))
    )
    counts = tuple(
        (CONFERENCE_WORDS.get(kind, "Hội nghị"), n)
        for kind, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return lines, counts


def _requirements(body: Body, start: dt.date, end: dt.date):
    qs = Conclusion.objects.filter(subtree_q(body.path, "assignee__")).filter(
        _in_period(start, end, "conference__")
    )
    rows = list(
        qs.select_related("assignee", "conference__body").order_by(
            "conference__held_on", "conference_id", "order", "id"
        )[:REQUIREMENTS_LISTED]
    )
    totals = qs.aggregate(n=Count("id"), done=Count("id", filter=Q(done_on__isnull=False)))
    lines = tuple(
        RequirementLine(
            text=c.text,
            assignee=c.assignee.name,
            due_on=c.due_on,
            done_on=c.done_on,
            source=f"{CONFERENCE_WORDS.get(c.conference.kind, 'Hội nghị')} "
            f"ngày {c.conference.held_on:%d/%m/%Y} của {c.conference.body.name}",
        )
        for c in rows
    )
    return lines, totals["n"] or 0, totals["done"] or 0


def _extra(body: Body, start: dt.date, end: dt.date) -> tuple[ExtraSection, ...]:
    out = []
    for section in review_sections.sections():
        lines = section.provider(body, start, end)
        if lines:
            out.append(ExtraSection(section.key, section.title, tuple(lines)))
    return tuple(out)


# --- the staff's sections -------------------------------------------------------------------
def _staff(review: Review | None, version: ReviewVersion | None) -> StaffSections:
    if version is not None:
        carried = tuple(
            CarriedLimitation(str(c.get("text", "")), str(c.get("outcome", "")))
            for c in (version.carried or [])
            if isinstance(c, dict)
        )
        return StaffSections(
            strengths=version.strengths,
            limitations=version.limitations,
            causes=version.causes,
            lessons=version.lessons,
            direction=version.direction,
            carried=carried,
        )
    texts = carried_texts(review) if review is not None and review.pk else []
    return StaffSections(carried=tuple(CarriedLimitation(t, "") for t in texts))


def _staff_gaps(staff: StaffSections) -> list[str]:
    gaps = [
        Gap(f"Chưa viết phần “{SECTION_WORDS[k]}”.", Gap.STAFF)
        for k in SECTION_WORDS
        if not getattr(staff, k)
    ]
    gaps += [
        Gap(f"Chưa nói kết quả khắc phục hạn chế kỳ trước: “{c.text}”.", Gap.CARRIED)
        for c in staff.carried
        if not c.outcome
    ]
    return gaps


# --- the whole ------------------------------------------------------------------------------
def review_version(review: Review, version: int | None = None) -> ReviewVersion | None:
    """The review's version ``version`` (None: the latest; None too when none saved).
    Raises ReviewVersion.DoesNotExist for a number never saved. One query."""
    qs = ReviewVersion.objects.filter(review=review)
    if version is None:
        return qs.order_by("-number").first()
    return qs.get(number=version)


def review_assemble(
    subject: Review | tuple[Body, str, str],
    *,
    version: int | None = None,
    today: dt.date | None = None,
) -> ReviewDraft:
    """The review report of a ``Review`` (with its staff sections as saved, the latest version
    or ``version``), or of ``(body, period code, kind)`` not recorded yet. A fixed number of
    queries whatever the size of the body's subtree (about twenty)."""
    today = today or timezone.localdate()
    if isinstance(subject, Review):
        review: Review | None = subject
        body, period, kind = subject.body, subject.period, subject.kind
        saved = review_version(subject, version)
    else:
        review, saved = None, None
        body, period, kind = subject
    start, end = period_span(period)
    superior = None
    if body.depth > 1:
        superior = Body.objects.filter(path=parent_path(body.path)).only("name").first()
    signer, signer_title = _signer(body)
    gaps: list[str] = []
    targets = _targets(body, start, end, today, gaps)
    if not targets:
        gaps.append(Gap(f"Chưa có chỉ tiêu nào của {period_words(period)}.", Gap.TARGETS))
    directives = _directives(body, start, end)
    conferences, conference_counts = _conferences(body, start, end)
    requirements, req_total, req_done = _requirements(body, start, end)
    extra = _extra(body, start, end)
    staff = _staff(review, saved)
    if not signer:
        gaps.append(Gap(f"Chưa ghi nhận bí thư của {body.name}: phần chữ ký để trống.", Gap.SIGNER))
    gaps += _staff_gaps(staff)
    number = ""
    if review is not None and review.document_id:
        shown = review.document.number_display
        number = f"Số {shown}" if shown else ""
    return ReviewDraft(
        body_name=body.name,
        body_kind=body.kind,
        superior_name=superior.name if superior is not None else "",
        kind=kind,
        period=period,
        period_words=period_words(period),
        title=review.title if review is not None else default_title(kind, period),
        number=number,
        place=review.place if review is not None else "",
        dated=review.dated if review is not None else today,
        signer=signer,
        signer_title=signer_title,
        targets=targets,
        directives=directives,
        conferences=conferences,
        requirements=requirements,
        extra=extra,
        staff=staff,
        gaps=tuple(gaps),
        version=saved.number if saved is not None else 0,
        conference_counts=conference_counts,
        requirements_total=req_total,
        requirements_done=req_done,
    )


def body_reviews(body: Body):
    """A body's review reports, newest period first, with their number of versions (one
    query)."""
    return (
        Review.objects.filter(body=body)
        .select_related("document")
        .annotate(version_count=Count("versions"))
        .order_by("-period", "kind")
    )


def review_versions(review: Review) -> list[ReviewVersion]:
    """Who saved each version and when, newest first (one query)."""
    return list(
        ReviewVersion.objects.filter(review=review).select_related("saved_by").order_by("-number")
    )


__all__ = [
    "STANDING_WORDS",
    "STEP_WORDS",
    "body_reviews",
    "review_assemble",
    "review_version",
    "review_versions",
]
