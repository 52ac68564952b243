"""Uploaded files: the kinds a Party office sends, checked by content, and served safely.

Every uploaded file (a document's attachments, a conference's photos) is kept under
``MEDIA_ROOT``, which no URL serves. A view fetches the record the file belongs to through
the user's scope (and, for documents, the clearance), then answers with ``file_response``:
a streamed download with a content type chosen here, never taken from the browser or the
file, ``X-Content-Type-Options: nosniff`` and ``Content-Disposition: attachment``. Only
images verified on upload may be shown inline.

Uploads pass ``check_upload``: the name must end in one of the accepted kinds and the
content must be that kind (an .html page renamed .pdf is refused, and so is markup saved
as .txt). The checks read the first bytes, the names inside a .docx / .xlsx / .odt / .ods
archive, or let Pillow verify an image; nothing is decompressed in full.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

MSG_KIND_REFUSED = _(
    "“%(name)s” is not a kind of file kept here; attach a PDF, Word (.doc, .docx), Excel "
    "(.xls, .xlsx), OpenDocument (.odt, .ods), RTF or plain text file, or an image (JPEG, "
    "PNG, GIF, WebP, TIFF)."
)
MSG_CONTENT_MISMATCH = _(
    "“%(name)s” is not really a %(kind)s file: its content does not match its name, so it "
    "was refused."
)
MSG_TOO_BIG = _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
MSG_EMPTY = _("“%(name)s” is empty.")

HEAD_BYTES = 64 * 1024  # how much of a file the byte checks read
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .xls (Office 97-2003)
# Markup a browser would run or render; a text file holding it is refused.
MARKUP = re.compile(
    rb"<\s*(?:script|html|!doctype|svg|iframe|object|embed|body|head|meta|\?xml)"
    rb"|<[a-z][^<>]{0,500}\son[a-z]+\s*=",
    re.IGNORECASE,
)
# Image formats Pillow recognizes, with the type they are served as.
IMAGE_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
}
# Browsers show these inline; TIFF is downloaded.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
OCTET_STREAM = "application/octet-stream"


@dataclass(frozen=True)
class FileKind:
    """An accepted kind: the label of messages, the type it is served as, its content check.

    ``sniff`` reads the upload: False when the content is not of the kind, True when it is,
    or the type it really holds (an image's format) when that decides how it is served.
    """

    label: str
    content_type: str
    sniff: Callable[[IO[bytes]], bool | str]


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    kind: FileKind
    content_type: str  # what the content is (an image's real format), to store and serve

    @property
    def inline(self) -> bool:
        return self.content_type in INLINE_TYPES


def _head(f: IO[bytes], n: int = HEAD_BYTES) -> bytes:
    f.seek(0)
    data = f.read(n)
    f.seek(0)
    return data


def _starts_with(magic: bytes) -> Callable[[IO[bytes]], bool]:
    def sniff(f: IO[bytes]) -> bool:
        # A BOM or blank lines before the signature are tolerated (some tools write them).
        return _head(f, 1024).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(magic)

    return sniff


def _office_open_xml(part: str) -> Callable[[IO[bytes]], bool]:
    """A .docx / .xlsx: a zip archive holding the package's types and ``part``."""

    def sniff(f: IO[bytes]) -> bool:
        return {"[Content_Types].xml", part} <= _zip_names(f)

    return sniff


def _open_document(content_type: str) -> Callable[[IO[bytes]], bool]:
    """An .odt / .ods: a zip archive whose ``mimetype`` member names the type."""

    def sniff(f: IO[bytes]) -> bool:
        try:
            f.seek(0)
            with zipfile.ZipFile(f) as z, z.open("mimetype") as m:
                declared = m.read(100).strip()
        except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
            return False
        finally:
            f.seek(0)
        return declared == content_type.encode()

    return sniff


def _zip_names(f: IO[bytes]) -> set[str]:
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as z:
            return set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()
    finally:
        f.seek(0)


def _plain_text(f: IO[bytes]) -> bool:
    """Text in any encoding a Vietnamese office uses (UTF-8, UTF-16 with its BOM, the legacy
    single-byte ones), but not markup: a page saved as .txt is refused."""
    head = _head(f)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head and not MARKUP.search(head)


def _image(formats: frozenset[str]) -> Callable[[IO[bytes]], bool | str]:
    """An image Pillow can read and verify, in one of ``formats``; its real type."""

    def sniff(f: IO[bytes]) -> bool | str:
        from PIL import Image

        try:
            f.seek(0)
            with Image.open(f) as im:
                fmt = im.format
                im.verify()
        except Exception:  # Pillow raises many kinds for broken or hostile files
            return False
        finally:
            f.seek(0)
        return IMAGE_TYPES[fmt] if fmt in formats else False

    return sniff


WEB_IMAGE = _image(frozenset({"JPEG", "PNG", "GIF", "WEBP"}))
OLE2 = _starts_with(OLE2_MAGIC)
TIFF = _image(frozenset({"TIFF"}))

KINDS: dict[str, FileKind] = {
    ".pdf": FileKind("PDF", "application/pdf", _starts_with(b"%PDF-")),
    ".doc": FileKind("Word", "application/msword", OLE2),
    ".docx": FileKind(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _office_open_xml("word/document.xml"),
    ),
    ".xls": FileKind("Excel", "application/vnd.ms-excel", OLE2),
    ".xlsx": FileKind(
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _office_open_xml("xl/workbook.xml"),
    ),
    ".odt": FileKind(
        "OpenDocument",
        "application/vnd.oasis.opendocument.text",
        _open_document("application/vnd.oasis.opendocument.text"),
    ),
    ".ods": FileKind(
        "OpenDocument",
        "application/vnd.oasis.opendocument.spreadsheet",
        _open_document("application/vnd.oasis.opendocument.spreadsheet"),
    ),
    ".rtf": FileKind("RTF", "application/rtf", _starts_with(b"{\\rtf")),
    ".txt": FileKind("text", "text/plain", _plain_text),
    ".jpg": FileKind("JPEG", "image/jpeg", WEB_IMAGE),
    ".jpeg": FileKind("JPEG", "image/jpeg", WEB_IMAGE),
    ".png": FileKind("PNG", "image/png", WEB_IMAGE),
    ".gif": FileKind("GIF", "image/gif", WEB_IMAGE),
    ".webp": FileKind("WebP", "image/webp", WEB_IMAGE),
    ".tif": FileKind("TIFF", "image/tiff", TIFF),
    ".tiff": FileKind("TIFF", "image/tiff", TIFF),
}
# What may be attached to a document: every accepted kind.
OFFICE_EXTENSIONS = frozenset(KINDS)
# What may be shown in a page (conference photos).
PHOTO_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})


def extension(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def check_upload(
    upload,
    *,
    extensions: frozenset[str] = OFFICE_EXTENSIONS,
    refused=MSG_KIND_REFUSED,
) -> CheckedUpload:
    """The kind of ``upload`` when it is one of ``extensions`` and its content agrees with
    its name; ValidationError otherwise (``refused`` when the name's kind is not accepted),
    each with the file's name. The size limit is ``CTCT_MAX_UPLOAD_MB``."""
    name = upload.name or ""
    limit = settings.CTCT_MAX_UPLOAD_MB
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(
            MSG_TOO_BIG,
            code="too_big",
            params={"name": name, "size": round(upload.size / 1024 / 1024, 1), "limit": limit},
        )
    ext = extension(name)
    if ext not in extensions or ext not in KINDS:
        raise ValidationError(refused, code="kind_refused", params={"name": name})
    if not upload.size:
        raise ValidationError(MSG_EMPTY, code="empty", params={"name": name})
    kind = KINDS[ext]
    found = kind.sniff(upload)
    if found is False:
        raise ValidationError(
            MSG_CONTENT_MISMATCH, code="content_mismatch", params={"name": name, "kind": kind.label}
        )
    content_type = found if isinstance(found, str) else kind.content_type
    return CheckedUpload(extension=ext, kind=kind, content_type=content_type)


def served_type(name: str) -> str:
    """The type a stored file is served as: its accepted kind's, else a plain download."""
    kind = KINDS.get(extension(name))
    return kind.content_type if kind else OCTET_STREAM


def file_response(
    stored, *, filename: str, content_type: str | None = None, inline: bool = False
) -> FileResponse:
    """Stream the stored file ``stored`` (a FieldFile) as a download named ``filename``.

    ``content_type`` defaults to the one of the name's accepted kind; ``inline`` is honoured
    only for image types browsers display (set it for images verified on upload). A file
    missing from the disk answers 404.
    """
    content_type = content_type or served_type(filename)
    inline = inline and content_type in INLINE_TYPES
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=PurePath(filename).name or "file",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even when opened directly, the file runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=600" if inline else "private, no-store"
    return response
