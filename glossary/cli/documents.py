"""Commands over running text: ``glossary scan`` and ``glossary check``."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from glossary.cli import (
    GlossaryOption,
    ToOption,
    _command,
    _err,
    _split_langs,
)

# -- scan -------------------------------------------------------------------------------


class ScanFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


@_command
def scan(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE...|-]",
            help="Text, Markdown, HTML, DOCX, XLIFF, PO or TMX files; - or none: standard input.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="The documents' language (else detected per file)."),
    ] = None,
    to: ToOption = None,
    output: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScanFormat.table,
    unique: Annotated[
        bool,
        typer.Option(
            "--unique",
            help="The term list of the job: one row per concept with its count, in the "
            "order of first occurrence.",
        ),
    ] = False,
    glossary: GlossaryOption = None,
) -> None:
    """Find every glossary term in running text, with its equivalents.

    Inflected forms, abbreviations with case endings (HOKSin, ECVET:n) and deprecated
    terms (flagged) are found; overlapping terms give the longest. Offsets count code
    points into the text as read (docs/documents.md).

    Example: glossary scan report.md --to ru
    """
    from glossary.documents import render as out
    from glossary.documents.readers import MAX_BYTES, DocumentError, read_document
    from glossary.documents.scan import scan_document, table_for
    from glossary.search.store import StoredIndex

    tables: list[Any] = []

    def table() -> Any:
        """The scanner's table, made when the first document has been read (a file that
        cannot be read is refused without opening the glossary)."""
        if not tables:
            tables.append(StoredIndex(glossary).run(table_for))
            if lang is not None and lang not in tables[0].languages:
                known = ", ".join(tables[0].languages)
                raise typer.BadParameter(f"'{lang}' is not a language of the glossary ({known})")
        return tables[0]

    targets = _split_langs(to)
    results = []
    failed = False
    for name in files or ["-"]:
        try:
            if name == "-":
                data = sys.stdin.buffer.read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    raise DocumentError(
                        f"<stdin>: not read: more than {MAX_BYTES / 2**20:,.0f} MB (split the text)"
                    )
            elif os.path.getsize(name) > MAX_BYTES:
                data = b"\0" * (MAX_BYTES + 1)  # refused by size, unread
                size = os.path.getsize(name) / 2**20
                raise DocumentError(
                    f"{name}: not read: {size:,.0f} MB (at most {MAX_BYTES / 2**20:,.0f} MB; "
                    "split the file)"
                )
            else:
                with open(name, "rb") as fp:
                    data = fp.read()
            document = read_document("<stdin>" if name == "-" else name, data)
        except (DocumentError, OSError) as exc:
            if isinstance(exc, OSError):
                _err(f"glossary: error: {name}: {exc.strerror or exc}")
            else:
                _err(f"glossary: error: {exc}")
            failed = True
            continue
        result = scan_document(table(), document, lang=lang, to=targets)
        results.append(result)
        if output is ScanFormat.json and not unique:
            typer.echo(out.scan_json(result))
    if unique:
        terms = out.unique(results)
        if output is ScanFormat.json:
            typer.echo(out.unique_json(terms))
        elif output is ScanFormat.tsv:
            typer.echo(out.unique_tsv(terms, targets))
        elif terms:
            typer.echo(out.unique_table(terms, targets))
    elif output is ScanFormat.tsv:
        typer.echo(out.scan_tsv(results, targets))
    elif output is ScanFormat.table:
        shown = out.scan_table(results, targets)
        if shown:
            typer.echo(shown)
    raise typer.Exit(1 if failed else 0)


# -- check ------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


@_command
def check(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", help="XLIFF 1.2/2.x, PO or TMX files.", show_default=False
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option("--source", help="Source language, when the file does not say it."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", help="Target language, when the file does not say it."),
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    glossary: GlossaryOption = None,
) -> None:
    """Check that translations use the glossary's terms.

    For each unit, every glossary term of the source must be rendered by one of the
    concept's preferred or admitted target terms, in any inflected form. Exit code 1
    when there are errors (with --strict, warnings too). Codes: docs/documents.md.

    Example: glossary check translations/fi-ru.xlf --format github
    """
    from glossary.documents import check as qa
    from glossary.documents.readers import MAX_BYTES, DocumentError
    from glossary.documents.scan import table_for
    from glossary.search.store import StoredIndex

    tables: list[Any] = []
    problems = []
    read = []
    failed = False
    for name in files:
        try:
            if os.path.getsize(name) > MAX_BYTES:
                size = os.path.getsize(name) / 2**20
                raise DocumentError(
                    f"{name}: not read: {size:,.0f} MB (at most {MAX_BYTES / 2**20:,.0f} MB)"
                )
            with open(name, "rb") as fp:
                bilingual = qa.read_units(name, fp.read())
        except (DocumentError, OSError) as exc:
            message = f"{name}: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
            _err(f"glossary: error: {message}")
            failed = True
            continue
        read.append(bilingual)
        if not tables:  # opened once a file has been read
            tables.append(StoredIndex(glossary).run(table_for))
        problems.extend(qa.check_units(tables[0], bilingual, source, target)[2])
    totals = qa.summary(problems, len(read), sum(len(b.units) for b in read))
    if output is CheckFormat.json:
        typer.echo(qa.problems_json(problems, totals))
    elif output is CheckFormat.github:
        if problems:
            typer.echo(qa.problems_github(problems))
    elif output is CheckFormat.junit:
        typer.echo(qa.problems_junit(problems, read))
    else:
        if problems:
            typer.echo(qa.problems_text(problems))
        if read:
            _err(qa.summary_line(totals))
    bad = totals["errors"] or (strict and totals["warnings"])
    raise typer.Exit(1 if failed or bad else 0)
