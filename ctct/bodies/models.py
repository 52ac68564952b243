"""The tree of Party bodies (cấp ủy, tổ chức đảng) and the units they lead.

The tree is a materialized path (django-treebeard ``MP_Node``): every body stores the path of
its ancestors, four characters a level. A subtree is one indexed range scan on ``path``
(see ``selectors.subtree_range``) and the ancestors of a body are the prefixes of its path,
fetched in one query, whatever the depth. Reads dominate (every page is scoped by subtree);
writes that move a branch rewrite the paths below it, which treebeard does in one UPDATE.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from ctct.text import fold


class BodyKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Party committee (Đảng ủy)")
    PARTY_ORGANIZATION = "party_organization", _("Party organization (Đảng bộ)")
    CELL = "cell", _("Party cell (Chi bộ)")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee (Ban Thường vụ)")
    POLITICAL_AGENCY = "political_agency", _("Political agency (Cục/Phòng/Ban Chính trị)")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial committee (Tỉnh ủy)")
    DISTRICT_COMMITTEE = "district_committee", _("District committee (Huyện ủy)")


class Body(MP_Node):
    """A node of the Party tree: "Đảng ủy Lữ đoàn 657", leading the unit "Lữ đoàn 657"."""

    name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    unit_name = models.CharField(
        _("unit led"),
        max_length=255,
        blank=True,
        help_text=_("The military or civilian unit this body leads, e.g. 'Lữ đoàn 657'."),
    )
    symbol = models.CharField(
        _("document symbol"),
        max_length=16,
        blank=True,
        help_text=_("Issuer abbreviation used in document numbers: ĐU, CB, TU, HU ..."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    merged_on = models.DateField(_("merged on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("The body that took over this one when it was merged."),
    )
    # Direct Party members (people whose home body this is), kept by the people services so
    # that subtree counts are a sum over bodies, not a join over every person.
    member_count = models.PositiveIntegerField(_("members"), default=0, editable=False)
    search_key = models.CharField(_("search key"), max_length=600, db_index=True, editable=False)

    history = HistoricalRecords(excluded_fields=["member_count", "numchild"])

    # No node_order_by: siblings keep their insertion order in the path, so adding a body
    # never rewrites the paths of others; pages sort siblings by name when they list them.

    class Meta:
        verbose_name = _("Party body")
        verbose_name_plural = _("Party bodies")
        indexes = [models.Index(fields=["depth", "path"], name="body_depth_path")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = body_search_key(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("bodies:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.merged_on is None and self.dissolved_on is None

    @property
    def display_unit(self) -> str:
        """The name a command title attaches to: "Chính ủy Lữ đoàn 657"."""
        return self.unit_name or self.name


def body_search_key(body: Body) -> str:
    """Folded text that search-as-you-type matches: "dang uy lu doan 657 ..."."""
    parts = [body.name, body.short_name, body.unit_name, body.symbol]
    return fold(" ".join(p for p in parts if p))[:600]
