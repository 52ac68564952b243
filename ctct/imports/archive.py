"""Report files out of a file, a directory or a .zip, safely (plain Python, no Django).

``iter_sources(path)`` and ``iter_zip(data_or_fileobj, name)`` yield, in a stable order, one
``Source(name, data)`` per report file and one ``Rejected(name, code, params)`` per file that is
refused, and go on with the rest. Nothing is extracted to disk; every member is read with a
bounded read (at most the limit plus one byte), so a member whose header lies about its size
is caught without unpacking it.

Refusals (``code``, ``params``):

- ``zip_bomb``: a member that unpacks to more than the per-file limit though its header said
  less (``why="size"``), one compressed more than ``MAX_RATIO`` times when it unpacks to more
  than ``RATIO_MIN_BYTES`` (``why="ratio"``), or the archive unpacking to more than the total
  limit (``why="total"``);
- ``unsafe_path``: a member that would land outside the archive (absolute, ``..``, drive letter,
  backslash traversal, NUL) or a symbolic link (``why`` says which);
- ``too_many``: more files than ``max_members`` (the archive is not read; a directory stops);
- ``bad_zip``: an archive that cannot be opened, or a member that cannot be unpacked (the others
  are still read); ``encrypted``: a password-protected member;
- ``zip_nested``: a .zip inside a .zip inside a .zip (one level of nesting is read);
- ``unsupported``: not .txt, .html, .htm, .docx or .pdf; ``empty``; ``too_large``: above the
  per-file limit (not read); ``total_too_large``: a directory above the total limit;
- ``not_found``, ``unreadable``: a path that does not exist or cannot be read.

Skipped silently: directories inside archives, hidden files and folders, macOS debris
(``__MACOSX/``, ``.DS_Store``, ``._*``), Office lock files (``~$x.docx``), ``Thumbs.db``.

Names are paths inside what was given, with "/" between parts: ``2023/a.docx`` for a file in
a directory, ``reports.zip/2023/a.docx`` for a member of a zip, ``reports.zip/old.zip/a.txt``
for a member of a zip inside it.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ctct.extract.readers import MAX_BYTES

__all__ = [
    "CODES",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "RATIO_MIN_BYTES",
    "SUPPORTED_SUFFIXES",
    "Rejected",
    "Source",
    "iter_sources",
    "iter_upload",
    "iter_zip",
]

MiB = 1024 * 1024
GiB = 1024 * MiB

#: Per-file limit: the extraction readers refuse anything larger anyway.
MAX_FILE_BYTES = MAX_BYTES
MAX_TOTAL_BYTES = 2 * GiB
MAX_MEMBERS = 100_000
#: A member unpacking to more than RATIO_MIN_BYTES with a higher compression ratio is a bomb:
#: text and office files compress 2-20 times; only crafted or degenerate data goes past 200.
MAX_RATIO = 200
RATIO_MIN_BYTES = 1 * MiB

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
ZIP_SUFFIX = ".zip"
# Nesting read: members of the archive given (depth 0) and of a zip inside it (depth 1).
MAX_ZIP_DEPTH = 1

ZIP_BOMB = "zip_bomb"
UNSAFE_PATH = "unsafe_path"
TOO_MANY = "too_many"
BAD_ZIP = "bad_zip"
ENCRYPTED = "encrypted"
ZIP_NESTED = "zip_nested"
UNSUPPORTED = "unsupported"
EMPTY = "empty"
TOO_LARGE = "too_large"
TOTAL_TOO_LARGE = "total_too_large"
NOT_FOUND = "not_found"
UNREADABLE = "unreadable"

#: Every code a ``Rejected`` can carry.
CODES = (
    ZIP_BOMB,
    UNSAFE_PATH,
    TOO_MANY,
    BAD_ZIP,
    ENCRYPTED,
    ZIP_NESTED,
    UNSUPPORTED,
    EMPTY,
    TOO_LARGE,
    TOTAL_TOO_LARGE,
    NOT_FOUND,
    UNREADABLE,
)

_JUNK_NAMES = frozenset({"__macosx", ".ds_store", "thumbs.db", "desktop.ini"})
_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_S_IFLNK = 0o120000
_S_IFMT = 0o170000
_ZIP_UTF8_FLAG = 0x800
_ZIP_ENCRYPTED_FLAG = 0x1
# End of central directory record: signature, then (disk, cd disk, entries here, entries
# total, cd size, cd offset, comment length); it sits in the last 22 + 65535 bytes.
_EOCD_SIGNATURE = b"PK\x05\x06"
_EOCD_STRUCT = struct.Struct("<4s4H2LH")
_EOCD_SEARCH = _EOCD_STRUCT.size + 65535


@dataclass(frozen=True)
class Source:
    """A report file's name (its path inside what was given) and bytes."""

    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Rejected:
    """A file that was not read: ``code`` says why, ``params`` the numbers behind it."""

    name: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class _Limits:
    max_file_bytes: int
    max_total_bytes: int
    max_members: int
    total_bytes: int = 0
    members: int = 0


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def _is_junk(part: str) -> bool:
    """Hidden files, macOS resource forks and folders, Office lock files, Windows thumbnails."""
    low = part.lower()
    return part.startswith((".", "~$")) or low in _JUNK_NAMES


# --- single files ---------------------------------------------------------------------------


def _check_suffix(name: str) -> Rejected | None:
    suffix = _suffix(name)
    if suffix not in SUPPORTED_SUFFIXES:
        return Rejected(name, UNSUPPORTED, {"suffix": suffix})
    return None


def _check_size(name: str, size: int, limits: _Limits) -> Rejected | None:
    if size == 0:
        return Rejected(name, EMPTY, {})
    if size > limits.max_file_bytes:
        return Rejected(name, TOO_LARGE, {"size": size, "limit": limits.max_file_bytes})
    if limits.total_bytes + size > limits.max_total_bytes:
        return Rejected(name, TOTAL_TOO_LARGE, {"limit": limits.max_total_bytes})
    return None


def _read_bounded(fileobj: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes: one more than allowed tells a file over the limit."""
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = fileobj.read(min(left, MiB))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_file(path: Path, name: str, limits: _Limits) -> Source | Rejected:
    """One regular file of a directory (or the file given), with the size checks first."""
    refused = _check_suffix(name)
    if refused:
        return refused
    try:
        size = path.stat().st_size
        refused = _check_size(name, size, limits)
        if refused:
            return refused
        with open(path, "rb") as fh:
            data = _read_bounded(fh, limits.max_file_bytes)
    except OSError as exc:
        return Rejected(name, UNREADABLE, {"error": exc.strerror or str(exc)})
    # the file may have changed since stat()
    refused = _check_size(name, len(data), limits)
    if refused:
        return refused
    limits.total_bytes += len(data)
    return Source(name, data)


def _single(data: bytes, name: str, limits: _Limits) -> Source | Rejected:
    refused = _check_suffix(name) or _check_size(name, len(data), limits)
    if refused:
        return refused
    limits.total_bytes += len(data)
    return Source(name, data)


# --- zips -----------------------------------------------------------------------------------


def _declared_entries(fileobj: BinaryIO) -> int | None:
    """The entry count the end-of-central-directory record declares, before zipfile reads
    the directory (which would hold every entry in memory); None when not found or zip64."""
    try:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        start = max(0, size - _EOCD_SEARCH)
        fileobj.seek(start)
        tail = fileobj.read(size - start)
        fileobj.seek(0)
    except (OSError, ValueError):
        return None
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or len(tail) - at < _EOCD_STRUCT.size:
        return None
    entries = _EOCD_STRUCT.unpack_from(tail, at)[4]
    return None if entries == 0xFFFF else entries


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, re-read as UTF-8 when the archiver wrote UTF-8 without the flag
    (Windows and macOS tools do, for Vietnamese names)."""
    name = info.filename
    if not info.flag_bits & _ZIP_UTF8_FLAG:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unsafe_why(raw: str) -> str | None:
    """Why a member name would unpack outside the archive, or None when it is safe."""
    if "\x00" in raw:
        return "nul"
    if raw.startswith(("/", "\\")):
        return "absolute"
    if _DRIVE_RE.match(raw):
        return "drive"
    if ".." in raw.replace("\\", "/").split("/"):
        return "backslash" if "\\" in raw else "parent"
    return None


def _safe_parts(raw: str) -> list[str]:
    return [p for p in raw.replace("\\", "/").split("/") if p not in ("", ".")]


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    # Unix archivers keep the mode in the high 16 bits of external_attr (whatever the
    # creating system says: a crafted archive may claim another one).
    return (info.external_attr >> 16) & _S_IFMT == _S_IFLNK


def _open_zip(fileobj: BinaryIO, name: str, limits: _Limits) -> zipfile.ZipFile | Rejected:
    declared = _declared_entries(fileobj)
    if declared is not None and limits.members + declared > limits.max_members:
        return Rejected(name, TOO_MANY, {"count": declared, "limit": limits.max_members})
    try:
        return zipfile.ZipFile(fileobj)
    except Exception as exc:  # BadZipFile, OSError, EOFError, ValueError, struct.error, ...
        return Rejected(name, BAD_ZIP, {"error": str(exc) or type(exc).__name__})


def _walk_zip(
    fileobj: BinaryIO, name: str, limits: _Limits, depth: int
) -> Iterator[Source | Rejected]:
    opened = _open_zip(fileobj, name, limits)
    if isinstance(opened, Rejected):
        yield opened
        return
    with opened as zf:
        # (a damaged directory can hold an empty name, on which ZipInfo.is_dir() fails)
        files = [
            i
            for i in zf.infolist()
            if i.filename and not i.is_dir() and not i.filename.endswith("\\")
        ]
        if limits.members + len(files) > limits.max_members:
            yield Rejected(name, TOO_MANY, {"count": len(files), "limit": limits.max_members})
            return
        for info in files:
            yield from _zip_member(zf, info, name, limits, depth)


def _zip_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: str, limits: _Limits, depth: int
) -> Iterator[Source | Rejected]:
    raw = _member_name(info)
    shown = f"{archive}/{raw}"
    why = _unsafe_why(raw)
    if why is None and _is_symlink(info):
        why = "symlink"
    if why is not None:
        limits.members += 1
        yield Rejected(shown, UNSAFE_PATH, {"why": why})
        return
    parts = _safe_parts(raw)
    if not parts or any(_is_junk(p) for p in parts):
        return
    limits.members += 1
    shown = f"{archive}/{'/'.join(parts)}"
    suffix = _suffix(shown)
    nested = suffix == ZIP_SUFFIX
    if nested and depth >= MAX_ZIP_DEPTH:
        yield Rejected(shown, ZIP_NESTED, {})
        return
    if not nested:
        refused = _check_suffix(shown)
        if refused:
            yield refused
            return
    if info.flag_bits & _ZIP_ENCRYPTED_FLAG:
        yield Rejected(shown, ENCRYPTED, {})
        return
    size, packed = info.file_size, info.compress_size
    if size > RATIO_MIN_BYTES and size > MAX_RATIO * max(packed, 1):
        yield Rejected(shown, ZIP_BOMB, _bomb("ratio", size, packed, limits))
        return
    if size == 0:
        yield Rejected(shown, EMPTY, {})
        return
    if size > limits.max_file_bytes:
        yield Rejected(shown, TOO_LARGE, {"size": size, "limit": limits.max_file_bytes})
        return
    # A nested archive's own bytes are not kept: only its members count toward the total.
    if not nested and limits.total_bytes + size > limits.max_total_bytes:
        yield Rejected(shown, ZIP_BOMB, {"why": "total", "limit": limits.max_total_bytes})
        return
    try:
        with zf.open(info) as fh:
            data = _read_bounded(fh, limits.max_file_bytes)
    except RuntimeError as exc:
        if "encrypted" in str(exc).lower():  # a password asked for
            yield Rejected(shown, ENCRYPTED, {})
        else:
            yield Rejected(shown, BAD_ZIP, {"error": str(exc) or type(exc).__name__})
        return
    except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError, NotImplementedError...
        yield Rejected(shown, BAD_ZIP, {"error": str(exc) or type(exc).__name__})
        return
    if len(data) > limits.max_file_bytes:
        yield Rejected(shown, ZIP_BOMB, _bomb("size", len(data), packed, limits))
        return
    if len(data) > RATIO_MIN_BYTES and len(data) > MAX_RATIO * max(packed, 1):
        yield Rejected(shown, ZIP_BOMB, _bomb("ratio", len(data), packed, limits))
        return
    if not data:
        yield Rejected(shown, EMPTY, {})
        return
    if nested:
        yield from _walk_zip(io.BytesIO(data), shown, limits, depth + 1)
        return
    if limits.total_bytes + len(data) > limits.max_total_bytes:
        yield Rejected(shown, ZIP_BOMB, {"why": "total", "limit": limits.max_total_bytes})
        return
    limits.total_bytes += len(data)
    yield Source(shown, data)


def _bomb(why: str, size: int, packed: int, limits: _Limits) -> dict:
    return {
        "why": why,
        "size": size,
        "packed": packed,
        "ratio": round(size / max(packed, 1)),
        "limit": limits.max_file_bytes,
        "max_ratio": MAX_RATIO,
    }


# --- directories ----------------------------------------------------------------------------


def _entries(path: str) -> list[os.DirEntry]:
    with os.scandir(path) as it:
        return sorted(it, key=lambda e: e.name)


def _walk_dir(root: Path, label: str, limits: _Limits) -> Iterator[Source | Rejected]:
    """Depth first, names sorted; symlinks are reported, never followed."""
    try:
        stack = [iter(_entries(str(root)))]
    except OSError as exc:
        yield Rejected(label, UNREADABLE, {"error": exc.strerror or str(exc)})
        return
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if _is_junk(entry.name):
            continue
        name = Path(os.path.relpath(entry.path, root)).as_posix()
        if entry.is_symlink():
            limits.members += 1
            yield Rejected(name, UNSAFE_PATH, {"why": "symlink"})
            continue
        if entry.is_dir(follow_symlinks=False):
            try:
                stack.append(iter(_entries(entry.path)))
            except OSError as exc:
                yield Rejected(name, UNREADABLE, {"error": exc.strerror or str(exc)})
            continue
        if limits.members >= limits.max_members:
            yield Rejected(label, TOO_MANY, {"limit": limits.max_members})
            return
        limits.members += 1
        if not entry.is_file(follow_symlinks=False):  # a FIFO or a device: never opened
            yield Rejected(name, UNREADABLE, {"error": "not a regular file"})
            continue
        if _suffix(name) == ZIP_SUFFIX:
            limits.members -= 1  # the archive's members count, not the archive
            yield from _zip_path(Path(entry.path), name, limits)
            continue
        yield _read_file(Path(entry.path), name, limits)


def _zip_path(path: Path, name: str, limits: _Limits) -> Iterator[Source | Rejected]:
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Rejected(name, UNREADABLE, {"error": exc.strerror or str(exc)})
        return
    with fh:
        yield from _walk_zip(fh, name, limits, 0)


# --- entry points ---------------------------------------------------------------------------


def _limits(max_file_bytes: int, max_total_bytes: int, max_members: int) -> _Limits:
    return _Limits(max_file_bytes, max_total_bytes, max_members)


def iter_sources(
    path: str | Path,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_members: int = MAX_MEMBERS,
) -> Iterator[Source | Rejected]:
    """The report files of a file, a directory (recursive, sorted) or a .zip."""
    path = Path(path)
    limits = _limits(max_file_bytes, max_total_bytes, max_members)
    label = path.name or str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield Rejected(label, NOT_FOUND, {})
        return
    except OSError as exc:
        yield Rejected(label, UNREADABLE, {"error": exc.strerror or str(exc)})
        return
    if stat.S_ISDIR(mode):
        yield from _walk_dir(path, label, limits)
    elif not stat.S_ISREG(mode):
        yield Rejected(label, UNREADABLE, {"error": "not a regular file"})
    elif _suffix(label) == ZIP_SUFFIX:
        yield from _zip_path(path, label, limits)
    else:
        limits.members += 1
        yield _read_file(path, label, limits)


def _as_fileobj(data_or_fileobj: bytes | bytearray | memoryview | BinaryIO) -> BinaryIO:
    if isinstance(data_or_fileobj, (bytes, bytearray, memoryview)):
        return io.BytesIO(data_or_fileobj)
    return data_or_fileobj


def iter_zip(
    data_or_fileobj: bytes | BinaryIO,
    name: str,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_members: int = MAX_MEMBERS,
) -> Iterator[Source | Rejected]:
    """The report files of an uploaded .zip (bytes or a seekable binary file object)."""
    limits = _limits(max_file_bytes, max_total_bytes, max_members)
    yield from _walk_zip(_as_fileobj(data_or_fileobj), name, limits, 0)


def iter_upload(
    data_or_fileobj: bytes | BinaryIO,
    name: str,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_members: int = MAX_MEMBERS,
) -> Iterator[Source | Rejected]:
    """One uploaded file: the members of a .zip, or the file itself with the same checks."""
    if _suffix(name) == ZIP_SUFFIX:
        yield from iter_zip(
            data_or_fileobj,
            name,
            max_file_bytes=max_file_bytes,
            max_total_bytes=max_total_bytes,
            max_members=max_members,
        )
        return
    limits = _limits(max_file_bytes, max_total_bytes, max_members)
    if isinstance(data_or_fileobj, (bytes, bytearray, memoryview)):
        data = bytes(data_or_fileobj)
    else:
        data = _read_bounded(data_or_fileobj, max_file_bytes)
    yield _single(data, name, limits)
