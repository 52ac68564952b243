from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ctct.conferences.models import Article, Conference, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "kind", "body", "period"]
    list_filter = ["kind"]
    raw_id_fields = ["body", "report"]
    inlines = [ParticipantInline]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["conference", "status", "published_at"]
    raw_id_fields = ["conference"]
