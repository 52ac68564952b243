"""The language layer is plain Python: importing it must not load Django."""

from __future__ import annotations

import subprocess
import sys

import ctct.text


def test_importing_ctct_text_does_not_load_django():
    code = (
        "import sys, ctct.text, ctct.text.titles, ctct.text.bodynames\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_every_refusal_is_a_text_error_and_a_value_error():
    for error in (ctct.text.DateError, ctct.text.DocNumberError, ctct.text.EncodingError):
        assert issubclass(error, ctct.text.TextError)
        assert issubclass(error, ValueError)
        assert error("why").reason == "why"


def test_the_public_api_is_listed_in_all():
    for name in ctct.text.__all__:
        assert hasattr(ctct.text, name), name
    for name in ("fold", "normalize", "compare_key", "name_key", "canonical_tones", "nfc",
                 "detect_encoding", "to_unicode", "decode_bytes", "from_unicode",
                 "legacy_font_encoding", "PartialDate", "parse_date", "find_dates",
                 "parse_period", "find_periods", "format_date", "infer_year", "DocNumber",
                 "parse_docnumber", "format_docnumber", "canonical_key", "find_docnumbers",
                 "RANKS", "rank_order", "proper_name", "split_name", "split_sentences"):  # fmt: skip
        assert name in ctct.text.__all__, name
