"""A body's conference as the evidence of its "disseminated" step (registered in ready())."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ctct.conferences.models import Conference, ConferenceDocument
from ctct.conferences.services import conference_document_link
from ctct.documents.evidence import Shown, StepEvidence
from ctct.documents.models import Step


class ConferenceEvidence(StepEvidence):
    step = Step.DISSEMINATED

    def candidates(self, recipient, *, today: dt.date | None = None, limit: int = 50):
        """The conference records that can have disseminated the document to the
        recipient's body: held by that body, between the document's date and today, latest
        first."""
        today = today or timezone.localdate()
        qs = Conference.objects.filter(body=recipient.body_id, held_on__lte=today)
        if recipient.document.issued_on:
            qs = qs.filter(held_on__gte=recipient.document.issued_on)
        return list(qs.select_related("body").order_by("-held_on", "-id")[:limit])

    def body_id(self, record: Conference) -> int:
        return record.body_id

    def day(self, record: Conference) -> dt.date:
        return record.held_on

    def link(self, *, recipient, record: Conference, user=None) -> str:
        conference_document_link(conference=record, recipient=recipient, user=user)
        return str(record)

    def shown(self, document, *, scope, limit: int = 50) -> list[Shown]:
        """The conferences that disseminated ``document``, latest first, that ``scope`` may
        view."""
        links = (
            ConferenceDocument.objects.filter(document=document)
            .select_related("conference__body")
            .order_by("-conference__held_on")[:limit]
        )
        return [
            Shown(
                url=link.conference.get_absolute_url(),
                text=f"{link.conference.held_on:%d/%m/%Y} · {link.conference.body.name}",
            )
            for link in links
            if scope.allows("view", link.conference.body)
        ]
