"""The ``glossary`` command: a thin Typer layer over the library.

Each command parses its options, calls one library function, prints the result and
turns :class:`~glossary.errors.GlossaryError` into a one-line message and an exit code
(0 success, 1 data errors or nothing found, 2 wrong usage). Library modules are imported
inside the commands so that ``glossary lookup`` loads only what it needs.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from glossary.errors import GlossaryError, LoadError

F = TypeVar("F", bound=Callable[..., Any])


def _typer() -> typer.Typer:
    return typer.Typer(
        name="glossary",
        help=(
            "Multilingual terminology kept as source files: look terms up, check the sources, "
            "publish them.\n\nThe glossary used is --glossary, else $GLOSSARY_PATH, else "
            "./terms when it has a glossary.toml, else the Finnish–Russian glossary that comes "
            "with the tool."
        ),
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _typer()
#: The same app with the lookup command alone, which :func:`main` runs for ``glossary
#: lookup …``: Typer reads the options of every command of an app before it runs one,
#: and for all the commands that is a third of a cold lookup.
lookup_app = _typer()

_debug = bool(os.environ.get("GLOSSARY_DEBUG"))

GlossaryOption = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary folder, YAML file or TBX file.",
        show_default=False,
    ),
]


class LookupFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


class DiagnosticFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _err(message: str) -> None:
    from glossary.util import printable

    typer.echo(printable(message, newlines=True), err=True)


def _fail(exc: GlossaryError) -> typer.Exit:
    if isinstance(exc, LoadError) and exc.diagnostics:
        from glossary.render import diagnostics_text

        _err(diagnostics_text(exc.diagnostics))
    _err(f"glossary: error: {exc}")
    return typer.Exit(exc.exit_code)


def _command(function: F) -> F:
    """Turn library errors into messages and exit codes; show a traceback only with --debug."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except GlossaryError as exc:
            if _debug:
                raise
            raise _fail(exc) from None
        except BrokenPipeError:
            # The reader went away (`glossary lookup x | head`): that is not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:
            if _debug:
                raise
            name = f"{exc.filename}: " if exc.filename else ""
            _err(f"glossary: error: {name}{exc.strerror or exc}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from glossary import __version__

        typer.echo(f"glossary {__version__}")
        raise typer.Exit()


@lookup_app.callback()
@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    global _debug
    _debug = _debug or debug


def _read(glossary: Path | None) -> Any:
    from glossary.sources import load

    return load(glossary)


def _read_usable(glossary: Path | None) -> Any:
    """For the commands that answer from what loads: the glossary without its files that
    have errors, after one warning about them."""
    return _read_usable_with_skipped(glossary)[0]


def _read_usable_with_skipped(glossary: Path | None) -> tuple[Any, Any]:
    from glossary.sources.usable import read_usable

    g, skipped = read_usable(glossary)
    _warn_skipped(skipped, glossary)
    return g, skipped


def _warn_skipped(skipped: Any, glossary: Path | None) -> None:
    if not skipped:
        return
    import shlex

    from glossary.sources import display_path, resolve_path

    files, errors = len(skipped.files), skipped.errors
    where = shlex.quote(display_path(resolve_path(glossary)))
    _err(
        f"glossary: warning: {files} file{'s have' if files != 1 else ' has'} errors and "
        f"{'were' if files != 1 else 'was'} skipped ({errors} error{'s' * (errors != 1)}); "
        f"see: glossary validate {where}"
    )


# -- lookup -----------------------------------------------------------------------------


def _split_langs(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out: list[str] = []
    for value in values:
        out.extend(part for part in value.replace(",", " ").split() if part)
    return out


@lookup_app.command()
@app.command()
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
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to", "-t", help="Show equivalents in these languages (repeat or use commas)."
        ),
    ] = None,
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
    from glossary.search import find, suggestions
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
        _err(f"glossary: nothing found for '{query}'{hint}")
    raise typer.Exit(0 if result.matches else 1)


def _color() -> bool:
    """Colours on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


# -- scan -------------------------------------------------------------------------------


class ScanFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


@app.command()
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
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to", "-t", help="Show equivalents in these languages (repeat or use commas)."
        ),
    ] = None,
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


@app.command()
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


# -- show -------------------------------------------------------------------------------


@app.command()
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


# -- validate ---------------------------------------------------------------------------


@app.command()
@_command
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Glossary folder, TBX file, or concept files, each checked against the "
            "whole glossary it belongs to (default: the glossary in use).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        DiagnosticFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiagnosticFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these rules (codes or prefixes, comma-separated).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", help="Not these rules (codes or prefixes)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every file again, ignoring the cache.")
    ] = False,
    glossary: GlossaryOption = None,
) -> None:
    """Check the sources and list every problem as path:line:col: severity: CODE message.

    Rules and their codes are listed in docs/rules.md; select and ignore them here or in
    the [validate] table of glossary.toml. A concept file is checked against the whole
    glossary of the nearest glossary.toml above it, and only its problems are listed.

    Example: glossary validate terms/ --strict
    """
    from glossary import render
    from glossary.validation import validate as run

    report = run(
        paths if paths else glossary,
        select=select,
        ignore=ignore,
        cache=False if no_cache else None,
    )
    if output is DiagnosticFormat.json:
        typer.echo(render.diagnostics_json(report.diagnostics))
    elif output is DiagnosticFormat.github:
        if report.diagnostics:
            typer.echo(render.diagnostics_github(report.diagnostics))
    elif report.diagnostics:
        typer.echo(render.diagnostics_text(report.diagnostics))
    errors, warnings = len(report.errors), len(report.warnings)
    if output is not DiagnosticFormat.json:
        _err(
            f"{report.concepts} concept{'s' * (report.concepts != 1)} in "
            f"{len(report.files)} file{'s' * (len(report.files) != 1)}: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        )
    raise typer.Exit(0 if report.ok(strict) else 1)


# -- fmt --------------------------------------------------------------------------------


def _writable_glossary(path: Path | None) -> Path:
    """The glossary folder a writing command may change (never the installed copy)."""
    from glossary.errors import UsageError
    from glossary.sources import bundled_path, resolve_path

    root = resolve_path(path)
    bundled = bundled_path()
    if root.resolve() == bundled.resolve() and (bundled.parent / "__init__.py").exists():
        raise UsageError(
            "the glossary that comes with the tool is read-only; "
            "give a folder with --glossary (or work in a folder that has terms/glossary.toml)"
        )
    return root


@app.command()
@_command
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders (default: the glossary in use).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; list what would change and exit 1 if anything would."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Change nothing; show the changes as a unified diff."),
    ] = False,
    glossary: GlossaryOption = None,
) -> None:
    """Rewrite concept files in the canonical form, keeping comments.

    Example: glossary fmt terms/ --check
    """
    from glossary import render
    from glossary.formatting import fmt as run

    targets = list(paths) if paths else [_writable_glossary(glossary)]
    for target in targets:
        if not target.exists():
            from glossary.errors import NotFoundError

            raise NotFoundError(f"{target}: no such file or folder")
    report = run(targets, check=check, diff=diff)
    from glossary.util import printable

    for path in report.reformatted:
        typer.echo(printable(f"{'would reformat' if check or diff else 'reformatted'} {path}"))
        if path in report.diffs:
            typer.echo(printable(report.diffs[path], newlines=True), nl=False)
    if report.diagnostics:
        _err(render.diagnostics_text(report.diagnostics))
    for path, reason in report.refused.items():
        typer.echo(printable(report.diffs.get(path, ""), newlines=True), nl=False)
        _err(f"{path}: {reason}")
    _err(report.summary(check or diff))
    failed = report.failed or (check and report.reformatted)
    raise typer.Exit(1 if failed else 0)


# -- new --------------------------------------------------------------------------------


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    out = {}
    for value in values or []:
        lang, sep, text = value.partition("=")
        if not sep or not lang.strip() or not text.strip():
            raise typer.BadParameter(f"expected LANG=TEXT, got '{value}'", param_hint=option)
        out[lang.strip()] = text.strip()
    return out


class PosChoice(StrEnum):
    noun = "noun"
    verb = "verb"
    adjective = "adjective"
    adverb = "adverb"
    properNoun = "properNoun"
    other = "other"


@app.command()
@_command
def new(
    concept_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new concept's id, e.g. virtual-classroom.")
    ],
    fi: Annotated[str | None, typer.Option("--fi", help="The Finnish preferred term.")] = None,
    ru: Annotated[str | None, typer.Option("--ru", help="The Russian preferred term.")] = None,
    en: Annotated[str | None, typer.Option("--en", help="The English preferred term.")] = None,
    term: Annotated[
        list[str] | None,
        typer.Option("--term", metavar="LANG=TERM", help="A term in another language."),
    ] = None,
    subject: Annotated[
        list[str] | None, typer.Option("--subject", "-s", help="A subject code from glossary.toml.")
    ] = None,
    definition: Annotated[
        list[str] | None,
        typer.Option("--definition", "-d", metavar="LANG=TEXT", help="A definition."),
    ] = None,
    pos: Annotated[
        PosChoice, typer.Option("--pos", help="Part of speech of the terms.")
    ] = PosChoice.noun,
    gender: Annotated[
        list[str] | None,
        typer.Option(
            "--gender", metavar="LANG=GENDER", help="Gender of the term in LANG, e.g. ru=neuter."
        ),
    ] = None,
    glossary: GlossaryOption = None,
) -> None:
    """Write a new concept file (status draft); refuse an id that exists.

    Example: glossary new virtual-classroom --fi "virtuaalinen luokkahuone"
    --ru "виртуальный класс" --gender ru=masculine --en "virtual classroom" -s e-learning
    """
    from glossary import render
    from glossary.model import Gender, PartOfSpeech
    from glossary.scaffold import new_concept
    from glossary.validation import validate as check

    terms = {lang: text for lang, text in (("fi", fi), ("ru", ru), ("en", en)) if text}
    terms.update(_pairs(term, "--term"))
    genders = {}
    for lang, value in _pairs(gender, "--gender").items():
        try:
            genders[lang] = Gender(value)
        except ValueError:
            choices = ", ".join(g.value for g in Gender)
            raise typer.BadParameter(
                f"'{value}' is not one of {choices}", param_hint="--gender"
            ) from None
    root = _writable_glossary(glossary)
    created = new_concept(
        root,
        concept_id,
        terms,
        subjects=subject or (),
        definitions=_pairs(definition, "--definition"),
        pos=PartOfSpeech(pos.value),
        genders=genders,
    )
    typer.echo(f"created {created.path}")
    report = check(root)
    mine = [d for d in report.diagnostics if d.path.endswith(created.path.name)]
    if mine:
        _err("still to do:\n" + render.diagnostics_text(mine))


# -- stats ------------------------------------------------------------------------------


class StatsFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
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


# -- export -----------------------------------------------------------------------------


@app.command()
@_command
def export(
    format_name: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="site, pdf, json, tbx, csv, xlsx or skos."),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: standard output).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="site, skos: the site's address (default: base_url of glossary.toml); "
            "json: the address of the folder that holds v1/.",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="site, pdf: build from a copy of the templates folder, e.g. with your own style.",
        ),
    ] = None,
    page_size: Annotated[
        str | None,
        typer.Option("--page-size", metavar="SIZE", help="pdf: A4 (default) or A5."),
    ] = None,
    pdf_standard: Annotated[
        str | None,
        typer.Option(
            "--pdf-standard",
            metavar="STD",
            help="pdf: ua-1 (tagged for screen readers, default) or a-2b (PDF/A for archives).",
        ),
    ] = None,
    subject: Annotated[
        list[str] | None,
        typer.Option(
            "--subject",
            metavar="CODE",
            help="pdf: print only the concepts of this subject (repeatable).",
        ),
    ] = None,
    concepts: Annotated[
        Path | None,
        typer.Option(
            "--concepts",
            metavar="FILE",
            help="pdf: print only the concepts this file lists, one id a line (and any --subject).",
        ),
    ] = None,
    tbx_version: Annotated[
        int | None,
        typer.Option(
            "--tbx-version",
            metavar="N",
            help="tbx: 3 (TBX v3, default) or 2 (martif, TBX-Basic 2008, for older tools).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="site, json: what's new since this git revision (or folder or file) "
            "rather than since the release recorded in the output folder.",
        ),
    ] = None,
    glossary: GlossaryOption = None,
) -> None:
    """Write the glossary in another format.

    Example: glossary export tbx --out glossary.tbx
    """
    from glossary.exporters import get

    exporter = get(format_name)
    options: dict[str, object] = {}

    def accepts(option: str, flag: str, refusal: str) -> None:
        if option not in getattr(exporter, "OPTIONS", ()):
            raise typer.BadParameter(refusal, param_hint=flag)

    if base_url is not None:
        accepts("base_url", "--base-url", f"'{format_name}' has no use for a base URL")
        from glossary.util import http_url

        if not http_url(base_url):
            raise typer.BadParameter(
                f"'{base_url}' is not an http(s) address", param_hint="--base-url"
            )
        options["base_url"] = base_url
    if templates is not None:
        accepts("templates", "--templates", f"'{format_name}' uses no templates")
        if not (templates / format_name).is_dir():
            raise typer.BadParameter(
                f"{templates} has no {format_name}/ folder; copy the project's templates/ folder",
                param_hint="--templates",
            )
        options["templates"] = templates
    if page_size is not None:
        from glossary.pdf import PAGE_SIZES

        accepts("page_size", "--page-size", f"'{format_name}' has no pages")
        size = page_size.upper()
        if size not in PAGE_SIZES:
            raise typer.BadParameter(
                f"'{page_size}' is not a page size we print; choose A4 or A5",
                param_hint="--page-size",
            )
        options["page_size"] = size
    if pdf_standard is not None:
        from glossary.pdf import PDF_STANDARDS

        accepts("pdf_standard", "--pdf-standard", f"'{format_name}' is not a PDF")
        if pdf_standard.lower() not in PDF_STANDARDS:
            raise typer.BadParameter(
                f"'{pdf_standard}' is not a PDF standard we write; choose ua-1 or a-2b",
                param_hint="--pdf-standard",
            )
        options["pdf_standard"] = pdf_standard.lower()
    if subject:
        accepts("subjects", "--subject", f"'{format_name}' prints no selection")
        options["subjects"] = tuple(subject)
    if concepts is not None:
        accepts("concepts", "--concepts", f"'{format_name}' prints no selection")
        options["concepts"] = concepts
    if tbx_version is not None:
        accepts("tbx_version", "--tbx-version", f"'{format_name}' is not TBX")
        if tbx_version not in (2, 3):
            raise typer.BadParameter(
                f"TBX version {tbx_version} does not exist here; choose 2 or 3",
                param_hint="--tbx-version",
            )
        options["tbx_version"] = tbx_version
    if since is not None:
        accepts("since", "--since", f"'{format_name}' keeps no release history")
        options["since"] = since
    g = _read(glossary)
    if out is None or str(out) == "-":
        if not exporter.SUFFIX:
            raise typer.BadParameter(
                f"'{format_name}' writes a folder; give --out DIR", param_hint="--out"
            )
        exporter.write(sys.stdout.buffer, g, options)
        sys.stdout.buffer.flush()
        return
    written = exporter.export(g, out, options)
    if exporter.SUFFIX:
        _err(f"wrote {', '.join(str(p) for p in written)}")
    elif written:
        _err(f"wrote {len(written)} changed file{'s' if len(written) != 1 else ''} in {out}")
    else:
        _err(f"{out} is up to date")


# -- import -----------------------------------------------------------------------------


@app.command("import")
@_command
def import_(
    src: Annotated[
        Path, typer.Argument(metavar="SRC", help="A TBX file (v2 or v3), a CSV or an XLSX file.")
    ],
    into: Annotated[Path, typer.Option("--into", help="Folder to write concept files to.")] = Path(
        "terms"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace existing concept files.")] = False,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Add new languages, terms and missing fields to existing concepts; report "
            "conflicts; send changed concepts back for review.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would happen; write nothing.")
    ] = False,
    lang_map: Annotated[
        list[str] | None,
        typer.Option(
            "--lang-map",
            metavar="FROM=TO",
            help="Read language FROM as TO, e.g. ru-RU=ru (repeatable).",
        ),
    ] = None,
    languages: Annotated[
        str | None,
        typer.Option(
            "--languages",
            metavar="LANG,LANG",
            help="A file without a header (OmegaT glossary.txt): its columns' languages; "
            "the next column is a note.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME|N", help="The XLSX sheet to read (name or number)."),
    ] = None,
    keep_status: Annotated[
        bool,
        typer.Option("--keep-status", help="With --merge: leave an approved concept approved."),
    ] = False,
    header_row: Annotated[
        int | None,
        typer.Option(
            "--header-row", metavar="N", min=1, help="The row holding the header (from 1)."
        ),
    ] = None,
) -> None:
    """Import concepts from TBX, CSV or XLSX as YAML concept files.

    Example: glossary import partner.xlsx --into terms/ --merge --lang-map ru-RU=ru
    """
    from glossary import render
    from glossary.importer import describe, import_file
    from glossary.langtags import canonical_tag, parse_lang_map
    from glossary.sources.tabular import TableOptions

    if force and merge:
        raise typer.BadParameter("choose one of --force and --merge", param_hint="--merge")
    try:
        mapping = parse_lang_map(lang_map or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang-map") from None
    tags: list[str] = []
    for raw in (languages or "").split(","):
        if not raw.strip():
            continue
        tag = canonical_tag(raw)
        if tag is None:
            raise typer.BadParameter(
                f"'{raw.strip()}' is not a language tag", param_hint="--languages"
            )
        tags.append(tag)
    if languages is not None and (not tags or header_row is not None):
        why = "name at least one language" if not tags else "a file without a header has none"
        raise typer.BadParameter(why, param_hint="--languages")
    table = TableOptions(languages=tuple(tags), sheet=sheet, header_row=header_row)
    report = import_file(
        src,
        into,
        force=force,
        merge_existing=merge,
        dry_run=dry_run,
        lang_map=mapping,
        table=table,
        keep_status=keep_status,
    )
    from glossary.util import printable

    for line in describe(report.items):
        typer.echo(printable(line))
    if report.config_written is not None:
        verb = "would write" if dry_run else "wrote"
        typer.echo(printable(f"{verb} {report.config_written}"))
    if report.diagnostics:
        _err(render.diagnostics_text(report.diagnostics))
    for note in report.notes:
        _err(f"note: {note}")
    _err(report.summary())
    if report.has_errors:
        # What could be read is imported; the exit code still tells a script that rows or
        # entries were left out.
        raise typer.Exit(1)


# -- diff -------------------------------------------------------------------------------


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@_command
def diff(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="A git revision (v2026.1, HEAD~1), folder or file.")
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="A git revision, folder or file.")],
    output: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    glossary: GlossaryOption = None,
) -> None:
    """List the concepts added, removed, renamed and changed (per language and field).

    OLD and NEW are revisions of the git repository that holds the glossary in use (its
    folder as it was then), or two glossary folders or files; a path that exists is read
    as a path.

    Example: glossary diff v2026.1 HEAD --format markdown
    """
    from glossary.diff import compare, read_side
    from glossary.render_diff import diff_json, diff_markdown, diff_text

    changes = compare(read_side(old, glossary), read_side(new, glossary))
    if output is DiffFormat.json:
        typer.echo(diff_json(changes))
    elif output is DiffFormat.markdown:
        typer.echo(diff_markdown(changes, old, new))
    elif changes:
        typer.echo(diff_text(changes))


# -- schema -----------------------------------------------------------------------------


@app.command()
@_command
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to this file (default: stdout)."),
    ] = None,
    generic: Annotated[
        bool,
        typer.Option("--generic", help="Leave out the subject codes and required languages."),
    ] = False,
    glossary: GlossaryOption = None,
) -> None:
    """Print the JSON Schema of a concept file, for editors (docs/editors.md).

    It knows the subject codes and required languages of the glossary's glossary.toml
    (--generic: any glossary's).

    Example: glossary schema --output terms/concept.schema.json
    """
    from glossary.sources.schema import glossary_meta, schema_text

    text = schema_text(None if generic else glossary_meta(glossary))
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    from glossary.util import atomic_write

    atomic_write(output, text.encode("utf-8"), overwrite=True)
    _err(f"wrote {output}")


# -- serve ------------------------------------------------------------------------------


@app.command()
@_command
def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="The port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on (local only by default).")
    ] = "127.0.0.1",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Build into this folder (default: a temporary one)."),
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the site in the web browser.")
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", metavar="DIR", help="Build from a copy of the templates."),
    ] = None,
    glossary: GlossaryOption = None,
) -> None:
    """Preview the web glossary: build it, serve it and rebuild it when a file changes.

    Example: glossary serve --open
    """
    import signal
    import time

    from glossary.site.serve import Preview

    # Stopped by a service manager or `timeout`: clean up as for Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    try:
        preview = Preview(glossary, host=host, port=port, out=out, templates=templates, report=_err)
    except OSError as exc:
        raise typer.BadParameter(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}", param_hint="--port"
        ) from None
    preview.start()
    _err(f"serving {preview.url} (Ctrl+C to stop); rebuilding when {preview.source} changes")
    if open_browser:
        import webbrowser

        webbrowser.open(preview.url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        _err("stopped")
    finally:
        preview.stop()


def _show_notice(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """Notices from the library as one line each; other warnings as Python shows them."""
    from glossary.errors import Notice

    if issubclass(category, Notice):
        _err(f"glossary: notice: {message}")
    else:
        _default_showwarning(message, category, filename, lineno, file, line)


_default_showwarning = warnings.showwarning


def main() -> None:
    """The console script."""
    warnings.showwarning = _show_notice
    lookup_only = len(sys.argv) > 1 and sys.argv[1] == "lookup"
    (lookup_app if lookup_only else app)(prog_name="glossary")
