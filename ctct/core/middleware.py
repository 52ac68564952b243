"""Attach the user's scope to every request, computed at most once and only when used."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from ctct.core.scopes import Scope


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: Scope.for_user(getattr(request, "user", None)))
        return self.get_response(request)
