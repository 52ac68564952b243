"""The conference picker: a conference record chosen by typing words of its kind, body or
date (the conference that adopted a resolution, the one a progress entry rests on)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.conferences.models import Conference
from ctct.conferences.periods import period_words
from ctct.conferences.selectors import conferences_in_scope
from ctct.core.pickers import Choice, PickerKind
from ctct.core.treepaths import subtree_q
from ctct.text.normalize import fold

# How many recent conferences a typed text is matched against.
SCAN_LIMIT = 2000


def _words(conf: Conference) -> str:
    return " " + fold(
        " ".join(
            [
                conf.get_kind_display(),
                conf.title or "",
                conf.body.name,
                period_words(conf.period) if conf.period else "",
                f"{conf.held_on:%d/%m/%Y} {conf.held_on.year}",
            ]
        )
    )


def conference_choices(conferences: list[Conference]) -> list[Choice]:
    return [
        Choice(
            pk=c.pk,
            label=f"{c.get_kind_display()} · {c.held_on:%d/%m/%Y}",
            detail=" · ".join(x for x in [c.title, c.body.name] if x),
            obj=c,
        )
        for c in conferences
    ]


class ConferenceKind(PickerKind):
    name = "conference"
    actions = frozenset({"view"})
    placeholder = _("Type its kind, body or date…")

    def _visible(self, request, within: int | None):
        qs = conferences_in_scope(request.scope).select_related("body")
        if within is not None:
            root = Body.objects.filter(pk=within).first()
            if root is None:
                return qs.none()
            qs = qs.filter(subtree_q(root.path, "body_"))
        return qs

    def search(self, request, query, *, action, limit, within=None):
        tokens = fold(query).split()
        if not tokens:
            return []
        found = []
        for conf in self._visible(request, within).order_by("-held_on", "-id")[:SCAN_LIMIT]:
            words = _words(conf)
            if all(f" {t}" in words for t in tokens):
                found.append(conf)
                if len(found) >= limit:
                    break
        return conference_choices(found)

    def get(self, request, pk, *, action, within=None):
        conf = self._visible(request, within).filter(pk=pk).first()
        return conference_choices([conf])[0] if conf else None
