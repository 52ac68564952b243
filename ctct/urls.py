from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ctct.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.health, name="health"),
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
    path("imports/", include("ctct.imports.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "ctct.core.views.bad_request"
handler403 = "ctct.core.views.permission_denied"
handler404 = "ctct.core.views.page_not_found"
handler500 = "ctct.core.views.server_error"

if settings.DEBUG:  # pragma: no cover
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
