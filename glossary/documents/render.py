"""Output of ``glossary scan``: a table, JSON (one object per file) or TSV; with
``--unique``, the job's term list (one row per concept, in the order of first
occurrence, with its count)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from glossary.documents.scan import FileScan, ScanMatch
from glossary.render import width
from glossary.util import printable

__all__ = [
    "TermCount",
    "scan_json",
    "scan_table",
    "scan_tsv",
    "unique",
    "unique_json",
    "unique_table",
    "unique_tsv",
]


@dataclass
class TermCount:
    """A concept of the job's term list: the first match that found it, and how often."""

    first: ScanMatch
    count: int = 0
    forms: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        m = self.first
        return {
            "concept_id": m.concept_id,
            "term": m.term,
            "lang": m.lang,
            "status": m.status.value,
            "count": self.count,
            "equivalents": m.equivalents,
        }


def unique(results: Sequence[FileScan]) -> list[TermCount]:
    """One entry per concept over all ``results``, in the order of first occurrence."""
    found: dict[str, TermCount] = {}
    for result in results:
        for match in result.matches:
            entry = found.setdefault(match.concept_id, TermCount(match))
            entry.count += 1
    return list(found.values())


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    rows = [[printable(" ".join(cell.split())) for cell in row] for row in rows]
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]


def _targets(matches: Sequence[ScanMatch], to: Sequence[str] | None) -> list[str]:
    if to is not None:
        return list(to)
    langs: list[str] = []
    for match in matches:
        for lang in match.equivalents:
            if lang not in langs:
                langs.append(lang)
    return langs


def _preferred(match: ScanMatch, lang: str) -> str:
    terms = match.equivalents.get(lang) or []
    return terms[0]["term"] if terms else ""


def _status(match: ScanMatch) -> str:
    """``deprecated: use 'X'`` for a term not to be used."""
    status = match.status.value
    if status in ("deprecated", "superseded") and match.preferred:
        return f"{status}: use '{match.preferred}'"
    return status


def scan_table(results: Sequence[FileScan], to: Sequence[str] | None = None) -> str:
    """One row per match: where (``path:line:col``), the text as written, the term, its
    status (with the term to use for a deprecated one), the preferred equivalents."""
    matches = [m for r in results for m in r.matches]
    if not matches:
        return ""
    langs = _targets(matches, to)
    rows = [["WHERE", "TEXT", "TERM", "STATUS", *(lang.upper() for lang in langs)]]
    for result in results:
        for m in result.matches:
            rows.append(
                [
                    f"{result.path}:{m.line}:{m.col}",
                    " ".join(m.text.split()),
                    m.term,
                    _status(m),
                    *(_preferred(m, lang) for lang in langs),
                ]
            )
    return "\n".join(_table(rows))


def scan_json(result: FileScan) -> str:
    """The object of DESIGN.md on one line: ``{"path", "lang", "matches": […]}``."""
    return json.dumps(result.as_dict(), ensure_ascii=False)


def scan_tsv(results: Sequence[FileScan], to: Sequence[str] | None = None) -> str:
    """Tab-separated rows, one per match; equivalents one column per language, joined by
    ``; ``."""
    matches = [m for r in results for m in r.matches]
    langs = _targets(matches, to)
    head = ["path", "start", "end", "line", "col", "text", "concept_id", "term", "lang"]
    lines = ["\t".join([*head, "status", "kind", "score", *langs])]
    for result in results:
        for m in result.matches:
            cells = [
                result.path,
                str(m.start),
                str(m.end),
                str(m.line),
                str(m.col),
                m.text,
                m.concept_id,
                m.term,
                m.lang,
                m.status.value,
                m.kind,
                f"{m.score:g}",
                *("; ".join(e["term"] for e in m.equivalents.get(lang, [])) for lang in langs),
            ]
            lines.append("\t".join(printable(" ".join(c.split())) for c in cells))
    return "\n".join(lines)


def unique_table(terms: Sequence[TermCount], to: Sequence[str] | None = None) -> str:
    """The job's term list: one row per concept with its count."""
    if not terms:
        return ""
    langs = _targets([t.first for t in terms], to)
    rows = [["COUNT", "TERM", "LANG", "STATUS", *(lang.upper() for lang in langs)]]
    for t in terms:
        rows.append(
            [
                str(t.count),
                t.first.term,
                t.first.lang,
                _status(t.first),
                *(_preferred(t.first, lang) for lang in langs),
            ]
        )
    return "\n".join(_table(rows))


def unique_tsv(terms: Sequence[TermCount], to: Sequence[str] | None = None) -> str:
    langs = _targets([t.first for t in terms], to)
    lines = ["\t".join(["concept_id", "term", "lang", "status", "count", *langs])]
    for t in terms:
        m = t.first
        cells = [
            m.concept_id,
            m.term,
            m.lang,
            m.status.value,
            str(t.count),
            *("; ".join(e["term"] for e in m.equivalents.get(lang, [])) for lang in langs),
        ]
        lines.append("\t".join(printable(" ".join(c.split())) for c in cells))
    return "\n".join(lines)


def unique_json(terms: Sequence[TermCount]) -> str:
    """``{"terms": [{"concept_id", "term", "lang", "status", "count", "equivalents"}]}``."""
    return json.dumps({"terms": [t.as_dict() for t in terms]}, ensure_ascii=False)
