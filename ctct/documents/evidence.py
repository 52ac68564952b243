"""What can evidence a recipient's step: records kept by the apps above documents.

A body disseminates a directive at one of its conferences; the conference record lives in an
app that sits above documents (it links to documents and recipients), so documents never
imports it. That app describes its records with a ``StepEvidence`` subclass and registers it
from its ``AppConfig.ready()``; the step page then offers the body's records through
``for_step``, ``recipient_advance`` links the chosen one through it, and the document's page
lists the records that evidenced its steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctct.documents.models import Document, Recipient


@dataclass(frozen=True)
class Shown:
    """One record as the document's page lists it: a link and its text."""

    url: str
    text: str


class StepEvidence:
    """What one kind of record offers as evidence of a step. Subclasses live in the app that
    owns the records; ``record`` is always one of the app's own rows."""

    # The step (a ``documents.models.Step`` value) the records evidence.
    step: int = 0

    def candidates(
        self, recipient: Recipient, *, today: dt.date | None = None, limit: int = 50
    ) -> list[Any]:
        """The records that can have evidenced the step for ``recipient``, latest first."""
        raise NotImplementedError

    def choice_label(self, record: Any) -> str:
        """How a record reads in the step form's list."""
        return str(record)

    def body_id(self, record: Any) -> int:
        """The body the record belongs to: only that body's own records evidence its step."""
        raise NotImplementedError

    def day(self, record: Any) -> dt.date:
        """The day the record gives the step."""
        raise NotImplementedError

    def link(self, *, recipient: Recipient, record: Any, user=None) -> str:
        """Record in the owning app that ``record`` evidenced ``recipient``'s step (the
        caller has checked the body); returns the note the step keeps."""
        raise NotImplementedError

    def shown(self, document: Document, *, scope, limit: int = 50) -> list[Shown]:
        """The records that evidenced the step for ``document``, as its page lists them:
        only those ``scope`` may view."""
        raise NotImplementedError


_BY_STEP: dict[int, StepEvidence] = {}


def register(evidence: StepEvidence) -> StepEvidence:
    """Make ``evidence`` the records offered for its step (call from ready())."""
    if not evidence.step:
        raise ValueError("step evidence needs a step")
    _BY_STEP[evidence.step] = evidence
    return evidence


def for_step(step: int) -> StepEvidence | None:
    """The evidence registered for ``step``, or None when no app offers any."""
    return _BY_STEP.get(step)


def candidates(recipient: Recipient, step: int, **kwargs) -> list[Any]:
    """The records that can evidence ``step`` for ``recipient`` (none without a provider)."""
    evidence = for_step(step)
    return evidence.candidates(recipient, **kwargs) if evidence else []


def shown(document: Document, step: int, *, scope, limit: int = 50) -> list[Shown]:
    """The records that evidenced ``step`` for ``document`` that ``scope`` may view."""
    evidence = for_step(step)
    return evidence.shown(document, scope=scope, limit=limit) if evidence else []
