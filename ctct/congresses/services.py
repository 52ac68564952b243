"""Writes on congress rounds, preparations, the superior's reviews and congress records.

Every service checks first and changes nothing when it refuses (a ValidationError with a
code, its message a module constant), runs in a transaction and leaves history. The numbers
(the rhythm, the windows, the lead time, the share needed to be elected) come from
``ctct.congresses.rules``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body, BodyKind
from ctct.congresses import rules as r
from ctct.congresses.models import (
    Congress,
    CongressKind,
    CongressMember,
    CongressRound,
    Preparation,
    PreparationStep,
    Review,
    Role,
    Source,
    Term,
)
from ctct.core.bulk import allocate_ids, insert_history, insert_objects, insert_rows
from ctct.core.dates import BOUNDS, DateKind
from ctct.core.dates import shown as _d
from ctct.core.errors import field_error
from ctct.core.treepaths import STEPLEN, parent_path, subtree_q
from ctct.documents.models import Document, DocumentStatus
from ctct.documents.models import Term as NumberingTerm
from ctct.documents.services import recipients_for
from ctct.people import services as people
from ctct.people.models import Person, Position

MSG_TERM_LABEL = _("Write the term as its years: “2025-2030”.")
MSG_DIRECTIVE_DRAFT = _("The round follows an issued directive; this one is still a draft.")
MSG_DIRECTIVE_OUTSIDE = _("%(body)s cannot open a round from a directive of %(issuer)s, below it.")
MSG_ROUND_EXISTS = _("%(body)s already opened the round of the term %(term)s.")
MSG_ALREADY_IN_ROUND = _("%(body)s is already in another round of the term %(term)s.")
MSG_WINDOW_ORDER = _("The window of %(level)s ends (%(end)s) before it starts (%(start)s).")
MSG_UNKNOWN_LEVEL = _("“%(level)s” is not a level of a congress round.")
MSG_PILOT_OUTSIDE = _("%(body)s is not in the round; a pilot congress is held by a body in it.")
MSG_STEP_ORDER = _("%(body)s is at “%(stage)s”; the steps are done in order.")
MSG_STEP_BY_REVIEW = _("The superior's review is recorded by the superior's decision.")
MSG_STEP_BY_RECORD = _("A congress is held when its record is entered.")
MSG_REVIEW_FIRST = _(
    "The superior has not approved %(body)s's congress papers yet; the congress and its "
    "results come after the review."
)
MSG_FUTURE = _("%(date)s is in the future.")
MSG_NOT_SENT = _("%(body)s has not sent its congress papers up for review.")
MSG_COMMENTS_REQUIRED = _("Say what must be corrected when returning the papers.")
MSG_REVIEW_TOO_LATE = _(
    "The review must be decided at least %(days)s working days before the opening "
    "(%(opening)s); %(date)s leaves only %(left)s."
)
MSG_NO_REASON = _("Give the reason for the postponement.")
MSG_DATES_ORDER = _("The congress closes (%(closed)s) before it opens (%(opened)s).")
MSG_PRESENT_OVER = _("More delegates present (%(present)s) than summoned (%(summoned)s).")
MSG_NUMBER = _("A congress number (lần thứ) is 1 or more.")
MSG_OUTSIDE_WINDOW = _(
    "%(date)s lies outside the window of %(level)s (%(start)s–%(end)s); a congress held "
    "outside it needs the recorded reason for the postponement."
)
MSG_TERM_OVERLAP = _("The term %(term)s overlaps %(body)s's term %(previous)s.")
MSG_TERM_HELD = _("%(body)s has already held its congress for the term %(term)s.")
MSG_NO_COMMITTEE = _("Name the elected committee.")
MSG_SHARE_RANGE = _("A share of votes is between 0 and 100%%, not %(value)s.")
MSG_SHARE_LOW = _(
    "%(name)s received %(value)s%% of the votes; more than %(needed)s%% is needed to be elected."
)
MSG_SECRETARY_NOT_ELECTED = _(
    "%(name)s was not elected to the committee; the secretary and deputies are chosen from it."
)
MSG_SECRETARY_TWICE = _("%(name)s cannot be both the secretary and a deputy.")
MSG_NO_SECRETARY = _("Name the secretary elected by the committee.")
MSG_NO_INSPECTION = _("A cell has no inspection committee.")
MSG_DUPLICATE_PERSON = _("%(name)s is named twice.")
MSG_KIND = _("Choose the kind of congress: of delegates or of all members.")
MSG_TERM_WITHOUT_CONGRESS = _(
    "%(body)s's term %(term)s is on record without its congress; enter the congress by hand."
)


def _label(label: str, field: str = "term_label") -> tuple[int, int]:
    try:
        return r.parse_label(label)
    except ValueError:
        raise field_error(field, MSG_TERM_LABEL, "term_label") from None


def _uid(user) -> int | None:
    return getattr(user, "pk", None)


# --- levels -----------------------------------------------------------------------------------
def levels_of(root: Body, rows: Sequence[tuple[int, str, str]]) -> dict[int, str]:
    """The level of each body (pk, path, kind) of ``root``'s subtree in its round: the root's
    own, cells, the bodies the cells belong to (grassroots), and the levels between."""
    cell_parents = {parent_path(path) for _pk, path, kind in rows if kind == BodyKind.CELL}
    out = {}
    for pk, path, kind in rows:
        if path == root.path:
            out[pk] = r.TOP
        elif kind == BodyKind.CELL:
            out[pk] = r.CELL
        elif path in cell_parents:
            out[pk] = r.GRASSROOTS
        else:
            out[pk] = r.UPPER
    return out


def level_of(body: Body) -> str:
    """A body's level outside a round: a cell, a body with cells (grassroots), or above."""
    if body.kind == BodyKind.CELL:
        return r.CELL
    has_cells = Body.objects.filter(
        subtree_q(body.path), depth=body.depth + 1, kind=BodyKind.CELL
    ).exists()
    return r.GRASSROOTS if has_cells else r.UPPER


# --- the round --------------------------------------------------------------------------------
def _windows(
    rules: r.Rules, first_year: int, given: Mapping[str, tuple[dt.date, dt.date]] | None
) -> dict[str, list[str]]:
    out = r.windows(rules, first_year)
    for level, (start, end) in (given or {}).items():
        if level not in r.LEVELS:
            raise field_error("windows", MSG_UNKNOWN_LEVEL, "level", level=level)
        out[level] = (start, end)
    for level, (start, end) in out.items():
        if end < start:
            raise field_error(
                "windows",
                MSG_WINDOW_ORDER,
                "window_order",
                level=level,
                start=_d(start),
                end=_d(end),
            )
    return {level: [start.isoformat(), end.isoformat()] for level, (start, end) in out.items()}


@transaction.atomic
def round_open(
    *,
    body: Body,
    directive: Document,
    term_label: str,
    opened_on: dt.date,
    windows: Mapping[str, tuple[dt.date, dt.date]] | None = None,
    pilots: Iterable[Body] = (),
    user=None,
) -> tuple[CongressRound, int]:
    """Open the congress round of ``term_label`` for ``body``'s subtree, ordered by
    ``directive``: a preparation for every active body of the subtree (the directive's
    addressing, ``documents.services.recipients_for``) but its standing committees, with its level, its planned opening
    inside its level's window (pilots first, each body after the bodies below it) and a row
    per step with its deadline. Returns the round and how many bodies it reaches."""
    rules = r.current()
    first_year, last_year = _label(term_label)
    label = r.term_label(first_year, last_year)
    if directive.status == DocumentStatus.DRAFT:
        raise field_error("directive", MSG_DIRECTIVE_DRAFT, "draft")
    if directive.issuer_id is not None:
        issuer = Body.objects.get(pk=directive.issuer_id)
        if not body.path.startswith(issuer.path):
            raise field_error(
                "directive", MSG_DIRECTIVE_OUTSIDE, "outside", body=body.name, issuer=issuer.name
            )
    if CongressRound.objects.filter(body=body, term_label=label).exists():
        raise field_error(
            "term_label", MSG_ROUND_EXISTS, "round_exists", body=body.name, term=label
        )
    taken = (
        Preparation.objects.filter(subtree_q(body.path, "body__"), round__first_year=first_year)
        .select_related("body")
        .first()
    )
    if taken is not None:
        raise field_error(
            "term_label", MSG_ALREADY_IN_ROUND, "in_round", body=taken.body.name, term=label
        )
    window_map = _windows(rules, first_year, windows)
    # A standing committee holds no congress: the committee elected by its body's congress
    # elects it.
    rows = list(
        recipients_for(root=body, include_root=True)
        .exclude(kind=BodyKind.STANDING_COMMITTEE)
        .order_by("path")
        .values_list("pk", "path", "kind")
    )
    in_round = {pk for pk, _p, _k in rows}
    pilot_ids = set()
    for p in pilots:
        if p.pk not in in_round:
            raise field_error("pilots", MSG_PILOT_OUTSIDE, "pilot_outside", body=p.name)
        pilot_ids.add(p.pk)
    levels = levels_of(body, rows)
    dates = _plan_dates(rows, levels, pilot_ids, window_map)

    rnd = CongressRound(
        body=body,
        directive=directive,
        term_label=label,
        first_year=first_year,
        windows=window_map,
        opened_on=opened_on,
        opened_by=user,
    )
    rnd._history_user = user
    rnd.save()

    branch_len = len(body.path) + STEPLEN
    branch_of = {path: pk for pk, path, _k in rows if len(path) == branch_len}
    deadline_memo: dict[dt.date, dict[int, dt.date]] = {}
    labels = {lv: r.level_term_label(rules, lv, first_year) for lv in r.LEVELS}
    # Rows written as tuples (``core.bulk``): building 100,000 model instances would cost
    # more than writing them.
    prep_ids = allocate_ids(Preparation, len(rows))
    prep_rows, step_rows = [], []
    for prep_id, (pk, path, _kind) in zip(prep_ids, rows, strict=True):
        planned = dates[pk]
        deadlines = deadline_memo.get(planned)
        if deadlines is None:
            deadlines = deadline_memo[planned] = r.step_deadlines(rules, planned)
        level = levels[pk]
        branch = branch_of.get(path[:branch_len]) if len(path) >= branch_len else None
        prep_rows.append(
            (prep_id, rnd.pk, pk, branch, level, pk in pilot_ids, labels[level], planned)
            + (r.PLAN, deadlines[r.PLAN], "")
        )
        step_rows += [(prep_id, k, deadlines[k]) for k in r.STEPS]
    now, uid = timezone.now(), _uid(user)
    prep_cols = [
        "id",
        "round_id",
        "body_id",
        "branch_id",
        "level",
        "pilot",
        "term_label",
        "planned_on",
        "stage",
        "next_deadline",
        "postponement_reason",
    ]
    # The steps take their ids from the table (nothing in the batch points at them); not
    # done yet, by nobody, without a note.
    step_cols = ["preparation_id", "kind", "deadline"]
    insert_rows(Preparation, prep_cols, prep_rows)
    insert_rows(PreparationStep, step_cols, step_rows)
    insert_history(Preparation, prep_cols, prep_rows, now, reason="round opened", user_id=uid)
    # The steps' "created" rows are left out: their deadlines follow from the preparation's
    # planned opening (in its own "created" row, same who and when) and the rules; what
    # happens to a step afterwards (done, reopened) is kept in its history as for any save.
    # 100,000 history rows more would double the time of opening a round.
    return rnd, len(prep_rows)


def _plan_dates(
    rows: Sequence[tuple[int, str, str]],
    levels: Mapping[int, str],
    pilots: set[int],
    windows: Mapping[str, list[str]],
) -> dict[int, dt.date]:
    """Each body's planned opening: inside its level's window, pilots on its first day, the
    others spread over it in tree order, and never before the latest congress below it
    (bottom-up), as long as the window allows."""
    win = {
        lv: (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for lv, (a, b) in windows.items()
    }
    by_level: dict[str, list[tuple[int, str]]] = {lv: [] for lv in r.LEVELS}
    for pk, path, _k in rows:
        by_level[levels[pk]].append((pk, path))
    dates: dict[int, dt.date] = {}
    for lv in r.LEVELS:
        members = sorted(by_level[lv], key=lambda m: (m[0] not in pilots, m[1]))
        n_pilots = sum(1 for pk, _p in members if pk in pilots)
        start, end = win[lv]
        for (pk, _p), day in zip(
            members, r.planned_dates(start, end, len(members), pilots=n_pilots), strict=True
        ):
            dates[pk] = day
    # Bottom-up: a body opens after the bodies below it (deepest first).
    latest_below: dict[str, dt.date] = {}
    for pk, path, _k in sorted(rows, key=lambda row: -len(row[1])):
        day = dates[pk]
        below = latest_below.get(path)
        if below is not None and below >= day and pk not in pilots:
            day = min(below + dt.timedelta(days=1), win[levels[pk]][1])
            dates[pk] = day
        up = parent_path(path)
        if up and (latest_below.get(up) is None or latest_below[up] < day):
            latest_below[up] = day
    return dates


# --- the steps --------------------------------------------------------------------------------
def _locked(preparation: Preparation) -> Preparation:
    return (
        Preparation.objects.select_for_update(of=("self",))
        .select_related("body", "round")
        .get(pk=preparation.pk)
    )


def _advance(prep: Preparation, stage: int, user) -> None:
    """Set the stage and the deadline of the step now due."""
    prep.stage = stage
    prep.next_deadline = (
        None
        if stage == r.DONE
        else PreparationStep.objects.get(preparation=prep, kind=stage).deadline
    )
    prep._history_user = user
    prep.save()


def _finish_step(prep: Preparation, kind: int, on: dt.date, user, note: str = "") -> None:
    step = PreparationStep.objects.get(preparation=prep, kind=kind)
    step.done_on, step.done_by, step.note = on, user, note or step.note
    step._history_user = user
    step.save()


def _check_on(on: dt.date, field: str = "done_on") -> None:
    """A day something was done: not in the future, and within the dates' rules
    (``core.dates``: not before the Party was founded)."""
    if on > timezone.localdate():
        raise field_error(field, MSG_FUTURE, "future", date=_d(on))
    _check_party_day(on, field)


def _check_party_day(on: dt.date, field: str) -> None:
    """Refuse a day before the earliest a Party event may take (``core.dates``: the day the
    Party was founded), the day written in full."""
    bound = BOUNDS[DateKind.PARTY]
    if on < bound.earliest:
        raise field_error(field, bound.too_early, bound.too_early_code, date=_d(on))


@transaction.atomic
def step_done(
    *, preparation: Preparation, kind: int, done_on: dt.date, note: str = "", user=None
) -> Preparation:
    """Mark the body's plan adopted, its papers sent up, or its results reported. The review
    is the superior's decision (``review_decide``) and the congress its record
    (``congress_record``)."""
    prep = _locked(preparation)
    if kind == r.REVIEW:
        raise field_error("kind", MSG_STEP_BY_REVIEW, "by_review")
    if kind in (r.HELD, r.REPORTED) and prep.stage <= r.REVIEW:
        raise field_error("kind", MSG_REVIEW_FIRST, "review_first", body=prep.body.name)
    if kind == r.HELD:
        raise field_error("kind", MSG_STEP_BY_RECORD, "by_record")
    if kind != prep.stage:
        raise field_error(
            "kind",
            MSG_STEP_ORDER,
            "step_order",
            body=prep.body.name,
            stage=str(prep.get_stage_display()),
        )
    _check_on(done_on)
    _finish_step(prep, kind, done_on, user, note)
    _advance(prep, kind + 1, user)
    return prep


@transaction.atomic
def review_decide(
    *,
    preparation: Preparation,
    approved: bool,
    decided_on: dt.date,
    comments: str = "",
    user=None,
) -> Review:
    """The superior approves the body's congress papers or returns them with comments (the
    body then sends them again). Refused less than the lead time before the opening."""
    rules = r.current()
    prep = _locked(preparation)
    comments = (comments or "").strip()
    if prep.stage != r.REVIEW:
        raise field_error("approved", MSG_NOT_SENT, "not_sent", body=prep.body.name)
    if not approved and not comments:
        raise field_error("comments", MSG_COMMENTS_REQUIRED, "comments")
    _check_on(decided_on, "decided_on")
    if not r.review_in_time(rules, decided_on, prep.planned_on):
        raise field_error(
            "decided_on",
            MSG_REVIEW_TOO_LATE,
            "too_late",
            days=rules.review_lead_working_days,
            opening=_d(prep.planned_on),
            date=_d(decided_on),
            left=max(r.working_days_between(rules, decided_on, prep.planned_on), 0),
        )
    up = parent_path(prep.body.path)
    reviewer = Body.objects.get(path=up) if up else prep.round.body
    review = Review(
        preparation=prep,
        reviewer=reviewer,
        decided_on=decided_on,
        approved=approved,
        comments=comments,
        decided_by=user,
    )
    review._history_user = user
    review.save()
    if approved:
        _finish_step(prep, r.REVIEW, decided_on, user, comments)
        _advance(prep, r.HELD, user)
    else:
        step = PreparationStep.objects.get(preparation=prep, kind=r.PAPERS)
        step.done_on, step.done_by = None, None
        step._history_user = user
        step.save()
        _advance(prep, r.PAPERS, user)
    return review


@transaction.atomic
def preparation_postpone(
    *, preparation: Preparation, planned_on: dt.date, reason: str, user=None
) -> Preparation:
    """Move a body's planned opening, with the reason the rules permit it for; the deadlines
    of the steps not yet done follow."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", MSG_NO_REASON, "reason")
    prep = _locked(preparation)
    deadlines = r.step_deadlines(r.current(), planned_on)
    for step in PreparationStep.objects.filter(preparation=prep, done_on__isnull=True):
        step.deadline = deadlines[step.kind]
        step._history_user = user
        step.save()
    prep.planned_on, prep.postponement_reason = planned_on, reason
    if prep.stage != r.DONE:
        prep.next_deadline = deadlines[prep.stage]
    prep._history_user = user
    prep.save()
    return prep


# --- the congress record ----------------------------------------------------------------------
def _share(raw, name: str, field: str, rules: r.Rules, *, check_elected: bool = True) -> Decimal:
    try:
        value = Decimal(str(raw).strip().rstrip("%").replace(",", "."))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0 or value > 100:
        raise field_error(field, MSG_SHARE_RANGE, "share_range", value=str(raw))
    if check_elected and not r.elected(rules, value):
        raise field_error(
            field,
            MSG_SHARE_LOW,
            "share_low",
            name=name,
            value=f"{value.normalize():f}",
            needed=f"{rules.election_share.normalize():f}",
        )
    return value


def _elected(
    field: str, given: Iterable[tuple[Person, object]], rules: r.Rules
) -> list[tuple[Person, Decimal]]:
    out, seen = [], set()
    for person, share in given:
        if person.pk in seen:
            raise field_error(field, MSG_DUPLICATE_PERSON, "duplicate", name=person.full_name)
        seen.add(person.pk)
        out.append((person, _share(share, person.full_name, field, rules)))
    return out


def _named_once(field: str, people: Iterable[Person]) -> list[Person]:
    out, seen = [], set()
    for person in people:
        if person.pk in seen:
            raise field_error(field, MSG_DUPLICATE_PERSON, "duplicate", name=person.full_name)
        seen.add(person.pk)
        out.append(person)
    return out


def _find_preparation(body: Body, first_year: int) -> Preparation | None:
    return (
        Preparation.objects.filter(body=body, round__first_year=first_year)
        .select_related("round", "body")
        .first()
    )


@transaction.atomic
def congress_record(
    *,
    body: Body,
    term_label: str,
    kind: str,
    opened_on: dt.date,
    closed_on: dt.date | None = None,
    delegates_summoned: int,
    delegates_present: int,
    committee: Iterable[tuple[Person, object]],
    secretary: Person | None,
    deputies: Iterable[Person] = (),
    inspection: Iterable[tuple[Person, object]] = (),
    presidium: Iterable[Person] = (),
    directing: Iterable[Person] = (),
    delegates: Iterable[tuple[Person, object]] = (),
    number: int | None = None,
    directed_by: Body | None = None,
    resolution=None,
    postponement_reason: str = "",
    user=None,
) -> Congress:
    """Record a body's congress: it opens the term ``term_label`` (closing the previous one
    and starting the term's document numbering), the elected take their posts from the day
    the congress closes, and the body's preparation in its round is marked held.

    ``presidium``: the congress's presidium (đoàn chủ tịch); ``directing``: who attended and
    directed it for the superior (dự, chỉ đạo). Neither takes a post."""
    rules = r.current()
    closed_on = closed_on or opened_on
    first_year, last_year = _label(term_label)
    label = r.term_label(first_year, last_year)
    _check_party_day(opened_on, "opened_on")
    if closed_on < opened_on:
        raise field_error(
            "closed_on", MSG_DATES_ORDER, "dates_order", closed=_d(closed_on), opened=_d(opened_on)
        )
    _check_on(closed_on, "closed_on")
    if delegates_present > delegates_summoned:
        raise field_error(
            "delegates_present",
            MSG_PRESENT_OVER,
            "present_over",
            present=delegates_present,
            summoned=delegates_summoned,
        )
    if number is not None and number < 1:
        raise field_error("number", MSG_NUMBER, "number")
    if kind not in CongressKind.values:
        raise field_error("kind", MSG_KIND, "kind")

    # The term: not held twice, not overlapping the previous one.
    terms = list(Term.objects.select_for_update().filter(body=body).order_by("starts_on"))
    if any(t.label == label for t in terms):
        raise field_error("term_label", MSG_TERM_HELD, "term_held", body=body.name, term=label)
    starts_on = closed_on + dt.timedelta(days=1)
    for t in terms:
        if t.last_year > first_year or t.starts_on >= starts_on:
            raise field_error(
                "term_label",
                MSG_TERM_OVERLAP,
                "term_overlap",
                term=label,
                body=body.name,
                previous=t.label,
            )
    previous = terms[-1] if terms else None

    # The window of the body's level, unless a postponement's reason is recorded.
    prep = _find_preparation(body, first_year)
    reason = (postponement_reason or "").strip() or (prep.postponement_reason if prep else "")
    if prep is not None:
        level = prep.level
        start, end = prep.round.window(level)
    else:
        level = level_of(body)
        start, end = r.window(rules, level, first_year)
    if not (start <= opened_on <= end) and not reason:
        raise field_error(
            "opened_on",
            MSG_OUTSIDE_WINDOW,
            "outside_window",
            date=_d(opened_on),
            level=str(dict(_level_names())[level]),
            start=_d(start),
            end=_d(end),
        )
    if prep is not None and prep.stage <= r.REVIEW:
        raise field_error("opened_on", MSG_REVIEW_FIRST, "review_first", body=body.name)

    # Who was elected.
    elected = _elected("committee", committee, rules)
    if not elected:
        raise field_error("committee", MSG_NO_COMMITTEE, "no_committee")
    committee_ids = {p.pk for p, _s in elected}
    if secretary is None:
        raise field_error("secretary", MSG_NO_SECRETARY, "no_secretary")
    if secretary.pk not in committee_ids:
        raise field_error(
            "secretary", MSG_SECRETARY_NOT_ELECTED, "not_elected", name=secretary.full_name
        )
    deputies = list(deputies)
    for d in deputies:
        if d.pk == secretary.pk:
            raise field_error("deputies", MSG_SECRETARY_TWICE, "secretary_twice", name=d.full_name)
        if d.pk not in committee_ids:
            raise field_error(
                "deputies", MSG_SECRETARY_NOT_ELECTED, "not_elected", name=d.full_name
            )
    inspection_rows = _elected("inspection", inspection, rules)
    if inspection_rows and body.kind == BodyKind.CELL:
        raise field_error("inspection", MSG_NO_INSPECTION, "no_inspection")
    delegate_rows = _elected("delegates", delegates, rules)
    presidium = _named_once("presidium", presidium)
    directing = _named_once("directing", directing)

    # The writes.
    if previous is not None and (previous.ends_on is None or previous.ends_on > closed_on):
        previous.ends_on = closed_on
        previous._history_user = user
        previous.save()
    numbering = _open_numbering(body, label, opened_on, closed_on, user)
    term = Term(
        body=body,
        label=label,
        first_year=first_year,
        last_year=last_year,
        number=number or ((previous.number + 1) if previous else 1),
        starts_on=starts_on,
        numbering=numbering,
    )
    term._history_user = user
    term.save()
    congress = Congress(
        body=body,
        preparation=prep,
        term=term,
        number=term.number,
        kind=kind,
        opened_on=opened_on,
        closed_on=closed_on,
        directed_by=directed_by,
        delegates_summoned=delegates_summoned,
        delegates_present=delegates_present,
        postponement_reason=reason,
        resolution=resolution,
        recorded_by=user,
    )
    try:
        congress.full_clean(exclude=["preparation", "term", "resolution", "directed_by"])
    except ValidationError as e:
        raise e from None
    congress._history_user = user
    congress.save()

    positions = _take_posts(body, closed_on, elected, secretary, deputies, inspection_rows, rules)
    members = [CongressMember(congress=congress, person=p, role=Role.DIRECTING) for p in directing]
    members += [CongressMember(congress=congress, person=p, role=Role.PRESIDIUM) for p in presidium]
    members += [
        CongressMember(
            congress=congress,
            person=p,
            role=Role.COMMITTEE,
            vote_share=s,
            position=positions.get((p.pk, "committee")),
        )
        for p, s in elected
    ]
    members.append(
        CongressMember(
            congress=congress,
            person=secretary,
            role=Role.SECRETARY,
            position=positions.get((secretary.pk, "secretary")),
        )
    )
    members += [
        CongressMember(
            congress=congress,
            person=d,
            role=Role.DEPUTY,
            position=positions.get((d.pk, "deputy")),
        )
        for d in deputies
    ]
    members += [
        CongressMember(
            congress=congress,
            person=p,
            role=Role.INSPECTION,
            vote_share=s,
            position=positions.get((p.pk, "inspection")),
        )
        for p, s in inspection_rows
    ]
    members += [
        CongressMember(congress=congress, person=p, role=Role.DELEGATE, vote_share=s)
        for p, s in delegate_rows
    ]
    insert_objects(CongressMember, members, history_user_id=_uid(user), reason="congress")

    if prep is not None:
        locked = _locked(prep)
        _finish_step(locked, r.HELD, closed_on, user)
        _advance(locked, r.REPORTED, user)
    return congress


@transaction.atomic
def congress_import(
    *,
    body: Body,
    conference,
    term_label: str,
    opened_on: dt.date,
    closed_on: dt.date | None = None,
    number: int | None = None,
    kind: str = "",
    secretary: Person | None = None,
    directed_by: Body | None = None,
    user=None,
) -> tuple[Congress, bool]:
    """The congress a reviewed report tells of, with what the report gives, linked to the
    conference its import recorded; returns (congress, created).

    It opens the term as ``congress_record`` does (closing the previous term, starting the
    registry's numbering the day after the last day known: the closing day, or the opening
    day when the report does not give it). Reports come in any order: a term earlier than
    those on record fits between them (ending the day before the next one starts) unless it
    overlaps one. Nothing the report does not say is filled in: the
    kind, the closing day and the delegates stay empty, the elected committee unnamed; a
    number not read is counted from the terms on record and marked so. The secretary, when
    the report names the one elected, is recorded as such (no post is created: the report
    may be years old). No window or review is checked: the congress was held. The body's
    preparation for the term in an open round, not yet held, is linked to it and marked held
    on the last day known (the steps before stay as they are; the results are reported next).

    A congress already on record for the term (entered by hand, or read from another
    report) is not changed: the conference is linked to it when it has none, and it is
    returned with ``created`` false."""
    first_year, last_year = _label(term_label)
    label = r.term_label(first_year, last_year)
    _check_party_day(opened_on, "opened_on")
    if closed_on is not None and closed_on < opened_on:
        raise field_error(
            "closed_on", MSG_DATES_ORDER, "dates_order", closed=_d(closed_on), opened=_d(opened_on)
        )
    last_day = closed_on or opened_on
    _check_on(last_day, "closed_on" if closed_on else "opened_on")
    if number is not None and number < 1:
        raise field_error("number", MSG_NUMBER, "number")
    if kind and kind not in CongressKind.values:
        raise field_error("kind", MSG_KIND, "kind")

    terms = list(Term.objects.select_for_update().filter(body=body).order_by("starts_on"))
    same = next((t for t in terms if t.label == label), None)
    if same is not None:
        congress = Congress.objects.select_for_update().filter(term=same).first()
        if congress is None:
            raise field_error(
                "term_label", MSG_TERM_WITHOUT_CONGRESS, "term_bare", body=body.name, term=label
            )
        taken = Congress.objects.filter(conference=conference).exclude(pk=congress.pk).exists()
        if congress.conference_id is None and conference is not None and not taken:
            congress.conference = conference
            congress._history_user = user
            congress.save(update_fields=["conference"])
        return congress, False
    # Reports come in any order: an earlier term may be read after a later one, between
    # the terms on record, as long as it overlaps none of them.
    starts_on = last_day + dt.timedelta(days=1)
    before = [t for t in terms if t.last_year <= first_year]
    after = [t for t in terms if t.first_year >= last_year]
    for t in terms:
        misplaced = (t in before and t.starts_on >= starts_on) or (
            t in after and t.starts_on <= starts_on
        )
        if (t not in before and t not in after) or misplaced:
            raise field_error(
                "term_label",
                MSG_TERM_OVERLAP,
                "term_overlap",
                term=label,
                body=body.name,
                previous=t.label,
            )
    previous = before[-1] if before else None
    following = after[0] if after else None
    ends_on = following.starts_on - dt.timedelta(days=1) if following else None

    if previous is not None and (previous.ends_on is None or previous.ends_on > last_day):
        previous.ends_on = last_day
        previous._history_user = user
        previous.save()
    counted = number is None
    if number is None:
        if previous is not None:
            number = previous.number + 1
        elif following is not None and following.number > 1:
            number = following.number - 1
        else:
            number = 1
    numbering = _open_numbering(body, label, opened_on, last_day, user)
    if ends_on is not None and numbering.ends_on != ends_on:
        numbering.ends_on = ends_on
        numbering._history_user = user
        numbering.save()
    term = Term(
        body=body,
        label=label,
        first_year=first_year,
        last_year=last_year,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        numbering=numbering,
    )
    term._history_user = user
    term.save()
    # The body's preparation for the term in an open round, not yet held: the congress is
    # its record and the preparation is marked held on the last day known (the steps before
    # it stay as they are: the report does not tell of them).
    prep = (
        Preparation.objects.filter(
            body=body,
            round__first_year=first_year,
            round__state=CongressRound.State.OPEN,
            congress__isnull=True,
            stage__lte=r.HELD,
        )
        .select_related("round", "body")
        .first()
    )
    congress = Congress(
        body=body,
        preparation=prep,
        term=term,
        conference=conference,
        source=Source.IMPORTED,
        number=term.number,
        number_counted=counted,
        kind=kind or "",
        opened_on=opened_on,
        closed_on=closed_on,
        directed_by=directed_by,
        recorded_by=user,
    )
    congress._history_user = user
    congress.save()
    if secretary is not None:
        member = CongressMember(congress=congress, person=secretary, role=Role.SECRETARY)
        member._history_user = user
        member.save()
    if prep is not None:
        locked = _locked(prep)
        _finish_step(locked, r.HELD, last_day, user)
        _advance(locked, r.REPORTED, user)
    return congress, True


def _level_names():
    from ctct.congresses.models import Level

    return Level.choices


def _open_numbering(
    body: Body, label: str, opened_on: dt.date, closed_on: dt.date, user
) -> NumberingTerm:
    """The registry's term for the body's Party documents: the previous one ends the day the
    congress closes and the new one numbers from the next day."""
    starts_on = closed_on + dt.timedelta(days=1)
    for old in NumberingTerm.objects.filter(body=body, starts_on__lte=closed_on).exclude(
        ends_on__lte=closed_on
    ):
        old.ends_on = closed_on
        old._history_user = user
        old.save()
    term, _created = NumberingTerm.objects.update_or_create(
        body=body,
        starts_on=starts_on,
        defaults={"label": label, "congress_opened_on": opened_on, "ends_on": None},
    )
    return term


def _take_posts(
    body: Body,
    on: dt.date,
    committee: list[tuple[Person, Decimal]],
    secretary: Person,
    deputies: list[Person],
    inspection: list[tuple[Person, Decimal]],
    rules: r.Rules,
) -> dict[tuple[int, str], Position]:
    """The posts of the elected from ``on`` (the previous committee's posts end that day),
    through the people services: {(person id, role): position}."""
    titles = rules.titles
    committee_title = titles["committee_cell" if body.kind == BodyKind.CELL else "committee"]
    wanted = {
        "secretary": titles["secretary"],
        "deputy": titles["deputy"],
        "committee": committee_title,
        "inspection": titles["inspection"],
    }
    for old in Position.objects.filter(
        body=body, ended_on__isnull=True, title__in=list(wanted.values()), started_on__lt=on
    ):
        people.position_end(position=old, ended_on=on)
    chosen = {secretary.pk: "secretary", **{d.pk: "deputy" for d in deputies}}
    out = {}
    for person, _share in committee:
        role = chosen.get(person.pk, "committee")
        out[(person.pk, "committee")] = out[(person.pk, role)] = people.position_create(
            person=person, body=body, title=wanted[role], started_on=on
        )
    for person, _share in inspection:
        out[(person.pk, "inspection")] = people.position_create(
            person=person, body=body, title=wanted["inspection"], started_on=on
        )
    return out


# --- the congress resolution ------------------------------------------------------------------
MSG_RESOLUTION_BODY = _("%(resolution)s is a resolution of %(body)s, not of the congress's body.")
MSG_RESOLUTION_PERIOD = _(
    "%(resolution)s is for %(period)s; the congress resolution is for the term %(term)s."
)
MSG_RESOLUTION_LINKED = _("The congress is already linked to %(resolution)s.")

# The title a congress resolution starts with: "Nghị quyết Đại hội đại biểu Đảng bộ ... lần thứ
# XV, nhiệm kỳ 2025-2030".
RESOLUTION_TITLE = "Nghị quyết {congress}"


def _locked_congress(congress: Congress) -> Congress:
    return Congress.objects.select_for_update().select_related("body", "term").get(pk=congress.pk)


@transaction.atomic
def congress_link_resolution(*, congress: Congress, resolution, user=None) -> Congress:
    """Link the congress to the resolution it adopted: a resolution of the congress's body for
    its term. Refused, nothing changed, when the congress is linked to another one."""
    locked = _locked_congress(congress)
    if locked.resolution_id is not None and locked.resolution_id != resolution.pk:
        current = type(resolution).objects.get(pk=locked.resolution_id)
        raise field_error("resolution", MSG_RESOLUTION_LINKED, "linked", resolution=str(current))
    if resolution.body_id != locked.body_id:
        raise field_error(
            "resolution",
            MSG_RESOLUTION_BODY,
            "resolution_body",
            resolution=str(resolution),
            body=resolution.body.name,
        )
    if resolution.period != locked.term.label:
        raise field_error(
            "resolution",
            MSG_RESOLUTION_PERIOD,
            "resolution_period",
            resolution=str(resolution),
            period=resolution.period,
            term=locked.term.label,
        )
    if locked.resolution_id != resolution.pk:
        locked.resolution = resolution
        locked._history_user = user
        locked.save(update_fields=["resolution"])
    congress.resolution = resolution
    return locked


@transaction.atomic
def congress_resolution_create(
    *, congress: Congress, title: str, document: Document | None = None, user=None
) -> Congress:
    """Start the congress resolution from the record (``resolutions.services.resolution_create``
    with the congress's body and term) and link the congress to it, in one transaction."""
    from ctct.resolutions import services as resolutions

    locked = _locked_congress(congress)
    if locked.resolution_id is not None:
        current = locked.resolution
        raise field_error("title", MSG_RESOLUTION_LINKED, "linked", resolution=str(current))
    resolution = resolutions.resolution_create(
        body=locked.body, period=locked.term.label, title=title, document=document, user=user
    )
    return congress_link_resolution(congress=locked, resolution=resolution, user=user)
