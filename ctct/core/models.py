"""Records of the core app: the one-time tokens of submitted forms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A form token that has been used, and where its submission led.

    The row is inserted in the transaction that saves the form's record, so two POSTs of one
    rendered form (a double click, two tabs, a retry) cannot both write: the second insert
    waits on the unique key until the first commits, then fails, and the second POST is sent
    to the first one's result. Rows older than ``ctct.core.services.FORM_TOKEN_KEEP`` are
    pruned.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    url = models.CharField(_("result"), max_length=2000, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.token[:8]}… → {self.url}"
