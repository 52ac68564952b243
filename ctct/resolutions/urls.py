from django.urls import path

from ctct.resolutions import chart_views, link_views, views

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
