"""``glossary serve``: build the site, serve it on localhost and rebuild it on change.

A background thread polls the sources (and the templates) a few times a second; when
they change the site is rebuilt into the same folder, incrementally. A build that fails
(a file with a syntax error, say) reports its diagnostics and leaves the last good site
in place. Pages are served with a small script that reloads them after a rebuild; the
script is added when a page is sent, never written into the built files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from glossary.errors import GlossaryError, LoadError

__all__ = ["Preview"]

_RELOAD_PATH = "/__glossary/build"
_RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;function poll(){"
    f'fetch("{_RELOAD_PATH}",{{cache:"no-store"}})'
    ".then(function(r){return r.text()})"
    ".then(function(t){if(seen!==null&&t!==seen){location.reload()}seen=t})"
    ".catch(function(){})"
    ".finally(function(){setTimeout(poll,1000)})}poll()})();</script>"
).encode()


def _signature(source: Path, templates: Path) -> str:
    """What changes when a source file or any file of the templates changes."""
    from glossary.search.store import stat_signature

    parts = [stat_signature(source)]
    for folder, dirs, names in os.walk(templates):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\n".join(parts)


class Preview:
    """The site of the glossary at ``source``, built into ``out`` and served over HTTP.

    ``report`` receives one line per event (a build, its errors). Use as a context
    manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        source: Path | None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        out: Path | None = None,
        templates: Path | None = None,
        report: Callable[[str], None] = print,
        interval: float = 0.3,
    ) -> None:
        from glossary.sources import resolve_path
        from glossary.templating import templates_dir

        self.source = resolve_path(source)
        self.report = report
        self.interval = interval
        self._own_out = out is None
        self.out = out if out is not None else Path(tempfile.mkdtemp(prefix="glossary-site-"))
        self.templates = templates or templates_dir()
        self.build_number = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        handler = partial(_Handler, self)
        self.server = _Server((host, port), handler)
        self.server.report = report
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self._threads: list[threading.Thread] = []

    # -- building ----------------------------------------------------------------------

    def build(self) -> bool:
        """Rebuild the site; report and keep the last good one if the sources are broken."""
        from glossary.render import diagnostics_text
        from glossary.site import build_site
        from glossary.sources import load

        started = time.perf_counter()
        try:
            glossary = load(self.source)
            with self._lock:
                options = {"base_url": self.url, "templates": self.templates}
                written = build_site(glossary, self.out, options)
        except LoadError as exc:
            if exc.diagnostics:
                self.report(diagnostics_text(exc.diagnostics))
            self.report(f"glossary: error: {exc}; still serving the last good build")
            return False
        except GlossaryError as exc:
            self.report(f"glossary: error: {exc}; still serving the last good build")
            return False
        self.build_number += 1
        seconds = time.perf_counter() - started
        self.report(f"built {len(written)} changed files in {seconds:.1f} s")
        return True

    def _watch(self) -> None:
        last = _signature(self.source, self.templates)
        while not self._stop.wait(self.interval):
            current = _signature(self.source, self.templates)
            if current != last:
                last = current
                self.build()

    # -- running -----------------------------------------------------------------------

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        if not self.build():
            self.server.server_close()
            if self._own_out:
                shutil.rmtree(self.out, ignore_errors=True)
            raise LoadError("the site could not be built")
        for target in (self.server.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._own_out:
            shutil.rmtree(self.out, ignore_errors=True)

    def __enter__(self) -> Preview:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    """One thread per connection (daemon threads: a stuck client never holds up the exit)."""

    daemon_threads = True
    report: Callable[[str], None] = print

    def handle_error(self, request: Any, client_address: Any) -> None:
        # One line instead of socketserver's traceback on the terminal.
        import sys

        error = sys.exc_info()[1]
        self.report(f"glossary serve: request from {client_address[0]} failed: {error!r}")


class _Handler(SimpleHTTPRequestHandler):
    #: Seconds a client may take to send its request or to read the answer.
    timeout = 30

    def __init__(self, preview: Preview, *args: Any, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, directory=str(preview.out), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for build reports

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, *, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == _RELOAD_PATH:
            body = str(self.preview.build_number).encode()
            self._send(HTTPStatus.OK, body, "text/plain; charset=utf-8", head)
            return
        # The lock is held only to read the file (a rebuild may be replacing it); the
        # bytes are sent after it is released, so a client that reads slowly, or not at
        # all, holds up no one but itself.
        with self.preview._lock:
            status, body, kind = self._read(self.translate_path(self.path))
        self._send(status, body, kind, head)

    def _read(self, translated: str) -> tuple[HTTPStatus, bytes, str]:
        """The status, bytes and type of the file a request names; a 404 if there is none.

        Any path the file system refuses (a name over 255 bytes, a folder in place of a
        file) is a page that does not exist."""
        target = Path(translated)
        try:
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                body = target.read_bytes()
                if target.suffix == ".html":
                    return HTTPStatus.OK, _inject(body), "text/html; charset=utf-8"
                return HTTPStatus.OK, body, self.guess_type(str(target))
        except (OSError, ValueError):  # ValueError: a NUL or a lone surrogate in the path
            pass
        page = self.preview.out / "404.html"
        try:
            body = _inject(page.read_bytes())
        except OSError:
            body = b"not found"
        return HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8"

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool = False) -> None:
        with contextlib.suppress(OSError):  # the client went away or stopped reading
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)


def _inject(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page if at < 0 else page[:at] + _RELOAD_SCRIPT + page[at:]
