"""``glossary fmt``: rewrite concept files in the one canonical form, keeping comments.

The canonical text is the same one ``import``, ``new`` and ``show --format yaml`` write
(:func:`glossary.sources.yaml.generate_yaml_nodes`), so there is a single writer.

No comment is ever lost. Each one is found exactly (a ``#`` outside every scalar, after
a space or at the start of a line) and carried over by the node it belongs to: a comment
on its own line goes with the next node, a comment at the end of a line with the node
before it on that line (after a bare ``- `` or an opening ``[``, with the node that
follows). When that node is not written in the canonical form (``status: preferred`` is
the default; a flow list written on one line has no line per item) the comment moves to
the nearest node that remains, its parent. Every document of a file is formatted: a
mapping stays a mapping, a list stays a list. Blank lines are not kept.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from glossary.langtags import normalize_tag
from glossary.sources.yaml import (
    NodePath,
    decode_source,
    generate_yaml_nodes,
    read_yaml,
    size_problem,
)
from glossary.sources.yamlnodes import events
from glossary.validation.diagnostics import Diagnostic, Severity, load_diagnostic

__all__ = ["FormatResult", "format_text", "unified_diff"]


@dataclass
class FormatResult:
    #: The canonical text, or None when the file cannot be formatted (it has errors).
    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changed: bool = False


@dataclass
class _Comments:
    before: dict[NodePath, list[str]] = field(default_factory=lambda: defaultdict(list))
    after: dict[NodePath, list[str]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class _Document:
    #: the concepts of the document, by their index in the file
    units: list[int] = field(default_factory=list)
    #: written as a list (``- id: …``) rather than as one mapping
    as_list: bool = False


#: A node a comment can be attached to: (concept index in the file, path in the concept).
_Anchor = tuple[int, NodePath]

#: A ``#`` that starts a comment: at the start of a line or after a space or tab.
_HASH = re.compile(r"(?:\A|(?<=[ \t\r\n]))#[^\r\n]*")
#: What may stand before a comment on its line when the comment is about the next node.
_OPENING = re.compile(r"(?:---|[-?:\[{])*")
#: The comment on the header line of a block scalar (``note: |-  # why``).
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]+(#[^\r\n]*)")


class _Shape:
    """The documents of a file, its concepts and every comment with the node it goes with.

    One pass over the parser events: the text between two nodes is searched for
    comments, so text inside a scalar is never taken for one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.documents: list[_Document] = []
        self.comments: dict[int, _Comments] = defaultdict(_Comments)
        self.footer: list[str] = []
        self._unit = -1
        self._previous: _Anchor | None = None
        self._waiting: list[str] = []  # comments for the next node
        self._gap = 0  # where the text not yet searched for comments starts

    def _line_start(self, index: int) -> int:
        """Where the line of ``index`` starts (searching no further back than that line)."""
        start = self.text.rfind("\n", 0, index) + 1
        return self.text.rfind("\r", start, index) + 1 or start

    def _anchor(self, start: int, end: int, path: NodePath) -> None:
        """A node from ``start`` to ``end``: take the comments of the text before it."""
        here = (self._unit, path)
        for match in _HASH.finditer(self.text, self._gap, start):
            comment = match.group().rstrip()
            before = self.text[self._line_start(match.start()) : match.start()].strip()
            if self._previous is None or _OPENING.fullmatch(before.replace(" ", "")):
                self._waiting.append(comment)
            else:
                self.comments[self._previous[0]].after[self._previous[1]].append(comment)
        if self._waiting:
            self.comments[here[0]].before[path].extend(self._waiting)
            self._waiting = []
        self._previous = here
        self._gap = max(self._gap, end)

    def _rest(self) -> None:
        """Comments after the last node of the file."""
        for match in _HASH.finditer(self.text, self._gap):
            comment = match.group().rstrip()
            before = self.text[self._line_start(match.start()) : match.start()].strip()
            if self._previous is None or _OPENING.fullmatch(before.replace(" ", "")):
                self.footer.append(comment)
            else:
                self.comments[self._previous[0]].after[self._previous[1]].append(comment)

    def scan(self) -> None:
        stack: list[_Frame] = []
        unit_depth = -1  # the depth of the stack inside the current concept, -1: outside
        for event in events(self.text):
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents.append(_Document())
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                if len(stack) < unit_depth:
                    unit_depth = -1
            elif isinstance(event, yaml.NodeEvent) and self._node(event, stack, unit_depth):
                unit_depth = len(stack)
        self._rest()

    def _node(self, event: yaml.NodeEvent, stack: list[_Frame], unit_depth: int) -> bool:
        """Take one node; True if it starts a concept."""
        assert event.start_mark is not None and event.end_mark is not None
        start, end = event.start_mark.index, event.end_mark.index
        document = self.documents[-1]
        path: NodePath = ()
        is_key = starts = False
        if not stack or (len(stack) == 1 and document.as_list):
            # The document itself, or an item of a list document: a concept each.
            if not stack and isinstance(event, yaml.SequenceStartEvent):
                document.as_list = True
            elif isinstance(event, yaml.MappingStartEvent):
                self._unit += 1
                document.units.append(self._unit)
                starts = True
        else:
            frame = stack[-1]
            if frame.mapping and frame.key is None:  # keys and values take turns
                is_key = True
                name = str(getattr(event, "value", ""))
                if frame.path and frame.path[-1] == "languages":
                    name = normalize_tag(name) or name
                path = (*frame.path, name)
                if name == "term" and frame.path and isinstance(frame.path[-1], int):
                    path = frame.path  # a term's text is the term itself
                frame.key = path
            elif frame.mapping and frame.key is not None:
                path, frame.key = frame.key, None
            else:
                path = (*frame.path, frame.index)
                frame.index += 1
        inside = unit_depth >= 0 and len(stack) >= unit_depth
        if isinstance(event, yaml.ScalarEvent) and inside:
            self._anchor(start, end, path)
            if event.style in ("|", ">"):
                header = _BLOCK_HEADER.match(self.text, start)
                if header:
                    self.comments[self._unit].after[path].append(header.group(1).rstrip())
        elif isinstance(event, yaml.CollectionStartEvent):
            if inside and event.flow_style and not is_key:
                self._anchor(start, start + 1, path)
            stack.append(_Frame(path, isinstance(event, yaml.MappingStartEvent)))
        return starts


@dataclass(slots=True)
class _Frame:
    """An open collection: its path, and the next item's index or the current key."""

    path: NodePath
    mapping: bool
    index: int = 0
    key: NodePath | None = None


def _emit(
    lines: list[tuple[NodePath, str]], comments: _Comments, prefix: str = ""
) -> Iterator[str]:
    emitted = {path for path, _ in lines}

    def home(path: NodePath) -> NodePath:
        while path and path not in emitted:
            path = path[:-1]
        return path if path else lines[0][0]

    before: dict[NodePath, list[str]] = defaultdict(list)
    after: dict[NodePath, list[str]] = defaultdict(list)
    for path, texts in comments.before.items():
        before[home(path)].extend(texts)
    for path, texts in comments.after.items():
        after[home(path)].extend(texts)
    done: set[NodePath] = set()
    for index, (path, line) in enumerate(lines):
        lead = prefix if index == 0 else " " * len(prefix)
        if path not in done:
            indent = len(line) - len(line.lstrip(" "))
            for text in before.pop(path, ()):
                yield f"{lead}{' ' * indent}{text}" if index else f"{' ' * indent}{text}"
            tail = "".join(f"  {text}" for text in after.pop(path, ()))
            done.add(path)
        else:
            tail = ""
        if tail and "\n" in line:  # a block scalar: the comment goes on its first line
            first, rest = line.split("\n", 1)
            yield f"{lead}{first}{tail}\n{rest}"
        else:
            yield f"{lead}{line}{tail}"


def format_text(data: bytes, name: str) -> FormatResult:
    """The canonical form of a YAML source, with its comments."""
    too_large = size_problem(len(data), name)
    if too_large is not None:
        return FormatResult(None, [too_large])
    text, problems = decode_source(data, name)
    if text is None:
        return FormatResult(None, problems)
    concepts, diagnostics = read_yaml(io.BytesIO(data), name=name)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        return FormatResult(None, errors)
    shape = _Shape(text)
    shape.scan()
    units = [unit for document in shape.documents for unit in document.units]
    if len(units) != len(concepts):  # pragma: no cover - read_yaml reports these as errors
        problem = "fmt cannot tell this file's concepts apart; it is left as it is"
        return FormatResult(None, [load_diagnostic("L107", problem, name, 1, 1)])
    out: list[str] = []
    for document in shape.documents:
        if not document.units:
            continue  # an empty document: its comments went to the next node
        if out:
            out.append("---")
        prefix = "- " if document.as_list else ""
        for unit in document.units:
            lines = list(generate_yaml_nodes(concepts[unit]))
            out.extend(_emit(lines, shape.comments[unit], prefix))
    out.extend(shape.footer)
    result = "\n".join(out) + "\n"
    return FormatResult(result, diagnostics, changed=result != text)


def unified_diff(before: str, after: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=name,
            tofile=f"{name} (formatted)",
        )
    )


@dataclass
class FmtReport:
    """What ``fmt`` did (or, with ``check``, would do) to each file."""

    reformatted: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    diffs: dict[Path, str] = field(default_factory=dict)
    #: files that needed changes but were not rewritten, and why ("read-only, not
    #: rewritten"): one line each for the user; they are in ``failed`` too
    refused: dict[Path, str] = field(default_factory=dict)

    def summary(self, check: bool) -> str:
        verb = "would be reformatted" if check else "reformatted"
        parts = [f"{len(self.reformatted)} file{'s' * (len(self.reformatted) != 1)} {verb}"]
        parts.append(f"{len(self.unchanged)} unchanged")
        if len(self.failed) > len(self.refused):
            parts.append(f"{len(self.failed) - len(self.refused)} not formatted because of errors")
        if self.refused:
            parts.append(f"{len(self.refused)} not rewritten")
        return ", ".join(parts)


def _read_only(path: Path) -> bool:
    """A file its owner made read-only (``chmod 444``), or one this user may not write.

    The mode is looked at too: ``root`` may write anywhere, but a file without any
    write permission was made so on purpose and is not replaced behind its owner."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return True


def fmt(paths: list[Path], *, check: bool = False, diff: bool = False) -> FmtReport:
    """Format YAML concept files in place (``check``: only report what would change;
    ``diff``: only show it. Either way nothing is written).

    Files are written atomically; a file with errors is left alone and its errors are
    reported; a read-only file is never replaced (it is reported, and with ``check`` or
    ``diff`` still shown). Files already in canonical form are recognised from the cache.
    """
    from glossary.cache import FileEntry, SourceCache, digest, enabled
    from glossary.sources import display_path, source_files
    from glossary.util import atomic_write

    report = FmtReport()
    dry = check or diff
    files: list[Path] = []
    for path in paths:
        files.extend(source_files(path) if path.is_dir() else [path])
    stores: dict[Path, SourceCache] = {}
    for file in files:
        name = display_path(file)
        data = file.read_bytes()
        store = None
        if enabled():
            root = file.parent
            store = stores.setdefault(root, SourceCache.for_source(root / ".fmt"))
            key = digest(data, name, "fmt")
            entry = store.get(name, key)
            if entry is not None and entry.canonical:
                report.unchanged.append(file)
                continue
        result = format_text(data, name)
        if result.text is None:
            report.failed.append(file)
            report.diagnostics.extend(result.diagnostics)
            continue
        if not result.changed:
            report.unchanged.append(file)
        else:
            if diff:
                report.diffs[file] = unified_diff(data.decode("utf-8-sig"), result.text, name)
            if not dry and _read_only(file):
                report.failed.append(file)
                report.refused[file] = "read-only, not rewritten"
                continue
            if not dry:
                try:
                    atomic_write(file, result.text.encode("utf-8"), overwrite=True)
                except OSError as exc:
                    report.failed.append(file)
                    report.refused[file] = f"not rewritten: {exc.strerror or exc}"
                    continue
            report.reformatted.append(file)
        if store is not None and (not result.changed or not dry):
            final = result.text.encode("utf-8")
            store.put(name, digest(final, name, "fmt"), FileEntry((), (), canonical=True))
    for store in stores.values():
        store.save()
    return report
