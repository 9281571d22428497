"""The PDFs of a book's sections, laid out apart (``glossary.pdf``), joined into one.

Each section is a whole tagged PDF of Typst's: pages numbered as in the book, its own
structure tree, outline, named destinations of its headings and metadata. The first
section (with the front matter) keeps its catalog, metadata and document structure; each
further section's pages follow its pages, and what refers to them is joined:

- the structure tree: the elements under each section's ``Document`` element go under
  the first one's, and the keys of each section's parent tree (the ``StructParents`` of
  its pages and ``StructParent`` of its links) are moved past the keys before them;
- the outline: each section's top-level items follow the first's;
- the named destinations of each section's headings, and the IDs of its structure
  elements (table cells), each name once;
- the number of pages in the XMP metadata.

Fonts stay each section's own subsets. Links need nothing: they name their destination
(``glossary.pdf.compact`` makes them so before the join), and the destinations of the
entries are added after it from the positions of the whole book.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from glossary.errors import ExportError

__all__ = ["join"]


def join(pdf: Any, others: list[Any]) -> None:
    """``others`` (open pikepdf PDFs, to be kept open until ``pdf`` is saved) appended to
    ``pdf``, their structure, outlines and destinations joined to its."""
    import pikepdf

    tree = pdf.Root.StructTreeRoot
    document = _document(tree)
    parents: list[tuple[int, Any]] = list(pikepdf.NumberTree(tree.ParentTree).items())
    key = int(tree.get("/ParentTreeNextKey", _next(parents)))
    ids = _names(tree.get("/IDTree"))
    dests = _names(pdf.Root.get("/Names", {}).get("/Dests"))
    for other in others:
        # the other's keys moved past this one's, in the other before its pages are copied
        for page in other.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + key
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + key
        with warnings.catch_warnings():  # (the destinations are joined below)
            warnings.filterwarnings("ignore", category=pikepdf.PageCopyWarning)
            pdf.pages.extend(other.pages)
        # copied after the pages, so that what refers to a page refers to its copy
        theirs = pdf.copy_foreign(_indirect(other, other.Root.StructTreeRoot))
        for kid in _document(theirs).K:
            kid.P = document
            document.K.append(kid)
        found = list(pikepdf.NumberTree(theirs.ParentTree).items())
        parents += [(number + key, value) for number, value in found]
        key = max(key + int(theirs.get("/ParentTreeNextKey", 0)), _next(parents))
        _add(ids, _names(theirs.get("/IDTree")), "structure element ID")
        if "/Names" in other.Root and "/Dests" in other.Root.Names:
            copied = pdf.copy_foreign(_indirect(other, other.Root.Names.Dests))
            _add(dests, _names(copied), "named destination")
        if "/Outlines" in other.Root:
            _outlines(pdf, pdf.copy_foreign(_indirect(other, other.Root.Outlines)))
    tree.ParentTree = _tree(pdf, parents, "/Nums")
    tree.ParentTreeNextKey = key
    if ids:
        tree.IDTree = _tree(pdf, list(ids.items()), "/Names")
    if dests:
        if "/Names" not in pdf.Root:
            pdf.Root.Names = pikepdf.Dictionary()
        pdf.Root.Names.Dests = _tree(pdf, list(dests.items()), "/Names")
    _pages_in_metadata(pdf, len(pdf.pages))


def _document(tree: Any) -> Any:
    """The one ``Document`` element under a structure tree's root."""
    import pikepdf

    kids = tree.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) == 1:
        kids = kids[0]
    if not isinstance(kids, pikepdf.Dictionary) or kids.get("/S") != pikepdf.Name.Document:
        raise ExportError("a section of the PDF has no one Document element to join")
    return kids


def _indirect(pdf: Any, obj: Any) -> Any:
    return obj if obj.is_indirect else pdf.make_indirect(obj)


def _next(parents: list[tuple[int, Any]]) -> int:
    return max((number for number, _ in parents), default=-1) + 1


def _names(tree: Any) -> dict[str, Any]:
    import pikepdf

    if tree is None:
        return {}
    return {str(name): value for name, value in pikepdf.NameTree(tree).items()}


def _add(into: dict[str, Any], names: dict[str, Any], what: str) -> None:
    for name, value in names.items():
        if name in into:
            raise ExportError(f"two sections of the PDF have the {what} '{name}'")
        into[name] = value


def _tree(pdf: Any, entries: list[tuple[Any, Any]], kind: str, leaf: int = 128) -> Any:
    """A number tree (``kind`` ``/Nums``) or name tree (``/Names``) of two levels, leaves
    of ``leaf`` entries in order."""
    import pikepdf

    names = kind == "/Names"
    ordered = sorted(entries, key=lambda item: item[0].encode("utf-8") if names else item[0])
    kids = []
    for start in range(0, len(ordered), leaf):
        chunk = ordered[start : start + leaf]
        flat: list[Any] = []
        for name, value in chunk:
            flat += [pikepdf.String(name) if names else name, value]
        first, last = chunk[0][0], chunk[-1][0]
        limits = [pikepdf.String(first), pikepdf.String(last)] if names else [first, last]
        node = pikepdf.Dictionary({"/Limits": pikepdf.Array(limits), kind: pikepdf.Array(flat)})
        kids.append(pdf.make_indirect(node))
    return pdf.make_indirect(pikepdf.Dictionary(Kids=pikepdf.Array(kids)))


def _outlines(pdf: Any, theirs: Any) -> None:
    """The top-level items of the outline ``theirs`` after those of ``pdf``'s."""
    import pikepdf

    if "/First" not in theirs:
        return
    if "/Outlines" not in pdf.Root or "/First" not in pdf.Root.Outlines:
        pdf.Root.Outlines = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=0)
        )
    ours = pdf.Root.Outlines
    item = theirs.First
    while True:
        item.Parent = ours
        if "/Next" not in item:
            break
        item = item.Next
    if "/Last" in ours:
        ours.Last.Next = theirs.First
        theirs.First.Prev = ours.Last
    else:
        ours.First = theirs.First
    ours.Last = theirs.Last
    ours.Count = int(ours.get("/Count", 0)) + int(theirs.get("/Count", 0))


_NPAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")


def _pages_in_metadata(pdf: Any, count: int) -> None:
    if "/Metadata" not in pdf.Root:
        return
    xmp = pdf.Root.Metadata
    data = xmp.read_bytes()
    new = _NPAGES.sub(b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % count, data)
    if new != data:
        xmp.write(new)
