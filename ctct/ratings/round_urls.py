"""URLs of the ratings app (filled by its own module's views)."""

urlpatterns: list = []
