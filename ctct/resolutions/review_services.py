"""Writes on review reports (báo cáo sơ kết / tổng kết): create one for a body and a period,
save what the staff wrote as a new version, link the numbered report.

Every service validates first and changes nothing when it refuses (a ValidationError with a
code, its message a module constant), runs in a transaction and leaves history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.conferences.models import Conclusion, Conference
from ctct.conferences.periods import period_words
from ctct.core.dates import DateKind, check_date
from ctct.core.errors import field_error
from ctct.core.treepaths import subtree_q
from ctct.documents.models import Document, Recipient
from ctct.resolutions.models import Review, ReviewKind, ReviewVersion, Target, TargetAssignment
from ctct.resolutions.services import _period, period_span

MSG_REVIEW_KIND = _("Choose an interim review (sơ kết) or a final review (tổng kết).")
MSG_REVIEW_NO_DATA = _(
    "%(body)s has nothing recorded for %(period)s: no target, no directive received, no "
    "conference and no requirement. Record them first; a review reports what was done."
)
MSG_REVIEW_EXISTS = _("%(body)s already has this review for %(period)s.")
MSG_REVIEW_STALE = _(
    "Someone saved this review (version %(number)s) while you were writing. What you typed is "
    "kept below: compare it with the latest version, then save again."
)
MSG_REVIEW_DOCUMENT = _("That document was not issued by %(body)s.")
MSG_REVIEW_TOO_LONG = _("A section holds at most %(limit)s characters.")

# A staff section is long prose, but not a book.
SECTION_LIMIT = 50_000
SECTIONS = ("strengths", "limitations", "causes", "lessons", "direction")
KIND_WORDS = {ReviewKind.SO_KET: "sơ kết", ReviewKind.TONG_KET: "tổng kết"}


def default_title(kind: str, period: str) -> str:
    """ "Báo cáo tổng kết công tác lãnh đạo năm 2025"."""
    return f"Báo cáo {KIND_WORDS.get(kind, 'sơ kết')} công tác lãnh đạo {period_words(period)}"


def _span_q(field: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def review_has_data(body: Body, period: str) -> bool:
    """Whether ``body`` has anything a review of ``period`` reports: a target it holds or was
    handed whose period lies in it, a document it received dated in it, a conference held by
    it in it, or a requirement assigned to it or its subtree in it. At most four queries."""
    start, end = period_span(period)
    codes = _codes_within(start, end)
    if (
        Target.objects.filter(resolution__body=body, period__in=codes).exists()
        or TargetAssignment.objects.filter(body=body, target__period__in=codes).exists()
    ):
        return True
    if (
        Recipient.objects.filter(body=body)
        .filter(_span_q("document__issued_on", start, end))
        .exists()
    ):
        return True
    if Conference.objects.filter(body=body).filter(_span_q("held_on", start, end)).exists():
        return True
    return (
        Conclusion.objects.filter(subtree_q(body.path, "assignee__"))
        .filter(_span_q("conference__held_on", start, end))
        .exists()
    )


def _codes_within(start: dt.date, end: dt.date) -> list[str]:
    """Every period code lying within [start, end] (the year's halves, quarters, nine months
    and the year itself, and the terms that fit)."""
    from ctct.conferences.periods import as_period

    out = []
    for year in range(start.year, end.year + 1):
        for code in (
            f"{year}",
            f"{year}-H1",
            f"{year}-H2",
            f"{year}-9M",
            *(f"{year}-Q{q}" for q in range(1, 5)),
        ):
            p = as_period(code)
            if p is not None:
                a, b = p.span()
                if start <= a and b <= end:
                    out.append(code)
    if end.year > start.year:
        out.append(f"{start.year}-{end.year}")
    return out


def within_period(code: str, start: dt.date, end: dt.date) -> bool:
    """Whether the period ``code`` lies within [start, end]."""
    try:
        a, b = period_span(code)
    except (TypeError, ValueError, AttributeError):
        return False
    return start <= a and b <= end


@transaction.atomic
def review_create(
    *,
    body: Body,
    period: str,
    kind: str,
    title: str = "",
    document: Document | None = None,
    place: str = "",
    dated: dt.date | None = None,
    user=None,
) -> Review:
    """Start the review report of ``body`` for ``period`` (typed in words or as a code).

    Refused when the body has nothing recorded for the period (a review reports what was
    done, it does not invent it), or already has this kind of review for it."""
    code = _period(period)
    if kind not in ReviewKind.values:
        raise field_error("kind", MSG_REVIEW_KIND, "kind")
    if document is not None and document.issuer_id != body.pk:
        raise field_error("document", MSG_REVIEW_DOCUMENT, "document_issuer", body=body.name)
    # a report's date may be planned: 3/2/1930 to two years ahead (ctct.core.dates)
    check_date(dated, field="dated", kind=DateKind.PLAN)
    words = period_words(code)
    if Review.objects.filter(body=body, period=code, kind=kind).exists():
        raise field_error("period", MSG_REVIEW_EXISTS, "exists", body=body.name, period=words)
    if not review_has_data(body, code):
        raise field_error("period", MSG_REVIEW_NO_DATA, "no_data", body=body.name, period=words)
    review = Review(
        body=body,
        period=code,
        kind=kind,
        title=" ".join((title or "").split()) or default_title(kind, code),
        document=document,
        place=" ".join((place or "").split()),
        dated=dated or timezone.localdate(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    review.full_clean(exclude=["body", "document", "created_by"], validate_unique=False)
    review._history_user = user
    review.save()
    return review


@transaction.atomic
def review_link_document(*, review: Review, document: Document | None, user=None) -> Review:
    """Link (or unlink, with None) the numbered report (BC) the review was registered as."""
    if document is not None and document.issuer_id != review.body_id:
        raise field_error("document", MSG_REVIEW_DOCUMENT, "document_issuer", body=review.body.name)
    review.document = document
    review._history_user = user
    review.save(update_fields=["document"])
    return review


def previous_review(review: Review) -> Review | None:
    """The body's review of the latest period that ended before this one starts (a final
    review before an interim one of the same period). One query."""
    start, _end = period_span(review.period)
    best, best_key = None, None
    for other in Review.objects.filter(body_id=review.body_id).exclude(pk=review.pk):
        try:
            a, b = period_span(other.period)
        except (TypeError, ValueError, AttributeError):
            continue
        if b >= start:
            continue
        key = (b, a, other.kind == ReviewKind.TONG_KET)
        if best_key is None or key > best_key:
            best, best_key = other, key
    return best


def latest_version(review: Review) -> ReviewVersion | None:
    return review.versions.order_by("-number").first()


def limitation_lines(text: str) -> list[str]:
    """The limitations written one per line (list marks "-", "+", "•" dropped)."""
    out = []
    for line in (text or "").splitlines():
        line = " ".join(line.strip().lstrip("-+•*").split())
        if line and line not in out:
            out.append(line)
    return out


def carried_texts(review: Review) -> list[str]:
    """The limitations the staff answer in this review: those of the previous review's latest
    version, one per line. Two queries at most."""
    prev = previous_review(review)
    if prev is None:
        return []
    version = latest_version(prev)
    return limitation_lines(version.limitations) if version is not None else []


@transaction.atomic
def review_save(
    *,
    review: Review,
    based_on: int,
    strengths: str = "",
    limitations: str = "",
    causes: str = "",
    lessons: str = "",
    direction: str = "",
    outcomes: Mapping[str, str] | None = None,
    token: str = "",
    user=None,
) -> ReviewVersion:
    """Save what the staff wrote as the review's next version.

    ``based_on`` is the version the writer started from (0 for none): when someone saved a
    later one meanwhile the save is refused, so nobody overwrites another's work unseen.
    ``outcomes`` says, for each limitation of the previous review (by its text), what became
    of it. The same form posted twice (its ``token``) gives back the version it made."""
    token = (token or "")[:64].strip()
    if token:
        done = ReviewVersion.objects.filter(token=token, review=review).first()
        if done is not None:
            return done
    texts = {
        "strengths": strengths,
        "limitations": limitations,
        "causes": causes,
        "lessons": lessons,
        "direction": direction,
    }
    for name, text in texts.items():
        if len(text or "") > SECTION_LIMIT:
            raise field_error(name, MSG_REVIEW_TOO_LONG, "too_long", limit=SECTION_LIMIT)
    outcomes = outcomes or {}
    for outcome in outcomes.values():
        if len(outcome or "") > SECTION_LIMIT:
            raise field_error("carried", MSG_REVIEW_TOO_LONG, "too_long", limit=SECTION_LIMIT)
    # Lock the review so two saves racing from the same version make one, the other refused.
    Review.objects.select_for_update().filter(pk=review.pk).first()
    latest = review.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if based_on != latest:
        raise ValidationError(MSG_REVIEW_STALE, code="stale", params={"number": latest})
    carried = [
        {"text": text, "outcome": (outcomes.get(text) or "").strip()}
        for text in carried_texts(review)
    ]
    version = ReviewVersion(
        review=review,
        number=latest + 1,
        carried=carried,
        token=token,
        saved_by=user if getattr(user, "pk", None) else None,
        **{name: (text or "").strip() for name, text in texts.items()},
    )
    version._history_user = user
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        # a save racing this one took the number (or the token) first
        done = ReviewVersion.objects.filter(token=token, review=review).first() if token else None
        if done is not None:
            return done
        raise ValidationError(
            MSG_REVIEW_STALE, code="stale", params={"number": latest + 1}
        ) from None
    return version


__all__ = [
    "MSG_REVIEW_DOCUMENT",
    "MSG_REVIEW_EXISTS",
    "MSG_REVIEW_KIND",
    "MSG_REVIEW_NO_DATA",
    "MSG_REVIEW_STALE",
    "MSG_REVIEW_TOO_LONG",
    "carried_texts",
    "default_title",
    "latest_version",
    "limitation_lines",
    "previous_review",
    "review_create",
    "review_has_data",
    "review_link_document",
    "review_save",
    "within_period",
]
