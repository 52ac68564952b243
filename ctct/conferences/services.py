"""Every write on conferences: validates, changes state in a transaction, leaves history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.conferences.models import (
    Article,
    ArticleStatus,
    Conclusion,
    Conference,
    ConferenceDocument,
    Kind,
    Participant,
    Photo,
    Role,
)
from ctct.conferences.periods import as_period, period_code, period_words
from ctct.core.dates import DateKind, check_date
from ctct.core.files import PHOTO_EXTENSIONS, check_upload
from ctct.core.treepaths import ancestor_paths, subtree_q
from ctct.people.models import Person, Position

MSG_TWO_CHAIRS = _("%(name)s already chairs this conference; a conference has one chair.")
MSG_OUTSIDE_REACH = _(
    "%(name)s is outside the reach of %(body)s; mark them as a guest to add them."
)
MSG_NAME_REQUIRED = _("Choose a person or write the guest's name.")
MSG_GUEST_NEEDS_MARK = _("Someone who is not in the records can only be added as a guest.")
MSG_ALREADY_IN_ROLE = _("%(name)s is already recorded in this role.")
MSG_BEFORE_FOUNDED = _("%(body)s was founded on %(date)s; the conference cannot be earlier.")
MSG_AFTER_CLOSED = _("%(body)s no longer existed on %(date)s (merged or dissolved).")
MSG_REVIEW_TOO_EARLY = _(
    "A review of %(period)s cannot be held on %(date)s, before the period has begun."
)
MSG_NOT_ADDRESSED = _(
    "%(document)s was not addressed to %(body)s; only documents addressed to the holding body "
    "can be disseminated by its conference."
)
MSG_NOT_YET_HELD = _(
    "The conference is dated %(date)s, in the future: record what it disseminated once it "
    "has been held."
)
MSG_ISSUED_AFTER = _(
    "%(document)s was issued after the conference of %(date)s; a conference can only "
    "disseminate documents issued by its day."
)
MSG_DOC_NOT_APPLICABLE = _("%(document)s is marked not applicable for %(body)s.")
MSG_DOC_TWICE = _("%(document)s is already recorded for this conference.")
MSG_ASSIGNEE_OUTSIDE = _("%(body)s is not within %(holder)s; assign requirements to its subtree.")
MSG_DUE_BEFORE = _("The deadline cannot be before the conference.")
MSG_CONCLUSION_TWICE = _("This requirement is already recorded for the same body and deadline.")
MSG_NOT_IMAGE = _("“%(name)s” is not an image (JPEG, PNG, GIF or WebP).")
MSG_EMPTY_TEXT = _("The article has no text.")
MSG_PUBLISHED = _("The article is already published; edit it to publish a new version.")
MSG_ROLE = _("Choose a role.")
MSG_DOC_REQUIRED = _("Choose the document.")


def _same(text: str) -> str:
    """Text as compared for duplicates: spaces collapsed, case ignored."""
    return " ".join((text or "").split()).casefold()


REVIEW_KINDS = {Kind.SO_KET, Kind.TONG_KET}


# --- conferences --------------------------------------------------------------------------
def _period_start(period: str) -> dt.date | None:
    p = as_period(period)
    span = p.span() if p is not None else None
    return span[0] if span else None


def _check_date(body: Body, kind: str, held_on: dt.date, period: str) -> None:
    # Before 3/2/1930 or years ahead: the one rule for typed dates (ctct.core.dates).
    check_date(held_on, field="held_on", kind=DateKind.PLAN)
    if body.founded_on and held_on < body.founded_on:
        raise ValidationError(
            {
                "held_on": ValidationError(
                    MSG_BEFORE_FOUNDED,
                    code="before_founded",
                    params={"body": body.name, "date": f"{body.founded_on:%d/%m/%Y}"},
                )
            }
        )
    closed = body.merged_on or body.dissolved_on
    if closed and held_on > closed:
        raise ValidationError(
            {
                "held_on": ValidationError(
                    MSG_AFTER_CLOSED,
                    code="closed",
                    params={"body": body.name, "date": f"{held_on:%d/%m/%Y}"},
                )
            }
        )
    start = _period_start(period)
    if kind in REVIEW_KINDS and start and held_on < start:
        raise ValidationError(
            {
                "held_on": ValidationError(
                    MSG_REVIEW_TOO_EARLY,
                    code="review_early",
                    params={"period": period_words(period), "date": f"{held_on:%d/%m/%Y}"},
                )
            }
        )


def _typed_period(value: str | None) -> str:
    """The period's code, typed in words ("6 tháng đầu năm 2025") or as one ("2025-H1")."""
    try:
        return period_code(value)
    except ValidationError as e:
        raise ValidationError({"period": e}) from None


FIELDS = (
    "kind",
    "title",
    "held_on",
    "part_of_day",
    "place",
    "period",
    "results",
    "direction",
    "minutes",
    "report",
)


@transaction.atomic
def conference_create(
    *, body: Body, kind: str, held_on: dt.date, user=None, **fields
) -> Conference:
    """Record a conference held (or to be held) by ``body``."""
    conf = conference_build(body=body, kind=kind, held_on=held_on, user=user, **fields)
    conf.save()
    return conf


def conference_build(*, body: Body, kind: str, held_on: dt.date, user=None, **fields) -> Conference:
    """A checked, unsaved conference: ``conference_create`` saves it at once, a bulk import
    saves many together."""
    period = fields["period"] = _typed_period(fields.get("period"))
    _check_date(body, kind, held_on, period)
    conf = Conference(
        body=body,
        body_path=body.path,
        kind=kind,
        held_on=held_on,
        created_by=user if getattr(user, "pk", None) else None,
        **{k: v for k, v in fields.items() if k in FIELDS},
    )
    # body and created_by are records passed in, not ids typed by someone: no lookups
    conf.full_clean(exclude=["body_path", "body", "created_by"])
    conf._history_user = user
    return conf


@transaction.atomic
def conference_update(*, conference: Conference, user=None, **fields) -> Conference:
    conf = Conference.objects.select_for_update().select_related("body").get(pk=conference.pk)
    if "period" in fields:
        fields["period"] = _typed_period(fields["period"])
    for k, v in fields.items():
        if k in FIELDS:
            setattr(conf, k, v)
    _check_date(conf.body, conf.kind, conf.held_on, conf.period)
    conf.full_clean(exclude=["body_path"])
    conf._history_user = user
    conf.save()
    return conf


# --- participants -------------------------------------------------------------------------
def in_reach(person: Person, body: Body, on: dt.date) -> bool:
    """Is ``person`` within the holding body's reach: a member or post holder in its subtree,
    or a post holder at one of its superiors (who come to direct)?"""
    from django.db.models import Q

    ancestors_and_self = ancestor_paths(body.path, include_self=True)
    if person.body.path.startswith(body.path):
        return True
    return (
        Position.objects.filter(person=person, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .filter(subtree_q(body.path, "body__") | Q(body__path__in=ancestors_and_self))
        .exists()
    )


def titles_on(person: Person, on: dt.date) -> str:
    """The person's titles that day, the way the news writes them."""
    from ctct.people.selectors import person_title_chain

    return ", ".join(person_title_chain(person, on=on))


@transaction.atomic
def participant_add(
    *,
    conference: Conference,
    role: str,
    person: Person | None = None,
    full_name: str = "",
    rank: str = "",
    titles: str | None = None,
    is_guest: bool = False,
    user=None,
) -> Participant:
    conf = Conference.objects.select_for_update().select_related("body").get(pk=conference.pk)
    if role not in Role.values:
        raise ValidationError({"role": ValidationError(_("Choose a role."), code="role")})
    if person is None:
        full_name = " ".join((full_name or "").split())
        if not full_name:
            raise ValidationError({"person": ValidationError(MSG_NAME_REQUIRED, code="name")})
        if not is_guest:
            raise ValidationError({"is_guest": ValidationError(MSG_GUEST_NEEDS_MARK, code="guest")})
        if rank:
            from ctct.people.models import validate_rank

            try:
                validate_rank(rank)
            except ValidationError as e:
                raise ValidationError({"rank": e}) from None
    else:
        if not is_guest and not in_reach(person, conf.body, conf.held_on):
            raise ValidationError(
                {
                    "is_guest": ValidationError(
                        MSG_OUTSIDE_REACH,
                        code="outside",
                        params={"name": person.full_name, "body": conf.body.name},
                    )
                }
            )
        full_name = person.full_name
        rank = rank or person.rank
        if titles is None:
            titles = titles_on(person, conf.held_on)
    if role == Role.CHAIR:
        chair = conf.participants.filter(role=Role.CHAIR).first()
        if chair is not None:
            raise ValidationError(
                {
                    "role": ValidationError(
                        MSG_TWO_CHAIRS, code="two_chairs", params={"name": str(chair)}
                    )
                }
            )
    dup = conf.participants.filter(role=role)
    dup = dup.filter(person=person) if person else dup.filter(full_name=full_name, person=None)
    if dup.exists():
        raise ValidationError(
            {"role": ValidationError(MSG_ALREADY_IN_ROLE, code="dup", params={"name": full_name})}
        )
    p = Participant(
        conference=conf,
        person=person,
        full_name=full_name,
        rank=rank or "",
        titles=" ".join((titles or "").split()),
        role=role,
        is_guest=is_guest,
        order=conf.participants.count(),
    )
    p._history_user = user
    p.save()
    return p


@transaction.atomic
def participant_update(*, participant: Participant, titles: str, user=None) -> Participant:
    p = Participant.objects.select_for_update().get(pk=participant.pk)
    p.titles = " ".join(titles.split())
    p._history_user = user
    p.save()
    return p


@transaction.atomic
def participant_remove(*, participant: Participant, user=None) -> None:
    participant._history_user = user
    participant.delete()


def participant_build(
    *,
    conference: Conference,
    role: str,
    full_name: str,
    person_id: int | None = None,
    rank: str = "",
    titles: str = "",
    is_guest: bool = False,
    order: int = 0,
    user=None,
) -> Participant:
    """A checked, unsaved participant for a bulk import, which saves many together; what it
    cannot check without reading (one chair, no one twice in a role) the import keeps itself."""
    if role not in Role.values:
        raise ValidationError({"role": ValidationError(MSG_ROLE, code="role")})
    if not (full_name or "").strip():
        raise ValidationError({"person": ValidationError(MSG_NAME_REQUIRED, code="name")})
    if person_id is None and not is_guest:
        raise ValidationError({"is_guest": ValidationError(MSG_GUEST_NEEDS_MARK, code="guest")})
    p = Participant(
        conference=conference,
        person_id=person_id,
        full_name=full_name,
        rank=rank,
        titles=titles,
        role=role,
        is_guest=is_guest,
        order=order,
    )
    p._history_user = user
    return p


# --- documents disseminated ---------------------------------------------------------------
@transaction.atomic
def conference_document_add(*, conference: Conference, document, user=None) -> ConferenceDocument:
    """Record that the conference disseminated ``document``: the holding body's recipient row
    moves to "disseminated" (through "received" first if it had not recorded receipt: a body
    cannot disseminate what it has not received, and holding the conference proves it had)."""
    from ctct.documents.models import Recipient, Step
    from ctct.documents.services import recipient_advance

    conf = Conference.objects.select_for_update().select_related("body").get(pk=conference.pk)
    params = {"document": document.citation, "body": conf.body.name}
    if conf.documents.filter(document=document).exists():
        raise ValidationError(MSG_DOC_TWICE, code="twice", params=params)
    recipient = Recipient.objects.filter(document=document, body=conf.body).first()
    if recipient is None:
        raise ValidationError(MSG_NOT_ADDRESSED, code="not_addressed", params=params)
    if conf.held_on > timezone.localdate():
        raise ValidationError(
            MSG_NOT_YET_HELD, code="future", params={"date": f"{conf.held_on:%d/%m/%Y}"}
        )
    if document.issued_on and document.issued_on > conf.held_on:
        raise ValidationError(
            MSG_ISSUED_AFTER,
            code="issued_after",
            params={"document": document.citation, "date": f"{conf.held_on:%d/%m/%Y}"},
        )
    if recipient.step == Step.NOT_APPLICABLE:
        raise ValidationError(MSG_DOC_NOT_APPLICABLE, code="not_applicable", params=params)
    note = str(conf)[:500]
    if recipient.step == Step.ADDRESSED:
        recipient = recipient_advance(recipient=recipient, step=Step.RECEIVED, user=user)
    if recipient.step == Step.RECEIVED:
        recipient = recipient_advance(
            recipient=recipient, step=Step.DISSEMINATED, conference_note=note, user=user
        )
    link = ConferenceDocument(conference=conf, document=document, recipient=recipient)
    link._history_user = user
    link.save()
    return link


@transaction.atomic
def conference_document_link(*, conference: Conference, recipient, user=None) -> ConferenceDocument:
    """Record that ``conference`` disseminated the recipient's document, as the recipient's
    "disseminated" step names it: a link made before without its recipient gains it; one
    that has it is left alone. The caller has checked that the conference's body is the
    recipient's."""
    link = ConferenceDocument.objects.filter(
        conference=conference, document=recipient.document
    ).first()
    if link is None or link.recipient_id is None:
        link = link or ConferenceDocument(conference=conference, document=recipient.document)
        link.recipient = recipient
        link._history_user = user
        link.save()
    return link


def conference_document_build(
    *, conference: Conference, document_id: int | None, user=None
) -> ConferenceDocument:
    """An unsaved "the conference disseminated the document" row for a bulk import, with no
    step of the cascade (``conference_document_add`` records the step)."""
    if document_id is None:
        raise ValidationError(MSG_DOC_REQUIRED, code="document")
    link = ConferenceDocument(conference=conference, document_id=document_id, recipient=None)
    link._history_user = user
    return link


# --- conclusions --------------------------------------------------------------------------
@transaction.atomic
def conclusion_add(
    *,
    conference: Conference,
    text: str,
    assignee: Body | None = None,
    due_on: dt.date | None = None,
    user=None,
) -> Conclusion:
    conf = Conference.objects.select_for_update().select_related("body").get(pk=conference.pk)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ValidationError(_("Write the requirement."), code="text")})
    if assignee is not None and not assignee.path.startswith(conf.body.path):
        raise ValidationError(
            {
                "assignee": ValidationError(
                    MSG_ASSIGNEE_OUTSIDE,
                    code="assignee",
                    params={"body": assignee.name, "holder": conf.body.name},
                )
            }
        )
    if due_on is not None and due_on < conf.held_on:
        raise ValidationError({"due_on": ValidationError(MSG_DUE_BEFORE, code="due")})
    same = conf.conclusions.filter(assignee=assignee, due_on=due_on).values_list("text", flat=True)
    if any(_same(t) == _same(text) for t in same):
        raise ValidationError({"text": ValidationError(MSG_CONCLUSION_TWICE, code="twice")})
    c = Conclusion(
        conference=conf, text=text, assignee=assignee, due_on=due_on, order=conf.conclusions.count()
    )
    c._history_user = user
    c.save()
    return c


@transaction.atomic
def conclusion_mark_done(*, conclusion: Conclusion, done_on: dt.date | None = None, user=None):
    c = Conclusion.objects.select_for_update().get(pk=conclusion.pk)
    c.done_on = done_on or timezone.localdate()
    c._history_user = user
    c.save()
    return c


@transaction.atomic
def conclusion_remove(*, conclusion: Conclusion, user=None) -> None:
    """Remove a requirement recorded by mistake; its history keeps what it was."""
    c = Conclusion.objects.select_for_update().get(pk=conclusion.pk)
    c._history_user = user
    c.delete()


# --- photos -------------------------------------------------------------------------------
def check_image(upload) -> str:
    """The content type of an uploaded photo; ValidationError when it is too big, not named
    as a web image, or not one (read by Pillow, not trusted from the name or the browser)."""
    return check_upload(upload, extensions=PHOTO_EXTENSIONS, refused=MSG_NOT_IMAGE).content_type


@transaction.atomic
def photo_add(*, conference: Conference, upload, caption: str = "", user=None) -> Photo:
    content_type = check_image(upload)
    photo = Photo(
        conference=conference,
        image=upload,
        caption=caption.strip()[:300],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    photo._history_user = user
    photo.save()
    return photo


# --- the news article ---------------------------------------------------------------------
@transaction.atomic
def article_draft(*, conference: Conference, byline: str = "", user=None) -> Article:
    """Draft (or re-draft) the article from the record; a published text is kept in history."""
    from ctct.conferences.news import draft, headline
    from ctct.conferences.selectors import news_input

    n = news_input(conference, byline=byline)
    article = Article.objects.select_for_update().filter(conference=conference).first()
    if article is None:
        article = Article(conference=conference)
    article.headline = headline(n)[:300]
    article.text = draft(n)
    article.byline = byline
    article.status = ArticleStatus.DRAFT
    article._history_user = user
    article.save()
    return article


@transaction.atomic
def article_update(
    *, article: Article, text: str, headline: str = "", byline: str = "", user=None
) -> Article:
    a = Article.objects.select_for_update().get(pk=article.pk)
    if not text.strip():
        raise ValidationError({"text": ValidationError(MSG_EMPTY_TEXT, code="empty")})
    a.text, a.headline, a.byline = text.strip(), headline.strip()[:300], byline.strip()[:120]
    a.status = ArticleStatus.DRAFT
    a._history_user = user
    a.save()
    return a


@transaction.atomic
def article_publish(*, article: Article, user=None) -> Article:
    a = Article.objects.select_for_update().get(pk=article.pk)
    if a.status == ArticleStatus.PUBLISHED:
        raise ValidationError(MSG_PUBLISHED, code="published")
    if not a.text.strip():
        raise ValidationError(MSG_EMPTY_TEXT, code="empty")
    a.status = ArticleStatus.PUBLISHED
    a.published_at = timezone.now()
    a.published_by = user
    a._history_user = user
    a.save()
    return a
