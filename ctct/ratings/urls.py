from django.urls import include, path

from ctct.ratings.index_views import index

app_name = "ratings"

# One module of URLs per part of the app: rounds and sheets, discipline; awards; exports.
urlpatterns = [
    path("", index, name="index"),
    path("", include("ctct.ratings.round_urls")),
    path("awards/", include("ctct.ratings.award_urls")),
    path("export/", include("ctct.ratings.export_urls")),
]
