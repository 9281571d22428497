"""One row per concept: partners' sheets with a column of terms per language.

What each column holds comes from :mod:`glossary.sources.tableheaders`. Nothing is left
out without a word: every column that is not imported is reported with the number of
its cells that held something and the first of them (``3 cells not imported, first at
p.csv:4:5``), and so are date cells where a term should be and values the model has no
place for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from glossary.model import (
    Concept,
    ConceptStatus,
    LangSection,
    SourceLocation,
    Term,
    TermStatus,
)
from glossary.sources.tablecells import DateCell, TableResult, diag
from glossary.sources.tableheaders import Column, Skipped
from glossary.sources.tbx_values import PICKLISTS
from glossary.util import UniqueIds, slugify

__all__ = ["Unread", "concepts_layout"]

_SPLIT = re.compile(r"\s*(?:;|\n)\s*")

#: Concept status words of other tools (sanastot.suomi.fi's template among them).
_STATUS = {
    **{s.value: s for s in ConceptStatus},
    "valid": ConceptStatus.APPROVED,
    "incomplete": ConceptStatus.DRAFT,
    "suggested": ConceptStatus.DRAFT,
    "superseded": ConceptStatus.RETIRED,
    "invalid": ConceptStatus.RETIRED,
}

#: The status of each term column's terms (the first of a "term" cell is preferred).
_TERM_STATUS = {
    "term": TermStatus.ADMITTED,
    "alt": TermStatus.ADMITTED,
    "deprecated": TermStatus.DEPRECATED,
}


def _terms_in(cell: str) -> list[str]:
    return [part for part in _SPLIT.split(cell.strip()) if part]


@dataclass
class Unread:
    """Cells of one kind not imported: how many, and where the first one is."""

    what: str
    count: int = 0
    first: tuple[int, int] | None = None

    def add(self, line: int, col: int) -> None:
        self.count += 1
        if self.first is None:
            self.first = (line, col)

    def message(self, name: str) -> str:
        cells = "1 cell" if self.count == 1 else f"{self.count} cells"
        at = f"{name}:{self.first[0]}:{self.first[1]}" if self.first else name
        return f"{self.what}: {cells} not imported, first at {at}"


@dataclass
class _Cells:
    """What one row says in one language."""

    terms: list[Term] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # definition, note, context, source …


def _picklist(kind: str, value: str) -> StrEnum | None:
    values: Mapping[str, StrEnum] = PICKLISTS[kind][1]
    key = " ".join(value.casefold().replace(".", " ").split())
    return values.get(key) or values.get(key.replace(" ", ""))


def concepts_layout(
    rows: Iterable[tuple[int, list[str]]],
    columns: list[Column],
    skipped: list[Skipped],
    header_line: int,
    name: str,
    result: TableResult,
) -> None:
    languages = list(dict.fromkeys(c.lang for c in columns if c.lang and c.field == "term"))
    result.languages = languages
    used_ids = UniqueIds()
    rows_of: dict[str, int] = {}  # id -> the row that took it
    unread = {s.index: Unread(s.reason) for s in skipped}
    width = max((c.index for c in columns), default=-1) + 1
    width = max(width, max((s.index for s in skipped), default=-1) + 1)
    beyond = Unread("cells right of the last named column")
    dates = Unread("date cells where a term belongs (a spreadsheet's date is never a term)")
    values = Unread("part of speech or gender values the model does not know")
    for line, row in rows:
        for index, text in enumerate(row):
            if text.strip() and (index in unread or index >= width):
                (unread.get(index) or beyond).add(line, index + 1)
        raw = {c: (row[c.index] if c.index < len(row) else "") for c in columns}
        cells = {c: value.strip() for c, value in raw.items()}
        if not any(cells.values()):
            continue
        by_lang: dict[str, _Cells] = {}
        concept_fields: dict[str, str] = {}
        for column, value in cells.items():
            if not value:
                continue
            if column.lang is None:
                concept_fields[column.field] = value
                continue
            if column.field in _TERM_STATUS and isinstance(raw[column], DateCell):
                dates.add(line, column.index + 1)
                continue
            cell = by_lang.setdefault(column.lang, _Cells())
            if column.field in _TERM_STATUS:
                for text in _terms_in(value):
                    term_status = _TERM_STATUS[column.field]
                    if column.field == "term" and not any(
                        t.status is TermStatus.PREFERRED for t in cell.terms
                    ):
                        term_status = TermStatus.PREFERRED
                    location = SourceLocation(name, line, column.index + 1)
                    cell.terms.append(Term(term=text, status=term_status, location=location))
            else:
                cell.texts[column.field] = value
                cell.texts[column.field + "@"] = str(column.index + 1)
        if not any(cell.terms for cell in by_lang.values()):
            message = "the row has no term in any language; skipped"
            result.diagnostics.append(diag(name, line, 0, "L109", message))
            continue
        built: dict[str, LangSection] = {}
        for lang in dict.fromkeys([*languages, *by_lang]):
            found = by_lang.get(lang)
            if found is None:
                continue
            # Term fields belong to the language's first term.
            first: dict[str, object] = {}
            if context := found.texts.get("context"):
                first["context"] = context
            for kind, key in (("partOfSpeech", "pos"), ("grammaticalGender", "gender")):
                if key in found.texts:
                    known = _picklist(kind, found.texts[key])
                    if known is None:
                        values.add(line, int(found.texts[key + "@"]))
                    else:
                        first[key] = known
            terms = list(found.terms)
            if terms and first:
                terms[0] = replace(terms[0], **first)  # type: ignore[arg-type]
            built[lang] = LangSection(
                lang=lang,
                terms=tuple(terms),
                definition=found.texts.get("definition"),
                source=found.texts.get("source"),
                note=found.texts.get("note"),
                location=SourceLocation(name, line, 1),
            )
        wanted = _row_id(concept_fields.get("id", ""), built, line, name, result)
        cid = used_ids.add(wanted)
        if cid != wanted:
            message = f"id '{wanted}' is already used by row {rows_of[wanted]}; this row is '{cid}'"
            result.diagnostics.append(diag(name, line, 0, "L116", message, warning=True))
        rows_of[cid] = line
        status = ConceptStatus.DRAFT
        raw_status = concept_fields.get("status", "").strip().lower()
        if raw_status:
            if raw_status in _STATUS:
                status = _STATUS[raw_status]
            else:
                message = f"status '{raw_status}' is not draft, reviewed or approved; read as draft"
                result.diagnostics.append(diag(name, line, 0, "L108", message, warning=True))
        subjects = re.split(r"[;,]\s*", concept_fields.get("subject", ""))
        result.concepts.append(
            Concept(
                id=cid,
                languages=built,
                subjects=tuple(slugify(s) for s in subjects if s.strip()),
                status=status,
                note=concept_fields.get("note") or None,
                location=SourceLocation(name, line, 1),
            )
        )
    for left in skipped:
        lost = unread[left.index]
        text = lost.message(name) if lost.count else f"{left.reason}; skipped (it is empty)"
        result.diagnostics.append(
            diag(name, header_line, left.index + 1, left.code, text, warning=True)
        )
    for lost in (beyond, dates, values):
        if lost.count and lost.first:
            result.diagnostics.append(
                diag(name, *lost.first, "L115", lost.message(name), warning=True)
            )


def _row_id(
    given: str, sections: dict[str, LangSection], line: int, name: str, result: TableResult
) -> str:
    if not given:
        return _id_for(sections)
    cid = slugify(given)
    if cid != given:
        message = f"id '{given}' written as '{cid}'"
        result.diagnostics.append(diag(name, line, 0, "L110", message, warning=True))
    return cid


def _id_for(sections: dict[str, LangSection]) -> str:
    """An id from the English term if there is one (ids are English here), else the first."""
    for lang in ("en", *sections):
        section = sections.get(lang)
        if section and section.terms:
            return slugify(section.terms[0].term)
    return "concept"
