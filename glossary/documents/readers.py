"""The text of a document, for the scanner: plain text, Markdown, HTML, DOCX and the
source side of XLIFF, PO and TMX.

Every reader takes the file's bytes and returns a :class:`Document` whose ``text`` the
scanner's offsets count into (code points, end exclusive):

- plain text and Markdown: the file as read (UTF-8, a BOM dropped; line ends kept).
  In Markdown, code (fenced blocks and inline), link targets, autolinks and HTML tags
  are blanked out with spaces before the scan, so offsets still point into the file;
- HTML (lxml.html): the text of the page without scripts, styles and comments, a line
  break after each block element;
- DOCX (python-docx): the paragraphs of the body and of its tables, one per line;
- XLIFF 1.2 and 2.x, gettext PO, TMX (translate-toolkit's storage classes): the source
  text of each unit, one unit per line; the file's source language is kept.

A file that cannot be read raises :class:`DocumentError` with one line naming the file
(and the line and column where the parser says): binary data, text that is not UTF-8, a
file over :data:`MAX_BYTES`, a zip over the limits (a zip bomb), XML with a DTD
declaring entities.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

from glossary.errors import GlossaryError

__all__ = ["MAX_BYTES", "Document", "DocumentError", "kind_of", "read_document"]

#: The largest document read (a 20 MiB text is about 2.5 million words); a DOCX may
#: unzip to at most this much, and no part of it may be compressed more than
#: :data:`MAX_RATIO` times (text compresses 3 to 10 times, zip bombs a thousand).
MAX_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1000

KINDS = ("text", "markdown", "html", "docx", "xliff", "po", "tmx")
_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
}


class DocumentError(GlossaryError):
    """A document that cannot be read; the message is one line naming it."""


@dataclass(frozen=True)
class Document:
    """What the scanner reads of a file."""

    path: str
    kind: str
    #: The text the offsets count into.
    text: str
    #: What the scanner scans: ``text`` with what is not prose blanked out (Markdown),
    #: of the same length.
    scanned: str
    #: The source language the file declares (XLIFF, PO, TMX), if any.
    lang: str | None = None


def kind_of(path: str) -> str:
    """The reader for a file name, by its suffix; anything else is plain text."""
    return _SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def read_document(path: str, data: bytes, kind: str | None = None) -> Document:
    """The document in ``data`` (the bytes of the file ``path``)."""
    kind = kind or kind_of(path)
    if len(data) > MAX_BYTES:
        raise DocumentError(
            f"{path}: not read: {len(data) / 2**20:,.0f} MB "
            f"(at most {MAX_BYTES / 2**20:,.0f} MB; split the file)"
        )
    if kind == "docx":
        return _docx(path, data)
    if data[:4] == b"PK\x03\x04":
        raise DocumentError(f"{path}: a zip archive, not text (a .docx file needs its suffix)")
    if kind == "html":
        text = _html(path, data)
        return Document(path, kind, text, text)
    if kind in ("xliff", "po", "tmx"):
        return _bilingual(path, data, kind)
    text = _decode(path, data)
    scanned = _markdown_prose(text) if kind == "markdown" else text
    return Document(path, kind, text, scanned)


def _decode(path: str, data: bytes) -> str:
    if b"\x00" in data[:65536] or b"\x00" in data[-65536:]:
        raise DocumentError(f"{path}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentError(
            f"{path}:{line}:{col}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "convert it to UTF-8"
        ) from None


# -- Markdown -----------------------------------------------------------------------------

#: What is not prose in Markdown, each alternative linear in the text: a tag's, a link
#: target's or an autolink's characters stop at the next bracket, so a line of ``<a<a<a``
#: is not read again from each ``<`` (code spans are paired apart, see _code_spans).
_MARKDOWN_SKIP = re.compile(
    r"^(?P<fence>[ \t]{0,3}(?:```|~~~)).*?(?:^[ \t]{0,3}(?:```|~~~)[ \t]*$|\Z)"  # fenced code
    r"|\]\([^()\[\]\s]*(?:\s+\"[^\"\n]*\")?\)"  # a link's target and title
    r"|^\[[^\]\n]+\]:[^\n]*"  # a reference definition
    r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*>"  # an autolink
    r"|<!--.*?(?:-->|\Z)"  # an HTML comment (unclosed: to the end)
    r"|</?[a-zA-Z][^<>\n]*>",  # an HTML tag
    re.MULTILINE | re.DOTALL,
)
_TICKS = re.compile(r"`+")


def _markdown_prose(text: str) -> str:
    """``text`` with code, link targets and HTML blanked out (line breaks kept), so that
    the scanner's offsets still point into the file."""

    def blank(found: re.Match[str]) -> str:
        return _blank(found.group())

    text = _MARKDOWN_SKIP.sub(blank, text)
    pieces: list[str] = []
    at = 0
    for start, end in _code_spans(text):
        pieces += [text[at:start], _blank(text[start:end])]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _blank(text: str) -> str:
    """Spaces for ``text``, its line breaks kept."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code: a run of backticks up to the next run of the same length (CommonMark);
    a run with no such partner is text. Runs are paired through their positions by
    length, so a text of unpaired runs costs no more than a text of paired ones."""
    from bisect import bisect_right

    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(i)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        k = bisect_right(same, i)
        if k == len(same):
            i += 1
            continue
        j = same[k]
        spans.append((start, runs[j][1]))
        i = j + 1
    return spans


# -- HTML ---------------------------------------------------------------------------------

_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "svg", "math"})
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "title",
        "caption",
    ]
)


def _html(path: str, data: bytes) -> str:
    import lxml.html
    from lxml import etree

    if b"\x00" in data[:65536]:
        raise DocumentError(f"{path}: binary data, not HTML")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{path}: not readable HTML ({exc})") from None
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            return
        block = tag in _BLOCKS
        if block and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        if element.text and tag:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block and parts and not parts[-1].endswith("\n"):
            parts.append("\n")

    body = root.find("body")
    walk(body if body is not None else root)
    return "".join(parts)


# -- DOCX ---------------------------------------------------------------------------------


def _zip_problem(data: bytes) -> str | None:
    """Why the zip of a DOCX file is not read, or None."""
    from glossary.util import zip_problem

    return zip_problem(
        data, "DOCX", max_bytes=MAX_BYTES, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS
    )


def _docx(path: str, data: bytes) -> Document:
    problem = _zip_problem(data)
    if problem is not None:
        raise DocumentError(f"{path}: {problem}")
    _refuse_entities_in_zip(path, data)
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency
        raise DocumentError(f"{path}: reading DOCX needs python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.extend(cell.text for cell in row.cells)
    except Exception as exc:  # python-docx meets damaged files with whatever it raises
        raise DocumentError(f"{path}: not a readable DOCX file ({_why(exc)})") from None
    text = "\n".join(lines)
    return Document(path, "docx", text, text)


def _refuse_entities_in_zip(path: str, data: bytes) -> None:
    """A DOCX whose XML declares entities is refused, as such XLIFF and TMX files are
    (its parts' sizes are already known to be within the limits)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                found = _ENTITY.search(archive.read(info))
                if found is not None:
                    raise DocumentError(f"{path}: not read: {info.filename} declares XML entities")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise DocumentError(f"{path}: not a readable DOCX file ({_why(exc)})") from None


def _why(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


# -- XLIFF, PO, TMX -----------------------------------------------------------------------

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _bilingual(path: str, data: bytes, kind: str) -> Document:
    """The source text of each unit, one per line."""
    if b"\x00" in data[:65536]:
        raise DocumentError(f"{path}: binary data, not {kind.upper()}")
    if kind != "po" and (found := _ENTITY.search(data)) is not None:
        line = data.count(b"\n", 0, found.start()) + 1
        col = found.start() - (data.rfind(b"\n", 0, found.start()) + 1) + 1
        raise DocumentError(f"{path}:{line}:{col}: not read: the XML declares entities")
    try:
        store = _store(kind, data)
    except DocumentError:
        raise
    except Exception as exc:  # the parsers raise what their input provokes
        where = _position(exc)
        raise DocumentError(f"{path}{where}: not readable {kind.upper()} ({_why(exc)})") from None
    units = [u for u in store.units if not u.isheader()]
    text = "\n".join(" ".join(str(u.source or "").split()) for u in units)
    lang = store.getsourcelanguage() if hasattr(store, "getsourcelanguage") else None
    if kind == "po":
        header = store.parseheader() if hasattr(store, "parseheader") else {}
        lang = header.get("X-Source-Language") or lang
    return Document(path, kind, text, text, str(lang) if lang else None)


def _store(kind: str, data: bytes):  # type: ignore[no-untyped-def]
    if kind == "po":
        from translate.storage import po

        return po.pofile.parsestring(data)  # type: ignore[no-untyped-call]
    if kind == "tmx":
        from translate.storage import tmx

        return tmx.tmxfile.parsestring(data)  # type: ignore[no-untyped-call]
    if b"urn:oasis:names:tc:xliff:document:2" in data[:4096]:
        from translate.storage import xliff2

        return xliff2.Xliff2File.parsestring(data)  # type: ignore[no-untyped-call]
    from translate.storage import xliff

    return xliff.xlifffile.parsestring(data)  # type: ignore[no-untyped-call]


def _position(exc: Exception) -> str:
    position = getattr(exc, "position", None)
    if isinstance(position, tuple) and len(position) == 2:
        return f":{position[0]}:{position[1]}"
    line = getattr(exc, "lineno", None)
    return f":{line}" if isinstance(line, int) else ""
