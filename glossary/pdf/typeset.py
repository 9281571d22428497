"""Layouts of the printed dictionary by Typst, until its page numbers settle.

The template reads the page of every anchor from ``/pages.json`` in its root folder, and
the running heads of every page from ``/heads.json`` (see ``templates/pdf/dictionary.typ``);
:func:`settle` lays the book out with the pages and heads given there, writes the pages
and heads that layout found, and lays it out again, until they agree. (A running head
that asked Typst for the headwords of its page would cost the length of the book on
every page.) The pages come from files, not from ``sys.inputs``, because Typst keeps its
earlier layouts and reuses every part of them that depends on nothing that changed: a
change of ``sys.inputs`` changes everything, a change of one file only what reads it, so
the second layout redoes only the paragraphs with a page number in them, and a change of
the heads only the heads. Only page numbers and heads go from one layout to the next:
links name their anchor (``#anchor``), not a place on a page, so a layout that moves an
entry within its page changes nothing printed.

    python typeset.py FOLDER

runs in a process of its own (for a large book, see ``glossary.pdf``). ``FOLDER`` holds
``job.json`` (template, font folders, standard, timestamp), ``book.json`` (the
book), the template folder ``pdf/``, ``pages.json`` and ``heads.json`` (the pages and
heads to start from). It makes one layout and writes where it put every anchor to
``positions.json`` and the heads it found to ``headwords.json``, and ``book.pdf`` and
``warnings.json`` too if they are the pages and heads it was given. A Typst error goes
to ``error.json``. Typst keeps every layout in memory for the life of its process (a
second layout of the same book, even one that changes a few page numbers, nearly
doubles it), so a process that ends gives it back. The script imports nothing of the
glossary package, to start quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: Where every anchor is (entries' metadata, labelled headings): page, and x and y from
#: the top-left corner in points; and the page and text of every headword (entries and
#: index lines), in the order of the book.
ANCHORS = """(
  anchors: (
    query(metadata).filter(m => m.value.at(0) != none).map(m => (m.value.at(0), m.location()))
    + query(heading).filter(h => h.has("label")).map(h => (str(h.label), h.location()))
  ).map(((name, at)) => (name, at.page(), at.position().x.pt(), at.position().y.pt())),
  heads: query(metadata).map(m => (m.location().page(), m.value.at(1))),
)"""

#: The page of every anchor, as the template prints it.
Pages = dict[str, int]
#: Where every anchor is: [page, x, y].
Positions = dict[str, list[float]]
#: The running heads of each page (by its number, as text): its first and last headword.
Heads = dict[str, list[str]]


def pages_of(positions: Positions) -> Pages:
    """The pages of ``positions``."""
    return {name: int(at[0]) for name, at in positions.items()}


def heads_of(headwords: list[tuple[int, str]]) -> Heads:
    """The first and last headword of every page from the first headword's to the last
    one's, from the page of each headword in the order of the book; a page where none
    starts (an entry runs over it) has the last one before it, twice."""
    heads: Heads = {}
    last: str | None = None
    page = 0
    for at, text in headwords:
        if last is not None:
            for between in range(page + 1, at):
                heads[str(between)] = [last, last]
        if at != page:
            heads[str(at)] = [text, text]
        heads[str(at)][1] = text
        page, last = at, text
    return heads


def compiler(folder: Path, job: dict[str, Any]) -> Any:
    """A compiler of ``folder/pdf/<template>`` with the book and ``folder`` as root."""
    import typst

    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=job["fonts"]
    )
    inputs = {"book": (folder / "book.json").read_text("utf-8"), "standard": job["standard"]}
    return typst.Compiler(
        folder / "pdf" / job["template"],
        root=folder,
        font_paths=fonts,
        ignore_system_fonts=True,
        sys_inputs=inputs,
    )


def layout(compiler: Any, folder: Path, pages: Pages, heads: Heads) -> tuple[Positions, Heads]:
    """Lay the book out with ``pages`` and ``heads`` printed; where its anchors are then,
    and the heads of its pages."""
    (folder / "pages.json").write_text(json.dumps(pages, sort_keys=True), "utf-8")
    (folder / "heads.json").write_text(json.dumps(heads, sort_keys=True), "utf-8")
    found = json.loads(compiler.eval(ANCHORS, format="json"))
    positions = {name: [page, round(x, 2), round(y, 2)] for name, page, x, y in found["anchors"]}
    return positions, heads_of([(int(page), text) for page, text in found["heads"]])


def settle(
    compiler: Any, folder: Path, pages: Pages, heads: Heads, layouts: int
) -> tuple[Positions, Heads] | None:
    """Where the anchors are and the heads of the pages, once a layout with them printed
    puts every anchor on the page printed and finds the heads printed; None if that takes
    more than ``layouts`` layouts."""
    for _ in range(layouts):
        found, found_heads = layout(compiler, folder, pages, heads)
        if pages_of(found) == pages and found_heads == heads:
            return found, found_heads
        pages, heads = pages_of(found), found_heads
    return None


def export(compiler: Any, job: dict[str, Any]) -> tuple[bytes, list[str]]:
    """The PDF of the last layout, and Typst's warnings."""
    data, warnings = compiler.compile_with_warnings(
        format="pdf", pdf_standards=[job["standard"]], timestamp=job["timestamp"]
    )
    assert isinstance(data, bytes)
    return data, [warning.message for warning in warnings]


def error(compiler: Any, first: Exception) -> dict[str, str]:
    """A Typst error with its position (``eval`` reports errors as plain text; compiling
    gives them with their position)."""
    import typst

    try:
        compiler.compile(format="pdf")
    except typst.TypstError as exc:
        return {"message": exc.message, "diagnostic": exc.diagnostic}
    return {"message": str(first), "diagnostic": ""}


def main(folder: Path) -> int:
    import typst

    job = json.loads((folder / "job.json").read_text("utf-8"))
    pages = json.loads((folder / "pages.json").read_text("utf-8"))
    heads = json.loads((folder / "heads.json").read_text("utf-8"))
    typesetter = compiler(folder, job)
    try:
        found = layout(typesetter, folder, pages, heads)
        if pages_of(found[0]) == pages and found[1] == heads:  # what it was given: done
            data, warnings = export(typesetter, job)
            (folder / "book.pdf").write_bytes(data)
            (folder / "warnings.json").write_text(json.dumps(warnings), "utf-8")
    except (typst.TypstError, RuntimeError) as exc:
        (folder / "error.json").write_text(json.dumps(error(typesetter, exc)), "utf-8")
        return 1
    (folder / "headwords.json").write_text(json.dumps(found[1], sort_keys=True), "utf-8")
    (folder / "positions.json").write_text(json.dumps(found[0], sort_keys=True), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
