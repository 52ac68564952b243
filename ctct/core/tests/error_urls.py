"""The site's URLs plus three views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from ctct.urls import handler400, handler403, handler404, handler500
from ctct.urls import urlpatterns as site


def fails(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("tampered")


urlpatterns = [
    path("test-fails/", fails),
    path("test-forbidden/", forbidden),
    path("test-suspicious/", suspicious),
    *site,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
