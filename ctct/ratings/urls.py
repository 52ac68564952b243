from django.urls import include, path

app_name = "ratings"

# One module of URLs per part of the app: rounds and sheets, discipline; awards; exports.
urlpatterns = [
    path("", include("ctct.ratings.round_urls")),
    path("awards/", include("ctct.ratings.award_urls")),
    path("export/", include("ctct.ratings.export_urls")),
]
