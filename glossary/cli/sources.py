"""Commands over the source files: ``validate``, ``fmt``, ``new``, ``diff`` and ``schema``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from glossary.cli import (
    DiagnosticFormat,
    GlossaryOption,
    _command,
    _err,
)

# -- validate ---------------------------------------------------------------------------


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


# -- diff -------------------------------------------------------------------------------


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


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
