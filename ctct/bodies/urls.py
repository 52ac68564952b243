from django.urls import path

from ctct.bodies import views

app_name = "bodies"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/children/", views.children, name="children"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/new/", views.create_child, name="create_child"),
    path("<int:pk>/move/", views.move, name="move"),
]
