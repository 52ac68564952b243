from django.urls import path

from ctct.resolutions import review_files, review_views, views

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
    # review reports (báo cáo sơ kết / tổng kết)
    path("bodies/<int:body_pk>/reviews/", review_views.review_list, name="review_list"),
    path("reviews/new/", review_views.review_create, name="review_create"),
    path("reviews/<int:pk>/", review_views.review_page, name="review"),
    path("reviews/<int:pk>/save/", review_views.review_save, name="review_save"),
    path("reviews/<int:pk>/document/", review_views.review_document, name="review_document"),
    path("reviews/<int:pk>/docx/", review_files.review_docx, name="review_docx"),
    path("reviews/<int:pk>/pdf/", review_files.review_pdf, name="review_pdf"),
]
