"""Security levels of documents (độ mật) and the clearance of users."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityLevel(models.IntegerChoices):
    """A user sees that a document exists only when cleared for its level."""

    NORMAL = 0, _("Normal (thường)")
    CONFIDENTIAL = 1, _("Confidential (mật)")
    SECRET = 2, _("Secret (tối mật)")
    TOP_SECRET = 3, _("Top secret (tuyệt mật)")
