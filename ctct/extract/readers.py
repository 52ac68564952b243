"""Reading a report file into text: .txt (any encoding the language layer reads), .html, .docx, .pdf.

Every failure is an ``ExtractError`` whose ``reason`` says, in words, why the file could not be
read; nothing is loaded from a file larger than ``MAX_BYTES``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ctct.text.encodings import convert_run, decode_bytes

MAX_BYTES = 50 * 1024 * 1024

MSG_NOT_FOUND = "file not found: {path}"
MSG_NOT_A_FILE = "not a regular file: {path}"
MSG_TOO_LARGE = "file too large: {size} bytes (limit {limit} bytes); not read"
MSG_EMPTY = "empty file"
MSG_UNSUPPORTED = "unsupported file type {suffix!r}: use .txt, .html, .docx or .pdf"
MSG_NOT_TEXT = "not readable as text: {reason}"
MSG_BAD_DOCX = "corrupt or unreadable .docx: {error}"
MSG_BAD_PDF = "corrupt or unreadable .pdf: {error}"
MSG_PDF_NO_TEXT = "the PDF has no text layer (a scan?): nothing to read"
MSG_PDF_ENCRYPTED = "the PDF is encrypted: cannot read its text"
MSG_BAD_HTML = "unreadable HTML: {error}"
MSG_NO_TEXT = "no text found in the file"

TEXT_SUFFIXES = (".txt", ".text", ".md", "")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class ExtractError(Exception):
    """A file that cannot be read or extracted; ``reason`` says why."""

    def __init__(self, reason: str, path: str | None = None):
        super().__init__(reason if path is None else f"{path}: {reason}")
        self.reason = reason
        self.path = path


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ExtractError(MSG_NOT_FOUND.format(path=path), str(path))
    if not path.is_file():
        raise ExtractError(MSG_NOT_A_FILE.format(path=path), str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ExtractError(MSG_TOO_LARGE.format(size=size, limit=MAX_BYTES), str(path))
    if size == 0:
        raise ExtractError(MSG_EMPTY, str(path))
    return path.read_bytes()


def read_txt(data: bytes) -> str:
    result = decode_bytes(data)
    if result.text is None:
        raise ExtractError(MSG_NOT_TEXT.format(reason=result.reason))
    return result.text


def read_html(data: bytes) -> str:
    """Main text by trafilatura; the full text of the page by lxml when trafilatura finds none."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        raise ExtractError(MSG_NOT_TEXT.format(reason=decoded.reason))
    markup = decoded.text
    text = None
    try:
        import trafilatura

        text = trafilatura.extract(
            markup,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # a library failure falls back to the full text
        text = None
    if not text or len(text.strip()) < 40:
        try:
            import lxml.html

            tree = lxml.html.fromstring(markup)
            for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer"):
                bad.drop_tree()
            blocks = []
            for el in tree.iter("p", "h1", "h2", "h3", "h4", "li", "td", "div", "span"):
                if el.tag in ("div", "span") and len(el):
                    continue
                t = " ".join(el.text_content().split())
                if t:
                    blocks.append(t)
            text = "\n".join(blocks) if blocks else " ".join(tree.text_content().split())
        except Exception as exc:
            raise ExtractError(MSG_BAD_HTML.format(error=exc)) from exc
    if not text or not text.strip():
        raise ExtractError(MSG_NO_TEXT)
    return text


def _docx_paragraph_text(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        font = run.font.name
        if font is None:
            rpr = run._element.rPr
            if rpr is not None and rpr.rFonts is not None:
                font = rpr.rFonts.get(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii"
                )
        if font is None and paragraph.style is not None and paragraph.style.font is not None:
            font = paragraph.style.font.name
        parts.append(convert_run(run.text, font))
    text = "".join(parts)
    return text if text.strip() or not paragraph.text else paragraph.text


def read_docx(data: bytes) -> str:
    """Paragraphs and tables in document order; runs in legacy fonts converted one by one."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as exc:
        raise ExtractError(MSG_BAD_DOCX.format(error=exc)) from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_docx_paragraph_text(Paragraph(child, document)))
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells = []
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(
                        "\n".join(_docx_paragraph_text(p) for p in cell.paragraphs).strip()
                    )
                lines.append("\t".join(c for c in cells if c))
    text = "\n".join(lines)
    if not text.strip():
        raise ExtractError(MSG_NO_TEXT)
    return text


def read_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise ExtractError(MSG_PDF_ENCRYPTED) from exc
        pages = [page.extract_text() or "" for page in reader.pages]
        if _split_syllables("\n".join(pages)):
            # a browser's PDF places each accented letter apart ("Đ ả ng ủ y"): its layout
            # reading keeps the words whole
            pages = [
                _collapse_layout(page.extract_text(extraction_mode="layout") or "")
                for page in reader.pages
            ]
    except ExtractError:
        raise
    except Exception as exc:
        raise ExtractError(MSG_BAD_PDF.format(error=exc)) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ExtractError(MSG_PDF_NO_TEXT)
    return unwrap_lines(text)


# A lone accented letter between spaces ("ch ủ", "Đ ả ng"): a syllable cut apart.
_LONE_ACCENTED_RE = re.compile(r"(?<= )[^\x00-\x7f\s](?= )")
# More than this share of the words alone and accented: the text layer cut syllables apart.
SPLIT_SYLLABLE_SHARE = 0.05
_SPACE_RUN_RE = re.compile(r"[ \t]{2,}")


def _split_syllables(text: str) -> bool:
    words = text.count(" ") + 1
    return len(_LONE_ACCENTED_RE.findall(text)) > SPLIT_SYLLABLE_SHARE * words


def _collapse_layout(text: str) -> str:
    """A layout reading's lines without their column padding."""
    return "\n".join(_SPACE_RUN_RE.sub(" ", ln).strip() for ln in text.split("\n"))


_PARAGRAPH_END = (".", ":", ";", "!", "?", '"', "”", ")", "./.")
_ITEM_START = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[IVX]{1,4}\.|[a-zđ]\))\s")


def unwrap_lines(text: str) -> str:
    """Join the hard-wrapped lines of a PDF's text layer back into paragraphs.

    A line joins the next one unless it closes a sentence, or the next one opens a list item;
    blank lines stay paragraph breaks.
    """
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    wrapped = False
    for i, line in enumerate(lines):
        if not line:
            out.append("")
            wrapped = False
            continue
        going_on = bool(out and out[-1].endswith((",", ";")) and line[0].islower())
        if (wrapped or going_on) and not _ITEM_START.match(line):
            # a wrap, or a sentence going on in lower case after its comma or semicolon
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        # a wrapped line runs about as wide as the lines around it; one much shorter than its
        # neighbours (a menu item above a headline) ends where its writer ended it
        prev = len(lines[i - 1]) if i else 0
        nxt = len(lines[i + 1]) if i + 1 < len(lines) else 0
        ended = line.endswith(_PARAGRAPH_END) and not _ABBREVIATION_END.search(line)
        wrapped = not ended and len(line) >= WRAP_WIDTH_SHARE * max(prev, nxt)
    return "\n".join(out)


# "(TP." at the end of a line: an abbreviation's dot, not a sentence's.
_ABBREVIATION_END = re.compile(r"(?<![\w])(?:[A-ZĐ]{1,4}|[A-ZĐ][a-zđ]{0,2})\.$")
# A line at least this share of its neighbours' width may be a hard wrap.
WRAP_WIDTH_SHARE = 0.6


def read_document(path) -> str:
    """The text of a report file (.txt, .html, .docx, .pdf), or ``ExtractError`` saying why not."""
    path = Path(path)
    suffix = path.suffix.lower()
    data = _read_bytes(path)
    try:
        if suffix in HTML_SUFFIXES:
            return read_html(data)
        if suffix == ".docx":
            return read_docx(data)
        if suffix == ".pdf":
            return read_pdf(data)
        if suffix in TEXT_SUFFIXES:
            if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
                return read_html(data)
            return read_txt(data)
    except ExtractError as exc:
        raise ExtractError(exc.reason, str(path)) from exc
    raise ExtractError(MSG_UNSUPPORTED.format(suffix=suffix), str(path))
