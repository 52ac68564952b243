from django.urls import path

from ctct.resolutions import (
    chart_views,
    edit_views,
    link_views,
    review_files,
    review_views,
    views,
)

app_name = "resolutions"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("bodies/<int:body_pk>/", views.body_page, name="body"),
    path("bodies/<int:body_pk>/targets/<int:target_pk>/", views.target_page, name="target"),
    path(
        "bodies/<int:body_pk>/targets/<int:target_pk>/hand-down/",
        views.hand_down,
        name="hand_down",
    ),
    path(
        "bodies/<int:body_pk>/targets/<int:target_pk>/progress/",
        views.progress,
        name="progress",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/copy/", views.copy, name="copy"),
    path("<int:pk>/tasks/", views.task_add, name="task_add"),
    path("<int:pk>/groups/", views.group_add, name="group_add"),
    path("<int:pk>/targets/", views.target_add, name="target_add"),
    path("bodies/<int:body_pk>/resolutions/<int:pk>/map/", chart_views.subtree_map, name="map"),
    # a conference and the resolution it adopted (link_views)
    path("conferences/<int:conf_pk>/link/", link_views.link_conference, name="link_conference"),
    path(
        "conferences/<int:conf_pk>/start/",
        link_views.start_from_conference,
        name="start_from_conference",
    ),
]
# Correcting and removing (edit_views).
urlpatterns += [
    path("<int:pk>/edit/", edit_views.resolution_edit, name="resolution_edit"),
    path("<int:pk>/remove/", edit_views.resolution_remove, name="resolution_remove"),
    path("<int:pk>/targets/<int:target_pk>/edit/", edit_views.target_edit, name="target_edit"),
    path(
        "<int:pk>/targets/<int:target_pk>/remove/",
        edit_views.target_remove,
        name="target_remove",
    ),
    # focus tasks (kind "tasks") and solution groups ("groups"), after the targets' paths
    path("<int:pk>/<str:kind>/<int:part_pk>/edit/", edit_views.part_edit, name="part_edit"),
    path("<int:pk>/<str:kind>/<int:part_pk>/move/", edit_views.part_move, name="part_move"),
    path("<int:pk>/<str:kind>/<int:part_pk>/remove/", edit_views.part_remove, name="part_remove"),
    path("shares/<int:share_pk>/edit/", edit_views.share_edit, name="share_edit"),
    path("shares/<int:share_pk>/withdraw/", edit_views.share_withdraw, name="share_withdraw"),
    path(
        "bodies/<int:body_pk>/targets/<int:target_pk>/hand-down/any/",
        edit_views.hand_down_any,
        name="hand_down_any",
    ),
    path("entries/<int:entry_pk>/edit/", edit_views.entry_edit, name="entry_edit"),
    path("entries/<int:entry_pk>/remove/", edit_views.entry_remove, name="entry_remove"),
    # review reports (báo cáo sơ kết / tổng kết)
    path("bodies/<int:body_pk>/reviews/", review_views.review_list, name="review_list"),
    path("reviews/new/", review_views.review_create, name="review_create"),
    path("reviews/<int:review_pk>/", review_views.review_page, name="review"),
    path("reviews/<int:review_pk>/save/", review_views.review_save, name="review_save"),
    path("reviews/<int:review_pk>/document/", review_views.review_document, name="review_document"),
    path("reviews/<int:review_pk>/docx/", review_files.review_docx, name="review_docx"),
    path("reviews/<int:review_pk>/pdf/", review_files.review_pdf, name="review_pdf"),
]
