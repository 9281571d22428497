"""``glossary serve``: the site of the glossary, rebuilt as its sources change."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from glossary.cli import (
    GlossaryOption,
    _command,
    _err,
)

# -- serve ------------------------------------------------------------------------------


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
