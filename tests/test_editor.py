"""The schema in a real editor backend: yaml-language-server (pinned in package.json, the
server behind VS Code's YAML extension), driven over the language server protocol.

Concept files open with the modeline of docs/editors.md; the bundled files show no
diagnostic, and each typical mistake of tests/test_schema.py is flagged where
`glossary validate` reports it. Needs Node.js and `npm ci`; skipped without them
(failed under CI=true).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TERMS
from test_schema import CASES, CONFIG, linter_positions

from glossary.sources import source_files
from glossary.sources.schema import glossary_meta, schema_text

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
MODELINE = "# yaml-language-server: $schema=concept.schema.json\n"


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class LanguageServer:
    """A yaml-language-server process and the JSON-RPC messages to and from it."""

    def __init__(self, root: Path) -> None:
        node = shutil.which("node")
        if node is None:
            _missing("Node.js is not installed (Debian: sudo apt-get install nodejs npm)")
        if not SERVER.is_file():
            _missing(f"{SERVER.relative_to(ROOT)} is missing: run 'npm ci' in the project folder")
        self.process = subprocess.Popen(
            [str(node), str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while line := stream.readline().strip():
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> None:
        self._send({"id": 1, "method": method, "params": params})

    def diagnostics(self, files: list[Path], timeout: float = 120) -> dict[Path, list[Any]]:
        """Open ``files``; the diagnostics the server publishes for each."""
        by_uri = {path.resolve().as_uri(): path for path in files}
        for uri, path in by_uri.items():
            document = {"uri": uri, "languageId": "yaml", "version": 1}
            document["text"] = path.read_text(encoding="utf-8")
            self.notify("textDocument/didOpen", {"textDocument": document})
        found: dict[Path, list[Any]] = {}
        deadline = time.monotonic() + timeout
        while len(found) < len(files) and time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=1)
            except queue.Empty:
                continue
            if "id" in message and "method" in message:  # the server asks for settings
                items = message["params"].get("items", [])
                result = [self.settings["yaml"] for _ in items] if items else None
                self._send({"id": message["id"], "result": result})
            elif message.get("method") == "textDocument/publishDiagnostics":
                uri = message["params"]["uri"]
                if uri in by_uri:
                    found[by_uri[uri]] = message["params"]["diagnostics"]
        assert len(found) == len(files), "the server did not answer for every file"
        return found

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture()
def server(tmp_path):
    schema = schema_text(glossary_meta(CONFIG.parent))
    (tmp_path / "concept.schema.json").write_text(schema, encoding="utf-8")
    shutil.copy(CONFIG, tmp_path / "glossary.toml")
    started = LanguageServer(tmp_path)
    yield started
    started.close()


def test_the_bundled_files_show_no_diagnostic(tmp_path):
    (tmp_path / "concept.schema.json").write_text(
        schema_text(glossary_meta(TERMS)), encoding="utf-8"
    )
    files = []
    for path in source_files(TERMS):
        copy = tmp_path / path.name
        copy.write_text(MODELINE + path.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(copy)
    server = LanguageServer(tmp_path)
    try:
        found = server.diagnostics(files)
    finally:
        server.close()
    assert {path.name: diagnostics for path, diagnostics in found.items() if diagnostics} == {}


def test_each_typical_mistake_is_flagged_where_the_linter_reports_it(server, tmp_path):
    files = {}
    for name, text in CASES.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        files[name] = (path, linter_positions(path, every_error=name.startswith("good")))
        path.write_text(MODELINE + text, encoding="utf-8")  # the lines move down by one
    found = server.diagnostics([path for path, _ in files.values()])
    for name, (path, linter) in files.items():
        lines = CASES[name].splitlines()
        editor = set()
        for diagnostic in found[path]:
            line, col = (
                diagnostic["range"]["start"]["line"],
                diagnostic["range"]["start"]["character"],
            )
            # The editor marks a quoted value from its quote; the linter from its text.
            quoted = lines[line - 1][col : col + 1] in ("'", '"')
            editor.add((line, col + 1 + quoted))
        if name.startswith("good"):
            assert editor == set() and linter == set(), name
        else:
            assert editor and editor <= linter, (name, editor, linter)
