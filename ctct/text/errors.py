"""The one error type of the language layer: a ``ValueError`` that carries its reason."""

from __future__ import annotations

__all__ = ["TextError"]


class TextError(ValueError):
    """Input the language layer refuses; ``reason`` says why in words a user can read.

    >>> TextError("day 31 does not exist in month 2").reason
    'day 31 does not exist in month 2'
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
