from django.urls import path

from ctct.accounts import views

app_name = "accounts"
urlpatterns = [
    path("bodies/<int:body_pk>/", views.access, name="access"),
    path("grants/<int:grant_pk>/revoke/", views.revoke, name="revoke"),
]
