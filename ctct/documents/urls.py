from django.urls import path

from ctct.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("issue/", views.issue, name="issue"),
    path("register/", views.register, name="register"),
    path("reminders/", views.reminders, name="reminders"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/relations/", views.relation_add, name="relation_add"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/distribute/", views.distribute, name="distribute"),
    path("<int:pk>/deadlines/", views.deadlines, name="deadlines"),
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export"),
    path("recipients/<int:recipient_pk>/step/", views.step, name="step"),
    path("bodies/<int:body_pk>/", views.inbox, name="inbox"),
]
