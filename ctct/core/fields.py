"""Model fields the apps share."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def actor_fk(label) -> models.ForeignKey:
    """Who did something (recorded, decided, closed ...): kept as None when the account is
    deleted, with no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
