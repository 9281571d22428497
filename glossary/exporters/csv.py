"""CSV: one row per term, with its language section's and its concept's fields.

The columns are fixed (``COLUMNS``) so that a spreadsheet made from one export can be
imported again; lists (subjects, relations, usage labels) are separated by spaces, which ids and
subject codes never contain. Cells that a spreadsheet would run as a formula are
neutralised (see :func:`escape_cell`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from glossary.model import Glossary
from glossary.util import atomic_write

NAME = "csv"
DESCRIPTION = "CSV, one row per term (spreadsheets)"
SUFFIX = ".csv"

COLUMNS = (
    "concept_id",
    "subjects",
    "concept_status",
    "broader",
    "part_of",
    "related",
    "replaced_by",
    "concept_note",
    "updated",
    "image",
    "image_caption",
    "image_source",
    "lang",
    "definition",
    "definition_source",
    "lang_note",
    "equivalence",
    "equivalence_note",
    "term",
    "term_status",
    "term_type",
    "pos",
    "gender",
    "geo",
    "context",
    "context_source",
    "term_source",
    "term_note",
    "usage",
    "number",
    "homograph",
)


#: What a spreadsheet may run as a formula when a cell starts with it (OWASP, "CSV Injection").
FORMULA_START = "=+-@\t\r"

_ESCAPED = re.compile(r"'*[=+\-@\t\r]")
_UNESCAPE = re.compile(r"'+[=+\-@\t\r]")


def escape_cell(text: str) -> str:
    """A cell that no spreadsheet runs as a formula, from which :func:`unescape_cell`
    gives back ``text`` exactly.

    The rule (the same for every cell of ``glossary export csv``, and reversed by
    ``glossary import``): a value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return, possibly after one or more single quotes (``'``), is written with
    one more single quote in front. Every other value is written as it is.

    ===================  ===================
    value                cell in the CSV
    ===================  ===================
    ``=HYPERLINK(…)``    ``'=HYPERLINK(…)``
    ``-ism``             ``'-ism``
    ``'=x``              ``''=x``
    ``'quoted'``         ``'quoted'``
    ===================  ===================

    On import, one leading quote is removed from a cell that starts with one or more
    quotes followed by one of those characters, and only from such a cell. So the round
    trip is lossless, and no cell of an export starts with a character that makes a
    formula. (A spreadsheet shows the quote, or hides it as its own "text" marker; a
    cell typed as ``'=x`` by hand therefore imports as ``=x``.) XLSX needs no such
    prefix: its cells are typed, and the export writes every value as a text cell.
    """
    return "'" + text if _ESCAPED.match(text) else text


def unescape_cell(cell: str) -> str:
    """The value :func:`escape_cell` made ``cell`` from."""
    return cell[1:] if _UNESCAPE.match(cell) else cell


def rows(glossary: Glossary) -> Iterator[dict[str, str]]:
    for concept in glossary.concepts.values():
        base = {
            "concept_id": concept.id,
            "subjects": " ".join(concept.subjects),
            "concept_status": concept.status.value,
            "broader": " ".join(concept.broader),
            "part_of": " ".join(concept.part_of),
            "related": " ".join(concept.related),
            "replaced_by": " ".join(concept.replaced_by),
            "concept_note": concept.note or "",
            "updated": concept.updated.isoformat() if concept.updated else "",
        }
        if concept.image is not None:
            base["image"] = concept.image.path
            base["image_caption"] = concept.image.caption or ""
            base["image_source"] = concept.image.source or ""
        for section in concept.languages.values():
            lang = {
                "lang": section.lang,
                "definition": section.definition or "",
                "definition_source": section.source or "",
                "lang_note": section.note or "",
                "equivalence": section.equivalence.value if section.equivalence else "",
                "equivalence_note": section.equivalence_note or "",
            }
            for term in section.terms or (None,):
                row = {**base, **lang}
                if term is not None:
                    row.update(
                        term=term.term,
                        term_status=term.status.value,
                        term_type=term.type.value,
                        pos=term.pos.value if term.pos else "",
                        gender=term.gender.value if term.gender else "",
                        geo=term.geo or "",
                        context=term.context or "",
                        context_source=term.context_source or "",
                        term_source=term.source or "",
                        term_note=term.note or "",
                        usage=" ".join(label.value for label in term.usage),
                        number=term.number.value if term.number else "",
                        homograph=str(term.homograph) if term.homograph is not None else "",
                    )
                yield {column: row.get(column, "") for column in COLUMNS}


def render(glossary: Glossary) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(
        {column: escape_cell(value) for column, value in row.items()} for row in rows(glossary)
    )
    return buffer.getvalue().encode("utf-8")


def write(fp: IO[bytes], glossary: Glossary, options: Mapping[str, Any] | None = None) -> None:
    fp.write(render(glossary))


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    atomic_write(out, render(glossary), overwrite=True)
    return [out]
