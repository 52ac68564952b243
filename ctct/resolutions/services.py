"""Writes on resolutions, targets, targets handed down and progress entries.

Every service validates first and changes nothing when it refuses (a ValidationError with a
code, its message a module constant), runs in a transaction and leaves history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from ctct.bodies.models import Body
from ctct.conferences.models import Conference
from ctct.conferences.models import Kind as ConferenceKind
from ctct.conferences.periods import as_period, period_code, period_words
from ctct.core.dates import DateKind, check_date
from ctct.core.treepaths import subtree_q
from ctct.documents.models import Document
from ctct.resolutions import standing as st
from ctct.resolutions.models import (
    FocusTask,
    Measure,
    ProgressEntry,
    Resolution,
    Rollup,
    SolutionGroup,
    Target,
    TargetAssignment,
)

MSG_NO_PERIOD = _("Say which period the resolution leads: “năm 2025”, “2025-H1”, “2025-2030”.")
MSG_CONFERENCE_BODY = _("That conference was not held by %(body)s.")
MSG_DOCUMENT_ISSUER = _("That document was not issued by %(body)s.")
MSG_PREVIOUS_BODY = _("A resolution continues one of its own body: that one is %(body)s's.")
MSG_EMPTY_TEXT = _("Write the text.")
MSG_NOT_A_NUMBER = _("“%(value)s” is not a number.")
MSG_PERCENT_RANGE = _("A percentage is between 0 and 100, not %(value)s.")
MSG_COUNT_RANGE = _("A count is a whole number, 0 or more, not %(value)s.")
MSG_YES_NO = _("A yes-or-no target takes 1 (yes) or 0 (no), not %(value)s.")
MSG_RATING = _("A rating level is 1, 2, 3 or 4, not %(value)s.")
MSG_WEIGHT = _("A weight is a number above 0, not %(value)s.")
MSG_ROLLUP_MEASURE = _("“%(rollup)s” does not fit a target measured as “%(measure)s”.")
MSG_PERIOD_OUTSIDE = _(
    "The target's period (%(period)s) lies outside its resolution's period (%(resolution)s)."
)
MSG_PARENT_PERIOD = _(
    "A step toward a target lies within its period: %(period)s is not within %(parent)s."
)
MSG_PARENT_MEASURE = _("A step toward a target is measured the same way (%(measure)s).")
MSG_PARENT_CYCLE = _("This would make a cycle: “%(parent)s” is already a step toward “%(target)s”.")
MSG_DEADLINE_EARLY = _("Entries cannot be due (%(date)s) before the period starts (%(start)s).")
MSG_NO_BODIES = _("Choose at least one body to hand the target to.")
MSG_OUTSIDE_HOLDER = _("%(body)s is not under %(holder)s; a target is handed down its own tree.")
MSG_ALREADY_HANDED = _("%(body)s has already been handed this target.")
MSG_VIA_OTHER_TARGET = _("That share belongs to another target.")
MSG_LEVEL = _("Choose a level below %(holder)s (1 is its direct subordinates).")
MSG_NOT_HANDED = _("%(body)s was not handed this target; only its holders enter progress.")
MSG_NO_EVIDENCE = _("Give the evidence: a document, a conference or a note.")
MSG_ENTRY_BEFORE_PERIOD = _("%(date)s is before the target's period starts (%(start)s).")
MSG_ENTRY_TWICE = _("This entry was already saved.")
MSG_ENTRY_EXISTS = _("%(body)s already has a value for %(date)s; correct that entry instead.")

VALUE_MESSAGES = {
    "not_a_number": MSG_NOT_A_NUMBER,
    "percent_range": MSG_PERCENT_RANGE,
    "count_range": MSG_COUNT_RANGE,
    "yes_no": MSG_YES_NO,
    "rating": MSG_RATING,
    "weight": MSG_WEIGHT,
}


# --- checks ---------------------------------------------------------------------------------
def _error(field: str, message, code: str, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def check_value(measure: str, raw: object, *, field: str = "value") -> Decimal:
    """``raw`` as a value of ``measure``, or a ValidationError on ``field`` saying why."""
    try:
        return st.as_value(measure, raw)
    except st.ValueRefused as e:
        raise _error(field, VALUE_MESSAGES[e.code], e.code, value=str(raw)) from None


def _check_choices(**values: str) -> None:
    """Each named field's value is one of its choices (Django's own message otherwise)."""
    for name, value in values.items():
        try:
            Target._meta.get_field(name).validate(value, None)
        except ValidationError as e:
            raise ValidationError({name: e}) from None


def _check_rollup(measure: str, rollup: str) -> None:
    _check_choices(measure=measure, rollup=rollup)
    if not st.rollup_fits(measure, rollup):
        raise _error(
            "rollup",
            MSG_ROLLUP_MEASURE,
            "rollup_measure",
            rollup=Rollup(rollup).label,
            measure=Measure(measure).label,
        )


def _weight(raw: object) -> Decimal:
    """A weight for a weighted mean: a finite number above 0."""
    try:
        weight = Decimal(str(raw).strip().replace(",", "."))
    except ArithmeticError:
        weight = None
    if weight is None or not weight.is_finite() or weight <= 0:
        raise _error("weights", MSG_WEIGHT, "weight", value=str(raw))
    return weight


def _period(value: str | None, *, field: str = "period") -> str:
    try:
        code = period_code(value)
    except ValidationError as e:
        raise ValidationError({field: e}) from None
    if not code:
        raise _error(field, MSG_NO_PERIOD, "required")
    return code


def period_span(code: str) -> tuple[dt.date, dt.date]:
    """First and last day of a stored period code."""
    return as_period(code).span()  # type: ignore[union-attr, return-value]


def _within(inner: str, outer: str) -> bool:
    a, b = period_span(inner)
    c, d = period_span(outer)
    return c <= a and b <= d


def _check_links(body: Body, adopted_at: Conference | None, document: Document | None) -> None:
    if adopted_at is not None and adopted_at.body_id != body.pk:
        raise _error("adopted_at", MSG_CONFERENCE_BODY, "conference_body", body=body.name)
    if document is not None and document.issuer_id != body.pk:
        raise _error("document", MSG_DOCUMENT_ISSUER, "document_issuer", body=body.name)


# --- resolutions ----------------------------------------------------------------------------
@transaction.atomic
def resolution_create(
    *,
    body: Body,
    period: str,
    title: str,
    adopted_at: Conference | None = None,
    document: Document | None = None,
    previous: Resolution | None = None,
    user=None,
) -> Resolution:
    """Record a body's leadership resolution for a period (typed in words or as a code)."""
    code = _period(period)
    _check_links(body, adopted_at, document)
    if previous is not None and previous.body_id != body.pk:
        raise _error("previous", MSG_PREVIOUS_BODY, "previous_body", body=previous.body.name)
    resolution = Resolution(
        body=body,
        period=code,
        title=" ".join(title.split()),
        adopted_at=adopted_at,
        document=document,
        previous=previous,
        created_by=user if getattr(user, "pk", None) else None,
    )
    resolution.full_clean(exclude=["body", "adopted_at", "document", "previous", "created_by"])
    resolution._history_user = user
    resolution.save()
    return resolution


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None or years == 0:
        return day
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def resolution_copy(
    *, previous: Resolution, period: str, title: str | None = None, user=None
) -> Resolution:
    """Start a body's resolution from its previous one: the focus tasks, solution groups and
    targets are copied (to be edited); targets take the new period and their deadlines move
    by as many years. Targets handed down are not copied: handing down is the new period's."""
    code = _period(period)
    resolution = resolution_create(
        body=previous.body,
        period=code,
        title=title if title is not None else previous.title,
        previous=previous,
        user=user,
    )
    years = period_span(code)[0].year - period_span(previous.period)[0].year
    for model in (FocusTask, SolutionGroup):
        rows = [
            model(resolution=resolution, order=row.order, text=row.text)
            for row in model.objects.filter(resolution=previous).order_by("order")
        ]
        bulk_create_with_history(rows, model, default_user=user)
    targets = [
        Target(
            resolution=resolution,
            order=t.order,
            title=t.title,
            measure=t.measure,
            unit=t.unit,
            comparison=t.comparison,
            target_value=t.target_value,
            baseline_value=t.baseline_value,
            rollup=t.rollup,
            period=code,
            parent=t.parent if t.parent_id and _within(code, t.parent.period) else None,
            entry_deadline=_shift(t.entry_deadline, years),
        )
        for t in previous.targets.select_related("parent").order_by("order")
    ]
    bulk_create_with_history(targets, Target, default_user=user)
    return resolution


def _next_order(model: type[models.Model], resolution: Resolution) -> int:
    last = model.objects.filter(resolution=resolution).aggregate(m=models.Max("order"))["m"]
    return (last or 0) + 1


def _add_text(model, *, resolution: Resolution, text: str, user):
    text = text.strip()
    if not text:
        raise _error("text", MSG_EMPTY_TEXT, "required")
    Resolution.objects.select_for_update().get(pk=resolution.pk)  # one numbering at a time
    row = model(resolution=resolution, order=_next_order(model, resolution), text=text)
    row._history_user = user
    row.save()
    return row


@transaction.atomic
def focus_task_add(*, resolution: Resolution, text: str, user=None) -> FocusTask:
    """Add a nhiệm vụ trọng tâm at the end of the resolution's list."""
    return _add_text(FocusTask, resolution=resolution, text=text, user=user)


@transaction.atomic
def solution_group_add(*, resolution: Resolution, text: str, user=None) -> SolutionGroup:
    """Add a nhóm giải pháp at the end of the resolution's list."""
    return _add_text(SolutionGroup, resolution=resolution, text=text, user=user)


# --- targets --------------------------------------------------------------------------------
def _check_parent(target_period: str, measure: str, parent: Target) -> None:
    if parent.measure != measure:
        raise _error(
            "parent", MSG_PARENT_MEASURE, "parent_measure", measure=Measure(parent.measure).label
        )
    if not _within(target_period, parent.period):
        raise _error(
            "parent",
            MSG_PARENT_PERIOD,
            "parent_period",
            period=period_words(target_period),
            parent=period_words(parent.period),
        )


@transaction.atomic
def target_add(
    *,
    resolution: Resolution,
    title: str,
    measure: str,
    target_value: object,
    rollup: str,
    comparison: str = st.AT_LEAST,
    unit: str = "",
    baseline_value: object = None,
    period: str | None = None,
    parent: Target | None = None,
    entry_deadline: dt.date | None = None,
    user=None,
) -> Target:
    """Add a chỉ tiêu to a resolution. Its period is the resolution's unless given (a yearly
    step of a term resolution); it must lie within the resolution's period."""
    _check_choices(measure=measure, comparison=comparison, rollup=rollup)
    value = check_value(measure, target_value, field="target_value")
    baseline = (
        None
        if baseline_value in (None, "")
        else check_value(measure, baseline_value, field="baseline_value")
    )
    _check_rollup(measure, rollup)
    code = _period(period, field="period") if period else resolution.period
    if not _within(code, resolution.period):
        raise _error(
            "period",
            MSG_PERIOD_OUTSIDE,
            "period_outside",
            period=period_words(code),
            resolution=period_words(resolution.period),
        )
    if parent is not None:
        _check_parent(code, measure, parent)
    start = period_span(code)[0]
    if entry_deadline is not None:
        check_date(entry_deadline, field="entry_deadline", kind=DateKind.PLAN)
        if entry_deadline < start:
            raise _error(
                "entry_deadline",
                MSG_DEADLINE_EARLY,
                "deadline_early",
                date=f"{entry_deadline:%d/%m/%Y}",
                start=f"{start:%d/%m/%Y}",
            )
    Resolution.objects.select_for_update().get(pk=resolution.pk)
    target = Target(
        resolution=resolution,
        order=_next_order(Target, resolution),
        title=" ".join(title.split()),
        measure=measure,
        unit=unit.strip(),
        comparison=comparison,
        target_value=value,
        baseline_value=baseline,
        rollup=rollup,
        period=code,
        parent=parent,
        entry_deadline=entry_deadline,
    )
    target.full_clean(exclude=["resolution", "parent"])
    target._history_user = user
    target.save()
    return target


@transaction.atomic
def target_link(*, target: Target, parent: Target | None, user=None) -> Target:
    """Make ``target`` a step toward ``parent`` (None: a target of its own). A target cannot
    become a step toward itself or toward one of its own steps."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    if parent is not None:
        # Walk up from the new parent: the chain is a few levels (term, year, half-year).
        seen: set[int] = set()
        node: Target | None = parent
        while node is not None and node.pk not in seen:
            if node.pk == target.pk:
                raise _error(
                    "parent",
                    MSG_PARENT_CYCLE,
                    "cycle",
                    parent=parent.title,
                    target=target.title,
                )
            seen.add(node.pk)
            node = node.parent
        _check_parent(target.period, target.measure, parent)
    target.parent = parent
    target._history_user = user
    target.save(update_fields=["parent"])
    return target


# --- handing down ---------------------------------------------------------------------------
def _holder(target: Target, via: TargetAssignment | None) -> Body:
    if via is None:
        return target.resolution.body
    if via.target_id != target.pk:
        raise _error("via", MSG_VIA_OTHER_TARGET, "via_target")
    return via.body


@transaction.atomic
def target_hand_down(
    *,
    target: Target,
    values: Mapping[Body, object],
    via: TargetAssignment | None = None,
    weights: Mapping[Body, object] | None = None,
    user=None,
) -> list[TargetAssignment]:
    """Hand ``target`` to subordinate bodies, each with its own value (and weight, for a
    weighted mean). ``via`` is the share of an intermediate body that passes it further down;
    without it the resolution's body hands it. Only bodies strictly inside the holder's
    subtree may be handed it, and each only once."""
    holder = _holder(target, via)
    if not values:
        raise _error("bodies", MSG_NO_BODIES, "required")
    weights = weights or {}
    rows: list[TargetAssignment] = []
    for body, raw in values.items():
        if not body.path.startswith(holder.path) or body.path == holder.path:
            raise _error(
                "bodies", MSG_OUTSIDE_HOLDER, "outside", body=body.name, holder=holder.name
            )
        weight = _weight(weights.get(body, 1))
        rows.append(
            TargetAssignment(
                target=target,
                body=body,
                parent=via,
                target_value=check_value(target.measure, raw, field="target_value"),
                weight=weight,
                handed_by=user if getattr(user, "pk", None) else None,
                created_at=timezone.now(),
            )
        )
    taken = dict(
        TargetAssignment.objects.filter(target=target, body__in=list(values)).values_list(
            "body_id", "body__name"
        )
    )
    if taken:
        raise _error(
            "bodies", MSG_ALREADY_HANDED, "already", body=next(iter(sorted(taken.values())))
        )
    try:
        with transaction.atomic():  # a racing twin trips the unique key, not the check above
            return bulk_create_with_history(rows, TargetAssignment, default_user=user)
    except IntegrityError:
        raise _error("bodies", MSG_ALREADY_HANDED, "already", body=rows[0].body.name) from None


@transaction.atomic
def target_hand_down_level(
    *,
    target: Target,
    level: int,
    value: object,
    via: TargetAssignment | None = None,
    values: Mapping[Body, object] | None = None,
    user=None,
) -> list[TargetAssignment]:
    """Hand ``target`` to every active body ``level`` steps below the holder (1: its direct
    subordinates), each with ``value`` unless ``values`` names its own."""
    holder = _holder(target, via)
    if level < 1:
        raise _error("level", MSG_LEVEL, "level", holder=holder.name)
    bodies = (
        Body.objects.filter(subtree_q(holder.path), depth=holder.depth + level)
        .filter(merged_on__isnull=True, dissolved_on__isnull=True)
        .order_by("path")
    )
    own = {b.pk: v for b, v in (values or {}).items()}
    chosen = {b: own.get(b.pk, value) for b in bodies}
    return target_hand_down(target=target, values=chosen, via=via, user=user)


# --- progress -------------------------------------------------------------------------------
@transaction.atomic
def progress_enter(
    *,
    target: Target,
    body: Body,
    value: object,
    on: dt.date,
    document: Document | None = None,
    conference: Conference | None = None,
    note: str = "",
    token: str = "",
    user=None,
) -> ProgressEntry:
    """Enter the value of ``target`` at ``body`` as of ``on``, with its evidence.

    ``body`` is the resolution's own body or a body the target was handed to. A posting's
    ``token`` (a form token, an import key) is taken once: the same entry posted twice is
    refused, as is a second value for the same body and day.
    """
    assignment = None
    if body.pk != target.resolution.body_id:
        assignment = TargetAssignment.objects.filter(target=target, body=body).first()
        if assignment is None:
            raise _error("body", MSG_NOT_HANDED, "not_handed", body=body.name)
    number = check_value(target.measure, value)
    check_date(on, field="on", kind=DateKind.PARTY)
    start = period_span(target.period)[0]
    if on < start:
        raise _error(
            "on",
            MSG_ENTRY_BEFORE_PERIOD,
            "before_period",
            date=f"{on:%d/%m/%Y}",
            start=f"{start:%d/%m/%Y}",
        )
    note = note.strip()
    if document is None and conference is None and not note:
        raise _error("note", MSG_NO_EVIDENCE, "evidence")
    if conference is not None and conference.body_id != body.pk:
        raise _error("conference", MSG_CONFERENCE_BODY, "conference_body", body=body.name)
    if token and ProgressEntry.objects.filter(token=token).exists():
        raise _error("token", MSG_ENTRY_TWICE, "twice")
    entry = ProgressEntry(
        target=target,
        assignment=assignment,
        body=body,
        value=number,
        on=on,
        document=document,
        conference=conference,
        note=note,
        token=token,
        entered_by=user if getattr(user, "pk", None) else None,
    )
    entry._history_user = user
    try:
        with transaction.atomic():  # a racing twin trips the constraints, not this check
            if ProgressEntry.objects.filter(target=target, body=body, on=on).exists():
                raise _error(
                    "on", MSG_ENTRY_EXISTS, "exists", body=body.name, date=f"{on:%d/%m/%Y}"
                )
            entry.save()
    except IntegrityError:
        if token and ProgressEntry.objects.filter(token=token).exists():
            raise _error("token", MSG_ENTRY_TWICE, "twice") from None
        raise _error(
            "on", MSG_ENTRY_EXISTS, "exists", body=body.name, date=f"{on:%d/%m/%Y}"
        ) from None
    return entry


# --- a conference that adopted a resolution -------------------------------------------------
# The kinds of conference that adopt a resolution: a resolution conference, and a congress
# (its resolution for the term).
ADOPTING_KINDS = frozenset({ConferenceKind.RA_NGHI_QUYET, ConferenceKind.DAI_HOI})

MSG_LINK_OTHER_BODY = _(
    "“%(title)s” is a resolution of %(body)s; a conference adopts only its own body's."
)
MSG_LINK_KIND = _(
    "Only a resolution conference (ra nghị quyết) or a congress adopts a resolution, "
    "not “%(kind)s”."
)
MSG_LINK_ALREADY = _("“%(title)s” is already linked to the conference of %(date)s.")
MSG_LINK_TAKEN = _("This conference is already linked to “%(title)s”.")


@transaction.atomic
def resolution_link_conference(
    *, resolution: Resolution, conference: Conference, user=None
) -> Resolution:
    """Record that ``conference`` adopted ``resolution``: a resolution conference or a
    congress of the resolution's own body, linked to no other resolution, for a resolution
    linked to no other conference."""
    resolution = Resolution.objects.select_for_update().select_related("body").get(pk=resolution.pk)
    if conference.body_id != resolution.body_id:
        raise _error(
            "resolution",
            MSG_LINK_OTHER_BODY,
            "other_body",
            title=resolution.title,
            body=resolution.body.name,
        )
    if conference.kind not in ADOPTING_KINDS:
        raise _error("conference", MSG_LINK_KIND, "kind", kind=conference.get_kind_display())
    if resolution.adopted_at_id is not None:
        linked = Conference.objects.get(pk=resolution.adopted_at_id)
        raise _error(
            "resolution",
            MSG_LINK_ALREADY,
            "already",
            title=resolution.title,
            date=f"{linked.held_on:%d/%m/%Y}",
        )
    taken = Resolution.objects.filter(adopted_at=conference).first()
    if taken is not None:
        raise _error("conference", MSG_LINK_TAKEN, "taken", title=taken.title)
    resolution.adopted_at = conference
    resolution._history_user = user
    resolution.save(update_fields=["adopted_at"])
    return resolution
