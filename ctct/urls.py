from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ctct.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.health, name="health"),
    path("pick/", include("ctct.core.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("access/", include("ctct.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("bodies/", include("ctct.bodies.urls")),
    path("people/", include("ctct.people.urls")),
    path("documents/", include("ctct.documents.urls")),
    path("conferences/", include("ctct.conferences.urls")),
    path("resolutions/", include("ctct.resolutions.urls")),
    path("ratings/", include("ctct.ratings.urls")),
    path("congresses/", include("ctct.congresses.urls")),
    path("imports/", include("ctct.imports.urls")),
    path("search/", include("ctct.search.urls")),
    path("admin/", admin.site.urls),
]

# MEDIA_ROOT is never served, not even with DEBUG: uploaded files are downloaded only
# through views that check the user's scope and clearance (ctct.core.files).

handler400 = "ctct.core.views.bad_request"
handler403 = "ctct.core.views.permission_denied"
handler404 = "ctct.core.views.page_not_found"
handler500 = "ctct.core.views.server_error"
