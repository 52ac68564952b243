from django.db.models import OuterRef, Subquery

from ctct.bodies.models import Body
from ctct.core.treepaths import subtree_q


def refresh_recipient_paths(sender, body: Body, **kwargs) -> None:
    """Recipients copy their body's path for fast roll-ups; follow a move of the tree."""
    from ctct.documents.models import Recipient

    moved = Body.objects.filter(subtree_q(body.path)).values("pk")
    Recipient.objects.filter(body_id__in=moved).update(
        body_path=Subquery(Body.objects.filter(pk=OuterRef("body_id")).values("path")[:1])
    )
