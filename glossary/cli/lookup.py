"""The lookup path: ``glossary lookup`` (with :data:`~glossary.cli.lookup_app`, the
app that :func:`~glossary.cli.main` runs for it alone), ``show`` and ``stats``.

This module imports no other command module, so that a cold lookup loads only it."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from glossary.cli import (
    GlossaryOption,
    ToOption,
    _color,
    _command,
    _err,
    _read_usable,
    _read_usable_with_skipped,
    _split_langs,
    _warn_skipped,
    lookup_app,
)


class LookupFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


# -- lookup -----------------------------------------------------------------------------


@lookup_app.command()
@_command
def lookup(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="WORDS...",
            help="The term to look up; several words need no quotes.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="Only match terms of this language.")
    ] = None,
    to: ToOption = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, help="At most this many answers (the table says how many more)."
        ),
    ] = 10,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            help="Answers score at least this; weaker candidates are the nearest guesses "
            "(default 78).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        LookupFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: table; json with --batch].",
            show_default=False,
        ),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            metavar="FILE|-",
            help="Read one query per line; print one result per query in --format "
            "(json, the default here: one object per line; table: one block per query; "
            "tsv: the query in the first column).",
        ),
    ] = None,
    glossary: GlossaryOption = None,
) -> None:
    """Look a term up in every language and show its equivalents.

    Answers come first; when there is none, the nearest guesses are shown under "not in
    the glossary; nearest:" and the exit code is 1.

    Example: glossary lookup ammatillinen koulutus --to ru
    """
    from glossary import render
    from glossary.search import find, function_words_only, suggestions
    from glossary.search.store import StoredIndex

    if batch is None and not words:
        raise typer.BadParameter("give a term to look up, or --batch FILE", param_hint="WORDS")
    if batch is not None and words:
        raise typer.BadParameter("give either words or --batch, not both", param_hint="--batch")
    targets = _split_langs(to)
    if output is None:
        output = LookupFormat.json if batch is not None else LookupFormat.table
    index = StoredIndex(glossary)
    _warn_skipped(index.skipped, glossary)
    coloured = _color() if output is LookupFormat.table else False

    def search(query: str) -> Any:
        return index.run(find, query, lang=lang, limit=limit, to=targets, min_score=min_score)

    if batch is not None:
        stream = sys.stdin if batch == "-" else open(batch, encoding="utf-8")  # noqa: SIM115
        missing = 0
        first = True
        columns = targets or list(index.index.languages)
        with stream:
            for line in stream:
                query = line.strip()
                if not query:
                    continue
                result = search(query)
                missing += not result.matches
                if output is LookupFormat.json:
                    typer.echo(render.lookup_json(result))
                elif output is LookupFormat.tsv:
                    rows = render.lookup_tsv(result, header=first, targets=columns)
                    if rows:
                        typer.echo(rows)
                else:
                    block = render.lookup_table(result, color=coloured)
                    typer.echo(("" if first else "\n") + f"query: {query}", color=coloured)
                    typer.echo(block or "nothing found", color=coloured)
                first = False
        raise typer.Exit(1 if missing else 0)

    query = " ".join(words or [])
    result = search(query)
    if output is LookupFormat.json:
        typer.echo(render.lookup_json(result))
    elif output is LookupFormat.tsv:
        if result.matches or result.nearest:
            typer.echo(render.lookup_tsv(result))
    elif result.matches or result.nearest:
        typer.echo(render.lookup_table(result, color=coloured), color=coloured)
    if not result.matches and not result.nearest:
        close = index.run(suggestions, query)
        hint = f"; did you mean {' or '.join(repr(s) for s in close)}?" if close else ""
        if not close and index.run(function_words_only, query):
            hint = " (function words alone name no concept: type a term or a word of one)"
        _err(f"glossary: nothing found for '{query}'{hint}")
    raise typer.Exit(0 if result.matches else 1)


# -- show -------------------------------------------------------------------------------


@_command
def show(
    concept_id: Annotated[str, typer.Argument(metavar="ID", help="The concept id.")],
    output: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.text,
    glossary: GlossaryOption = None,
) -> None:
    """Show one concept entry with all its languages.

    Example: glossary show distance-learning
    """
    from glossary import render
    from glossary.errors import NotFoundError
    from glossary.util import did_you_mean

    g, skipped = _read_usable_with_skipped(glossary)
    concept = g.concepts.get(concept_id)
    if concept is None and concept_id in skipped.concepts:
        raise NotFoundError(
            f"concept '{concept_id}' is in {skipped.concepts[concept_id]}, which has errors"
        )
    if concept is None:
        raise NotFoundError(f"no concept '{concept_id}'{did_you_mean(concept_id, g.concepts)}")
    if output is ShowFormat.json:
        typer.echo(render.concept_json(concept))
    elif output is ShowFormat.yaml:
        from glossary.sources.yaml import dump_yaml

        typer.echo(dump_yaml(concept), nl=False)
    else:
        typer.echo(render.concept_text(g, concept))


# -- stats ------------------------------------------------------------------------------


class StatsFormat(StrEnum):
    table = "table"
    json = "json"


@_command
def stats(
    output: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatsFormat.table,
    glossary: GlossaryOption = None,
) -> None:
    """Count concepts and terms per language, subject and status, and list what is missing.

    Example: glossary stats --format json
    """
    from glossary import render
    from glossary.stats import compute

    g = _read_usable(glossary)
    numbers = compute(g)
    if output is StatsFormat.json:
        typer.echo(render.stats_json(numbers))
    else:
        typer.echo(render.stats_table(numbers, g.meta))
