"""Filters of the import pages: a candidate's reasons and a failed report's reason in words,
the kind of a conference by its code."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def describe(reason) -> str:
    """One ``{"code", "params"}`` reason of a match, in the interface's language."""
    from ctct.imports.matching import describe as _describe

    if not isinstance(reason, dict):
        return ""
    return _describe(reason)


@register.filter
def failure(item) -> str:
    """Why a report could not be read, in the interface's language."""
    if not item.reason:
        return ""
    error = (item.matches or {}).get("error") if isinstance(item.matches, dict) else None
    params = error.get("params") if isinstance(error, dict) else None
    params = params if isinstance(params, dict) else {}
    try:
        from ctct.imports.reasons import reason_text
    except ImportError:  # pragma: no cover - the words arrive with reasons.py
        return item.reason
    return reason_text(item.reason, params)


@register.filter
def batch_error(error: str) -> str:
    """Why a batch ended early, in the interface's language (an error the worker wrote as
    text is shown as it is)."""
    from ctct.imports.reasons import batch_error_text

    return batch_error_text(error)


@register.filter
def may_import(request) -> bool:
    """May the user import reports for some body? (From the grants in memory: no query.)"""
    scope = getattr(request, "scope", None)
    return bool(scope is not None and (scope.is_superuser or scope.paths("edit_conferences")))


@register.filter
def isodate(value):
    """An ISO date string of a record ("2025-06-20") as a date, for the |date filter."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return value


@register.filter
def kind_label(code) -> str:
    from ctct.conferences.models import Kind

    try:
        return str(Kind(code).label)
    except ValueError:
        return code or ""


@register.filter
def role_labels(codes) -> str:
    from ctct.conferences.models import Role

    out = []
    for c in codes or []:
        try:
            out.append(str(Role(c).label))
        except ValueError:
            out.append(str(c))
    return "; ".join(out)
