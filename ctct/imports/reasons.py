"""Why a file was not imported, in words for the user (the codes of ``archive`` and ``prepare``).

``reason_text(code, params)`` returns the message in the active language; sizes are shown as
"50,0 MB", a technical detail the reader gave is added at the end. An unknown code still gets
a message naming it.
"""

from __future__ import annotations

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

__all__ = ["batch_error_text", "reason_text"]

_SIZE_KEYS = ("size", "limit", "packed")
_DETAIL_KEYS = ("detail", "error")


class _Params(dict):
    """Format arguments: a key the message needs but the params lack shows as "?"."""

    def __missing__(self, key: str) -> str:
        return "?"


def _messages() -> dict[str, str]:
    # Built per call so gettext sees the active language.
    return {
        # archive.py
        "unsafe_path": _(
            "This archive member would unpack outside the archive (unsafe path); it was not read."
        ),
        "too_many": _(
            "The archive holds %(count)s files, more than the %(limit)s allowed; it was not read."
        ),
        "bad_zip": _("The archive or this member of it is damaged and could not be unpacked."),
        "encrypted": _("This archive member is protected by a password; it could not be read."),
        "zip_nested": _(
            "This is an archive inside an archive inside an archive: only one level of nested "
            "archives is opened, so it was not read."
        ),
        "unsupported": _(
            "Files of type %(suffix)s cannot be read: use .txt, .html, .docx or .pdf (save a "
            ".doc file again as .docx)."
        ),
        "empty": _("The file is empty."),
        "too_large": _("The file is %(size)s, more than the %(limit)s allowed; it was not read."),
        "total_too_large": _("The files together are more than %(limit)s; this file was not read."),
        "not_found": _("The file or folder was not found."),
        "unreadable": _("The file could not be read."),
        # prepare.py
        "not_text": _(
            "The file is not readable text: it is binary data, or in an encoding ctct does not "
            "know (Unicode, TCVN3, VNI, VISCII and Windows-1258 are read)."
        ),
        "bad_docx": _("The .docx file is damaged or is not a Word document; it could not be read."),
        "bad_pdf": _("The PDF file is damaged; it could not be read."),
        "pdf_no_text": _(
            "The PDF has no text layer (it is probably a scan): there is no text to read. Run text "
            "recognition (OCR) on it or import the original document."
        ),
        "pdf_encrypted": _("The PDF is protected by a password; its text cannot be read."),
        "bad_html": _("The web page could not be read."),
        "no_text": _("No text was found in the file."),
        "not_conference": _(
            "This does not look like a conference report: no conference, organizing body or "
            "meeting date was found, so nothing was imported from it. You can still open it and "
            "check what was read."
        ),
        "worker_died": _(
            "The background worker stopped %(count)s times while reading this file (it may be "
            "too large or damaged): it was not imported. Import it again on its own, or report "
            "it to the administrator."
        ),
        "internal": _(
            "An unexpected error stopped the reading of this file; please report it to the "
            "administrator."
        ),
    }


def _variant(code: str, params: dict) -> str | None:
    """Messages that depend on ``params["why"]`` or on a missing count."""
    why = params.get("why")
    if code == "zip_bomb":
        if why == "ratio":
            return _(
                "This archive member unpacks to %(size)s from %(packed)s (%(ratio)s times): it "
                "looks like a zip bomb and was not unpacked."
            )
        if why == "total":
            return _(
                "The archive unpacks to more than %(limit)s in total; this member was not read."
            )
        return _(
            "This archive member unpacks to more than %(limit)s although its header says less: "
            "it looks like a zip bomb and was not unpacked."
        )
    if code == "unsafe_path" and why == "symlink":
        return _("This entry is a symbolic link; links are not followed, so it was not read.")
    if code == "too_many" and "count" not in params:
        return _("The folder holds more than %(limit)s files; the files after those were not read.")
    if code == "unsupported" and not params.get("suffix"):
        return _("The file has no type (no extension such as .docx or .pdf), so it cannot be read.")
    return None


def reason_text(code: str, params: dict | None = None) -> str:
    """The user's message for a refusal ``(code, params)`` from ``archive`` or ``prepare``."""
    params = dict(params or {})
    message = _variant(code, params) or _messages().get(code)
    if message is None:
        return _("The file could not be imported (reason: %(code)s).") % {"code": code}
    values = _Params(params)
    for key in _SIZE_KEYS:
        if isinstance(values.get(key), int):
            values[key] = filesizeformat(values[key])
    text = message % values
    detail = next((params[k] for k in _DETAIL_KEYS if params.get(k)), None)
    if detail:
        text += " " + _("Technical detail: %(detail)s") % {"detail": detail}
    return text


def _batch_errors() -> dict[str, str]:
    return {
        "interrupted": _(
            "The import stopped before the end (its process was stopped or failed): the "
            "reports listed here were read. Run the import again to read the rest; what is "
            "already imported is skipped."
        ),
        "worker_died": _(
            "The background worker stopped several times while listing the files of this "
            "import; nothing was read. Upload the files again, or report it to the "
            "administrator."
        ),
    }


def batch_error_text(error: str) -> str:
    """Why a batch ended early: the words of a known code, else the error as written."""
    return _batch_errors().get(error, error)
