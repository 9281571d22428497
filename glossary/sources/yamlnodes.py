"""Parse YAML with libyaml into plain values that remember where they came from.

Mappings become :class:`PosDict` and sequences :class:`PosList`; both record the
1-based line and column of themselves, of every key and of every value. Duplicate
keys, aliases and tags are reported, not silently resolved. Only ``null`` is
resolved implicitly: ``no``, ``1.0`` and ``2026-01-01`` stay text, so a Norwegian
term or a version number never turns into a boolean or a float.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = [
    "Pos",
    "PosDict",
    "PosList",
    "YamlProblem",
    "compose_documents",
    "events",
    "parse_yaml",
]

Pos = tuple[int, int]

_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class PosDict(dict[str, Any]):
    """A mapping with the position of itself, its keys and its values."""

    __slots__ = ("key_pos", "pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}


class PosList(list[Any]):
    """A sequence with the position of itself and of every item."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


@dataclass(frozen=True, slots=True)
class YamlProblem:
    code: str
    message: str
    line: int
    col: int


def _content_pos(node: Node) -> Pos:
    """Where the text of a node starts: after the opening quote of a quoted scalar."""
    mark = node.start_mark
    line, col = mark.line + 1, mark.column + 1
    if isinstance(node, ScalarNode) and node.style in ("'", '"'):
        col += 1
    return line, col


_NULL_VALUES = frozenset(("", "~", "null", "Null", "NULL"))


class _Loader(_BaseLoader):
    problems: list[YamlProblem]

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # Only null is resolved implicitly; everything else is text (and this is faster
        # than the general resolver, which tries a dozen patterns on every scalar).
        if kind is ScalarNode:
            return _NULL if implicit[0] and value in _NULL_VALUES else _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return,no-untyped-call]


class _Builder:
    """Turns a composed node graph into Pos* values, without following aliases."""

    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self.seen: set[int] = set()
        self.aliases = False

    def problem(self, code: str, message: str, node: Node) -> None:
        line, col = _content_pos(node)
        self.problems.append(YamlProblem(code, message, line, col))

    def build(self, node: Node) -> Any:
        if id(node) in self.seen:
            # The same node reached twice is an alias (*name) to an anchor (&name);
            # parse_yaml finds where the aliases are written.
            self.aliases = True
            return None
        self.seen.add(id(node))
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag not in (_STR, _NULL):
                self.problem("L117", f"tags such as '{tag}' are not allowed", node)
            if tag == _NULL:
                return None
            value: str = node.value
            if node.style in ("|", ">"):
                value = value.rstrip("\n")
            return value
        if isinstance(node, SequenceNode):
            if tag != _SEQ:
                self.problem("L117", f"tags such as '{tag}' are not allowed", node)
            seq = PosList(_content_pos(node))
            for item in node.value:
                seq.append(self.build(item))
                seq.item_pos.append(_content_pos(item))
            return seq
        if isinstance(node, MappingNode):
            if tag != _MAP:
                self.problem("L117", f"tags such as '{tag}' are not allowed", node)
            mapping = PosDict(_content_pos(node))
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problem("L107", "a key must be plain text", key_node)
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem("L117", "merge keys (<<) are not allowed", key_node)
                    continue
                key = key_node.value
                if key in mapping:
                    first_line = mapping.key_pos[key][0]
                    self.problem(
                        "L105", f"duplicate key '{key}' (first on line {first_line})", key_node
                    )
                    continue
                mapping[key] = self.build(value_node)
                mapping.key_pos[key] = _content_pos(key_node)
                mapping.value_pos[key] = _content_pos(value_node)
            return mapping
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at ``index`` of ``text``."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _pause_collector() -> bool:
    """Stop cyclic garbage collection while a document's nodes are built; True if it ran.

    A document is millions of new objects, none of them garbage, and every full
    collection walks all of them again: a 10 MB file took 16 s instead of 7, more than
    ten times as long as a tenth of it. Reference counting frees objects as usual."""
    enabled = gc.isenabled()
    gc.disable()
    return enabled


def parse_yaml(text: str) -> tuple[list[Any], list[YamlProblem]]:
    """Every document of ``text`` as Pos* values, and the problems met.

    A syntax error ends the file (libyaml cannot resume); it is returned as a problem
    with its position, together with whatever came before it.
    """
    loader = _Loader(text)
    builder = _Builder()
    documents: list[Any] = []
    collecting = _pause_collector()
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                # Node ids are only unique while the document's nodes are alive.
                builder.seen = set()
                documents.append(builder.build(node))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        end = exc.problem_mark is not None and exc.problem_mark.index >= len(text.rstrip())
        if exc.context_mark is not None and exc.context and end:
            # An unclosed quote or bracket: where it opened, not where the file ends.
            mark = exc.context_mark
            what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ")
            message = f"{what} opened here is never closed"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        builder.problems.append(YamlProblem("L102", message or "invalid YAML", line, col))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line, col = _line_col(text, exc.position)
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        builder.problems.append(YamlProblem("L102", f"{what} is not allowed in YAML", line, col))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        builder.problems.append(YamlProblem("L102", str(exc).splitlines()[0], line, col))
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    if builder.aliases:
        builder.problems.extend(_alias_problems(text))
        builder.problems.sort(key=lambda p: (p.line, p.col))
    return documents, builder.problems


def _alias_problems(text: str) -> list[YamlProblem]:
    """Where aliases are written: only events carry their position."""
    found = []
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                mark = event.start_mark
                found.append(
                    YamlProblem(
                        "L117",
                        f"aliases (*{event.anchor}) are not allowed in glossary sources",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


def compose_documents(text: str) -> list[Node]:
    """The node graph of every document, with the start and end of each node."""
    loader = _Loader(text)
    documents = []
    collecting = _pause_collector()
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                documents.append(node)
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return documents


def events(text: str) -> Iterator[yaml.Event]:
    """The parser events of ``text`` (each with its start and end), one at a time."""
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()
