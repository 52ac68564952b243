from django.urls import path

from ctct.people import views

app_name = "people"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/positions/new/", views.position_add, name="position_add"),
    path("<int:pk>/ranks/new/", views.rank_add, name="rank_add"),
    path("new/in/<int:body_pk>/", views.person_add, name="person_add"),
]
