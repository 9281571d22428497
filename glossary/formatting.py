"""``glossary fmt``: rewrite concept files in the one canonical form, keeping comments.

The canonical text is the same one ``import``, ``new`` and ``show --format yaml`` write
(:func:`glossary.sources.yaml.generate_yaml_nodes`), so there is a single writer. Comments
are carried over by the node they belong to: a comment on its own line goes with the
node on the next line, a comment at the end of a line with the node that starts the
line. When a node disappears in the canonical form (``status: preferred`` is the
default and is not written), its comments move to the nearest node that remains.
Blank lines are not kept.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossary.langtags import normalize_tag
from glossary.sources.yaml import NodePath, decode_source, generate_yaml_nodes, read_yaml
from glossary.sources.yamlnodes import compose_documents
from glossary.validation.diagnostics import Diagnostic, Severity

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
    footer: list[str] = field(default_factory=list)


class _Shape:
    """Where every node of the parsed file starts and ends, by its path."""

    def __init__(self) -> None:
        #: line (0-based) -> the path of the first node that starts on it
        self.owner: dict[int, NodePath] = {}
        #: line -> the furthest column where a node ends on it
        self.end: dict[int, int] = {}
        #: lines inside multi-line scalars (their text, not comments)
        self.inside: set[int] = set()

    def visit(self, node: Node, path: NodePath) -> None:
        start, end = node.start_mark, node.end_mark
        self.end[end.line] = max(self.end.get(end.line, 0), end.column)
        if isinstance(node, ScalarNode):
            # Only scalars and keys own a line: a block collection starts where its
            # first key or item does, which owns the line instead.
            self.owner.setdefault(start.line, path)
            self.inside.update(range(start.line + 1, end.line + (1 if end.column else 0)))
        elif getattr(node, "flow_style", False):
            self.owner.setdefault(start.line, path)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                self.visit(item, (*path, index))
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if len(path) >= 1 and path[-1] == "languages":
                    key = normalize_tag(key) or key
                child: NodePath = (*path, key)
                if key == "term" and path and isinstance(path[-1], int):
                    child = path  # a term's text is the term itself
                self.owner.setdefault(key_node.start_mark.line, child)
                self.end[key_node.end_mark.line] = max(
                    self.end.get(key_node.end_mark.line, 0), key_node.end_mark.column
                )
                self.visit(value_node, child)


_TRAILING = re.compile(r"\s+(#.*)$")


def _comments(text: str, documents: list[Node], shape_of: list[_Shape]) -> list[_Comments]:
    """The comments of each document, attached to node paths."""
    lines = text.splitlines()
    starts = [doc.start_mark.line for doc in documents]
    found = [_Comments() for _ in documents]
    pending: list[str] = []
    for number, line in enumerate(lines):
        index = max((i for i, s in enumerate(starts) if s <= number), default=0)
        shape = shape_of[index] if shape_of else None
        if shape is None or number in shape.inside:
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped)
            continue
        owner = shape.owner.get(number)
        if owner is None:
            continue
        if pending:
            found[index].before[owner].extend(pending)
            pending = []
        tail = line[shape.end.get(number, 0) :]
        match = _TRAILING.search(tail) if "#" in tail else None
        if match and not tail[: match.start()].strip(" :-,[]{}|>+0123456789"):
            found[index].after[owner].append(match.group(1))
    if pending and found:
        found[-1].footer.extend(pending)
    return found


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
    for text in comments.footer:
        yield text


def format_text(data: bytes, name: str) -> FormatResult:
    """The canonical form of a YAML source, with its comments."""
    text, problems = decode_source(data, name)
    if text is None:
        return FormatResult(None, problems)
    concepts, diagnostics = read_yaml(io.BytesIO(data), name=name)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        return FormatResult(None, errors)
    documents = compose_documents(text)
    as_list = len(documents) == 1 and isinstance(documents[0], SequenceNode)
    shapes = []
    for document in documents:
        shape = _Shape()
        if as_list:
            for index, item in enumerate(document.value):
                shape.visit(item, (index,))
        else:
            shape.visit(document, ())
        shapes.append(shape)
    comments = _comments(text, documents, shapes)

    out: list[str] = []
    if as_list:
        merged = comments[0]
        for index, concept in enumerate(concepts):
            lines = list(generate_yaml_nodes(concept))
            mine = _Comments()
            for path, texts in merged.before.items():
                if path and path[0] == index:
                    mine.before[path[1:]].extend(texts)
            for path, texts in merged.after.items():
                if path and path[0] == index:
                    mine.after[path[1:]].extend(texts)
            out.extend(_emit(lines, mine, prefix="- "))
        out.extend(merged.footer)
    else:
        for index, concept in enumerate(concepts):
            if index:
                out.append("---")
            out.extend(_emit(list(generate_yaml_nodes(concept)), comments[index]))
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

    def summary(self, check: bool) -> str:
        verb = "would be reformatted" if check else "reformatted"
        parts = [f"{len(self.reformatted)} file{'s' * (len(self.reformatted) != 1)} {verb}"]
        parts.append(f"{len(self.unchanged)} unchanged")
        if self.failed:
            parts.append(f"{len(self.failed)} not formatted because of errors")
        return ", ".join(parts)


def fmt(paths: list[Path], *, check: bool = False, diff: bool = False) -> FmtReport:
    """Format YAML concept files in place (``check``: only report what would change).

    Files are written atomically; a file with errors is left alone and its errors are
    reported. Files already in canonical form are recognised from the cache.
    """
    from glossary.cache import FileEntry, SourceCache, digest, enabled
    from glossary.sources import display_path, source_files
    from glossary.util import atomic_write

    report = FmtReport()
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
            report.reformatted.append(file)
            if diff:
                report.diffs[file] = unified_diff(data.decode("utf-8-sig"), result.text, name)
            if not check:
                atomic_write(file, result.text.encode("utf-8"), overwrite=True)
        if store is not None and (not result.changed or not check):
            final = result.text.encode("utf-8")
            store.put(name, digest(final, name, "fmt"), FileEntry((), (), canonical=True))
    for store in stores.values():
        store.save()
    return report
