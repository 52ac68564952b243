"""The next step of each body's congress preparation, in the "Đến hạn" list of documents.

A preparation keeps the deadline of its next step (``Preparation.next_deadline``), so what
falls due is one range read (``selectors.due_preparations``); documents lists it beside the
directive steps and the target entries through ``ctct.documents.due``, registered in
``CongressesConfig.ready()``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.congresses import rules as r
from ctct.congresses.selectors import due_preparations
from ctct.documents import due

WHAT = {
    r.PLAN: _("Adopt the congress plan"),
    r.PAPERS: _("Send the congress papers up"),
    r.REVIEW: _("Superior's review of the papers"),
    r.HELD: _("Hold the congress"),
    r.REPORTED: _("Report the congress results"),
}


class PreparationDue(due.DueSource):
    """The next step of a body's preparation for its congress."""

    name = "congress"
    label = _("Congress preparation")
    order = 20
    noun = "congress steps"

    def due(self, scope, *, today, within_days, limit, under=None) -> due.Batch:
        rows, total = due_preparations(
            scope, today=today, within_days=within_days, limit=limit, under=under
        )
        items = [
            due.Reminder(
                kind=self.name,
                kind_label=self.label,
                body=prep.body,
                what=WHAT[prep.stage],
                title=_("Congress, term %(term)s") % {"term": prep.term_label},
                detail=_("Planned opening %(date)s") % {"date": f"{prep.planned_on:%d/%m/%Y}"},
                deadline=prep.next_deadline,
                days_left=(prep.next_deadline - today).days,
                url=_preparation_url(prep),
                source=prep,
            )
            for prep in rows
        ]
        return due.Batch(items=items, total=total)


def _preparation_url(prep) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("congresses:preparation", args=[prep.pk])
    except NoReverseMatch:
        return prep.body.get_absolute_url()


def register_due() -> None:
    due.register(PreparationDue())
