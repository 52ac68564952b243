"""Filters of the import pages: a candidate's reasons and a failed report's reason in words,
the kind of a conference by its code."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


# --- how sure the reader was --------------------------------------------------------------
# The reader gives each conference field a confidence (ctct.extract: 1.0 written out, 0.95 in
# the lead, 0.85 fixed by a rule, 0.8 from the headline alone, lower for guesses, 0 nothing
# read). Below this a field is marked for the reviewer to check.
UNCERTAIN_BELOW = 0.8
NOTE_TEXTS = {
    "not_vietnamese": _("The text is not in Vietnamese: nothing was read from it."),
    "no_meeting": _("No sentence names the conference and the body that held it."),
    "year_uncertain": _("The day and month are given, but the year is not certain."),
    "several_meetings": _("The report names several conferences: the first one was read."),
    "no_running_text": _("The page holds only menus or headlines, no running text."),
}
MSG_NOT_READ = _("Not read from the report: fill it in.")
MSG_UNCERTAIN = _("Read with uncertainty (%(percent)s%%): check it.")


@register.simple_tag
def field_confidence(record, name: str) -> str:
    """A warning beside a conference field the reader was unsure of, or nothing."""
    event = (record or {}).get("event") if isinstance(record, dict) else None
    confidence = (event or {}).get("confidence") or {}
    value = confidence.get(name) if isinstance(confidence, dict) else None
    if not isinstance(value, int | float) or value >= UNCERTAIN_BELOW:
        return ""
    text = MSG_NOT_READ if value <= 0 else MSG_UNCERTAIN % {"percent": round(value * 100)}
    return format_html('<small class="uncertain">{}</small>', text)


@register.filter
def reader_notes(record) -> list[str]:
    """What the reader says it could not read, in the interface's language."""
    notes = (record or {}).get("notes") if isinstance(record, dict) else None
    out = []
    for note in notes or []:
        if isinstance(note, dict):
            out.append(str(NOTE_TEXTS.get(note.get("code"), note.get("message", ""))))
    return [n for n in out if n]
