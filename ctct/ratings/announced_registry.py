"""What the announced awards give lower apps: the awards panel of a conference's page, the
award lines of its news draft and record, the review report's awards section and the search's
"award" kind."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def conference_panel(request: HttpRequest, conference) -> dict:
    from ctct.ratings.announced import announced_at
    from ctct.ratings.announced_forms import AnnounceForm

    return {
        "awards": list(announced_at(conference)),
        "can_edit": request.scope.allows("edit_conferences", conference.body),
        "form": AnnounceForm(initial={"issuer": conference.body.name, "kind": "giay_khen"}),
    }


def award_entries(queryset):
    from ctct.core.findable import Entry

    for a in queryset.filter(decision__conference__isnull=False).select_related(
        "decision__conference__body"
    ):
        d = a.decision
        c = d.conference
        yield Entry(
            object_id=a.pk,
            title=f"{d.award_name} · {a.recipient_name}",
            url_name="conferences:detail",
            url_args=(c.pk,),
            text=" ".join(x for x in (a.reason, d.giver_label) if x),
            detail=" · ".join(x for x in (c.title, c.body.name) if x),
            keywords=(c.title,),
            paths=(c.body.path,),
            owner_path=c.body.path,
            date=c.held_on,
            type=a.source,
            subkind=c.kind,
        )


def register() -> None:
    from ctct.bodies.models import Body
    from ctct.conferences import announced as conference_awards
    from ctct.core import panels
    from ctct.core.findable import Findable, Shows
    from ctct.core.findable import register as register_findable
    from ctct.core.treepaths import subtree_q
    from ctct.ratings import announced
    from ctct.ratings.models import Award
    from ctct.resolutions import review_sections

    panels.register(
        "conference",
        name="awards",
        order=20,
        template="ratings/announced/_conference_panel.html",
        context=conference_panel,
    )
    conference_awards.register(announced.conference_lines)
    review_sections.register(announced.AWARDS_KEY, announced.AWARDS_TITLE, announced.review_lines)
    register_findable(
        Findable(
            kind="award",
            model=Award,
            entries=award_entries,
            label=_("Awards"),
            order=27,
            shows=(
                Shows(
                    Body,
                    ("name", "unit_name"),
                    lambda b: Award.objects.filter(decision__conference__body=b).values("pk"),
                ),
            ),
            under=lambda path: Award.objects.filter(
                subtree_q(path, "decision__conference__body__")
            ).values_list("pk", flat=True),
        )
    )
