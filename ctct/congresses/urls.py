from django.urls import path

from ctct.congresses import views

app_name = "congresses"
urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:round_pk>/", views.dashboard, name="dashboard"),
    path("bodies/<int:body_pk>/rounds/<int:round_pk>/", views.body_round, name="body_round"),
    path("preparations/<int:prep_pk>/", views.preparation, name="preparation"),
    path("preparations/<int:prep_pk>/step/", views.step, name="step"),
    path("preparations/<int:prep_pk>/review/", views.review, name="review"),
    path("preparations/<int:prep_pk>/congress/", views.congress, name="congress"),
    path("preparations/<int:prep_pk>/postpone/", views.postpone, name="postpone"),
    path(
        "preparations/<int:prep_pk>/resolution/new/",
        views.resolution_new,
        name="resolution_new",
    ),
    path("preparations/<int:prep_pk>/news.txt", views.news_text, name="news_text"),
]
