"""Builders of conferences and what they record for tests, through the conference services::

conf = make_conference(
    body=brigade, participants=[(superior, "directed"), (commissar, "chair")]
)
make_conclusion(conference=conf, assignee=cell, due_on=D(2025, 9, 30))
make_article(conference=conf, publish=True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ctct.bodies.models import Body
from ctct.conferences.models import (
    Article,
    Conclusion,
    Conference,
    Kind,
    Participant,
    Role,
)
from ctct.conferences.services import (
    article_draft,
    article_publish,
    conclusion_add,
    conference_create,
    participant_add,
)
from ctct.core.tests.factories import unique
from ctct.people.models import Person

HELD_ON = dt.date(2025, 6, 20)


def make_conference(
    *,
    body: Body,
    kind: str = Kind.SO_KET,
    held_on: dt.date = HELD_ON,
    participants: Iterable[tuple[Person, str]] = (),
    user=None,
    **fields,
) -> Conference:
    """A conference held by ``body`` (an interim review on 20/6/2025 unless told otherwise),
    with ``participants`` given as (person, role) pairs, added in that order."""
    conference = conference_create(body=body, kind=kind, held_on=held_on, user=user, **fields)
    for person, role in participants:
        participant_add(conference=conference, person=person, role=role, user=user)
    return conference


def make_participant(
    *,
    conference: Conference,
    role: str = Role.ATTENDED,
    person: Person | None = None,
    user=None,
    **fields,
) -> Participant:
    """``person`` at ``conference`` in ``role``; without a person, a guest with a name of
    their own ("Khách mời <n>")."""
    if person is None:
        fields.setdefault("full_name", f"Khách mời {unique()}")
        fields.setdefault("is_guest", True)
    return participant_add(conference=conference, role=role, person=person, user=user, **fields)


def make_conclusion(
    *,
    conference: Conference,
    text: str | None = None,
    assignee: Body | None = None,
    due_on: dt.date | None = None,
    user=None,
) -> Conclusion:
    """A requirement the conference set ("Rà soát chỉ tiêu <n>"), for ``assignee`` by
    ``due_on`` when given."""
    return conclusion_add(
        conference=conference,
        text=text or f"Rà soát chỉ tiêu {unique()}",
        assignee=assignee,
        due_on=due_on,
        user=user,
    )


def make_article(
    *, conference: Conference, byline: str = "", publish: bool = False, user=None
) -> Article:
    """The news article drafted from the conference's record; published when asked."""
    article = article_draft(conference=conference, byline=byline, user=user)
    if publish:
        article = article_publish(article=article, user=user)
    return article
