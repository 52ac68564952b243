"""The five seed reports and their hand-checked records (read from /work/shared when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct.text import (
    Encoding,
    compare_key,
    detect_encoding,
    find_dates,
    find_docnumbers,
    find_periods,
    find_ranks,
    is_rank,
    name_key,
)

SHARED = Path("/work/shared")
STEMS = sorted(p.stem for p in (SHARED / "dev").glob("*.json")) if SHARED.is_dir() else []

pytestmark = pytest.mark.skipif(not STEMS, reason="the shared seeds are not on this machine")


def _load(stem: str) -> tuple[str, dict]:
    text = (SHARED / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    record = json.loads((SHARED / "dev" / f"{stem}.json").read_text(encoding="utf-8"))
    return text, record


@pytest.mark.parametrize("stem", STEMS)
def test_a_seed_is_read_as_unicode(stem):
    text, _ = _load(stem)
    assert detect_encoding(text).encoding is Encoding.UNICODE


@pytest.mark.parametrize("stem", STEMS)
def test_the_event_date_text_is_found(stem):
    text, record = _load(stem)
    date_text = record["event"]["date_text"]
    found = [m.text for m in find_dates(text)]
    if date_text:
        assert date_text in found
        iso = record["event"]["date"]
        (match,) = [m for m in find_dates(text) if m.text == date_text]
        assert match.value.day == int(iso[8:10]) and match.value.month == int(iso[5:7])


@pytest.mark.parametrize("stem", STEMS)
def test_the_event_period_is_among_the_periods(stem):
    text, record = _load(stem)
    period = record["event"]["period"]
    if period:
        assert period in {m.value.code() for m in find_periods(text)}


@pytest.mark.parametrize("stem", STEMS)
def test_every_rank_of_the_record_is_a_known_rank_found_in_the_text(stem):
    text, record = _load(stem)
    found = {m.rank for m in find_ranks(text)}
    for person in record["people"]:
        if person["rank"]:
            assert is_rank(person["rank"])
            assert person["rank"] in found


@pytest.mark.parametrize("stem", STEMS)
def test_every_person_of_the_record_is_written_in_the_text(stem):
    text, record = _load(stem)
    key = name_key(text)
    for person in record["people"]:
        assert name_key(person["name"]) in key


@pytest.mark.parametrize("stem", STEMS)
def test_the_documents_of_the_record_are_found_with_their_fields(stem):
    text, record = _load(stem)
    found = {}
    for m in find_docnumbers(text):
        found.setdefault((m.type_name, m.number), m)
    for doc in record["documents"]:
        m = found[(doc["type"], doc["number"])]
        assert m.symbol == doc["symbol"]
        assert (m.date.iso() if m.date else None) == doc["date"]
        assert compare_key(m.issuer or "") == compare_key(doc["issuer"] or "")
