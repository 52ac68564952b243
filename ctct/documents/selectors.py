"""Reads about documents and the cascade, always through a scope and a clearance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Q, QuerySet, When
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.core.scopes import Scope
from ctct.core.treepaths import STEPLEN, ancestor_paths, subtree_q
from ctct.documents.models import (
    STEP_ACTIONS,
    STEP_FIELDS,
    Distribution,
    Document,
    DocumentRelation,
    Recipient,
    Step,
)
from ctct.text.docnumbers import DocNumberError, canonical_key, parse_docnumber

WORK_STEPS = (Step.RECEIVED, Step.DISSEMINATED, Step.CONCRETIZED, Step.REPORTED)
# The parts of a stacked bar, furthest step first; the chart's legend lists them so.
SEGMENT_ORDER = (*reversed(WORK_STEPS), Step.ADDRESSED, Step.NOT_APPLICABLE)


def _segment_labels() -> dict[int, str]:
    return {**dict(Step.choices), Step.ADDRESSED: _("Not received yet")}


def documents_visible(scope: Scope) -> QuerySet[Document]:
    """Documents the user may know exist: within clearance, and issued in scope, addressed to
    a body in scope, or external. An external document entered in a body's register is seen
    in that body's subtree and by its superiors (it works from it and they oversee it); one
    in no register (brought in by an import) is a central document everyone works from."""
    qs = scope.within_clearance(Document.objects.all())
    if scope.is_superuser:
        return qs
    addressed = Recipient.objects.filter(scope.body_q("view", "body_"), document=OuterRef("pk"))
    above = {a for p in scope.paths("view") for a in ancestor_paths(p)}
    return qs.filter(
        Q(issuer__isnull=True, registered_in__isnull=True)
        | scope.body_q("view", "registered_in__")
        | Q(registered_in__path__in=sorted(above))
        | scope.body_q("view", "issuer__")
        | Exists(addressed)
    )


def document_resolve(scope: Scope, citation: str) -> list[Document]:
    """Documents the citation can mean ("Chỉ thị số 2889-CT/ĐU", "CT 2889/ĐU" ...), among
    those the user may see. Several when bodies share a symbol (every Đảng ủy writes ĐU)."""
    try:
        key = canonical_key(parse_docnumber(citation))
    except DocNumberError:
        return []
    return list(documents_visible(scope).filter(canonical_key=key).select_related("issuer")[:20])


# --- relations -----------------------------------------------------------------------------------


@dataclass
class Related:
    document: Document
    kind: str
    level: int  # 1 = direct

    def get_kind_display(self) -> str:
        """The relation as the page writes it ("cụ thể hóa"), like a model's choices."""
        from ctct.documents.models import RelationKind

        return RelationKind(self.kind).label if self.kind in RelationKind.values else self.kind


def chain_up(document: Document, *, visible=None, max_levels: int = 20) -> list[Related]:
    """What ``document`` derives from, up to the origin (one query per level)."""
    return _walk(document, up=True, visible=visible, max_levels=max_levels)


def descendants(document: Document, *, visible=None, max_levels: int = 20) -> list[Related]:
    """What derives from ``document`` down the tree (one query per level)."""
    return _walk(document, up=False, visible=visible, max_levels=max_levels)


def _walk(document: Document, *, up: bool, visible, max_levels: int) -> list[Related]:
    out: list[Related] = []
    seen = {document.pk}
    frontier = {document.pk}
    for level in range(1, max_levels + 1):
        if not frontier:
            break
        if up:
            rels = DocumentRelation.objects.filter(source_id__in=frontier).select_related(
                "target__issuer"
            )
            pairs = [(r.target, r.kind) for r in rels]
        else:
            rels = DocumentRelation.objects.filter(target_id__in=frontier).select_related(
                "source__issuer"
            )
            pairs = [(r.source, r.kind) for r in rels]
        frontier = set()
        for doc, kind in pairs:
            if doc.pk in seen:
                continue
            seen.add(doc.pk)
            frontier.add(doc.pk)
            out.append(Related(document=doc, kind=kind, level=level))
    if visible is not None:
        allowed = set(
            visible.filter(pk__in=[r.document.pk for r in out]).values_list("pk", flat=True)
        )
        out = [r for r in out if r.document.pk in allowed]
    return out


# --- roll-up ----------------------------------------------------------------------------------------


@dataclass
class StepCounts:
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def at_least(self, step: int) -> int:
        """Recipients that have done ``step`` (not-applicable ones excluded)."""
        return sum(n for s, n in self.counts.items() if s != Step.NOT_APPLICABLE and s >= step)

    @property
    def not_applicable(self) -> int:
        return self.counts.get(Step.NOT_APPLICABLE, 0)

    def share(self, step: int) -> int:
        applicable = self.total - self.not_applicable
        return round(100 * self.at_least(step) / applicable) if applicable else 100

    @property
    def bars(self) -> list[tuple[str, int, int]]:
        """(label, how many have done the step, their share) for every step, in order."""
        labels = dict(Step.choices)
        return [(labels[s], self.at_least(s), self.share(s)) for s in WORK_STEPS]

    @property
    def segments(self) -> list[Segment]:
        """Where the bodies stand now, one part per step (not-applicable last), as shares of
        all addressed: the parts of one stacked bar. Empty parts are left out."""
        labels = _segment_labels()
        total = self.total
        out: list[Segment] = []
        x = 0.0
        for step in SEGMENT_ORDER:
            n = self.counts.get(step, 0)
            if n and total:
                width = 100 * n / total
                out.append(Segment(step=int(step), label=labels[step], n=n, x=x, width=width))
                x += width
        return out


@dataclass(frozen=True)
class Segment:
    step: int
    label: str
    n: int
    x: float  # where the part starts, in percent of the bar
    width: float  # percent

    @property
    def share(self) -> int:
        return round(self.width)


@dataclass
class Branch:
    body: Body
    counts: StepCounts


@dataclass
class Overdue:
    recipient: Recipient
    missed_step: int
    missed: str  # the step label
    deadline: dt.date
    days_late: int
    # The bodies between the dashboard's body and this one, top down: names repeat across
    # the tree ("Chi bộ Đại đội 4"), their parents tell them apart.
    chain: list[Body] = field(default_factory=list)


@dataclass
class Rollup:
    document: Document
    root: Body
    overall: StepCounts
    branches: list[Branch]
    overdue: list[Overdue]
    overdue_total: int
    here: Recipient | None  # the root's own recipient row, when it was addressed

    @property
    def legend(self) -> list[tuple[int, str]]:
        labels = _segment_labels()
        return [(int(s), labels[s]) for s in SEGMENT_ORDER]


def required_step(distribution: Distribution | None, today: dt.date) -> int:
    """The furthest step whose deadline has passed: every recipient should be there."""
    if distribution is None:
        return Step.ADDRESSED
    needed = Step.ADDRESSED
    for step in WORK_STEPS:
        d = distribution.deadline(step)
        if d is not None and d < today:
            needed = step
    return needed


def rollup(
    document: Document, root: Body, *, today: dt.date | None = None, overdue_limit: int = 50
) -> Rollup:
    """Counts per step over ``root``'s subtree and per direct subordinate, and the overdue
    bodies with how late they are. A fixed number of queries whatever the tree's size."""
    today = today or dt.date.today()
    in_root = Q(document=document) & subtree_q(root.path, "body_")
    width = (root.depth + 1) * STEPLEN
    # 1: per branch and step (the root's own row groups under its own path).
    rows = (
        Recipient.objects.filter(in_root)
        .annotate(branch=Substr("body_path", 1, width))
        .values("branch", "step")
        .annotate(n=Count("id"))
        .order_by()
    )
    overall = StepCounts()
    per_branch: dict[str, StepCounts] = {}
    for r in rows:
        overall.counts[r["step"]] = overall.counts.get(r["step"], 0) + r["n"]
        if len(r["branch"]) == width:
            per_branch.setdefault(r["branch"], StepCounts()).counts[r["step"]] = r["n"]
    # 2: the distribution (deadlines); 3-4: the overdue recipients and how many.
    distribution = Distribution.objects.filter(document=document).order_by("id").first()
    needed = required_step(distribution, today)
    overdue: list[Overdue] = []
    total_overdue = 0
    if needed > Step.ADDRESSED:
        late_q = Recipient.objects.filter(in_root, step__lt=needed)
        total_overdue = late_q.count()
        for r in late_q.select_related("body").order_by("step", "body_path")[:overdue_limit]:
            missed = Step(r.step + 1)
            # The missed step may have no deadline of its own (only "report by" was set):
            # the body is late against the first deadline that has passed from there on.
            deadline = next(
                d
                for s in range(missed, needed + 1)
                if (d := distribution.deadline(Step(s))) is not None
            )
            overdue.append(
                Overdue(
                    recipient=r,
                    missed_step=missed,
                    missed=STEP_ACTIONS[missed],
                    deadline=deadline,
                    days_late=(today - deadline).days,
                )
            )
    # 5: the bodies the branches start at, and those between the root and each overdue one.
    between = {
        o.recipient.body_path: ancestor_paths(o.recipient.body_path, below=root.path)
        for o in overdue
    }
    wanted = set(per_branch).union(*between.values())
    bodies = {b.path: b for b in Body.objects.filter(path__in=wanted)} if wanted else {}
    branches = [
        Branch(body=bodies[p], counts=per_branch[p])
        for p in sorted((p for p in per_branch if p in bodies), key=lambda p: bodies[p].name)
    ]
    for o in overdue:
        o.chain = [bodies[p] for p in between[o.recipient.body_path] if p in bodies]
    # 6: the root's own row.
    here = Recipient.objects.filter(document=document, body=root).first()
    return Rollup(
        document=document,
        root=root,
        overall=overall,
        branches=branches,
        overdue=overdue,
        overdue_total=total_overdue,
        here=here,
    )


# --- the status list (export) ----------------------------------------------------------------


@dataclass
class StatusRow:
    """One recipient for the status list: where it stands, by when, and since when."""

    body: str
    chain: str  # the bodies above it, from the list's root down: "ĐU QK8 › Đảng ủy Lữ đoàn 657"
    step: int
    deadlines: tuple[dt.date | None, ...]  # one per work step, of its distribution
    done_on: tuple[dt.date | None, ...]  # the local date each work step was recorded
    reason: str  # why it does not apply


def status_rows(document: Document, root: Body) -> Iterator[StatusRow]:
    """Every recipient of ``document`` in ``root``'s subtree, in tree order. Two queries
    whatever the size: the bodies with children in the subtree (for the chains), then the
    recipients, streamed."""
    above = {
        path: short or name
        for path, short, name in Body.objects.filter(
            subtree_q(root.path), numchild__gt=0
        ).values_list("path", "short_name", "name")
    }
    fields = [STEP_FIELDS[s] for s in WORK_STEPS]
    rows = (
        Recipient.objects.filter(subtree_q(root.path, "body_"), document=document)
        .order_by("body_path")
        .values_list(
            "body__name",
            "body_path",
            "step",
            "not_applicable_reason",
            *(f"distribution__{f}_by" for f in fields),
            *(f"{f}_at" for f in fields),
        )
    )
    n = len(fields)
    tz = timezone.get_current_timezone()
    for name, path, step, reason, *dates in rows.iterator(chunk_size=2000):
        chain = [above[p] for p in ancestor_paths(path, below=root.path) if p in above]
        if path != root.path:
            chain.insert(0, above.get(root.path, root.short_name or root.name))
        yield StatusRow(
            body=name,
            chain=" › ".join(chain),
            step=step,
            deadlines=tuple(dates[:n]),
            done_on=tuple(d.astimezone(tz).date() if d else None for d in dates[n:]),
            reason=reason,
        )


# --- a body's inbox and reminders -----------------------------------------------------------------


@dataclass
class DueItem:
    recipient: Recipient
    step: int  # the step to take next
    next_step: str
    deadline: dt.date | None
    days_left: int | None  # negative: overdue

    can_record: bool = False

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left if self.overdue else 0


def _next_due(r: Recipient, today: dt.date) -> DueItem | None:
    if r.step in (Step.REPORTED, Step.NOT_APPLICABLE):
        return None
    nxt = Step(r.step + 1)
    deadline = r.distribution.deadline(nxt)
    return DueItem(
        recipient=r,
        step=nxt,
        next_step=STEP_ACTIONS[nxt],
        deadline=deadline,
        days_left=(deadline - today).days if deadline else None,
    )


def addressed_to(body: Body, scope: Scope, *, today: dt.date | None = None) -> list[DueItem]:
    """Everything addressed to ``body`` that is not finished, soonest deadline first (of the
    documents ``scope`` is cleared for)."""
    today = today or dt.date.today()
    qs = (
        scope.within_clearance(Recipient.objects.filter(body=body), "document__security_level")
        .exclude(step__in=[Step.REPORTED, Step.NOT_APPLICABLE])
        .select_related("document", "distribution", "document__issuer")
    )
    items = [d for r in qs if (d := _next_due(r, today))]
    return sorted(items, key=lambda d: (d.deadline is None, d.deadline or dt.date.max))


@dataclass
class Reminders:
    items: list[DueItem]  # the soonest (most overdue first), at most ``limit``
    total: int


def reminders(
    scope: Scope,
    *,
    today: dt.date | None = None,
    within_days: int = 7,
    limit: int = 100,
    under: Body | None = None,
) -> Reminders:
    """What becomes due within ``within_days`` or is overdue, for bodies in scope (and in the
    subtree of ``under`` when given), most overdue first. Two queries: the next step's
    deadline is computed in SQL. The "Đến hạn" list adds the other kinds of deadline to these
    (``ctct.documents.due``)."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=within_days)
    next_deadline = Case(
        *(
            When(step=step - 1, then=F(f"distribution__{STEP_FIELDS[step]}_by"))
            for step in WORK_STEPS
        ),
        default=None,
        output_field=DateField(),
    )
    qs = (
        scope.within_clearance(Recipient.objects.all(), "document__security_level")
        .annotate(next_deadline=next_deadline)
        .filter(next_deadline__lte=horizon)
    )
    if not scope.is_superuser:
        qs = qs.filter(scope.body_q("view", "body_"))
    if under is not None:
        qs = qs.filter(subtree_q(under.path, "body_"))
    total = qs.count()
    rows = qs.select_related("document", "distribution", "body").order_by(
        "next_deadline", "body_path"
    )[:limit]
    return Reminders(items=[d for r in rows if (d := _next_due(r, today))], total=total)


# --- evidence for a recipient's steps ---------------------------------------------------------


def own_documents(body: Body, scope: Scope, *, limit: int = 20) -> list[Document]:
    """The documents ``body`` issued that ``scope`` is cleared for, latest first: what its
    steps can link as its own."""
    issued = scope.within_clearance(Document.objects.filter(issuer=body))
    return list(issued.order_by("-issued_on", "-id")[:limit])
