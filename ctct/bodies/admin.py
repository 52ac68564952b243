from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from ctct.bodies.models import Body


@admin.register(Body)
class BodyAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Body, exclude=["member_count", "search_key"])
    list_display = [
        "name",
        "kind",
        "symbol",
        "unit_name",
        "founded_on",
        "merged_on",
        "dissolved_on",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "search_key"]
    raw_id_fields = ["successor"]
