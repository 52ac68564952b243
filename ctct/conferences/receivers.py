from django.db.models import OuterRef, Subquery

from ctct.bodies.models import Body
from ctct.core.treepaths import subtree_q


def refresh_conference_paths(sender, body: Body, **kwargs) -> None:
    """Conferences copy their body's path for the calendar's range scan; follow a move."""
    from ctct.conferences.models import Conference

    moved = Body.objects.filter(subtree_q(body.path)).values("pk")
    Conference.objects.filter(body_id__in=moved).update(
        body_path=Subquery(Body.objects.filter(pk=OuterRef("body_id")).values("path")[:1])
    )
