"""The Vietnamese language layer of ctct: plain Python, standard library only, no Django.

- ``normalize``: NFC cleaning, canonical tone placement, comparison keys, search ``fold``;
- ``encodings``: TCVN3 / VNI / VISCII / Windows-1258 detection and conversion;
- ``dates``: partial dates, periods, genre formatting, explicit year-inference rules;
- ``docnumbers``: Party and state document numbers;
- ``names``: ranks, personal names, titles, body kinds, abbreviations;
- ``sentences``: sentence spans.

>>> fold("Đảng ủy Lữ đoàn")
'dang uy lu doan'
"""

from ctct.text.dates import (
    DateError,
    DateMatch,
    PartialDate,
    Period,
    PeriodMatch,
    YearContext,
    YearInference,
    find_dates,
    find_periods,
    format_date,
    format_period,
    infer_year,
    parse_date,
    parse_dateline,
    parse_period,
)
from ctct.text.docnumbers import (
    DocMatch,
    DocNumber,
    DocNumberError,
    canonical_key,
    find_docnumbers,
    format_citation,
    format_docnumber,
    parse_docnumber,
    same_document,
)
from ctct.text.encodings import (
    DecodeResult,
    Detection,
    Encoding,
    EncodingError,
    convert_run,
    decode_bytes,
    detect_encoding,
    from_unicode,
    is_legacy_caps_font,
    legacy_font_encoding,
    to_unicode,
)
from ctct.text.names import (
    ABBREVIATIONS,
    BODY_KINDS,
    COMMON_SURNAMES,
    RANK_PATTERN,
    RANKS,
    TITLES,
    find_rank,
    is_rank,
    looks_like_person_name,
    proper_name,
    rank_order,
    split_name,
)
from ctct.text.normalize import (
    canonical_tones,
    compare_key,
    fold,
    name_key,
    nfc,
    normalize,
    strip_diacritics,
)
from ctct.text.sentences import sentences, split_sentences

__all__ = [
    "ABBREVIATIONS",
    "BODY_KINDS",
    "COMMON_SURNAMES",
    "RANKS",
    "RANK_PATTERN",
    "TITLES",
    "DateError",
    "DateMatch",
    "DecodeResult",
    "Detection",
    "DocMatch",
    "DocNumber",
    "DocNumberError",
    "Encoding",
    "EncodingError",
    "PartialDate",
    "Period",
    "PeriodMatch",
    "YearContext",
    "YearInference",
    "canonical_key",
    "canonical_tones",
    "compare_key",
    "convert_run",
    "decode_bytes",
    "detect_encoding",
    "find_dates",
    "find_docnumbers",
    "find_periods",
    "find_rank",
    "fold",
    "format_citation",
    "format_date",
    "format_docnumber",
    "format_period",
    "from_unicode",
    "infer_year",
    "is_legacy_caps_font",
    "is_rank",
    "legacy_font_encoding",
    "looks_like_person_name",
    "name_key",
    "nfc",
    "normalize",
    "parse_date",
    "parse_dateline",
    "parse_docnumber",
    "parse_period",
    "proper_name",
    "rank_order",
    "same_document",
    "sentences",
    "split_name",
    "split_sentences",
    "strip_diacritics",
    "to_unicode",
]
