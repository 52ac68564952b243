"""URLs of the ratings' results: the charts and the files of a body's subtree."""

from django.urls import path

from ctct.ratings import export_views

urlpatterns = [
    path("<int:body_pk>/charts/", export_views.charts, name="results_charts"),
    path("<int:body_pk>/xlsx/", export_views.results_xlsx, name="results_xlsx"),
    path("<int:body_pk>/docx/", export_views.results_docx, name="results_docx"),
]
