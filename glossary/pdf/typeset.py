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

    python typeset.py FOLDER [SECTION]

runs in a process of its own (for a large book, see ``glossary.pdf``). ``FOLDER`` holds
``book.json`` (the book), the template folder ``pdf/``, ``pages.json`` and
``heads.json`` (the pages and heads to start from), and ``SECTION`` (``FOLDER`` itself
when not given) ``job.json`` (template, font folders, standard, timestamp, and the
section of the book to lay out, ``only``, with the book as that section needs it,
``book``, when not the whole). It makes one layout and
writes to ``SECTION`` where it put every anchor (``positions.json``), the heads it found
(``headwords.json``) and its last page (``last.json``), and ``book.pdf`` and
``warnings.json`` too if they are the pages and heads it was given. A Typst error goes
to ``error.json``. The sections of a book share ``FOLDER`` and only read its
``pages.json`` and ``heads.json``. Typst keeps every layout in memory
for the life of its process (a second layout of the same book, even one that changes a
few page numbers, nearly doubles it), so a process that ends gives it back. The script
imports nothing of the glossary package, to start quickly.
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
    query(metadata)
      .filter(m => type(m.value) == array and m.value.at(0) != none)
      .map(m => (m.value.at(0), m.location()))
    + query(heading).filter(h => h.has("label")).map(h => (str(h.label), h.location()))
  ).map(((name, at)) => (name, at.page(), at.position().x.pt(), at.position().y.pt())),
  heads: query(metadata)
    .filter(m => type(m.value) == array)
    .map(m => (m.location().page(), m.value.at(1))),
  last: calc.max(0, ..query(<page>).map(m => m.location().page())),
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
    book = Path(job["book"]) if job.get("book") else folder / "book.json"
    inputs = {"book": book.read_text("utf-8"), "standard": job["standard"]}
    if job.get("only") is not None:
        inputs["only"] = json.dumps(job["only"])
    return typst.Compiler(
        folder / "pdf" / job["template"],
        root=folder,
        font_paths=fonts,
        ignore_system_fonts=True,
        sys_inputs=inputs,
    )


def layout(
    compiler: Any, folder: Path, pages: Pages, heads: Heads, *, before: int = 0, write: bool = True
) -> tuple[Positions, Heads, int]:
    """Lay the book (or a section whose first page is ``before`` + 1) out with ``pages``
    and ``heads`` printed (written to ``folder`` first unless ``write`` is false: they are
    there already); where its anchors are then, the heads of its pages and the number of
    its last page, all numbered as in the book."""
    if write:
        (folder / "pages.json").write_text(json.dumps(pages, sort_keys=True), "utf-8")
        (folder / "heads.json").write_text(json.dumps(heads, sort_keys=True), "utf-8")
    found = json.loads(compiler.eval(ANCHORS, format="json"))
    positions = {
        name: [page + before, round(x, 2), round(y, 2)] for name, page, x, y in found["anchors"]
    }
    headwords = [(int(page) + before, text) for page, text in found["heads"]]
    return positions, heads_of(headwords), int(found["last"]) + before


def settle(
    compiler: Any, folder: Path, pages: Pages, heads: Heads, layouts: int
) -> tuple[Positions, Heads] | None:
    """Where the anchors are and the heads of the pages, once a layout with them printed
    puts every anchor on the page printed and finds the heads printed; None if that takes
    more than ``layouts`` layouts."""
    for _ in range(layouts):
        found, found_heads, _ = layout(compiler, folder, pages, heads)
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


def given(found: Positions, found_heads: Heads, pages: Pages, heads: Heads) -> bool:
    """Whether a layout (of the book or of a section of it) found the pages and heads it
    was given for its own anchors and pages."""
    return all(pages.get(name) == at[0] for name, at in found.items()) and all(
        heads.get(page) == pair for page, pair in found_heads.items()
    )


def main(folder: Path, section: Path | None = None) -> int:
    import typst

    out = section or folder
    job = json.loads((out / "job.json").read_text("utf-8"))
    pages = json.loads((folder / "pages.json").read_text("utf-8"))
    heads = json.loads((folder / "heads.json").read_text("utf-8"))
    before = int(job["only"]["first"]) - 1 if job.get("only") else 0
    typesetter = compiler(folder, job)
    try:
        found = layout(typesetter, folder, pages, heads, before=before, write=False)
        whole = section is None
        done = (
            pages_of(found[0]) == pages and found[1] == heads
            if whole
            else given(found[0], found[1], pages, heads)
        )
        if done:  # what it was given: done
            data, warnings = export(typesetter, job)
            (out / "book.pdf").write_bytes(data)
            (out / "warnings.json").write_text(json.dumps(warnings), "utf-8")
    except (typst.TypstError, RuntimeError) as exc:
        (out / "error.json").write_text(json.dumps(error(typesetter, exc)), "utf-8")
        return 1
    (out / "headwords.json").write_text(json.dumps(found[1], sort_keys=True), "utf-8")
    (out / "last.json").write_text(json.dumps(found[2]), "utf-8")
    (out / "positions.json").write_text(json.dumps(found[0], sort_keys=True), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None))
