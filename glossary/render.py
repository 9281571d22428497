"""Text the command line prints: lookup results, concept entries and diagnostics.

Pure functions from values to strings, so that the CLI stays a thin layer and the
output can be tested without running a command.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from glossary.enums import TermStatus
from glossary.util import printable

if TYPE_CHECKING:
    # Only the lookup output is on the hot path; the rest is imported where it is used.
    from glossary.model import Concept, Glossary, GlossaryMeta, Image, LangSection, Term
    from glossary.search import Match, Result
    from glossary.stats import Stats
    from glossary.validation.diagnostics import Diagnostic

__all__ = [
    "concept_json",
    "concept_text",
    "diagnostics_github",
    "diagnostics_json",
    "diagnostics_text",
    "lookup_json",
    "lookup_table",
    "lookup_tsv",
    "width",
]


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters take two)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, columns: int) -> str:
    return text + " " * max(columns - width(text), 0)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


# -- lookup -----------------------------------------------------------------------------


def _equivalent_text(match: Match, lang: str) -> str:
    found = match.equivalents.get(lang, ())
    usable = [e for e in found if e.status in (TermStatus.PREFERRED, TermStatus.ADMITTED)]
    shown = [e.term for e in usable if e.status is TermStatus.PREFERRED] or [e.term for e in usable]
    if not shown and found:
        return "; ".join(f"{e.term} ({e.status.value})" for e in found)
    return "; ".join(shown)


def _target_languages(matches: Sequence[Match]) -> list[str]:
    seen: dict[str, None] = {}
    for match in matches:
        seen.update(dict.fromkeys(match.equivalents))
    return list(seen)


_STYLE = {
    TermStatus.PREFERRED: "\x1b[32m",  # green
    TermStatus.ADMITTED: "",
    TermStatus.DEPRECATED: "\x1b[31;9m",  # red, struck through
    TermStatus.SUPERSEDED: "\x1b[31;9m",
}
_DIM = "\x1b[2m"
_CAVEAT = "\x1b[33m"  # yellow
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def _shorten(text: str, limit: int) -> str:
    text = _one_line(text)
    return text if width(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def _caveat(match: Match, limit: int) -> str:
    """``[draft] note: …``: what to know before copying a term (empty when nothing)."""
    parts = []
    if match.concept_status != "approved":
        parts.append(f"[{match.concept_status}]")
    if match.notes:
        parts.append("note: " + printable(match.notes[0].text))
    return _shorten(" ".join(parts), limit) if parts else ""


def _rows_table(matches: Sequence[Match], color: bool, total: int) -> list[str]:
    targets = _target_languages(matches)
    header = ["TERM", "LANG", "STATUS", *(lang.upper() for lang in targets), "MATCH"]
    rows = [header]
    for match in matches:
        rows.append(
            [
                printable(match.term),
                match.lang,
                match.status.value,
                *(printable(_equivalent_text(match, lang)) for lang in targets),
                f"{match.kind} {match.score:g}",
            ]
        )
    widths = [max(width(row[i]) for row in rows) for i in range(len(header))]

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color and style else text

    lines = [paint("  ".join(_pad(c, widths[i]) for i, c in enumerate(header)).rstrip(), _BOLD)]
    for match, row in zip(matches, rows[1:], strict=True):
        cells = [_pad(cell, widths[i]) for i, cell in enumerate(row)]
        cells[0] = paint(_pad(row[0], widths[0]), _STYLE[match.status])
        lines.append("  ".join(cells).rstrip())
        if match.status in (TermStatus.DEPRECATED, TermStatus.SUPERSEDED) and match.preferred:
            use = printable(match.preferred)
            lines.append(paint(f"  '{row[0]}' is {match.status.value}: use '{use}'", ""))
        definition = match.definitions.get(match.lang) or next(iter(match.definitions.values()), "")
        if definition:
            lines.append(paint("  " + _shorten(printable(definition), max(total - 2, 20)), _DIM))
        caveat = _caveat(match, max(total - 2, 20))
        if caveat:
            lines.append(paint("  " + caveat, _CAVEAT))
    return lines


def lookup_table(result: Result, color: bool = False, columns: int | None = None) -> str:
    """One row per concept: the matched term, its status, its preferred equivalents and
    how it matched; under it the definition and the caveats (the concept's status when
    it is not approved, its first note), shortened to the terminal's width. With no
    answer, the nearest guesses under ``not in the glossary; nearest:``."""
    import shutil

    total = columns or shutil.get_terminal_size((100, 24)).columns
    lines = []
    if result.read_as is not None:
        lines.append(f"read as: {printable(result.read_as)}")
    if result.matches:
        lines += _rows_table(result.matches, color, total)
        if result.more:
            shown = len(result.matches)
            lines.append(f"… and {result.more} more: --limit {shown + result.more}")
    elif result.nearest:
        lines.append("not in the glossary; nearest:")
        lines += _rows_table(result.nearest, color, total)
    return "\n".join(lines)


def lookup_json(result: Result) -> str:
    """The JSON object of DESIGN.md, on one line: ``{"query": …, "matches": […],
    "nearest": […]}``."""
    return json.dumps(result.as_dict(), ensure_ascii=False)


def lookup_tsv(result: Result, header: bool = True, targets: Sequence[str] | None = None) -> str:
    """Tab-separated rows, answers then nearest guesses (column ``answer``: ``yes`` or
    ``no``); equivalents in one column per language, joined by ``; ``."""
    found = [*result.matches, *result.nearest]
    langs = list(targets) if targets is not None else _target_languages(found)
    lines = []
    if header:
        lines.append(
            "\t".join(
                [
                    "query",
                    "concept_id",
                    "lang",
                    "term",
                    "status",
                    "score",
                    "kind",
                    "answer",
                    "concept_status",
                    *langs,
                ]
            )
        )
    for match in found:
        cells = [
            result.query.raw,
            match.concept_id,
            match.lang,
            match.term,
            match.status.value,
            f"{match.score:g}",
            match.kind,
            "yes" if match.confident else "no",
            match.concept_status,
            *("; ".join(e.term for e in match.equivalents.get(lang, ())) for lang in langs),
        ]
        lines.append("\t".join(printable(_one_line(cell)) for cell in cells))
    return "\n".join(lines)


# -- show -------------------------------------------------------------------------------


def _grammar(term: Term) -> str:
    parts = [term.status.value]
    if term.type.value != "fullForm":
        parts.append(term.type.value)
    if term.pos:
        parts.append(term.pos.value)
    if term.gender:
        parts.append(term.gender.value)
    if term.geo:
        parts.append(term.geo)
    if term.number:
        parts.append(term.number.value)
    parts.extend(label.value for label in term.usage)
    if term.homograph is not None:
        parts.append(f"homograph {term.homograph}")
    return ", ".join(parts)


def _section_text(section: LangSection) -> list[str]:
    lines = []
    rows = [[term.term, _grammar(term)] for term in section.terms]
    table = _table(rows) if rows else []
    for index, line in enumerate(table):
        prefix = f"{section.lang:<6}" if index == 0 else " " * 6
        lines.append(prefix + line)
        term = section.terms[index]
        for label, value in (
            ("context", term.context),
            ("context source", term.context_source),
            ("source", term.source),
            ("note", term.note),
        ):
            if value:
                lines.append(f"{'':6}  {label}: {_one_line(value)}")
    if not table:
        lines.append(f"{section.lang:<6}(no terms)")
    for label, value in (
        ("definition", section.definition),
        ("source", section.source),
        ("note", section.note),
        ("equivalence", section.equivalence and section.equivalence.value),
        ("equivalence note", section.equivalence_note),
    ):
        if value:
            lines.append(f"{'':6}{label}: {_one_line(value)}")
    return lines


def concept_text(glossary: Glossary, concept: Concept) -> str:
    """A readable entry: header, then each language with its terms and definition."""
    head = f"{concept.id}  [{concept.status.value}]"
    lines = [head]
    if concept.subjects:
        labels = [glossary.meta.subject_label(s, "en") for s in concept.subjects]
        lines.append("subjects: " + ", ".join(labels))
    for relation, targets in (
        ("broader", concept.broader),
        ("narrower", glossary.narrower(concept.id)),
        ("part of", concept.part_of),
        ("parts", glossary.parts(concept.id)),
        ("related", concept.related),
        ("replaced by", concept.replaced_by),
    ):
        if targets:
            lines.append(f"{relation}: " + ", ".join(targets))
    if concept.image:
        lines.append("image: " + _one_line(concept.image.path))
    if concept.note:
        lines.append("note: " + _one_line(concept.note))
    if concept.updated:
        lines.append("updated: " + concept.updated.isoformat())
    order = [lang for lang in glossary.languages if lang in concept.languages]
    order += [lang for lang in concept.languages if lang not in order]
    for lang in order:
        lines.append("")
        lines.extend(_section_text(concept.languages[lang]))
    return "\n".join(printable(line) for line in lines)


def concept_dict(concept: Concept) -> dict[str, object]:
    """The concept as plain data, in source-format field names (None fields left out)."""

    def clean(pairs: Iterable[tuple[str, object]]) -> dict[str, object]:
        return {k: v for k, v in pairs if v not in (None, (), [])}

    return clean(
        [
            ("id", concept.id),
            ("subjects", list(concept.subjects)),
            ("status", concept.status.value),
            *((name, list(getattr(concept, name))) for name in _relations()),
            ("note", concept.note),
            ("updated", concept.updated.isoformat() if concept.updated else None),
            ("image", clean(_image_fields(concept.image)) if concept.image else None),
            (
                "languages",
                {
                    lang: clean(
                        [
                            ("definition", section.definition),
                            ("source", section.source),
                            ("note", section.note),
                            ("equivalence", section.equivalence and section.equivalence.value),
                            ("equivalence_note", section.equivalence_note),
                            (
                                "terms",
                                [
                                    clean(
                                        [
                                            ("term", t.term),
                                            ("status", t.status.value),
                                            ("type", t.type.value),
                                            ("pos", t.pos.value if t.pos else None),
                                            ("gender", t.gender.value if t.gender else None),
                                            ("geo", t.geo),
                                            ("context", t.context),
                                            ("context_source", t.context_source),
                                            ("source", t.source),
                                            ("note", t.note),
                                            ("usage", [label.value for label in t.usage]),
                                            ("number", t.number.value if t.number else None),
                                            ("homograph", t.homograph),
                                        ]
                                    )
                                    for t in section.terms
                                ],
                            ),
                        ]
                    )
                    for lang, section in concept.languages.items()
                },
            ),
        ]
    )


def _image_fields(image: Image) -> list[tuple[str, object]]:
    return [("path", image.path), ("caption", image.caption), ("source", image.source)]


def concept_json(concept: Concept) -> str:
    return json.dumps(concept_dict(concept), ensure_ascii=False, indent=2)


# -- diagnostics ------------------------------------------------------------------------


def diagnostics_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(printable(str(d)) for d in diagnostics)


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _relations() -> tuple[str, ...]:
    from glossary.model import RELATIONS

    return RELATIONS


def diagnostics_github(diagnostics: Iterable[Diagnostic]) -> str:
    from glossary.validation.diagnostics import Severity

    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message``."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_github_escape(d.path, True)}"]
        if d.line:
            props.append(f"line={d.line}")
        if d.col:
            props.append(f"col={d.col}")
        props.append(f"title={_github_escape(d.code + ' ' + d.name, True)}")
        lines.append(f"::{level} {','.join(props)}::{_github_escape(d.message)}")
    return "\n".join(lines)


# -- stats ------------------------------------------------------------------------------


def stats_table(stats: Stats, meta: GlossaryMeta) -> str:
    """The numbers as tables, then the gaps listed by concept."""

    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

    lines = [
        f"{counted(stats.concepts, 'concept')}, {counted(stats.terms, 'term')}, "
        f"{counted(stats.with_context, 'concept')} with a context sentence",
        "",
    ]
    columns = [
        "concepts",
        "terms",
        "preferred",
        "admitted",
        "deprecated",
        "superseded",
        "definitions",
        "contexts",
    ]
    rows = [["LANGUAGE", *(c.upper() for c in columns)]]
    for lang, counts in stats.languages.items():
        rows.append([lang, *(str(counts[c]) for c in columns)])
    lines += [*_table(rows), ""]
    rows = [["SUBJECT", "CONCEPTS"]]
    rows += [
        [printable(meta.subject_label(code, "en") if code in meta.subjects else code), str(n)]
        for code, n in stats.subjects.items()
    ]
    lines += [*_table(rows), ""]
    rows = [["STATUS", "CONCEPTS"]] + [[s, str(n)] for s, n in stats.statuses.items()]
    lines += _table(rows)

    gaps = []
    for lang, ids in stats.missing_definition.items():
        if ids:
            gaps.append(f"no definition in {lang} ({len(ids)}): {', '.join(ids)}")
    if stats.missing_context:
        gaps.append(
            f"no context sentence ({len(stats.missing_context)}): "
            + ", ".join(stats.missing_context)
        )
    for label, items in (
        ("nouns without gender", stats.missing_gender),
        ("terms without part of speech", stats.missing_pos),
    ):
        if items:
            shown = ", ".join(
                f"{i['concept_id']}: {printable(str(i['term']))} ({i['lang']})" for i in items
            )
            gaps.append(f"{label} ({len(items)}): {shown}")
    lines += ["", "GAPS"] + (gaps or ["none"])
    return "\n".join(lines)


def stats_json(stats: Stats) -> str:
    return json.dumps(stats.as_dict(), ensure_ascii=False, indent=2)
