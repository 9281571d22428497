"""The PDF as Typst writes it, finished with pikepdf (qpdf): a named destination for every
entry, and a smaller file.

Typst makes named destinations only of labelled headings (the parts, letters and front
matter here); entries are not headings, so their destinations are added from the
positions Typst reports for their anchors, and ``book.pdf#fiiru-distance-learning`` opens
the entry. The file is then written again with object streams and recompressed streams;
qpdf's output is deterministic, and the document ID is derived from the content, so the
same sources still give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

__all__ = ["Anchor", "finish"]

#: (name, page number from 1, x and y from the top-left corner in points)
Anchor = tuple[str, int, float, float]


def finish(data: bytes, anchors: Iterable[Anchor], *, lift: float = 10.0) -> bytes:
    """``data`` with a named destination for each anchor (``lift`` points above its
    position, so that the line shows whole), with object streams."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
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
        for page in pages:
            for annotation in page.obj.get("/Annots", ()):
                if "/QuadPoints" in annotation:
                    low, high = float(annotation.Rect[1]), float(annotation.Rect[3])
                    if high - low < 2 * lift:
                        del annotation["/QuadPoints"]
        out = io.BytesIO()
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
        )
    return out.getvalue()


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
