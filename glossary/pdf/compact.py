"""The PDF as Typst writes it, finished with pikepdf (qpdf): a named destination for every
entry, links to them, and a smaller file.

Typst makes named destinations only of labelled headings (the parts, letters and front
matter here); entries are not headings, so their destinations are added from the
positions Typst reports for their anchors, and ``book.pdf#firu-distance-learning`` opens
the entry. The template links to an anchor by the address ``#anchor``; each such link
becomes a link to the named destination, with "page N" in the language of its text as
the text a screen reader gives for it. Every page's content stream has its numbers rounded
to a tenth and is compressed again more strongly. The file is then written again
with object streams; qpdf's output is deterministic, and the document ID is derived from the
content, so the same sources still give the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from glossary.errors import ExportError

__all__ = ["PAGE", "Anchor", "finish"]

#: (name, page number from 1, x and y from the top-left corner in points)
Anchor = tuple[str, int, float, float]

#: "page" before a page number, as Typst abbreviates it in the text a screen reader gives
#: for a link; English for any other language.
PAGE = {"fi": "sivu", "ru": "с.", "sv": "sida", "de": "Seite", "fr": "page", "en": "page"}


def finish(
    data: bytes | Sequence[bytes],
    anchors: Iterable[Anchor],
    languages: Mapping[str, str] | None = None,
    *,
    lift: float = 10.0,
) -> bytes:
    """``data`` with a named destination for each anchor (``lift`` points above its
    position, so that the line shows whole), each link to ``#anchor`` leading to it and
    described as "page N" in the anchor's language (``languages``), with object
    streams. ``data`` may be the PDFs of the sections of a book laid out apart, in the
    order of the book: they are joined into one (:mod:`glossary.pdf.join`)."""
    import pikepdf

    anchors = list(anchors)
    page_of = {name: number for name, number, _, _ in anchors}
    languages = languages or {}
    sections = [data] if isinstance(data, bytes) else list(data)
    sections = [_links(section, page_of, languages, lift) for section in sections]
    # (links _links did not recognise: done below, one at a time)
    left = any(b"/URI(#" in section for section in sections)

    with contextlib.ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(io.BytesIO(sections[0])))
        if len(sections) > 1:
            from glossary.pdf.join import join

            others = [stack.enter_context(pikepdf.open(io.BytesIO(s))) for s in sections[1:]]
            join(pdf, others)
        if "/Names" not in pdf.Root:
            pdf.Root.Names = pikepdf.Dictionary()
        names = pdf.Root.Names
        dests: dict[str, pikepdf.Object] = {}
        if "/Dests" in names:
            dests.update((str(k), v) for k, v in pikepdf.NameTree(names.Dests).items())
        pages = list(pdf.pages)
        heights = [float(page.mediabox[3]) for page in pages]
        objects = [page.obj for page in pages]
        for name, number, x, y in anchors:
            if name not in dests:  # (a heading Typst has made a destination of already)
                top = round(heights[number - 1] - y + lift, 2)
                dests[name] = pikepdf.Array(
                    [objects[number - 1], pikepdf.Name.XYZ, round(x, 2), top, None]
                )
        names.Dests = _name_tree(pdf, dests)
        for page in pages if left else ():
            for annotation in page.obj.get("/Annots", ()):
                action = annotation.get("/A")
                if action is not None and str(action.get("/URI", "")).startswith("#"):
                    name = str(action.URI)[1:]
                    if name not in page_of:
                        raise ExportError(f"the template links to '#{name}', which is no anchor")
                    del annotation["/A"]
                    annotation.Dest = pikepdf.String(name)
                    word = PAGE.get(languages.get(name, "").split("-")[0], PAGE["en"])
                    annotation.Contents = pikepdf.String(f"{word} {page_of[name]}")
                if "/QuadPoints" in annotation:
                    low, high = float(annotation.Rect[1]), float(annotation.Rect[3])
                    if high - low < 2 * lift:
                        del annotation["/QuadPoints"]
        _contents(pdf, pikepdf.Stream, pikepdf.Name.FlateDecode)
        # `/Suspects false` is the default; poppler (pdfinfo, pdffonts, pdftoppm) reports
        # it as a syntax error on every run, so it is left out
        mark = pdf.Root.get("/MarkInfo")
        if mark is not None and not mark.get("/Suspects", True):
            del mark["/Suspects"]
        out = io.BytesIO()
        # (qpdf's level is the process's, with no way to read it: set for this file,
        # then back to qpdf's default, zlib's)
        pikepdf.settings.set_flate_compression_level(_LEVEL)
        try:
            pdf.save(
                out,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                compress_streams=True,
                deterministic_id=True,
            )
        finally:
            pikepdf.settings.set_flate_compression_level(-1)
    return out.getvalue()


#: zlib's level for the pages' content and the object streams: 7 makes the bundled book
#: 3 % smaller than zlib's default 6 in about the same time; 8 and 9 save 2 % more in
#: four times the time.
_LEVEL: Literal[7] = 7


def _contents(pdf: Any, stream_type: Any, flate: Any) -> None:
    """Every page's content stream with its numbers to a tenth (:func:`_coarse`),
    compressed again more strongly (zlib level :data:`_LEVEL`, on both cores: zlib lets other
    threads run while it compresses)."""
    from concurrent.futures import ThreadPoolExecutor

    streams = [page.obj.get("/Contents") for page in pdf.pages]
    streams = [s for s in streams if isinstance(s, stream_type)]
    data = [stream.read_bytes() for stream in streams]
    with ThreadPoolExecutor(max_workers=2) as pool:
        packed = list(pool.map(_pack, data))
    for stream, bytes_ in zip(streams, packed, strict=True):
        stream.write(bytes_, filter=flate)


def _pack(content: bytes) -> bytes:
    packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, 15, 9)
    return packer.compress(_coarse(content)) + packer.flush()


_DIGITS = b"0123456789"


def _coarse(content: bytes) -> bytes:
    """A content stream with every number rounded to a tenth (a twentieth of a point at
    most from where Typst put it, 0.02 mm): Typst writes up to nine decimals
    (``297.6378 785.19684 cm``, ``-103.57422`` in a ``TJ``, in thousandths of an em),
    which are a tenth of the file once compressed. A number whose tenth would carry
    over (``3.96``) is cut to two decimals instead (off by less than 0.01). Cut at each
    ``.``: in Typst's content streams a ``.`` followed by digits is always a number,
    since a string of glyphs writes every byte below 0x20 as an escape (``\\000``) and
    every glyph's high byte is below 0x20 (no font of the book has 8,192 glyphs), so
    that a ``.`` in a string is followed by a backslash or the string's end."""
    parts = content.split(b".")
    out = [parts[0]]
    nine, five = ord("9"), ord("5")
    for part in parts[1:]:
        digits = len(part) - len(part.lstrip(_DIGITS))
        if digits < 2:
            out.append(part)
        elif part[1] < five:
            out.append(part[:1] + part[digits:])
        elif part[0] != nine:
            out.append(bytes((part[0] + 1,)) + part[digits:])
        else:
            out.append(part[:2] + part[digits:])
    return b".".join(out)


#: A link annotation as Typst 0.15 writes it, to an address ``#name``.
_LINK = re.compile(
    rb"<</Type/Annot/Subtype/Link/Rect\[(?P<rect>[-\d. ]+)\]/Border\[0 0 0\]"
    rb"(?P<quads>/QuadPoints\[[-\d. ]+\])?"
    rb"/A<</Type/Action/S/URI/URI\(#(?P<name>[A-Za-z0-9_.-]+)\)>>"
    rb"/F 4/StructParent (?P<parent>\d+)/Contents\(#(?P=name)\)>>"
)


def _links(
    data: bytes, page_of: Mapping[str, int], languages: Mapping[str, str], lift: float
) -> bytes:
    """The links of ``data`` to ``#name`` made links to the named destination ``name``,
    rewritten in place in the bytes Typst wrote: each annotation is written again in no
    more bytes than it had, and padded with spaces, so that every object stays where the
    cross-reference table says it is. (pikepdf would do the same one annotation at a
    time, at a tenth of the speed.) No /QuadPoints on a link of one line either."""

    def link(found: re.Match[bytes]) -> bytes:
        name = found["name"].decode("ascii")
        if name not in page_of:
            raise ExportError(f"the template links to '#{name}', which is no anchor")
        rect = [float(v) for v in found["rect"].split()]
        quads = b""
        if found["quads"] and rect[3] - rect[1] >= 2 * lift:
            quads = b"/QuadPoints[" + _lines(found["quads"][12:-1]) + b"]"
        word = PAGE.get(languages.get(name, "").split("-")[0], PAGE["en"])
        alt = f"{word} {page_of[name]}"
        text = (
            f"({alt})".encode("ascii")
            if alt.isascii()
            else b"<" + ("\ufeff" + alt).encode("utf-16-be").hex().upper().encode("ascii") + b">"
        )
        new = (
            b"<</Type/Annot/Subtype/Link/Rect["
            + _numbers(rect)
            + b"]/Border[0 0 0]"
            + quads
            + b"/Dest("
            + found["name"]
            + b")/F 4/StructParent "
            + found["parent"]
            + b"/Contents"
            + text
            + b">>"
        )
        size = found.end() - found.start()
        if len(new) > size:  # (cannot be: the action it replaces is longer)
            return found[0]
        return new + b" " * (size - len(new))

    return _LINK.sub(link, data)


def _numbers(values: Iterable[float]) -> bytes:
    """Coordinates to a hundredth of a point (Typst writes six digits)."""
    return " ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in values).encode("ascii")


def _lines(quads: bytes) -> bytes:
    """One quadrilateral for each line of a link that Typst gave one for each word: the
    words on a line (boxes whose heights overlap) joined into one."""
    values = [float(v) for v in quads.split()]
    lines: list[list[float]] = []  # [left, bottom, right, top]
    for n in range(0, len(values) - 7, 8):
        xs, ys = values[n : n + 8 : 2], values[n + 1 : n + 8 : 2]
        box = [min(xs), min(ys), max(xs), max(ys)]
        line = next((b for b in lines if box[1] < b[3] and b[1] < box[3]), None)
        if line is None:
            lines.append(box)
        else:
            line[:] = [
                min(line[0], box[0]),
                min(line[1], box[1]),
                max(line[2], box[2]),
                max(line[3], box[3]),
            ]
    # counter-clockwise from the bottom left, as PDF 1.7 (and Typst) write them
    return b" ".join(_numbers((x0, y0, x1, y0, x1, y1, x0, y1)) for x0, y0, x1, y1 in lines)


def _name_tree(pdf: Any, entries: dict[str, Any], leaf: int = 128) -> Any:
    """A name tree of two levels, leaves of ``leaf`` names in order (pikepdf's NameTree
    inserts one name at a time, which for thousands of names is slow)."""
    import pikepdf

    ordered = sorted(entries.items(), key=lambda item: item[0].encode("utf-8"))
    kids = []
    for start in range(0, len(ordered), leaf):
        chunk = ordered[start : start + leaf]
        flat: list[Any] = []
        for key, value in chunk:
            flat += [pikepdf.String(key), value]
        limits = pikepdf.Array([pikepdf.String(chunk[0][0]), pikepdf.String(chunk[-1][0])])
        kids.append(pdf.make_indirect(pikepdf.Dictionary(Limits=limits, Names=pikepdf.Array(flat))))
    return pdf.make_indirect(pikepdf.Dictionary(Kids=pikepdf.Array(kids)))
