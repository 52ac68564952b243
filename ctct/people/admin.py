from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ctct.people.models import Person, Position, RankRecord


class RankInline(admin.TabularInline):
    model = RankRecord
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    raw_id_fields = ["body"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "rank", "body", "party_joined_on"]
    search_fields = ["full_name", "search_key"]
    raw_id_fields = ["body"]
    readonly_fields = ["rank", "rank_conferred_on"]
    inlines = [RankInline, PositionInline]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "body", "started_on", "ended_on"]
    search_fields = ["person__search_key", "title"]
    raw_id_fields = ["person", "body"]
