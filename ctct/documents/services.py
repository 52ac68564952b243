"""Writes about documents: numbering, registering, relations, distribution, cascade steps.

Every service validates first and changes nothing when it refuses; the messages are module
constants so tests (and the Vietnamese catalog) hold the exact text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.bodies.selectors import ancestor_paths
from ctct.core import findable
from ctct.core.bulk import insert_history, insert_rows, next_id, reset_sequences
from ctct.core.dates import DateKind, check_date
from ctct.core.files import check_upload
from ctct.core.treepaths import subtree_q
from ctct.documents import evidence as step_evidence
from ctct.documents.evidence import StepEvidence
from ctct.documents.models import (
    STEP_FIELDS,
    Attachment,
    Distribution,
    Document,
    DocumentRelation,
    DocumentStatus,
    DocumentStyle,
    NumberSeries,
    Recipient,
    RelationKind,
    Step,
    Term,
)
from ctct.text.docnumbers import (
    DocNumber,
    DocNumberError,
    canonical_key,
    parse_docnumber,
    type_names,
)

MSG_UNKNOWN_TYPE = _("“%(code)s” is not a known document type.")
MSG_NO_SYMBOL = _("%(body)s has no document symbol (ĐU, CB, TU ...); set it before issuing.")
MSG_NO_TERM = _("No term covers %(date)s for %(body)s; record the committee's term first.")
MSG_NUMBER_USED = _("%(number)s is already used by %(issuer)s.")
MSG_ALREADY_REGISTERED = _("This document is already registered: %(citation)s.")
MSG_BAD_NUMBER = _("“%(text)s” is not a document number: %(reason)s.")
MSG_DEADLINE_BEFORE_ISSUE = _(
    "The deadline %(date)s is before the document was issued (%(issued)s)."
)
MSG_DEADLINE_ORDER = _("Deadlines must follow the steps: receive, disseminate, concretize, report.")
MSG_OUTSIDE_ISSUER = _(
    "%(body)s is not under %(issuer)s; a document is addressed down its issuer's tree."
)
MSG_NOT_IN_TREE = _(
    "An external document cannot be addressed to bodies; register the body's own document."
)
MSG_NO_RECIPIENTS = _("Choose at least one body to address.")
MSG_STEP_SKIPPED = _("%(body)s must be “%(needed)s” before “%(step)s”.")
MSG_STEP_DONE = _("%(body)s is already past “%(step)s”.")
MSG_STEP_CLOSED = _("%(body)s is marked not applicable.")
MSG_NEEDS_REASON = _("Say why the document does not apply.")
MSG_NEEDS_CONFERENCE = _("Say which conference disseminated it.")
MSG_NEEDS_IMPLEMENTING = _("Link the body's own implementing document.")
MSG_NEEDS_REPORT = _("Link the body's report.")
MSG_IMPLEMENTING_ISSUER = _("The implementing document must be issued by %(body)s.")
MSG_REPORT_ISSUER = _("The report must be issued by %(body)s.")
MSG_STEP_IN_FUTURE = _("%(date)s is in the future; record a step once it has happened.")
MSG_STEP_BEFORE_ISSUE = _("%(date)s is before the document was issued (%(issued)s).")
MSG_STEP_BEFORE_PREVIOUS = _("%(date)s is before the step “%(previous)s” (%(previous_on)s).")
MSG_CONFERENCE_BODY = _("That conference was not held by %(body)s.")
MSG_RELATION_SELF = _("A document cannot relate to itself.")
MSG_RELATION_CYCLE = _(
    "This relation would make a cycle: %(target)s already derives from %(source)s."
)
MSG_NUMBER_ZERO = _("“%(text)s”: document numbers start at 1.")
MSG_NOT_DRAFT = _("%(citation)s is already issued.")
MSG_DRAFT_NOT_ADDRESSED = _("A draft cannot be addressed; issue it first.")


# --- numbering --------------------------------------------------------------------------------


def numbering_period(*, issuer: Body, style: str, on: dt.date) -> str:
    """The period numbers run through: the committee's term for Party documents (it does not
    restart in January), the calendar year for state documents."""
    if style == DocumentStyle.STATE:
        return str(on.year)
    term = (
        Term.objects.filter(body=issuer, starts_on__lte=on)
        .exclude(ends_on__lt=on)
        .order_by("-starts_on")
        .first()
    )
    if term is not None:
        return term.label
    for label, first, last in settings.CTCT_PARTY_TERMS:
        if dt.date.fromisoformat(first) <= on <= dt.date.fromisoformat(last):
            return label
    raise ValidationError(
        MSG_NO_TERM, params={"date": f"{on:%d/%m/%Y}", "body": issuer.name}, code="term"
    )


def number_take(*, issuer: Body, series: str, period: str) -> tuple[NumberSeries, int]:
    """The next number of a series. Call inside the transaction that creates the document:
    the increment holds the series row (PostgreSQL) or the database (SQLite, IMMEDIATE) until
    commit, so concurrent issuers queue, and a rollback gives the number back."""
    row = NumberSeries.objects.filter(issuer=issuer, series=series, period=period).first()
    if row is None:
        try:
            with transaction.atomic():
                row = NumberSeries.objects.create(issuer=issuer, series=series, period=period)
        except IntegrityError:  # another process created it first
            row = NumberSeries.objects.get(issuer=issuer, series=series, period=period)
    NumberSeries.objects.filter(pk=row.pk).update(last_number=F("last_number") + 1)
    number = NumberSeries.objects.values_list("last_number", flat=True).get(pk=row.pk)
    return row, number


def _check_type(code: str, style: str) -> str:
    names = type_names(code, "state" if style == DocumentStyle.STATE else "party")
    if not names:
        raise ValidationError(MSG_UNKNOWN_TYPE, params={"code": code}, code="type")
    return names[0]


def _symbol(style: str, type_code: str, issuer_symbol: str) -> str:
    return (
        f"{type_code}/{issuer_symbol}"
        if style == DocumentStyle.PARTY
        else f"{type_code}-{issuer_symbol}"
    )


def _key(style: str, type_code: str, number: str, symbol: str, year: int | None = None) -> str:
    issuer_abbr = (
        symbol.split("/")[-1] if style == DocumentStyle.PARTY else symbol.split("-", 1)[-1]
    )
    return canonical_key(
        DocNumber(
            kind=style,
            type_code=type_code,
            type_name=None,
            number=number,
            year=year,
            symbol=symbol,
            issuer_abbr=issuer_abbr,
        )
    )


@transaction.atomic
def document_draft(
    *,
    issuer: Body,
    type_code: str,
    title: str,
    style: str = DocumentStyle.PARTY,
    type_name: str | None = None,
    text: str = "",
    security_level: int = 0,
    congress: bool = False,
    user=None,
) -> Document:
    """A draft of ``issuer``: typed and checked, but numbered only when it is issued."""
    known = _check_type(type_code, style)
    if not issuer.symbol:
        raise ValidationError(MSG_NO_SYMBOL, params={"body": issuer.name}, code="symbol")
    doc = Document(
        style=style,
        type_code=type_code,
        type_name=type_name if type_name in type_names(type_code, style) else known,
        symbol=_symbol(style, type_code, issuer.symbol),
        issuer=issuer,
        issuer_name=issuer.name,
        title=title.strip(),
        text=text,
        security_level=security_level,
        status=DocumentStatus.DRAFT,
        is_congress=congress,
        created_by=user,
    )
    doc.full_clean(exclude=["canonical_key", "series"])
    doc.save()
    return doc


@transaction.atomic
def document_publish(*, document: Document, issued_on: dt.date, user=None) -> Document:
    """Issue a draft: it takes the next number of its series on ``issued_on``."""
    doc = (
        Document.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=document.pk)
    )
    if doc.status != DocumentStatus.DRAFT:
        raise ValidationError(MSG_NOT_DRAFT, params={"citation": doc.citation}, code="not_draft")
    check_date(issued_on, field="issued_on", kind=DateKind.PARTY)
    period = numbering_period(issuer=doc.issuer, style=doc.style, on=issued_on)
    series, number = number_take(
        issuer=doc.issuer, series="ĐH" if doc.is_congress else doc.type_code, period=period
    )
    doc.series, doc.number, doc.number_text = series, number, f"{number:02d}"
    doc.issued_on, doc.status = issued_on, DocumentStatus.ISSUED
    doc.canonical_key = _key(doc.style, doc.type_code, str(number), doc.symbol)
    doc._history_user = user
    doc.save()
    return doc


def document_issue(*, issued_on: dt.date, user=None, **fields) -> Document:
    """Draft and issue in one step: the document takes the next number of its series.

    Both happen in one transaction, so a refused issue gives its number back.
    """
    with transaction.atomic():
        draft = document_draft(user=user, **fields)
        return document_publish(document=draft, issued_on=issued_on, user=user)


@transaction.atomic
def document_register(
    *,
    citation: str,
    type_name: str | None = None,
    issuer: Body | None = None,
    issuer_name: str = "",
    registered_in: Body | None = None,
    issued_on: dt.date | None = None,
    title: str = "",
    text: str = "",
    security_level: int = 0,
    user=None,
) -> Document:
    """Register a document that already has its number (a superior's, an external one, or
    an old one of our own): "Chỉ thị số 35-CT/TW", "Số: 123/QĐ-UBND".

    An external document (no ``issuer``) enters the register of ``registered_in``, the body
    that received it; the caller checks the user may register for that body."""
    try:
        parsed = parse_docnumber(citation)
    except DocNumberError as e:
        raise ValidationError(
            MSG_BAD_NUMBER, params={"text": citation, "reason": e.reason}, code="number"
        ) from None
    if parsed.kind is None or parsed.symbol is None:
        raise ValidationError(
            MSG_BAD_NUMBER, params={"text": citation, "reason": "no symbol"}, code="number"
        )
    if int(parsed.number) < 1:
        raise ValidationError(
            {"citation": ValidationError(MSG_NUMBER_ZERO, params={"text": citation}, code="zero")}
        )
    type_name = type_name or parsed.type_name
    code = parsed.type_code or ""
    if not type_name:
        raise ValidationError(MSG_UNKNOWN_TYPE, params={"code": code}, code="type")
    key = canonical_key(parsed)
    existing = Document.objects.filter(canonical_key=key, issuer=issuer)
    if issuer is not None:
        registered_in = None  # a document of the tree is known by its issuer
    else:
        existing = existing.filter(issuer_name__iexact=issuer_name.strip())
        if registered_in is not None:
            # Already in a register this body works from: its own, a superior's, or one
            # that everyone sees. A sibling's copy is out of its sight and does not count.
            existing = existing.filter(
                Q(registered_in__isnull=True)
                | Q(registered_in__path__in=[*ancestor_paths(registered_in), registered_in.path])
            )
    if (dup := existing.first()) is not None:
        raise ValidationError(
            MSG_ALREADY_REGISTERED, params={"citation": dup.citation}, code="duplicate"
        )
    if issued_on is not None:
        check_date(issued_on, field="issued_on", kind=DateKind.PARTY)
    elif parsed.date is not None and parsed.date.iso():
        issued_on = dt.date.fromisoformat(parsed.date.iso())
        check_date(issued_on, field="citation", kind=DateKind.PARTY)
    doc = Document(
        style=parsed.kind,
        type_code=code,
        type_name=type_name,
        number=int(parsed.number),
        number_text=parsed.number,
        year=parsed.year,
        symbol=parsed.symbol,
        issuer=issuer,
        issuer_name=issuer.name if issuer else issuer_name.strip(),
        registered_in=registered_in,
        issued_on=issued_on,
        title=title.strip(),
        text=text,
        security_level=security_level,
        created_by=user,
        canonical_key=key,
    )
    doc.full_clean(exclude=["canonical_key", "series"])
    doc.save()
    return doc


# --- relations -----------------------------------------------------------------------------------


def _upstream_ids(doc_ids: set[int]) -> set[int]:
    """Every document that ``doc_ids`` derive from, transitively (one query per level)."""
    seen: set[int] = set()
    frontier = set(doc_ids)
    while frontier:
        up = set(
            DocumentRelation.objects.filter(source_id__in=frontier).values_list(
                "target_id", flat=True
            )
        )
        frontier = up - seen
        seen |= up
    return seen


@transaction.atomic
def relation_add(*, source: Document, target: Document, kind: str, user=None) -> DocumentRelation:
    """Record that ``source`` implements / concretizes / guides / replaces / amends ``target``."""
    if kind not in RelationKind.values:
        raise ValueError(f"unknown relation {kind!r}")
    if source.pk == target.pk:
        raise ValidationError(MSG_RELATION_SELF, code="self")
    if source.pk in _upstream_ids({target.pk}):
        raise ValidationError(
            MSG_RELATION_CYCLE,
            params={"target": target.citation, "source": source.citation},
            code="cycle",
        )
    relation, _created = DocumentRelation.objects.get_or_create(
        source=source, target=target, defaults={"kind": kind, "created_by": user}
    )
    if kind == RelationKind.REPLACES and target.status != "replaced":
        target.status = "replaced"
        target.save(update_fields=["status"])
    return relation


# --- attachments -------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, document: Document, upload, user=None) -> Attachment:
    """Keep ``upload`` with ``document`` when it is a kind of file an office sends and its
    content is that kind (``ctct.core.files``); ValidationError, and nothing kept, otherwise."""
    check_upload(upload)
    attachment = Attachment(
        document=document, file=upload, name=upload.name[:255], size=upload.size, uploaded_by=user
    )
    attachment._history_user = user
    attachment.save()
    return attachment


# --- distribution ------------------------------------------------------------------------------


DEADLINE_FIELDS = ("received_by", "disseminated_by", "concretized_by", "reported_by")


def _check_deadlines(document: Document, deadlines: dict[str, dt.date | None]) -> None:
    given = [(f, deadlines.get(f)) for f in DEADLINE_FIELDS]
    for f, d in given:
        check_date(d, field=f, kind=DateKind.PLAN)
    for _f, d in given:
        if d and document.issued_on and d < document.issued_on:
            raise ValidationError(
                MSG_DEADLINE_BEFORE_ISSUE,
                params={"date": f"{d:%d/%m/%Y}", "issued": f"{document.issued_on:%d/%m/%Y}"},
                code="deadline",
            )
    dates = [d for _f, d in given if d]
    if dates != sorted(dates):
        raise ValidationError(MSG_DEADLINE_ORDER, code="deadline_order")


def recipients_for(*, root: Body, depth: int | None = None, include_root: bool = False):
    """The active bodies of ``root``'s subtree down to ``depth`` levels below it."""
    qs = Body.objects.filter(
        subtree_q(root.path), merged_on__isnull=True, dissolved_on__isnull=True
    )
    if depth is not None:
        qs = qs.filter(depth__lte=root.depth + depth)
    if not include_root:
        qs = qs.exclude(pk=root.pk)
    return qs


def _addressees(
    document: Document, bodies: Iterable[Body], subtree_of: Body | None, depth: int | None
) -> dict[int, str]:
    """The bodies a distribution reaches, {pk: path}, not yet addressed; refused when a
    body is outside the issuer's tree, when there is none, or the document cannot go out."""
    if document.issuer_id is None:
        raise ValidationError(MSG_NOT_IN_TREE, code="external")
    if document.status == DocumentStatus.DRAFT:
        raise ValidationError(MSG_DRAFT_NOT_ADDRESSED, code="draft")
    issuer = Body.objects.get(pk=document.issuer_id)
    rows = {b.pk: b.path for b in bodies}
    for pk, path in rows.items():
        if not path.startswith(issuer.path) or path == issuer.path:
            name = Body.objects.get(pk=pk).name
            raise ValidationError(
                MSG_OUTSIDE_ISSUER, params={"body": name, "issuer": issuer.name}, code="outside"
            )
    if subtree_of is not None:
        if not subtree_of.path.startswith(issuer.path):
            raise ValidationError(
                MSG_OUTSIDE_ISSUER,
                params={"body": subtree_of.name, "issuer": issuer.name},
                code="outside",
            )
        rows.update(
            recipients_for(
                root=subtree_of, depth=depth, include_root=subtree_of.pk != issuer.pk
            ).values_list("pk", "path")
        )
    if not rows:
        raise ValidationError(MSG_NO_RECIPIENTS, code="empty")
    for pk in Recipient.objects.filter(document=document).values_list("body_id", flat=True):
        rows.pop(pk, None)
    return rows


def distribution_reach(
    *,
    document: Document,
    bodies: Iterable[Body] = (),
    subtree_of: Body | None = None,
    depth: int | None = None,
) -> int:
    """How many bodies ``distribution_create`` with these arguments would newly address
    (checked the same way), to ask for confirmation before anything goes out."""
    return len(_addressees(document, bodies, subtree_of, depth))


@transaction.atomic
def distribution_create(
    *,
    document: Document,
    bodies: Iterable[Body] = (),
    subtree_of: Body | None = None,
    depth: int | None = None,
    user=None,
    note: str = "",
    **deadlines: dt.date | None,
) -> tuple[Distribution, int]:
    """Address ``document`` to named bodies and/or a subtree; returns (distribution, how many
    new recipients). Bodies already addressed are skipped, so addressing twice adds nothing."""
    unknown = set(deadlines) - set(DEADLINE_FIELDS)
    if unknown:
        raise ValueError(f"unknown deadlines {sorted(unknown)}")
    rows = _addressees(document, bodies, subtree_of, depth)
    _check_deadlines(document, deadlines)
    distribution = Distribution.objects.create(
        document=document, note=note, created_by=user, **deadlines
    )
    new = [(distribution.pk, document.pk, pk, path, Step.ADDRESSED) for pk, path in rows.items()]
    _bulk_insert_recipients(new, user)
    return distribution, len(new)


@transaction.atomic
def distribution_deadlines_set(
    *, distribution: Distribution, user=None, **deadlines: dt.date | None
) -> Distribution:
    """Set or change the deadlines of a distribution after it went out (each step's; an
    empty one clears it). Checked like new ones; the change is kept in its history."""
    unknown = set(deadlines) - set(DEADLINE_FIELDS)
    if unknown:
        raise ValueError(f"unknown deadlines {sorted(unknown)}")
    d = (
        Distribution.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=distribution.pk)
    )
    merged = {f: deadlines.get(f, getattr(d, f)) for f in DEADLINE_FIELDS}
    _check_deadlines(d.document, merged)
    for f, value in merged.items():
        setattr(d, f, value)
    d._history_user = user
    d.save()
    return d


def _bulk_insert_recipients(rows: list[tuple], user) -> None:
    """Write recipients and their "created" history rows in bulk (20,000 in well under a
    second; the ORM's per-object work would take several)."""
    if not rows:
        return
    first = next_id(Recipient)
    rows = [(first + i, *r) for i, r in enumerate(rows)]
    cols = ["id", "distribution_id", "document_id", "body_id", "body_path", "step"]
    insert_rows(Recipient, cols, rows)
    reset_sequences([Recipient])
    insert_history(
        Recipient, cols, rows, timezone.now(), reason="addressed", user_id=getattr(user, "pk", None)
    )
    # No save() fired: the search index learns who the documents now reach.
    findable.changed("document", {r[2] for r in rows})


# --- the steps of a recipient ----------------------------------------------------------------


def _step_moment(r: Recipient, step: int, on: dt.date) -> dt.datetime:
    """When a step that happened on ``on`` is recorded: now for today, else noon that day
    (local time, so the date reads the same in any export). Refused when ``on`` is in the
    future, before the document was issued, or before the recipient's previous step."""
    today = timezone.localdate()
    params = {"date": f"{on:%d/%m/%Y}"}
    if on > today:
        raise ValidationError(MSG_STEP_IN_FUTURE, params=params, code="step_date")
    issued = r.document.issued_on
    if issued and on < issued:
        raise ValidationError(
            MSG_STEP_BEFORE_ISSUE,
            params={**params, "issued": f"{issued:%d/%m/%Y}"},
            code="step_date",
        )
    previous = [s for s in STEP_FIELDS if s < step and getattr(r, f"{STEP_FIELDS[s]}_at")]
    if previous:
        before = timezone.localdate(getattr(r, f"{STEP_FIELDS[previous[-1]]}_at"))
        if on < before:
            raise ValidationError(
                MSG_STEP_BEFORE_PREVIOUS,
                params={
                    **params,
                    "previous": Step(previous[-1]).label,
                    "previous_on": f"{before:%d/%m/%Y}",
                },
                code="step_date",
            )
    if on == today:
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(on, dt.time(12)))


def _dissemination_evidence() -> StepEvidence:
    """The records an app above documents registered as evidence of the dissemination step
    (the conferences of the recipient's body)."""
    evidence = step_evidence.for_step(Step.DISSEMINATED)
    if evidence is None:
        raise ImproperlyConfigured("no app registered evidence of the dissemination step")
    return evidence


def _link_evidence(r: Recipient, evidence: StepEvidence, record, user) -> str:
    """Record that ``record`` (held by the recipient's body) disseminated the document;
    returns the note the step keeps."""
    if evidence.body_id(record) != r.body_id:
        raise ValidationError(MSG_CONFERENCE_BODY, params={"body": r.body.name}, code="conference")
    return evidence.link(recipient=r, record=record, user=user)


@transaction.atomic
def recipient_advance(
    *,
    recipient: Recipient,
    step: int,
    user=None,
    conference_note: str = "",
    conference=None,
    implementing_document: Document | None = None,
    report_document: Document | None = None,
    reason: str = "",
    when: dt.datetime | None = None,
    on: dt.date | None = None,
) -> Recipient:
    """Move a recipient to ``step``: the next one in order, or not applicable (with a reason).

    ``on`` is the day it happened (checked: not in the future, not before the document nor
    the previous step); without it, now. A dissemination names the ``conference`` record of
    the body that held it (one of the step's evidence, ``documents.evidence``; its date is then
    the step's) or describes it in ``conference_note``."""
    r = (
        Recipient.objects.select_for_update(of=("self",))
        .select_related("body", "document")
        .get(pk=recipient.pk)
    )
    evidence = None
    if step == Step.DISSEMINATED and conference is not None:
        evidence = _dissemination_evidence()
        if on is None:
            on = evidence.day(conference)
    if on is not None:
        when = _step_moment(r, step, on)
    when = when or timezone.now()
    labels = dict(Step.choices)
    if r.step == Step.NOT_APPLICABLE:
        raise ValidationError(MSG_STEP_CLOSED, params={"body": r.body.name}, code="closed")
    if step == Step.NOT_APPLICABLE:
        if not reason.strip():
            raise ValidationError(MSG_NEEDS_REASON, code="reason")
        r.not_applicable_reason, r.not_applicable_at, r.not_applicable_user = (
            reason.strip(),
            when,
            user,
        )
    else:
        if step <= r.step:
            raise ValidationError(
                MSG_STEP_DONE, params={"body": r.body.name, "step": labels[step]}, code="done"
            )
        if step != r.step + 1:
            raise ValidationError(
                MSG_STEP_SKIPPED,
                params={"body": r.body.name, "needed": labels[step - 1], "step": labels[step]},
                code="skipped",
            )
        if evidence is not None:
            conference_note = _link_evidence(r, evidence, conference, user)
        if step == Step.DISSEMINATED and not conference_note.strip():
            raise ValidationError(MSG_NEEDS_CONFERENCE, code="conference")
        if step == Step.CONCRETIZED:
            if implementing_document is None:
                raise ValidationError(MSG_NEEDS_IMPLEMENTING, code="implementing")
            if implementing_document.issuer_id != r.body_id:
                raise ValidationError(
                    MSG_IMPLEMENTING_ISSUER, params={"body": r.body.name}, code="implementing"
                )
            r.implementing_document = implementing_document
            relation_add(
                source=implementing_document,
                target=r.document,
                kind=RelationKind.CONCRETIZES,
                user=user,
            )
        if step == Step.REPORTED:
            if report_document is None:
                raise ValidationError(MSG_NEEDS_REPORT, code="report")
            if report_document.issuer_id != r.body_id:
                raise ValidationError(
                    MSG_REPORT_ISSUER, params={"body": r.body.name}, code="report"
                )
            r.report_document = report_document
        if step == Step.DISSEMINATED:
            r.dissemination_note = conference_note.strip()[:500]
        name = STEP_FIELDS[step]
        setattr(r, f"{name}_at", when)
        setattr(r, f"{name}_user", user)
    r.step = step
    r._history_user = user
    r.save()
    return r
