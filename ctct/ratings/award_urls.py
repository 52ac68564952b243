"""URLs of the award pages (namespace "ratings", under /ratings/awards/)."""

from django.urls import path

from ctct.ratings import announced_views
from ctct.ratings import award_views as v

urlpatterns = [
    path("body/<int:body_pk>/", v.body_awards, name="awards_body"),
    path("body/<int:body_pk>/propose/", v.body_propose, name="awards_propose"),
    path("body/<int:body_pk>/add/", v.body_add, name="awards_add"),
    path("decision/<int:decision_pk>/", v.decision_page, name="awards_decision"),
    path("decision/<int:decision_pk>/tick/", v.decision_tick, name="awards_tick"),
    path("decision/<int:decision_pk>/confirm/", v.decision_confirm, name="awards_confirm"),
    path("decision/<int:decision_pk>/draft/", v.decision_draft, name="awards_draft"),
    path("decision/<int:decision_pk>/issue/", v.decision_issue, name="awards_issue"),
    path("decision/<int:decision_pk>/docx/", v.decision_docx, name="awards_docx"),
    path("decision/<int:decision_pk>/xlsx/", v.decision_xlsx, name="awards_xlsx"),
    path(
        "conference/<int:conf_pk>/",
        announced_views.conference_award_add,
        name="conference_award_add",
    ),
    path(
        "conference/<int:conf_pk>/remove/",
        announced_views.conference_award_remove,
        name="conference_award_remove",
    ),
]
