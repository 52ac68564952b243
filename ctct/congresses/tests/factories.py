"""Builders for congress tests: a round opened over a tree, preparations moved to a step."""

from __future__ import annotations

import datetime as dt

from ctct.congresses import rules as r
from ctct.congresses import services
from ctct.congresses.models import Preparation

OPENED_ON = dt.date(2024, 11, 3)


def open_round(*, body, term_label: str = "2025-2030", pilots=(), user=None, **kwargs):
    """A round of ``body``'s subtree, from a directive ``body`` issues."""
    from ctct.documents.tests.factories import make_document

    directive = make_document(issuer=body, type_code="CT", title="Về đại hội đảng các cấp")
    rnd, _n = services.round_open(
        body=body,
        directive=directive,
        term_label=term_label,
        opened_on=OPENED_ON,
        pilots=pilots,
        user=user,
        **kwargs,
    )
    return rnd


def prep_of(rnd, body) -> Preparation:
    return Preparation.objects.get(round=rnd, body=body)


def bring_to(prep: Preparation, stage: int, *, user=None) -> Preparation:
    """Do the steps of ``prep`` up to ``stage`` (the plan, the papers, an approved review)."""
    prep.refresh_from_db()
    early = prep.planned_on - dt.timedelta(days=120)
    while prep.stage < stage:
        if prep.stage == r.REVIEW:
            services.review_decide(
                preparation=prep, approved=True, decided_on=early + dt.timedelta(days=30), user=user
            )
        else:
            services.step_done(preparation=prep, kind=prep.stage, done_on=early, user=user)
        prep.refresh_from_db()
    return prep
