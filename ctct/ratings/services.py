"""Writes of ratings: opening a round, the three steps of a sheet, closing the round, and
discipline records.

Every service validates first and changes nothing when it refuses (a ValidationError with a
code, its message a module constant naming the rule), runs in a transaction and leaves
history. The numbers (levels, bands, criteria, the quota) come from ``ctct.ratings.rules``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body, BodyKind
from ctct.core.bulk import allocate_ids, insert_history, insert_rows
from ctct.core.errors import field_error
from ctct.core.treepaths import ancestor_paths, depth, parent_path, subtree_q
from ctct.documents.models import Document
from ctct.people.models import Person
from ctct.ratings import rules as rl
from ctct.ratings.models import Discipline, RatingRound, RatingSheet, Subject
from ctct.ratings.periods import label, span
from ctct.ratings.selectors import facts_for, quota_for

# --- refusals -------------------------------------------------------------------------------
MSG_QUARTER = _("A quarter is 1, 2, 3 or 4.")
MSG_FUTURE_YEAR = _("%(year)s has not begun; a round rates a year that has started.")
MSG_DATES_ORDER = _(
    "The dates go in order: opened, self-ratings due, reviews due, decisions due"
    " (%(first)s is after %(second)s)."
)
MSG_ROUND_EXISTS = _("%(body)s already opened a round for %(period)s.")
MSG_SHEET_EXISTS = _(
    "%(count)s of those rated already have a sheet for %(period)s (in another round): %(names)s."
)
MSG_DOCUMENT_ISSUER = _("That document was issued neither by %(body)s nor by a body above it.")
MSG_ROUND_CLOSED = _("The round is closed; its sheets can no longer change.")
MSG_DECIDED = _("%(who)s: the level was decided; a decided sheet can no longer be edited.")
MSG_NOT_MEMBER = _("%(who)s was not a Party member in %(period)s; there is nothing to rate.")
MSG_UNKNOWN_LEVEL = _("“%(level)s” is not a rating level.")
MSG_UNKNOWN_CRITERION = _("“%(criterion)s” is not a criteria group.")
MSG_SCORE_MISSING = _("Give the score of “%(criterion)s”.")
MSG_SCORE_RANGE = _("The score of “%(criterion)s” is between 0 and %(max)s, not %(value)s.")
MSG_PERCENT = _("A share of tasks is between 0 and 100 percent, not %(value)s.")
MSG_NOT_SELF_RATED = _(
    "%(who)s has not been self-rated yet; review and decide after the self-rating."
)
MSG_NOT_REVIEWER = _(
    "%(body)s does not review the sheet of %(who)s: a member's sheet is reviewed by the body "
    "that keeps it, a Party organization's by the body above it."
)
MSG_NOT_DECIDER = _("%(body)s does not decide these sheets: %(names)s.")
MSG_NOT_IN_ROUND = _("Some of the sheets are not in this round.")
MSG_NOTHING_TO_DECIDE = _("Choose a level for at least one sheet.")
MSG_QUOTA = _(
    "%(body)s: at most %(allowed)s may be rated %(level)s (%(share)s%% of the %(base)s rated"
    " %(base_levels)s); %(used)s would be. Over the quota: %(names)s."
)
MSG_UNDECIDED = _("%(count)s sheets are not decided yet; decide them before closing the round.")
MSG_ALREADY_CLOSED = _("The round is already closed.")
# The rules that bar a level (``rules.refusals``), each its own message.
MSG_BAND = _("%(who)s: a score of %(score)s falls in the band of %(band)s; %(level)s is above it.")
MSG_ON_TIME = _("%(who)s: %(level)s needs %(need)s%% of tasks on time; %(value)s%% were.")
MSG_BEYOND = _("%(who)s: %(level)s needs %(need)s%% of tasks beyond requirement; %(value)s%% were.")
MSG_LATE = _("%(who)s: %(level)s allows at most %(need)s%% of tasks late; %(value)s%% were.")
MSG_DISCIPLINE = _("%(who)s: discipline in %(period)s bars %(level)s.")
MSG_SUBORDINATE_DISCIPLINE = _(
    "%(who)s: a subordinate body or a leader was disciplined in %(period)s, which bars %(level)s."
)
# Discipline records.
MSG_ONE_SUBJECT = _("Choose either a member or a Party organization.")
MSG_UNKNOWN_FORM = _("“%(form)s” is not a form of discipline.")
MSG_FORM_SUBJECT = _("%(form)s is not a discipline for %(subject)s.")
MSG_DISCIPLINE_FUTURE = _("%(date)s is after today; record a decision that was made.")
MSG_DECIDED_BY = _("%(body)s cannot decide this discipline: it is not above %(at)s.")
MSG_ALREADY_WITHDRAWN = _("This discipline was already withdrawn on %(date)s.")
MSG_WITHDRAW_BEFORE = _("It cannot be withdrawn (%(date)s) before it was decided (%(decided)s).")

RULE_MESSAGES = {
    rl.RULE_BAND: MSG_BAND,
    rl.RULE_ON_TIME: MSG_ON_TIME,
    rl.RULE_BEYOND: MSG_BEYOND,
    rl.RULE_LATE: MSG_LATE,
    rl.RULE_DISCIPLINE: MSG_DISCIPLINE,
    rl.RULE_SUBORDINATE_DISCIPLINE: MSG_SUBORDINATE_DISCIPLINE,
}

# Bodies that are not rated as Party organizations: a committee's own organs.
NOT_RATED = (BodyKind.STANDING_COMMITTEE, BodyKind.POLITICAL_AGENCY)
HISTORY_REASON = "round_open"


def _uid(user) -> int | None:
    return getattr(user, "pk", None)


def _names(names: list[str], limit: int = 10) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" … (+{len(names) - limit})" if len(names) > limit else "")


def _number(value) -> str:
    """A score or a share as the pages write it: "71,5" in Vietnamese, "70" not "70.0"."""
    if isinstance(value, Decimal) and value.is_finite():
        value = (
            value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        )
    return formats.localize(value)


def _who(sheet: RatingSheet) -> str:
    return str(sheet.person if sheet.subject == Subject.PERSON else sheet.body)


# --- opening a round ------------------------------------------------------------------------
def _grassroots_of(path: str, kinds: dict[str, tuple[int, str]], rules: rl.Rules) -> int | None:
    """The nearest body at or above ``path`` whose kind makes it a grassroots organization."""
    for p in reversed(ancestor_paths(path, include_self=True)):
        pk_kind = kinds.get(p)
        if pk_kind is not None and pk_kind[1] in rules.grassroots_kinds:
            return pk_kind[0]
    return None


def round_open_check(
    *,
    body: Body,
    year: int,
    quarter: int | None = None,
    opened_on: dt.date,
    self_due: dt.date,
    review_due: dt.date,
    decide_due: dt.date,
    document: Document | None = None,
) -> None:
    """The refusals of ``round_open`` that need no lock: a bad quarter, a year not begun,
    dates out of order, a document from elsewhere, a round already opened for the period.
    The opening form shows them at once, before the opening is queued."""
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise field_error("quarter", MSG_QUARTER, "quarter")
    if year > timezone.localdate().year:
        raise field_error("year", MSG_FUTURE_YEAR, "future_year", year=year)
    dates = [
        ("opened_on", opened_on),
        ("self_due", self_due),
        ("review_due", review_due),
        ("decide_due", decide_due),
    ]
    for (_f, a), (field, b) in zip(dates, dates[1:], strict=False):
        if a > b:
            raise field_error(
                field, MSG_DATES_ORDER, "dates_order", first=f"{a:%d/%m/%Y}", second=f"{b:%d/%m/%Y}"
            )
    if (
        document is not None
        and document.issuer_id is not None
        and document.issuer.path not in ancestor_paths(body.path, include_self=True)
    ):
        # the body's own plan, or guidance from above it (or from outside the tree)
        raise field_error("document", MSG_DOCUMENT_ISSUER, "document_issuer", body=body.name)
    _check_no_round(body, year, quarter)


def _check_no_round(body: Body, year: int, quarter: int | None) -> None:
    if RatingRound.objects.filter(body=body, year=year, quarter=quarter).exists():
        raise field_error(
            "year", MSG_ROUND_EXISTS, "round_exists", body=body.name, period=label(year, quarter)
        )


def _subjects(body: Body, year: int, quarter: int | None):
    """The bodies rated in ``body``'s round for the period and the members rated in it (two
    querysets, neither run)."""
    _start, end = span(year, quarter)
    alive = (Q(merged_on__isnull=True) | Q(merged_on__gt=end)) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end)
    )
    founded = Q(founded_on__isnull=True) | Q(founded_on__lte=end)
    below = Body.objects.filter(subtree_q(body.path), alive, founded, depth__gt=body.depth).exclude(
        kind__in=NOT_RATED
    )
    # A person's body is where they are a Party member; one whose joining date is known and
    # after the period was not a member yet (an unknown date is not held against them).
    members = Person.objects.filter(subtree_q(body.path, "body__")).filter(
        Q(party_joined_on__isnull=True) | Q(party_joined_on__lte=end)
    )
    return below, members


def round_sheets_expected(*, body: Body, year: int, quarter: int | None = None) -> int:
    """How many sheets ``round_open`` would write (two counts)."""
    below, members = _subjects(body, year, quarter)
    return below.count() + members.count()


# Sheets are written this many at a time, progress reported after each chunk.
WRITE_CHUNK = 5000


@transaction.atomic
def round_open(
    *,
    body: Body,
    year: int,
    quarter: int | None = None,
    opened_on: dt.date,
    self_due: dt.date,
    review_due: dt.date,
    decide_due: dt.date,
    document: Document | None = None,
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> RatingRound:
    """Open the round of ``body``'s subtree for a year (or a quarter): one sheet for each
    Party member whose body lies in the subtree and who joined the Party by the period's end
    (or whose joining date is not known),
    and one for each body below ``body`` (standing committees and political agencies left
    out). The sheets are written in one transaction, with their history; ``progress(written,
    total)`` is called after each chunk of them (the background opening shows it)."""
    rules = rl.current()
    round_open_check(
        body=body,
        year=year,
        quarter=quarter,
        opened_on=opened_on,
        self_due=self_due,
        review_due=review_due,
        decide_due=decide_due,
        document=document,
    )
    period = label(year, quarter)
    # Lock the opener: two racing opens of the same round wait for each other.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    _check_no_round(body, year, quarter)

    kinds = {
        path: (pk, kind)
        for pk, path, kind in Body.objects.filter(
            subtree_q(body.path) | Q(path__in=ancestor_paths(body.path))
        ).values_list("pk", "path", "kind")
    }
    below_qs, members_qs = _subjects(body, year, quarter)
    below = list(below_qs.values_list("pk", "path"))
    members = list(members_qs.values_list("pk", "body_id", "body__path"))

    clash = RatingSheet.objects.filter(year=year, quarter=quarter).filter(
        Q(person__in=members_qs.values("pk")) | Q(body_id__in=[pk for pk, _p in below])
    )
    taken = list(clash.values_list("person__full_name", "body__name")[:11])
    if taken:
        count = clash.count()
        raise field_error(
            "body",
            MSG_SHEET_EXISTS,
            "sheet_exists",
            count=count,
            period=period,
            names=_names([p or b for p, b in taken]),
        )

    rnd = RatingRound(
        body=body,
        year=year,
        quarter=quarter,
        opened_on=opened_on,
        self_due=self_due,
        review_due=review_due,
        decide_due=decide_due,
        document=document,
        opened_by=user if _uid(user) else None,
    )
    rnd.full_clean(exclude=["body", "document", "opened_by"], validate_constraints=False)
    rnd._history_user = user
    rnd.save()

    by_path: dict[str, int | None] = {}

    def grassroots(path: str) -> int | None:
        if path not in by_path:
            by_path[path] = _grassroots_of(path, kinds, rules)
        return by_path[path]

    def parent(path: str) -> int:
        return kinds[parent_path(path)][0]

    rows: list[tuple] = []
    for person_id, body_id, path in members:
        # the organization whose quota the member counts in: nearest above the cell
        is_root = depth(path) == 1
        above = None if is_root else grassroots(parent_path(path))
        decider = above or (body_id if is_root else parent(path))
        rows.append((Subject.PERSON.value, person_id, None, body_id, decider, above))
    for body_id, path in below:
        rows.append((Subject.BODY.value, None, body_id, body_id, parent(path), grassroots(path)))
    ids = allocate_ids(RatingSheet, len(rows))
    columns = [
        "id",
        "round_id",
        "year",
        "quarter",
        "step",
        "scores",
        "subject",
        "person_id",
        "body_id",
        "rated_at_id",
        "decider_id",
        "grassroots_id",
    ]
    fixed = (rnd.pk, year, quarter, RatingSheet.Step.WAITING.value, "{}")
    values = [(pk, *fixed, *r) for pk, r in zip(ids, rows, strict=True)]
    now = timezone.now()
    for i in range(0, len(values) or 1, WRITE_CHUNK):
        chunk = values[i : i + WRITE_CHUNK]
        try:
            with transaction.atomic():
                insert_rows(RatingSheet, columns, chunk)
        except IntegrityError:  # a racing round took some of them meanwhile
            raise field_error(
                "body", MSG_SHEET_EXISTS, "sheet_exists", count="?", period=period, names="…"
            ) from None
        insert_history(RatingSheet, columns, chunk, now, reason=HISTORY_REASON, user_id=_uid(user))
        if progress is not None:
            progress(i + len(chunk), len(values))
    return rnd


# --- the steps of a sheet -------------------------------------------------------------------
def _lock(sheet: RatingSheet) -> RatingSheet:
    return (
        RatingSheet.objects.select_for_update(of=("self",))
        .select_related("round", "person", "body")
        .get(pk=sheet.pk)
    )


def _check_open(sheet: RatingSheet) -> None:
    if sheet.round.state == RatingRound.State.CLOSED:
        raise field_error("level", MSG_ROUND_CLOSED, "round_closed")
    if sheet.step == RatingSheet.Step.DECIDED:
        raise field_error("level", MSG_DECIDED, "decided", who=_who(sheet))


def _check_member(sheet: RatingSheet) -> None:
    if sheet.subject != Subject.PERSON:
        return
    _start, end = span(sheet.year, sheet.quarter)
    joined = sheet.person.party_joined_on
    if joined is not None and joined > end:
        raise field_error(
            "level",
            MSG_NOT_MEMBER,
            "not_member",
            who=_who(sheet),
            period=label(sheet.year, sheet.quarter),
        )


def _check_level(rules: rl.Rules, level: str, field: str = "level") -> None:
    if level not in rules.codes:
        raise field_error(field, MSG_UNKNOWN_LEVEL, "unknown_level", level=level)


def level_refusals(
    rules: rl.Rules, sheet: RatingSheet, level: str, facts: rl.Facts
) -> list[ValidationError]:
    """The rules that bar ``level`` for ``sheet``, each as an error naming its rule."""
    lv = rules.level(level)
    out = []
    for rule in rl.refusals(rules, level, facts):
        params = {
            "who": _who(sheet),
            "level": lv.short,
            "period": label(sheet.year, sheet.quarter),
        }
        if rule == rl.RULE_BAND:
            params.update(
                score=_number(facts.score),
                band=rules.level(rl.band_level(rules, facts.score)).short,
            )
        elif rule == rl.RULE_ON_TIME:
            params.update(need=_number(lv.min_on_time), value=_number(facts.on_time))
        elif rule == rl.RULE_BEYOND:
            params.update(need=_number(lv.min_beyond), value=_number(facts.beyond))
        elif rule == rl.RULE_LATE:
            params.update(need=_number(lv.max_late), value=_number(facts.late))
        out.append(ValidationError(RULE_MESSAGES[rule], code=rule, params=params))
    return out


def _decimal(raw) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return Decimal("NaN")
    return value


def _scores(rules: rl.Rules, scores: Mapping[str, object]) -> dict[str, Decimal]:
    known = {c.code: c for c in rules.criteria}
    for code in scores:
        if code not in known:
            raise field_error("scores", MSG_UNKNOWN_CRITERION, "unknown_criterion", criterion=code)
    out: dict[str, Decimal] = {}
    for c in rules.criteria:
        value = _decimal(scores.get(c.code))
        if value is None:
            raise field_error("scores", MSG_SCORE_MISSING, "score_missing", criterion=c.name)
        if not value.is_finite() or value < 0 or value > c.max:
            raise field_error(
                "scores",
                MSG_SCORE_RANGE,
                "score_range",
                criterion=c.name,
                max=c.max,
                value=scores.get(c.code),
            )
        out[c.code] = value
    return out


def _percent(raw, field: str) -> Decimal | None:
    value = _decimal(raw)
    if value is None:
        return None
    if not value.is_finite() or value < 0 or value > 100:
        raise field_error(field, MSG_PERCENT, "percent_range", value=raw)
    return value


@transaction.atomic
def sheet_self_rate(
    *,
    sheet: RatingSheet,
    scores: dict[str, Decimal],
    level: str,
    assessment: str = "",
    on_time=None,
    beyond=None,
    late=None,
    user=None,
) -> RatingSheet:
    """Enter the self-rating: the score of each criteria group, the self-assessment, the task
    figures (a member's are entered here; a body's default to what ctct holds) and the
    proposed level, which the score band and the conditions must allow. A self-rating
    entered again after the review sends the sheet back to be reviewed."""
    rules = rl.current()
    sheet = _lock(sheet)
    _check_open(sheet)
    _check_member(sheet)
    _check_level(rules, level)
    clean = _scores(rules, scores)
    figures = {
        "on_time_pct": _percent(on_time, "on_time"),
        "beyond_pct": _percent(beyond, "beyond"),
        "late_pct": _percent(late, "late"),
    }
    sheet.scores = {k: str(v) for k, v in clean.items()}
    sheet.score = sum(clean.values(), Decimal(0))
    for name, value in figures.items():
        setattr(sheet, name, value)
    facts = facts_for([sheet])[sheet.pk]
    errors = level_refusals(rules, sheet, level, facts)
    if errors:
        raise ValidationError({"level": errors})
    sheet.self_assessment = assessment.strip()
    sheet.proposed_level = level
    sheet.proposed_by = user if _uid(user) else None
    sheet.proposed_at = timezone.now()
    if sheet.step == RatingSheet.Step.REVIEWED:
        # the review was of the earlier self-rating: it is to be made again
        sheet.reviewed_level, sheet.review_note = "", ""
        sheet.reviewed_by, sheet.reviewed_at = None, None
    sheet.step = RatingSheet.Step.SELF_RATED
    sheet._history_user = user
    sheet.save()
    return sheet


def reviews(sheet: RatingSheet, body: Body) -> bool:
    """Whether ``body`` reviews ``sheet``: a member's sheet is reviewed where it is kept (the
    cell), a Party organization's by the body above it, never by the organization itself."""
    if sheet.subject == Subject.BODY:
        return body.path == parent_path(sheet.body.path)
    return body.pk == sheet.rated_at_id


@transaction.atomic
def sheet_review(
    *, sheet: RatingSheet, at: Body, level: str, note: str = "", user=None
) -> RatingSheet:
    """The review by ``at`` (the cell committee's for a member, the body above's for a Party
    organization: see ``reviews``), checked against the band of the self-rated score and the
    conditions."""
    rules = rl.current()
    sheet = _lock(sheet)
    if not reviews(sheet, at):
        raise field_error("level", MSG_NOT_REVIEWER, "not_reviewer", body=at.name, who=_who(sheet))
    _check_open(sheet)
    _check_member(sheet)
    _check_level(rules, level)
    if sheet.step == RatingSheet.Step.WAITING:
        raise field_error("level", MSG_NOT_SELF_RATED, "not_self_rated", who=_who(sheet))
    errors = level_refusals(rules, sheet, level, facts_for([sheet])[sheet.pk])
    if errors:
        raise ValidationError({"level": errors})
    sheet.reviewed_level = level
    sheet.review_note = note.strip()
    sheet.reviewed_by = user if _uid(user) else None
    sheet.reviewed_at = timezone.now()
    sheet.step = RatingSheet.Step.REVIEWED
    sheet._history_user = user
    sheet.save()
    return sheet


@transaction.atomic
def sheets_decide(
    *,
    decider: Body,
    round: RatingRound,  # noqa: A002 - the name every caller uses
    levels: dict[int, str],
    notes: dict[int, str] | None = None,
    user=None,
) -> list[RatingSheet]:
    """Decide the levels of sheets ``decider`` decides in ``round`` (sheet id → level). Each
    level must be allowed by the band and the conditions, and the quota of each grassroots
    organization is checked on the result: refused with the list of who is over."""
    rules = rl.current()
    notes = notes or {}
    try:
        levels = {int(k): v for k, v in levels.items() if v}
        notes = {int(k): v for k, v in notes.items()}
    except (TypeError, ValueError):
        raise field_error("levels", MSG_NOT_IN_ROUND, "not_in_round") from None
    if not levels:
        raise field_error("levels", MSG_NOTHING_TO_DECIDE, "nothing_to_decide")
    for level in levels.values():
        _check_level(rules, level, "levels")
    rnd = RatingRound.objects.select_for_update().get(pk=round.pk)
    if rnd.state == RatingRound.State.CLOSED:
        raise field_error("levels", MSG_ROUND_CLOSED, "round_closed")
    sheets = list(
        RatingSheet.objects.select_for_update(of=("self",))
        .select_related("person", "body")
        .filter(pk__in=levels)
        .order_by("pk")
    )
    if len(sheets) != len(levels) or any(s.round_id != rnd.pk for s in sheets):
        raise field_error("levels", MSG_NOT_IN_ROUND, "not_in_round")
    foreign = [s for s in sheets if s.decider_id != decider.pk]
    if foreign:
        raise field_error(
            "levels",
            MSG_NOT_DECIDER,
            "not_decider",
            body=decider.name,
            names=_names([_who(s) for s in foreign]),
        )
    errors: list[ValidationError] = []
    for s in sheets:
        s.round = rnd
        if s.step == RatingSheet.Step.DECIDED:
            errors.append(ValidationError(MSG_DECIDED, code="decided", params={"who": _who(s)}))
        elif s.step == RatingSheet.Step.WAITING:
            errors.append(
                ValidationError(MSG_NOT_SELF_RATED, code="not_self_rated", params={"who": _who(s)})
            )
    if errors:
        raise ValidationError({"levels": errors})
    for s in sheets:
        try:
            _check_member(s)
        except ValidationError as e:
            errors.extend(e.error_dict["level"])
    facts = facts_for(sheets)
    for s in sheets:
        errors.extend(level_refusals(rules, s, levels[s.pk], facts[s.pk]))
    if errors:
        raise ValidationError({"levels": errors})

    # The quota of every grassroots organization whose members' levels change.
    organizations = {s.grassroots_id for s in sheets if s.subject == Subject.PERSON}
    organizations.discard(None)
    if organizations:
        # One decision at a time per organization, whichever round its members are in.
        names = dict(
            Body.objects.select_for_update()
            .filter(pk__in=organizations)
            .order_by("pk")
            .values_list("pk", "name")
        )
        for gid in sorted(organizations):
            before = quota_for(grassroots=gid, year=rnd.year, quarter=rnd.quarter, rules=rules)
            after = quota_for(
                grassroots=gid, year=rnd.year, quarter=rnd.quarter, pending=levels, rules=rules
            )
            if after.over and len(after.over) > len(before.over):
                errors.append(
                    ValidationError(
                        MSG_QUOTA,
                        code=rl.RULE_QUOTA,
                        params={
                            "body": names.get(gid, gid),
                            "allowed": after.quota.allowed,
                            "level": rules.level(rules.quota_level).short,
                            "share": f"{(rules.quota_share * 100).normalize():f}",
                            "base": after.quota.base,
                            "base_levels": ", ".join(
                                rules.level(c).short for c in rules.quota_base
                            ),
                            "used": after.quota.used,
                            "names": _names([ln.name for ln in after.over], limit=50),
                        },
                    )
                )
        if errors:
            raise ValidationError({"levels": errors})

    now = timezone.now()
    uid = user if _uid(user) else None
    for s in sheets:
        s.decided_level = levels[s.pk]
        s.decision_note = (notes.get(s.pk) or "").strip()
        s.decided_by = uid
        s.decided_at = now
        s.step = RatingSheet.Step.DECIDED
        s._history_user = user
        s.save()
    return sheets


@transaction.atomic
def round_close(*, round: RatingRound, user=None) -> RatingRound:  # noqa: A002
    """Close a round whose sheets are all decided."""
    rnd = RatingRound.objects.select_for_update().get(pk=round.pk)
    if rnd.state == RatingRound.State.CLOSED:
        raise field_error("state", MSG_ALREADY_CLOSED, "already_closed")
    undecided = rnd.sheets.exclude(step=RatingSheet.Step.DECIDED).count()
    if undecided:
        raise field_error("state", MSG_UNDECIDED, "undecided", count=undecided)
    rnd.state = RatingRound.State.CLOSED
    rnd._history_user = user
    rnd.save()
    round.state = rnd.state
    return rnd


# --- discipline -----------------------------------------------------------------------------
@transaction.atomic
def discipline_record(
    *,
    person: Person | None = None,
    body: Body | None = None,
    form: str,
    decided_on: dt.date,
    decided_by: Body,
    document: Document | None = None,
    reason: str = "",
    user=None,
) -> Discipline:
    """Record a discipline of a member (kept at their body) or of a Party organization,
    decided by a body entitled to it: the member's own body or one above it; for an
    organization, a body above it."""
    rules = rl.current()
    if (person is None) == (body is None):
        raise field_error("person", MSG_ONE_SUBJECT, "one_subject")
    subject = Subject.PERSON if person is not None else Subject.BODY
    try:
        kind = rules.form(form)
    except KeyError:
        raise field_error("form", MSG_UNKNOWN_FORM, "unknown_form", form=form) from None
    if kind.subject not in ("both", subject.value):
        raise field_error(
            "form", MSG_FORM_SUBJECT, "form_subject", form=kind.name, subject=subject.label
        )
    if decided_on > timezone.localdate():
        raise field_error(
            "decided_on", MSG_DISCIPLINE_FUTURE, "future", date=f"{decided_on:%d/%m/%Y}"
        )
    at = person.body if person is not None else body
    allowed = ancestor_paths(at.path, include_self=person is not None)
    if decided_by.path not in allowed:
        raise field_error(
            "decided_by", MSG_DECIDED_BY, "decided_by", body=decided_by.name, at=at.name
        )
    row = Discipline(
        subject=subject,
        person=person,
        body=body,
        at=at,
        form=kind.code,
        decided_on=decided_on,
        decided_by=decided_by,
        document=document,
        reason=reason.strip(),
        recorded_by=user if _uid(user) else None,
    )
    row._history_user = user
    row.save()
    return row


@transaction.atomic
def discipline_withdraw(*, discipline: Discipline, on: dt.date, user=None) -> Discipline:
    """Annul a discipline (an appeal upheld) from ``on``: it no longer bars levels."""
    row = Discipline.objects.select_for_update().get(pk=discipline.pk)
    if row.withdrawn_on is not None:
        raise field_error(
            "on", MSG_ALREADY_WITHDRAWN, "already_withdrawn", date=f"{row.withdrawn_on:%d/%m/%Y}"
        )
    if on < row.decided_on:
        raise field_error(
            "on",
            MSG_WITHDRAW_BEFORE,
            "withdraw_before",
            date=f"{on:%d/%m/%Y}",
            decided=f"{row.decided_on:%d/%m/%Y}",
        )
    if on > timezone.localdate():
        raise field_error("on", MSG_DISCIPLINE_FUTURE, "future", date=f"{on:%d/%m/%Y}")
    row.withdrawn_on = on
    row._history_user = user
    row.save()
    discipline.withdrawn_on = on
    return row


__all__ = [
    "discipline_record",
    "discipline_withdraw",
    "level_refusals",
    "round_close",
    "round_open",
    "round_open_check",
    "round_sheets_expected",
    "reviews",
    "sheet_review",
    "sheet_self_rate",
    "sheets_decide",
]
