"""Builders of review reports for tests, through the review services::

review = make_review(body=region, period="2025")          # a conference recorded first
make_review_version(review=review, limitations="Chưa ...")
"""

from __future__ import annotations

import datetime as dt

from ctct.bodies.models import Body
from ctct.conferences.models import Kind
from ctct.conferences.services import conference_create
from ctct.resolutions.models import Review, ReviewKind, ReviewVersion
from ctct.resolutions.review_services import review_create, review_has_data, review_save


def make_review(
    *,
    body: Body,
    period: str = "2025",
    kind: str = ReviewKind.TONG_KET,
    dated: dt.date | None = None,
    user=None,
    **fields,
) -> Review:
    """The review of ``body`` for ``period`` (a final review of 2025 unless told otherwise).
    When the body has nothing recorded for the period, a conference of it is recorded first
    (a review of a period with no data is refused)."""
    if not review_has_data(body, period):
        from ctct.resolutions.services import period_span

        start, _end = period_span(period)
        conference_create(body=body, kind=Kind.THUONG_KY, held_on=start, user=user)
    return review_create(
        body=body,
        period=period,
        kind=kind,
        dated=dated or dt.date(2025, 12, 20),
        user=user,
        **fields,
    )


def make_review_version(*, review: Review, user=None, **sections) -> ReviewVersion:
    """The review's next version with ``sections`` (strengths, limitations, ...) written."""
    latest = review.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return review_save(review=review, based_on=latest, user=user, **sections)
