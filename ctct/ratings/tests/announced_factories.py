"""Builders of awards announced at a conference, for tests, through the ratings service::

make_award(conference=conf, body=cell)
"""

from __future__ import annotations

from ctct.bodies.models import Body
from ctct.conferences.models import Conference
from ctct.core.tests.factories import unique
from ctct.people.models import Person
from ctct.ratings.announced import AnnouncedKind, award_announce
from ctct.ratings.models import Award


def make_award(
    *,
    conference: Conference,
    kind: str = AnnouncedKind.GIAY_KHEN,
    issuer: str = "Đảng ủy Lữ đoàn 657",
    person: Person | None = None,
    body: Body | None = None,
    recipient_name: str = "",
    user=None,
    **fields,
) -> Award:
    """An award presented at ``conference`` to ``person``, ``body`` or ``recipient_name``;
    naming none of them, to a group of its own ("Tập thể <n>")."""
    if person is None and body is None and not recipient_name:
        recipient_name = f"Tập thể {unique()}"
    return award_announce(
        conference=conference,
        kind=kind,
        issuer=issuer,
        person=person,
        body=body,
        recipient_name=recipient_name,
        user=user,
        **fields,
    )
