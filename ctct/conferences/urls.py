from django.urls import path

from ctct.conferences import views

app_name = "conferences"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("bodies/<int:body_pk>/", views.body_page, name="body"),
    path("bodies/<int:body_pk>/new/", views.create, name="create"),
    path("bodies/<int:body_pk>/tasks/done/", views.task_done, name="task_done"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("<int:pk>/participants/titles/", views.participant_titles, name="participant_titles"),
    path("<int:pk>/participants/remove/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/documents/", views.document_add, name="document_add"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/conclusions/done/", views.conclusion_done, name="conclusion_done"),
    path("<int:pk>/conclusions/remove/", views.conclusion_remove, name="conclusion_remove"),
    path("<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/news/", views.news, name="news"),
    path("<int:pk>/news/export.docx", views.news_docx, name="news_export"),
    path("<int:pk>/export.docx", views.export_docx, name="export"),
]
