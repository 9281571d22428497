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
        tree = (
            pikepdf.NameTree(names.Dests)
            if "/Dests" in names
            else pikepdf.NameTree.new(pdf, auto_repair=False)
        )
        pages = pdf.pages
        for name, number, x, y in anchors:
            if name in tree:
                continue  # a heading Typst has made a destination of already
            target = pages[number - 1]
            height = float(target.mediabox[3])
            tree[name] = pikepdf.Array(
                [target.obj, pikepdf.Name.XYZ, round(x, 2), round(height - y + lift, 2), None]
            )
        names.Dests = tree.obj
        for page in pages:
            for annotation in page.obj.get("/Annots", ()):
                if "/QuadPoints" in annotation:
                    low, high = float(annotation.Rect[1]), float(annotation.Rect[3])
                    if high - low < 2 * lift:
                        del annotation["/QuadPoints"]
        pikepdf.settings.set_flate_compression_level(9)  # the object streams qpdf makes
        out = io.BytesIO()
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
        )
    return out.getvalue()
