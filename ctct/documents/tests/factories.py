"""Builders of documents, their addressing and their recipients' steps for tests, through
``document_issue`` / ``document_draft`` / ``document_register``, ``distribution_create`` and
``recipient_advance``::

    directive = make_document(issuer=region, subtree_of=region, reported_by=D(2025, 12, 1))
    advance_recipient(recipient=recipient_of(document=directive, body=cell), to=Step.REPORTED)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ctct.bodies.models import Body
from ctct.core.tests.factories import unique
from ctct.documents.models import Document, Recipient, Step
from ctct.documents.services import (
    DEADLINE_FIELDS,
    distribution_create,
    document_draft,
    document_issue,
    document_register,
    recipient_advance,
)

ISSUED_ON = dt.date(2025, 9, 10)


def make_document(
    *,
    issuer: Body,
    type_code: str = "CT",
    title: str | None = None,
    issued_on: dt.date | None = ISSUED_ON,
    addressed_to: Iterable[Body] = (),
    subtree_of: Body | None = None,
    depth: int | None = None,
    user=None,
    **fields,
) -> Document:
    """A document of ``issuer`` (a directive unless ``type_code`` says otherwise), issued on
    ``issued_on`` with the next number of its series, or a draft when that is None.

    Addressed, when asked, to the bodies ``addressed_to`` and/or the subtree ``subtree_of``
    (to ``depth``); deadlines (``received_by``, ``reported_by``, ...) go with the addressing.
    """
    deadlines = {f: fields.pop(f) for f in DEADLINE_FIELDS if f in fields}
    addressed_to = list(addressed_to)
    if deadlines and not (addressed_to or subtree_of):
        raise TypeError("deadlines belong to an addressing: name addressed_to or subtree_of")
    fields.update(
        issuer=issuer, type_code=type_code, title=title or f"Về nhiệm vụ {unique()}", user=user
    )
    if issued_on is None:
        document = document_draft(**fields)
    else:
        document = document_issue(issued_on=issued_on, **fields)
    if addressed_to or subtree_of:
        distribution_create(
            document=document,
            bodies=addressed_to,
            subtree_of=subtree_of,
            depth=depth,
            user=user,
            **deadlines,
        )
    return document


def make_registered_document(
    *,
    citation: str | None = None,
    issuer: Body | None = None,
    issuer_name: str = "",
    registered_in: Body | None = None,
    **fields,
) -> Document:
    """A document that already has its number: by default a Central Committee directive
    ("Chỉ thị số <n>-CT/TW") in the register of ``registered_in``; with ``issuer``, an old
    plan of that body ("Kế hoạch số <n>-KH/<its symbol>")."""
    if citation is None:
        n = unique()
        citation = f"Kế hoạch số {n}-KH/{issuer.symbol}" if issuer else f"Chỉ thị số {n}-CT/TW"
    if issuer is None and not issuer_name:
        issuer_name = "Ban Bí thư"
    return document_register(
        citation=citation,
        issuer=issuer,
        issuer_name=issuer_name,
        registered_in=registered_in,
        **fields,
    )


def recipient_of(*, document: Document, body: Body) -> Recipient:
    """Where ``body`` stands with ``document`` (it must have been addressed)."""
    return Recipient.objects.get(document=document, body=body)


def advance_recipient(
    *,
    recipient: Recipient,
    to: int,
    user=None,
    when: dt.datetime | None = None,
    reason: str = "Không thuộc đối tượng thực hiện",
) -> Recipient:
    """Take ``recipient`` through each step up to ``to``, with what each one needs: a note of
    the conference that disseminated it, the body's own plan and its report. ``to`` may be
    ``Step.NOT_APPLICABLE`` (with ``reason``)."""
    if to == Step.NOT_APPLICABLE:
        return recipient_advance(recipient=recipient, step=to, user=user, when=when, reason=reason)
    body = recipient.body
    for step in range(recipient.step + 1, to + 1):
        evidence = {}
        if step == Step.DISSEMINATED:
            evidence["conference_note"] = "Hội nghị quán triệt"
        elif step == Step.CONCRETIZED:
            evidence["implementing_document"] = make_registered_document(
                citation=f"Kế hoạch số {unique()}-KH/{body.symbol}", issuer=body
            )
        elif step == Step.REPORTED:
            evidence["report_document"] = make_registered_document(
                citation=f"Báo cáo số {unique()}-BC/{body.symbol}", issuer=body
            )
        recipient = recipient_advance(
            recipient=recipient, step=step, user=user, when=when, **evidence
        )
    return recipient
