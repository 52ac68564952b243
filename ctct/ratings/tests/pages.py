"""What the ratings page tests read: a page's URL by name, its text, and whether a message is
on it in English or Vietnamese (the tests run in either)."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils import translation


def url(name: str, *args) -> str:
    return reverse(f"ratings:{name}", args=args)


def text(r) -> str:
    return unescape(r.content.decode())


def said(r, message, **params) -> bool:
    """The message is on the page, in English or Vietnamese."""
    page = text(r)
    for lang in ("en", "vi"):
        with translation.override(lang):
            shown = str(message) % params if params else str(message)
        if shown in page:
            return True
    return False
