"""Awards announced at a conference ("Ban Thường vụ Đảng ủy Quân khu tặng Bằng khen ..."):
an ``AwardDecision`` in state "announced" that names the conference, the giver and the award
as written when they are not a body or a kind held here, and its recipients.

Written by the conference page's awards panel (``award_announce``, ``award_unannounce``) and
by imports after review (``award_announced_build``); read by the conference's news draft and
record (``conferences.announced``), the review report (``resolutions.review_sections``) and
the search ("award").
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.conferences.models import Conference
from ctct.core.treepaths import subtree_q
from ctct.people.models import Person
from ctct.ratings.models import Award, AwardDecision

MSG_AWARD_TWICE = _("This award to %(name)s is already recorded.")
MSG_AWARD_RECIPIENT = _("Name who received the award (a person, a body, or a group).")
MSG_AWARD_NAME = _("Write the name of the award.")
MSG_AWARD_KIND = _("Choose the kind of award.")

AWARDS_KEY = "awards"
AWARDS_TITLE = "Khen thưởng"


class AnnouncedKind(models.TextChoices):
    BANG_KHEN = "bang_khen", _("Certificate of merit (Bằng khen)")
    GIAY_KHEN = "giay_khen", _("Certificate of commendation (Giấy khen)")
    OTHER = "other", _("Other")


AWARD_WORDS = {AnnouncedKind.BANG_KHEN: "Bằng khen", AnnouncedKind.GIAY_KHEN: "Giấy khen"}


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def _award_name(kind: str, kind_text: str) -> str:
    if kind not in AnnouncedKind.values:
        raise ValidationError({"kind": ValidationError(MSG_AWARD_KIND, code="kind")})
    if kind == AnnouncedKind.OTHER:
        if not kind_text.strip():
            raise ValidationError({"kind_text": ValidationError(MSG_AWARD_NAME, code="award_name")})
        return kind_text.strip()[:200]
    return AWARD_WORDS[kind]


def _recipient_refused():
    return ValidationError(
        {"recipient_name": ValidationError(MSG_AWARD_RECIPIENT, code="recipient")}
    )


def announced_at(conference) -> models.QuerySet:
    """The awards announced at ``conference``, in the order recorded (one query)."""
    return (
        Award.objects.filter(decision__conference=conference)
        .select_related("decision")
        .order_by("id")
    )


# --- services -------------------------------------------------------------------------------
@transaction.atomic
def award_announce(
    *,
    conference: Conference,
    kind: str,
    issuer: str,
    kind_text: str = "",
    person: Person | None = None,
    body: Body | None = None,
    recipient_name: str = "",
    reason: str = "",
    user=None,
) -> Award:
    """Record an award announced at ``conference``: under its announced decision of that
    giver and award (made on first use), once per recipient and reason."""
    name = _award_name(kind, kind_text)
    if not recipient_name.strip():
        recipient_name = str(person) if person else (body.name if body else "")
    if not recipient_name.strip():
        raise _recipient_refused()
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    issuer = issuer.strip()
    key = [_same(v) for v in (name, recipient_name, issuer, reason)]
    for other in announced_at(conference):
        d = other.decision
        if key == [
            _same(v) for v in (d.award_name, other.recipient_name, d.giver_label, other.reason)
        ]:
            raise ValidationError(
                {
                    "recipient_name": ValidationError(
                        MSG_AWARD_TWICE, code="twice", params={"name": recipient_name.strip()}
                    )
                }
            )
    decision = _announced_decision(conference, issuer, name)
    if decision is None:
        decision = AwardDecision(
            conference=conference,
            giver_name=issuer,
            kind_name=name,
            year=conference.held_on.year,
            state=AwardDecision.State.ANNOUNCED,
        )
        decision._history_user = user
        decision.save()
    a = Award(
        decision=decision,
        person=person,
        body=body,
        recipient_name=recipient_name.strip(),
        reason=reason.strip(),
        source=Award.Source.MANUAL,
    )
    a.full_clean()
    a._history_user = user
    a.save()
    return a


def award_announced_build(
    *,
    conference: Conference,
    kind: str,
    recipient_name: str,
    issuer: str = "",
    kind_text: str = "",
    person_id: int | None = None,
    decisions: dict | None = None,
    user=None,
) -> Award | None:
    """A checked, unsaved award read from a report, for a bulk import that saves many
    together: its decision (unsaved when new, shared through ``decisions`` by giver and award
    within one conference) is ``award.decision``; save the decisions first. A saved
    conference's announced decision of the same giver and award (recorded by hand, or by an
    earlier report) is taken, not made twice: one query per giver and award, and one for the
    recipients it names. None when the decision names this recipient already (the report
    read again, or a name written twice): nothing to add."""
    name = _award_name(kind, kind_text)
    if not recipient_name.strip():
        raise _recipient_refused()
    key = (id(conference), _same(issuer), _same(name))
    named = (decisions if decisions is not None else {}).setdefault(("named", *key), set())
    decision = decisions.get(key) if decisions is not None else None
    if decision is None and conference.pk is not None:
        decision = _announced_decision(conference, issuer, name)
        if decision is not None:
            named.update(_same(n) for n in decision.awards.values_list("recipient_name", flat=True))
            if decisions is not None:
                decisions[key] = decision
    if _same(recipient_name) in named:
        return None
    named.add(_same(recipient_name))
    if decision is None:
        decision = AwardDecision(
            conference=conference,
            giver_name=issuer,
            kind_name=name,
            year=conference.held_on.year,
            state=AwardDecision.State.ANNOUNCED,
        )
        if decisions is not None:
            decisions[key] = decision
    a = Award(
        decision=decision,
        person_id=person_id,
        recipient_name=recipient_name,
        source=Award.Source.IMPORTED,
    )
    a._history_user = user
    return a


def _announced_decision(conference: Conference, issuer: str, name: str) -> AwardDecision | None:
    """The conference's announced decision of this giver and award, names compared as
    ``_same`` does (one query)."""
    return next(
        (
            d
            for d in AwardDecision.objects.filter(
                conference=conference, state=AwardDecision.State.ANNOUNCED
            ).order_by("id")
            if _same(d.giver_name) == _same(issuer) and _same(d.kind_name) == _same(name)
        ),
        None,
    )


@transaction.atomic
def award_unannounce(*, award: Award, user=None) -> None:
    """Remove an award recorded by mistake (its history keeps what it was); an announced
    decision left with no recipient goes with it."""
    a = Award.objects.select_for_update().select_related("decision").get(pk=award.pk)
    decision = a.decision
    a._history_user = user
    a.delete()
    if decision.state == AwardDecision.State.ANNOUNCED and not decision.awards.exists():
        decision._history_user = user
        decision.delete()


# --- readers of lower apps ------------------------------------------------------------------
def conference_lines(conference):
    """``conferences.announced`` provider: the conference's award lines."""
    from ctct.conferences.announced import AwardLine

    return [
        AwardLine(a.decision.award_name, a.decision.giver_label, a.recipient_name, a.reason)
        for a in announced_at(conference)
    ]


def review_lines(body: Body, start: dt.date, end: dt.date) -> list[str] | None:
    """``resolutions.review_sections`` provider: the awards announced at the conferences of
    the subtree held in the period (one query)."""
    awards = (
        Award.objects.filter(subtree_q(body.path, "decision__conference__body_"))
        .filter(decision__conference__held_on__gte=start, decision__conference__held_on__lte=end)
        .select_related("decision")
        .order_by("decision__conference__held_on", "decision__conference_id", "id")
    )
    lines = []
    for a in awards:
        d = a.decision
        line = f"{d.giver_label} tặng {d.award_name} cho {a.recipient_name}"
        lines.append((f"{line} {a.reason}".strip() if a.reason else line) + ".")
    return lines or None
