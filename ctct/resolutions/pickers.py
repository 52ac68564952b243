"""Pickers of resolutions and targets, chosen by typing words of their title, body or period.

``target``: a target (chỉ tiêu) held by, or handed to, a body the user may act on (entering
progress by default: a figure read from a report becomes an entry of the target chosen);
``within`` narrows it to the targets held by or handed to the bodies of one branch.
``resolution``: a resolution of a body the user may act on (editing resolutions by default:
the one a conference adopted); ``within`` narrows it to the resolutions of one branch.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body
from ctct.conferences.periods import period_words
from ctct.core.pickers import Choice, PickerKind
from ctct.core.treepaths import subtree_q
from ctct.resolutions.models import Resolution, Target, TargetAssignment
from ctct.text.normalize import fold

# How many of the newest targets (resolutions) a typed text is matched against.
SCAN_LIMIT = 2000


def _branch(within: int | None) -> Body | None | bool:
    """The body whose branch limits a choice; None when no branch is asked; False when the
    body asked for does not exist (nothing is offered)."""
    if within is None:
        return None
    return Body.objects.filter(pk=within).first() or False


def target_choices(targets: list[Target]) -> list[Choice]:
    return [
        Choice(
            pk=t.pk,
            label=t.title,
            detail=" · ".join(
                [t.resolution.title, t.resolution.body.name, str(period_words(t.period))]
            ),
            obj=t,
        )
        for t in targets
    ]


def resolution_choices(resolutions: list[Resolution]) -> list[Choice]:
    return [
        Choice(
            pk=r.pk,
            label=r.title,
            detail=" · ".join([r.body.name, str(period_words(r.period))]),
            obj=r,
        )
        for r in resolutions
    ]


def _matches(tokens: list[str], *parts: str) -> bool:
    words = " " + fold(" ".join(parts))
    return all(f" {t}" in words for t in tokens)


class TargetKind(PickerKind):
    name = "target"
    default_action = "enter_progress"
    actions = frozenset({"enter_progress", "edit_resolutions", "view"})
    placeholder = _("Type words of the target, its resolution or body…")

    def _visible(self, request, action: str, within: int | None):
        scope = request.scope
        held = scope.body_q(action, "resolution__body__")
        handed = TargetAssignment.objects.filter(scope.body_q(action, "body__"))
        root = _branch(within)
        if root is False:
            return Target.objects.none()
        if root is not None:
            held &= subtree_q(root.path, "resolution__body__")
            handed = handed.filter(subtree_q(root.path, "body__"))
        return Target.objects.filter(held | Q(pk__in=handed.values("target"))).select_related(
            "resolution__body"
        )

    def search(self, request, query, *, action, limit, within=None):
        tokens = fold(query).split()
        if not tokens:
            return []
        found = []
        rows = self._visible(request, action, within).order_by("-period", "resolution_id", "order")
        for t in rows[:SCAN_LIMIT]:
            if _matches(
                tokens,
                t.title,
                t.resolution.title,
                t.resolution.body.name,
                str(period_words(t.period)),
                t.period,
            ):
                found.append(t)
                if len(found) >= limit:
                    break
        return target_choices(found)

    def get(self, request, pk, *, action, within=None):
        target = self._visible(request, action, within).filter(pk=pk).first()
        return target_choices([target])[0] if target else None


class ResolutionKind(PickerKind):
    name = "resolution"
    default_action = "edit_resolutions"
    actions = frozenset({"edit_resolutions", "view"})
    placeholder = _("Type words of its title, body or period…")

    def _visible(self, request, action: str, within: int | None):
        qs = request.scope.filter(Resolution.objects.select_related("body"), "body", action)
        root = _branch(within)
        if root is False:
            return qs.none()
        if root is not None:
            qs = qs.filter(subtree_q(root.path, "body__"))
        return qs

    def search(self, request, query, *, action, limit, within=None):
        tokens = fold(query).split()
        if not tokens:
            return []
        found = []
        for r in self._visible(request, action, within).order_by("-period", "-id")[:SCAN_LIMIT]:
            if _matches(tokens, r.title, r.body.name, str(period_words(r.period)), r.period):
                found.append(r)
                if len(found) >= limit:
                    break
        return resolution_choices(found)

    def get(self, request, pk, *, action, within=None):
        resolution = self._visible(request, action, within).filter(pk=pk).first()
        return resolution_choices([resolution])[0] if resolution else None


def register_pickers() -> None:
    from ctct.core.pickers import register

    register(TargetKind())
    register(ResolutionKind())
