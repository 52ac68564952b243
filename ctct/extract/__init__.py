"""Read conference reports into records (plain Python, no Django).

>>> rec = extract_text("Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025.")
>>> rec["event"]["kind"], rec["event"]["period"], rec["event"]["organizer"]
('so_ket', '2025-H1', 'Đảng ủy Lữ đoàn 657')

``extract_text`` and ``extract_file`` return the record of EXTRACTION.md as a dict, with extra
keys (spans into ``text``, figures, tasks, awards); ``extract_record`` returns the dataclasses.
"""

from __future__ import annotations

from pathlib import Path

from ctct.extract.engine import Document, Record
from ctct.extract.engine import extract_text as extract_record
from ctct.extract.event import Event
from ctct.extract.people import Person
from ctct.extract.readers import ExtractError, read_document

__all__ = [
    "Document",
    "Event",
    "ExtractError",
    "Person",
    "Record",
    "extract_file",
    "extract_record",
    "extract_text",
    "read_document",
]


def extract_text(text: str, source: str = "") -> dict:
    """The record of one report given as text."""
    return extract_record(text, source).to_dict()


def extract_file(path) -> dict:
    """The record of one report file; ``ExtractError(reason)`` when the file cannot be read."""
    text = read_document(path)
    return extract_record(text, str(Path(path))).to_dict()
