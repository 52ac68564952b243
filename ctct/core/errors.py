"""The refusals services raise."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_error(field: str, message, code: str, **params) -> ValidationError:
    """A refusal on one field of a form: ``message`` (a module constant the tests assert), its
    ``code``, and the ``params`` it is formatted with."""
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})
