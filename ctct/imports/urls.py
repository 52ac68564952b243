from django.urls import path

from ctct.imports import figure_views, views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("review/", views.review_queue, name="review"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/discard-waiting/", views.discard_waiting, name="discard_waiting"),
    path("items/<int:item_pk>/", views.item, name="item"),
    path("items/<int:item_pk>/choose/", views.choose, name="choose"),
    path("items/<int:item_pk>/confirm/", views.confirm, name="confirm"),
    path("items/<int:item_pk>/discard/", views.discard, name="discard"),
    path(
        "items/<int:item_pk>/figures/<int:index>/",
        figure_views.figure_progress,
        name="figure_progress",
    ),
]
