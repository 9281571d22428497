"""The ``glossary`` command: a thin Typer layer over the library.

Each command parses its options, calls one library function, prints the result and
turns :class:`~glossary.errors.GlossaryError` into a one-line message and an exit code
(0 success, 1 data errors or nothing found, 2 wrong usage). Library modules are imported
inside the commands so that ``glossary lookup`` loads only what it needs.

This package holds the apps and the helpers every command shares; the commands live in
one module per group (:mod:`.lookup`, :mod:`.documents`, :mod:`.sources`,
:mod:`.exchange`, :mod:`.site`). ``glossary lookup`` imports :mod:`.lookup` alone;
:data:`app`, with every command, is put together the first time it is asked for.
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


_app = _typer()
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

#: ``--to`` of the commands that print equivalents (lookup, scan).
ToOption = Annotated[
    list[str] | None,
    typer.Option("--to", "-t", help="Show equivalents in these languages (repeat or use commas)."),
]


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
@_app.callback()
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


def _split_langs(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out: list[str] = []
    for value in values:
        out.extend(part for part in value.replace(",", " ").split() if part)
    return out


def _color() -> bool:
    """Colours on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


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
    if len(sys.argv) > 1 and sys.argv[1] == "lookup":
        import glossary.cli.lookup  # noqa: F401  (registers the command on lookup_app)

        lookup_app(prog_name="glossary")
    else:
        _full_app()(prog_name="glossary")


def _full_app() -> typer.Typer:
    """The app with every command, in the order ``glossary --help`` lists them."""
    if not _app.registered_commands:
        from glossary.cli import documents, exchange, lookup, site, sources

        commands: tuple[tuple[str | None, Callable[..., Any]], ...] = (
            (None, lookup.lookup),
            (None, documents.scan),
            (None, documents.check),
            (None, lookup.show),
            (None, sources.validate),
            (None, sources.fmt),
            (None, sources.new),
            (None, lookup.stats),
            (None, exchange.export),
            ("import", exchange.import_),
            (None, sources.diff),
            (None, sources.schema),
            (None, site.serve),
        )
        for name, command in commands:
            _app.command(name)(command)
    return _app


def __getattr__(name: str) -> typer.Typer:
    """``from glossary.cli import app``: the whole app, its command modules imported now
    rather than on the lookup path."""
    if name == "app":
        return _full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
