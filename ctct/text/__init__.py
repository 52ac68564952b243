"""The Vietnamese language layer of ctct: plain Python, no Django.

Normalization and search keys, legacy encodings, dates and periods, document numbers,
names / ranks / titles, and sentence splitting.
"""

from ctct.text.normalize import canonical_tones, compare_key, fold, name_key, nfc, normalize

__all__ = [
    "canonical_tones",
    "compare_key",
    "fold",
    "name_key",
    "nfc",
    "normalize",
]
