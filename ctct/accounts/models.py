"""Users, the person each one is, and the roles they hold on bodies.

A role on a body reaches the body's whole subtree. ``ctct.core.scopes`` turns a user's roles
into the one permission layer every view, form, export and API call goes through.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctct.core.scopes import Role
from ctct.core.security import SecurityLevel

__all__ = ["Role", "RoleGrant", "User"]


class User(AbstractUser):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )

    clearance = models.PositiveSmallIntegerField(
        _("security clearance"),
        choices=SecurityLevel.choices,
        default=SecurityLevel.NORMAL,
        help_text=_("The highest security level of documents this user may see."),
    )

    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        if self.person_id:
            return f"{self.username} ({self.person.full_name})"
        return self.username


class RoleGrant(models.Model):
    """A user's role on a body and, through it, on the body's subtree."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="grants", verbose_name=_("user")
    )
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="grants", verbose_name=_("body")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "role"], name="grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user.username}: {self.get_role_display()} @ {self.body}"
