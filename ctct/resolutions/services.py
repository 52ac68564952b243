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
from ctct.core import findable
from ctct.core.dates import DateKind, check_date
from ctct.core.errors import field_error
from ctct.core.treepaths import ancestor_paths, subtree_q
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
MSG_UNDER_SHARE = _(
    "%(body)s lies under %(share)s, which holds a share of this target;"
    " it is handed down from there."
)
MSG_NO_REASON = _("Say why the entry is removed.")

VALUE_MESSAGES = {
    "not_a_number": MSG_NOT_A_NUMBER,
    "percent_range": MSG_PERCENT_RANGE,
    "count_range": MSG_COUNT_RANGE,
    "yes_no": MSG_YES_NO,
    "rating": MSG_RATING,
    "weight": MSG_WEIGHT,
}


# --- checks ---------------------------------------------------------------------------------
def check_value(measure: str, raw: object, *, field: str = "value") -> Decimal:
    """``raw`` as a value of ``measure``, or a ValidationError on ``field`` saying why."""
    try:
        return st.as_value(measure, raw)
    except st.ValueRefused as e:
        raise field_error(field, VALUE_MESSAGES[e.code], e.code, value=str(raw)) from None


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
        raise field_error(
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
        raise field_error("weights", MSG_WEIGHT, "weight", value=str(raw))
    return weight


def _period(value: str | None, *, field: str = "period") -> str:
    try:
        code = period_code(value)
    except ValidationError as e:
        raise ValidationError({field: e}) from None
    if not code:
        raise field_error(field, MSG_NO_PERIOD, "required")
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
        raise field_error("adopted_at", MSG_CONFERENCE_BODY, "conference_body", body=body.name)
    if document is not None and document.issuer_id != body.pk:
        raise field_error("document", MSG_DOCUMENT_ISSUER, "document_issuer", body=body.name)


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
        raise field_error("previous", MSG_PREVIOUS_BODY, "previous_body", body=previous.body.name)
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
        raise field_error("text", MSG_EMPTY_TEXT, "required")
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
        raise field_error(
            "parent", MSG_PARENT_MEASURE, "parent_measure", measure=Measure(parent.measure).label
        )
    if not _within(target_period, parent.period):
        raise field_error(
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
        raise field_error(
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
            raise field_error(
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
                raise field_error(
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
        raise field_error("via", MSG_VIA_OTHER_TARGET, "via_target")
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
        raise field_error("bodies", MSG_NO_BODIES, "required")
    weights = weights or {}
    rows: list[TargetAssignment] = []
    for body, raw in values.items():
        if not body.path.startswith(holder.path) or body.path == holder.path:
            raise field_error(
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
        raise field_error(
            "bodies", MSG_ALREADY_HANDED, "already", body=next(iter(sorted(taken.values())))
        )
    # A body lying under another share of this target inside the holder's subtree takes it
    # from that share (the roll-up follows the shares down the tree), not from the holder.
    inside = {
        path: (pk, parent_id, name)
        for pk, parent_id, path, name in TargetAssignment.objects.filter(target=target)
        .filter(subtree_q(holder.path, "body__"))
        .exclude(body_id=holder.pk)
        .values_list("pk", "parent_id", "body__path", "body__name")
    }
    chosen = {b.path: b for b in values}
    for body in values:
        for path in ancestor_paths(body.path, below=holder.path):
            cover = inside[path][2] if path in inside else getattr(chosen.get(path), "name", None)
            if cover is not None:
                raise field_error(
                    "bodies", MSG_UNDER_SHARE, "under_share", body=body.name, share=cover
                )
    try:
        with transaction.atomic():  # a racing twin trips the unique key, not the check above
            created = bulk_create_with_history(rows, TargetAssignment, default_user=user)
    except IntegrityError:
        raise field_error("bodies", MSG_ALREADY_HANDED, "already", body=rows[0].body.name) from None
    findable.changed("target", [target.pk])  # found at the bodies handed it (bulk: no save())
    _take_under(created, inside, via, holder, user)
    return created


def _take_under(created, inside, via, holder: Body, user) -> None:
    """Shares the holder had handed deeper, which now lie under a body just handed the
    target, are that body's to roll up: their ``parent`` becomes its new share."""
    new_at = {row.body.path: row for row in created}
    via_pk = via.pk if via is not None else None
    moves: dict[int, TargetAssignment] = {}
    for path, (pk, parent_id, _name) in inside.items():
        if parent_id != via_pk:
            continue
        for above in ancestor_paths(path, below=holder.path):
            if above in new_at:
                moves[pk] = new_at[above]
                break
    for share in TargetAssignment.objects.filter(pk__in=list(moves)).order_by("pk"):
        share.parent = moves[share.pk]
        share._history_user = user
        share.save(update_fields=["parent"])


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
        raise field_error("level", MSG_LEVEL, "level", holder=holder.name)
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
            raise field_error("body", MSG_NOT_HANDED, "not_handed", body=body.name)
    number = check_value(target.measure, value)
    check_date(on, field="on", kind=DateKind.PARTY)
    start = period_span(target.period)[0]
    if on < start:
        raise field_error(
            "on",
            MSG_ENTRY_BEFORE_PERIOD,
            "before_period",
            date=f"{on:%d/%m/%Y}",
            start=f"{start:%d/%m/%Y}",
        )
    note = note.strip()
    if document is None and conference is None and not note:
        raise field_error("note", MSG_NO_EVIDENCE, "evidence")
    if conference is not None and conference.body_id != body.pk:
        raise field_error("conference", MSG_CONFERENCE_BODY, "conference_body", body=body.name)
    if token and ProgressEntry.objects.filter(token=token).exists():
        raise field_error("token", MSG_ENTRY_TWICE, "twice")
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
                raise field_error(
                    "on", MSG_ENTRY_EXISTS, "exists", body=body.name, date=f"{on:%d/%m/%Y}"
                )
            entry.save()
    except IntegrityError:
        if token and ProgressEntry.objects.filter(token=token).exists():
            raise field_error("token", MSG_ENTRY_TWICE, "twice") from None
        raise field_error(
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
        raise field_error(
            "resolution",
            MSG_LINK_OTHER_BODY,
            "other_body",
            title=resolution.title,
            body=resolution.body.name,
        )
    if conference.kind not in ADOPTING_KINDS:
        raise field_error("conference", MSG_LINK_KIND, "kind", kind=conference.get_kind_display())
    if resolution.adopted_at_id is not None:
        linked = Conference.objects.get(pk=resolution.adopted_at_id)
        raise field_error(
            "resolution",
            MSG_LINK_ALREADY,
            "already",
            title=resolution.title,
            date=f"{linked.held_on:%d/%m/%Y}",
        )
    taken = Resolution.objects.filter(adopted_at=conference).first()
    if taken is not None:
        raise field_error("conference", MSG_LINK_TAKEN, "taken", title=taken.title)
    resolution.adopted_at = conference
    resolution._history_user = user
    resolution.save(update_fields=["adopted_at"])
    return resolution


# --- corrections and removals ---------------------------------------------------------------
# What was written can be corrected or taken back; the history keeps what it was and who
# changed it. A removal that would lose progress entered (or steps toward a target) is refused.

MSG_TARGET_OUTSIDE_NEW = _(
    "The target “%(target)s” (%(period)s) would lie outside the new period (%(resolution)s);"
    " correct its period first."
)
MSG_DOCUMENT_TAKEN = _("That document is already the numbered text of another resolution.")
MSG_RESOLUTION_HAS_ENTRIES = _(
    "Progress has been entered on this resolution's targets (%(count)s entries);"
    " remove those entries first."
)
MSG_STEPS_ELSEWHERE = _(
    "Targets of other resolutions are steps toward this one's (%(titles)s); unlink them first."
)
MSG_FROZEN_BY_ENTRIES = _(
    "Progress has been entered on this target: its measure and roll-up can no longer change."
)
MSG_SHARE_VALUE_MEASURE = _(
    "%(body)s was handed %(value)s, which does not fit a target measured as “%(measure)s”."
)
MSG_STEP_MEASURE = _("The step “%(step)s” toward this target is measured another way.")
MSG_STEP_PERIOD = _("The step “%(step)s” (%(period)s) would no longer lie within this target.")
MSG_TARGET_HAS_ENTRIES = _(
    "Progress has been entered on this target (%(count)s entries); remove those entries first."
)
MSG_TARGET_HAS_STEPS = _("Other targets are steps toward this one (%(titles)s); unlink them first.")
MSG_SHARE_HAS_ENTRIES = _(
    "%(body)s has entered progress on its share (%(count)s entries); it cannot be withdrawn."
)
MSG_SHARE_HANDED_ON = _(
    "%(body)s has handed its share further down (%(bodies)s); withdraw those first."
)

# A value of a text field left as it is (None means "clear" for a link).
KEEP: object = object()


def _user_pk(user):
    return user if getattr(user, "pk", None) else None


def _delete_with_history(obj: models.Model, user, reason: str | None = None) -> None:
    """Delete ``obj`` and everything that cascades from it, each with a "removed" history row
    naming ``user`` (and ``reason``)."""
    from django.db.models.deletion import Collector

    collector = Collector(using=obj._state.db or "default")
    collector.collect([obj])
    for rows in collector.data.values():
        for row in rows:
            row._history_user = user
            if reason:
                row._change_reason = reason
    collector.delete()


def _check_deadline(entry_deadline: dt.date | None, start: dt.date, field: str) -> None:
    if entry_deadline is not None and entry_deadline < start:
        raise field_error(
            field,
            MSG_DEADLINE_EARLY,
            "deadline_early",
            date=f"{entry_deadline:%d/%m/%Y}",
            start=f"{start:%d/%m/%Y}",
        )


def _check_entries_from(target_ids: list[int], start: dt.date, field: str) -> None:
    early = ProgressEntry.objects.filter(target__in=target_ids, on__lt=start).order_by("on").first()
    if early is not None:
        raise field_error(
            field,
            MSG_ENTRY_BEFORE_PERIOD,
            "before_period",
            date=f"{early.on:%d/%m/%Y}",
            start=f"{start:%d/%m/%Y}",
        )


def _check_steps(target: Target, *, measure: str, period: str, field: str) -> None:
    """The targets that are steps toward ``target`` still fit its measure and period."""
    for step in Target.objects.filter(parent=target).order_by("period", "pk"):
        if step.measure != measure:
            raise field_error(field, MSG_STEP_MEASURE, "step_measure", step=step.title)
        if not _within(step.period, period):
            raise field_error(
                field,
                MSG_STEP_PERIOD,
                "step_period",
                step=step.title,
                period=period_words(step.period),
            )


def _renumber(model, resolution_id: int, removed_order: int, user) -> None:
    """Close the gap ``removed_order`` left: each later row moves up one, in order, so the
    (resolution, order) key holds at every step."""
    for row in model.objects.filter(resolution_id=resolution_id, order__gt=removed_order).order_by(
        "order"
    ):
        row.order -= 1
        row._history_user = user
        row.save(update_fields=["order"])


@transaction.atomic
def resolution_update(
    *,
    resolution: Resolution,
    title: str | None = None,
    period: str | None = None,
    adopted_at=KEEP,
    document=KEEP,
    user=None,
) -> Resolution:
    """Correct a resolution's title, period, adopting conference or numbered document.

    Targets that take the resolution's period move with it (their entry deadlines by as many
    years as the period moved); a target with a period of its
    own must still lie within the new one. A period that would leave entries, deadlines or
    steps outside their target is refused."""
    res = Resolution.objects.select_for_update().select_related("body").get(pk=resolution.pk)
    new_adopted = res.adopted_at if adopted_at is KEEP else adopted_at
    new_document = res.document if document is KEEP else document
    _check_links(res.body, new_adopted, new_document)
    if (
        new_document is not None
        and Resolution.objects.filter(document=new_document).exclude(pk=res.pk).exists()
    ):
        raise field_error("document", MSG_DOCUMENT_TAKEN, "document_taken")
    code = res.period if period is None else _period(period)
    followers: list[Target] = []
    if code != res.period:
        start = period_span(code)[0]
        years = start.year - period_span(res.period)[0].year
        for t in res.targets.select_related("parent").order_by("order"):
            if t.period != res.period:
                if not _within(t.period, code):
                    raise field_error(
                        "period",
                        MSG_TARGET_OUTSIDE_NEW,
                        "target_outside",
                        target=t.title,
                        period=period_words(t.period),
                        resolution=period_words(code),
                    )
                continue
            if t.parent is not None:
                _check_parent(code, t.measure, t.parent)
            _check_steps(t, measure=t.measure, period=code, field="period")
            # A period typed in the wrong year moves the deadlines by as many years.
            t.entry_deadline = _shift(t.entry_deadline, years)
            _check_deadline(t.entry_deadline, start, "period")
            followers.append(t)
        _check_entries_from([t.pk for t in followers], start, "period")
    if title is not None:
        res.title = " ".join(title.split())
    res.period = code
    res.adopted_at = new_adopted
    res.document = new_document
    res.full_clean(exclude=["body", "adopted_at", "document", "previous", "created_by"])
    for t in followers:
        t.period = code
        t._history_user = user
        t.save(update_fields=["period", "entry_deadline"])
    res._history_user = user
    try:
        with transaction.atomic():  # a racing twin taking the same document trips the key
            res.save()
    except IntegrityError:
        raise field_error("document", MSG_DOCUMENT_TAKEN, "document_taken") from None
    return res


@transaction.atomic
def resolution_remove(*, resolution: Resolution, user=None) -> None:
    """Remove a resolution with its focus tasks, solution groups, targets and their shares;
    refused while progress has been entered on its targets (remove the entries first) or
    while targets of other resolutions are steps toward its own."""
    res = Resolution.objects.select_for_update().get(pk=resolution.pk)
    count = ProgressEntry.objects.filter(target__resolution=res).count()
    if count:
        raise field_error("__all__", MSG_RESOLUTION_HAS_ENTRIES, "has_entries", count=count)
    steps = list(
        Target.objects.filter(parent__resolution=res)
        .exclude(resolution=res)
        .order_by("pk")
        .values_list("title", flat=True)[:3]
    )
    if steps:
        raise field_error("__all__", MSG_STEPS_ELSEWHERE, "steps", titles="; ".join(steps))
    # Steps inside the resolution point at its own targets: unlink them so the removal does
    # not trip their protection, whatever order the rows go in.
    for t in Target.objects.filter(resolution=res, parent__resolution=res):
        t.parent = None
        t._history_user = user
        t.save(update_fields=["parent"])
    _delete_with_history(res, user)


# --- focus tasks and solution groups --------------------------------------------------------
def _part_update(model, *, part, text: str, user):
    text = text.strip()
    if not text:
        raise field_error("text", MSG_EMPTY_TEXT, "required")
    row = model.objects.select_for_update().get(pk=part.pk)
    row.text = text
    row._history_user = user
    row.save(update_fields=["text"])
    return row


def _part_move(model, *, part, up: bool, user):
    """Swap ``part`` with its neighbour above (``up``) or below; at either end it stays."""
    Resolution.objects.select_for_update().get(pk=part.resolution_id)
    row = model.objects.get(pk=part.pk)
    siblings = model.objects.filter(resolution_id=row.resolution_id)
    other = (
        siblings.filter(order__lt=row.order).order_by("-order").first()
        if up
        else siblings.filter(order__gt=row.order).order_by("order").first()
    )
    if other is None:
        return row
    mine, theirs = row.order, other.order
    # Through a free number, so the (resolution, order) key holds at every step: orders
    # start at 1, and 0 is never used otherwise.
    for obj, order in ((row, 0), (other, mine), (row, theirs)):
        obj.order = order
        obj._history_user = user
        obj.save(update_fields=["order"])
    return row


def _part_remove(model, *, part, user) -> None:
    Resolution.objects.select_for_update().get(pk=part.resolution_id)
    row = model.objects.get(pk=part.pk)
    order, resolution_id = row.order, row.resolution_id
    _delete_with_history(row, user)
    _renumber(model, resolution_id, order, user)


@transaction.atomic
def focus_task_update(*, task: FocusTask, text: str, user=None) -> FocusTask:
    return _part_update(FocusTask, part=task, text=text, user=user)


@transaction.atomic
def focus_task_move(*, task: FocusTask, up: bool, user=None) -> FocusTask:
    """Move a focus task one place up or down the list."""
    return _part_move(FocusTask, part=task, up=up, user=user)


@transaction.atomic
def focus_task_remove(*, task: FocusTask, user=None) -> None:
    """Remove a focus task; those after it move up one place."""
    _part_remove(FocusTask, part=task, user=user)


@transaction.atomic
def solution_group_update(*, group: SolutionGroup, text: str, user=None) -> SolutionGroup:
    return _part_update(SolutionGroup, part=group, text=text, user=user)


@transaction.atomic
def solution_group_move(*, group: SolutionGroup, up: bool, user=None) -> SolutionGroup:
    """Move a solution group one place up or down the list."""
    return _part_move(SolutionGroup, part=group, up=up, user=user)


@transaction.atomic
def solution_group_remove(*, group: SolutionGroup, user=None) -> None:
    """Remove a solution group; those after it move up one place."""
    _part_remove(SolutionGroup, part=group, user=user)


# --- targets --------------------------------------------------------------------------------
@transaction.atomic
def target_update(
    *,
    target: Target,
    title: str | None = None,
    unit: str | None = None,
    target_value: object = None,
    baseline_value: object = KEEP,
    entry_deadline=KEEP,
    period: str | None = None,
    comparison: str | None = None,
    measure: str | None = None,
    rollup: str | None = None,
    user=None,
) -> Target:
    """Correct a target. Its period stays within the resolution's (empty: the resolution's);
    its measure and roll-up change only while no progress has been entered, and then every
    value handed down must fit the new measure."""
    t = (
        Target.objects.select_for_update(of=("self",))
        .select_related("resolution", "parent")
        .get(pk=target.pk)
    )
    measure = t.measure if measure in (None, "") else measure
    rollup = t.rollup if rollup in (None, "") else rollup
    comparison = t.comparison if comparison in (None, "") else comparison
    _check_choices(measure=measure, comparison=comparison, rollup=rollup)
    if (measure != t.measure or rollup != t.rollup) and t.entries.exists():
        field = "measure" if measure != t.measure else "rollup"
        raise field_error(field, MSG_FROZEN_BY_ENTRIES, "frozen")
    value = (
        t.target_value
        if target_value in (None, "")
        else check_value(measure, target_value, field="target_value")
    )
    if baseline_value is KEEP:
        baseline_value = t.baseline_value
    baseline = (
        None
        if baseline_value in (None, "")
        else check_value(measure, baseline_value, field="baseline_value")
    )
    _check_rollup(measure, rollup)
    if measure != t.measure:
        for share in t.assignments.select_related("body").order_by("body__path"):
            try:
                st.as_value(measure, share.target_value)
            except st.ValueRefused:
                raise field_error(
                    "measure",
                    MSG_SHARE_VALUE_MEASURE,
                    "share_measure",
                    body=share.body.name,
                    value=st.vi_number(share.target_value),
                    measure=Measure(measure).label,
                ) from None
    code = _period(period, field="period") if period else t.resolution.period
    if not _within(code, t.resolution.period):
        raise field_error(
            "period",
            MSG_PERIOD_OUTSIDE,
            "period_outside",
            period=period_words(code),
            resolution=period_words(t.resolution.period),
        )
    if t.parent is not None:
        _check_parent(code, measure, t.parent)
    _check_steps(t, measure=measure, period=code, field="period" if code != t.period else "measure")
    start = period_span(code)[0]
    deadline = t.entry_deadline if entry_deadline is KEEP else entry_deadline
    if deadline is not None and deadline != t.entry_deadline:
        check_date(deadline, field="entry_deadline", kind=DateKind.PLAN)
    _check_deadline(deadline, start, "entry_deadline")
    if code != t.period:
        _check_entries_from([t.pk], start, "period")
    if title is not None:
        t.title = " ".join(title.split())
    if unit is not None:
        t.unit = unit.strip()
    t.measure, t.rollup, t.comparison = measure, rollup, comparison
    t.target_value, t.baseline_value = value, baseline
    t.period, t.entry_deadline = code, deadline
    t.full_clean(exclude=["resolution", "parent"])
    t._history_user = user
    t.save()
    return t


@transaction.atomic
def target_remove(*, target: Target, user=None) -> None:
    """Remove a target with the shares handed down; refused while progress has been entered
    on it or other targets are steps toward it. Those after it move up one place."""
    Resolution.objects.select_for_update().get(pk=target.resolution_id)
    t = Target.objects.get(pk=target.pk)
    count = t.entries.count()
    if count:
        raise field_error("__all__", MSG_TARGET_HAS_ENTRIES, "has_entries", count=count)
    steps = list(t.steps.order_by("pk").values_list("title", flat=True)[:3])
    if steps:
        raise field_error("__all__", MSG_TARGET_HAS_STEPS, "steps", titles="; ".join(steps))
    order, resolution_id = t.order, t.resolution_id
    _delete_with_history(t, user)
    _renumber(Target, resolution_id, order, user)


# --- shares handed down ---------------------------------------------------------------------
@transaction.atomic
def share_update(
    *, share: TargetAssignment, target_value: object = None, weight: object = None, user=None
) -> TargetAssignment:
    """Change the value (or weight) a body was handed."""
    row = TargetAssignment.objects.select_for_update().select_related("target").get(pk=share.pk)
    if target_value not in (None, ""):
        row.target_value = check_value(row.target.measure, target_value, field="target_value")
    if weight not in (None, ""):
        try:
            row.weight = _weight(weight)
        except ValidationError as e:  # on the form's one weight box
            raise ValidationError({"weight": e.error_dict["weights"]}) from None
    row._history_user = user
    row.save(update_fields=["target_value", "weight"])
    return row


@transaction.atomic
def share_withdraw(*, share: TargetAssignment, user=None) -> None:
    """Take back a target handed to a body; refused once the body has entered progress on it
    or has handed it further down."""
    row = TargetAssignment.objects.select_for_update().select_related("body").get(pk=share.pk)
    count = ProgressEntry.objects.filter(target_id=row.target_id, body_id=row.body_id).count()
    if count:
        raise field_error(
            "__all__", MSG_SHARE_HAS_ENTRIES, "has_entries", body=row.body.name, count=count
        )
    below = list(row.children.order_by("body__path").values_list("body__name", flat=True)[:3])
    if below:
        raise field_error(
            "__all__", MSG_SHARE_HANDED_ON, "handed_on", body=row.body.name, bodies=", ".join(below)
        )
    _delete_with_history(row, user)


# --- progress entries -----------------------------------------------------------------------
@transaction.atomic
def progress_correct(
    *,
    entry: ProgressEntry,
    value: object = None,
    on: dt.date | None = None,
    note: str | None = None,
    user=None,
) -> ProgressEntry:
    """Correct the value, the date or the note of an entry. The same rules hold as when it
    was entered: the value fits the measure, the day is real and within the period, one
    value a body a day, and the evidence stays."""
    row = (
        ProgressEntry.objects.select_for_update().select_related("target", "body").get(pk=entry.pk)
    )
    number = row.value if value in (None, "") else check_value(row.target.measure, value)
    day = row.on if on is None else on
    if day != row.on:
        check_date(day, field="on", kind=DateKind.PARTY)
    start = period_span(row.target.period)[0]
    if day < start:
        raise field_error(
            "on",
            MSG_ENTRY_BEFORE_PERIOD,
            "before_period",
            date=f"{day:%d/%m/%Y}",
            start=f"{start:%d/%m/%Y}",
        )
    text = row.note if note is None else note.strip()
    if row.document_id is None and row.conference_id is None and not text:
        raise field_error("note", MSG_NO_EVIDENCE, "evidence")
    twin = ProgressEntry.objects.filter(target_id=row.target_id, body_id=row.body_id, on=day)
    if twin.exclude(pk=row.pk).exists():
        raise field_error(
            "on", MSG_ENTRY_EXISTS, "exists", body=row.body.name, date=f"{day:%d/%m/%Y}"
        )
    row.value, row.on, row.note = number, day, text
    row._history_user = user
    try:
        with transaction.atomic():  # a racing twin trips the once-a-day key
            row.save(update_fields=["value", "on", "note"])
    except IntegrityError:
        raise field_error(
            "on", MSG_ENTRY_EXISTS, "exists", body=row.body.name, date=f"{day:%d/%m/%Y}"
        ) from None
    return row


@transaction.atomic
def progress_remove(*, entry: ProgressEntry, reason: str, user=None) -> None:
    """Remove an entry, saying why; the history keeps it with the reason and who removed it."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise field_error("reason", MSG_NO_REASON, "required")
    row = ProgressEntry.objects.select_for_update().get(pk=entry.pk)
    _delete_with_history(row, user, reason=reason[:100])
