"""One layout of the printed dictionary by Typst, in a process of its own.

    python typeset.py FOLDER

``FOLDER`` holds ``job.json`` (template, font folders, standard, timestamp), ``book.json``
(the book) and ``pages.json`` (where each anchor was in the layout before, or where it is
guessed to be). The layout writes ``positions.json``, where each anchor is now; if that is
where they were given to be, every page number it prints is right, and it writes the PDF
too (``book.pdf``, with ``warnings.json``). A Typst error goes to ``error.json``.

Typst keeps what it has laid out in memory for the life of its process, so that the next
layout of the same document is quicker; for a dictionary of thousands of pages that is
gigabytes per layout, and the next layout with other page numbers reuses little of it.
A process per layout gives it all back when the layout is done. The script imports
nothing of the glossary package, to start quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: Where every anchor is (entries' metadata, labelled headings): page, and x and y from
#: the top-left corner in points.
ANCHORS = """(
  query(metadata).filter(m => m.value.at(0) != none).map(m => (m.value.at(0), m.location()))
  + query(heading).filter(h => h.has("label")).map(h => (str(h.label), h.location()))
).map(((name, at)) => (name, at.page(), at.position().x.pt(), at.position().y.pt()))"""


def positions(compiler: Any) -> dict[str, list[float]]:
    """Where the anchors are in the compiler's layout: [page, x, y] by name."""
    found = json.loads(compiler.eval(ANCHORS, format="json"))
    return {name: [page, round(x, 2), round(y, 2)] for name, page, x, y in found}


def main(folder: Path) -> int:
    import typst

    job = json.loads((folder / "job.json").read_text("utf-8"))
    given = (folder / "pages.json").read_text("utf-8")
    inputs = {
        "book": (folder / "book.json").read_text("utf-8"),
        "pages": given,
        "standard": job["standard"],
    }
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=job["fonts"]
    )
    template = Path(job["template"])
    compiler = typst.Compiler(
        template,
        root=template.parent,
        font_paths=fonts,
        ignore_system_fonts=True,
        sys_inputs=inputs,
    )
    try:
        found = positions(compiler)
    except (typst.TypstError, RuntimeError) as first:
        # eval reports errors as plain text; compiling gives them with their position
        try:
            compiler.compile(format="pdf")
        except typst.TypstError as exc:
            error = {"message": exc.message, "diagnostic": exc.diagnostic}
        else:
            error = {"message": str(first), "diagnostic": ""}
        (folder / "error.json").write_text(json.dumps(error), "utf-8")
        return 1
    (folder / "positions.json").write_text(json.dumps(found, sort_keys=True), "utf-8")
    if found == json.loads(given):
        data, warnings = compiler.compile_with_warnings(
            format="pdf", pdf_standards=[job["standard"]], timestamp=job["timestamp"]
        )
        assert isinstance(data, bytes)
        (folder / "book.pdf").write_bytes(data)
        messages = [warning.message for warning in warnings]
        (folder / "warnings.json").write_text(json.dumps(messages), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
