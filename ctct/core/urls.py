"""One suggestion endpoint per registered picker kind: /pick/body/, /pick/person/ ..."""

from django.urls import path

from ctct.core import pickers, views

app_name = "pickers"
urlpatterns = [path(f"{name}/", views.pick, {"kind": name}, name=name) for name in pickers.kinds()]
