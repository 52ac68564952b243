"""``{% body_conferences body %}``: the conferences section of a body's page."""

from django import template
from django.utils import timezone

from ctct.conferences import selectors

register = template.Library()


@register.inclusion_tag("conferences/_body_section.html", takes_context=True)
def body_conferences(context, body):
    request = context["request"]
    today = timezone.localdate()
    return {
        "body": body,
        "owed": selectors.owed_conferences(body, today=today, scope=request.scope),
        "can_edit": request.scope.allows("edit_conferences", body),
        **selectors.body_conferences(body, today=today, limit=5),
    }
