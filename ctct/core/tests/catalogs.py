"""The Vietnamese catalog as it will be once the branch catalogs are merged.

Each branch puts its new translations in ``ctct/locale/vi/LC_MESSAGES/<branch>.po`` and the
lead merges them into ``django.po``; until then the compiled ``django.mo`` lacks them. Tests
that read pages in Vietnamese compile those waiting catalogs into a directory that goes first
in ``LOCALE_PATHS`` (plain Python, no gettext tools needed).
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (context and plural forms in the .mo key layout)."""
    entries: dict[str, str] = {}
    fields: dict[str, str] = {}
    current = None

    def flush():
        if "msgid" in fields:
            key = fields["msgid"]
            if "msgid_plural" in fields:
                key += "\0" + fields["msgid_plural"]
                forms = sorted(k for k in fields if k.startswith("msgstr["))
                value = "\0".join(fields[k] for k in forms)
            else:
                value = fields.get("msgstr", "")
            if "msgctxt" in fields:
                key = fields["msgctxt"] + "\x04" + key
            if value:
                entries[key] = value
        fields.clear()

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if line == "" and "msgstr" in "".join(fields):
                flush()
            continue
        if line.startswith('"'):
            fields[current] += ast.literal_eval(line)
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
            flush()
        current = keyword
        fields[current] = ast.literal_eval(rest)
    flush()
    return entries


def write_mo(entries: dict[str, str], path: Path) -> None:
    """The GNU .mo layout: header, then the tables of original and translated strings."""
    keys = sorted(entries)
    ids = [k.encode() for k in keys]
    strs = [entries[k].encode() for k in keys]
    start = 7 * 4 + 16 * len(keys)
    offsets, id_blob, str_blob = [], b"", b""
    for i, s in zip(ids, strs, strict=True):
        offsets.append((len(id_blob), len(i), len(str_blob), len(s)))
        id_blob += i + b"\0"
        str_blob += s + b"\0"
    str_start = start + len(id_blob)
    out = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    out += b"".join(struct.pack("ii", n, start + o) for o, n, _so, _sn in offsets)
    out += b"".join(struct.pack("ii", sn, str_start + so) for _o, _n, so, sn in offsets)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out + id_blob + str_blob)


def compile_waiting(directory: Path) -> Path:
    """Compile every branch catalog of ``vi`` (not django.po) into ``directory``; returns it."""
    entries: dict[str, str] = {}
    for po in sorted((LOCALE / "vi" / "LC_MESSAGES").glob("*.po")):
        if po.name != "django.po":
            entries.update(read_po(po))
    header = read_po(LOCALE / "vi" / "LC_MESSAGES" / "django.po").get("", "")
    entries[""] = header
    write_mo(entries, directory / "vi" / "LC_MESSAGES" / "django.mo")
    return directory
