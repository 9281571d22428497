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
from yaml.nodes import Node, ScalarNode

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


_NULL_VALUES = frozenset(("", "~", "null", "Null", "NULL"))


class _Loader(_BaseLoader):
    problems: list[YamlProblem]

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # Only null is resolved implicitly; everything else is text (and this is faster
        # than the general resolver, which tries a dozen patterns on every scalar).
        if kind is ScalarNode:
            return _NULL if implicit[0] and value in _NULL_VALUES else _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return,no-untyped-call]


_MERGE = "tag:yaml.org,2002:merge"
#: Concepts nest six levels deep; a source nested this deep is refused (L102).
MAX_DEPTH = 100


def _event_pos(event: yaml.Event) -> Pos:
    """Where the text of a node starts: after the opening quote of a quoted scalar."""
    mark = event.start_mark
    assert mark is not None
    line, col = mark.line + 1, mark.column + 1
    if isinstance(event, yaml.ScalarEvent) and event.style in ("'", '"'):
        col += 1
    return line, col


class _TooDeep(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


class _Open:
    """A collection being built; ``value`` None: one whose content is skipped."""

    __slots__ = ("key", "key_pos", "value")

    def __init__(self, value: PosDict | PosList | None) -> None:
        self.value = value
        self.key: str | None = None  # in a mapping: the key whose value comes next
        self.key_pos: Pos = (0, 0)


#: In a mapping, the key was refused: skip its value.
_SKIP = "\0skip"


class _Builder:
    """Turns parser events into Pos* values, one document at a time.

    No node graph is composed (for a 10 MB file it was 250 MB more), aliases are never
    followed and each is reported where it is written."""

    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self.aliases = False
        self.stack: list[_Open] = []
        self.root: Any = None

    def problem(self, code: str, message: str, event: yaml.Event) -> None:
        line, col = _event_pos(event)
        self.problems.append(YamlProblem(code, message, line, col))

    def _wanted(self, event: yaml.Event) -> bool:
        """Whether a node is a value to build (not a key, nor inside something skipped)."""
        if not self.stack:
            return True
        frame = self.stack[-1]
        if frame.value is None:
            return False
        if isinstance(frame.value, PosList):
            return True
        if frame.key is _SKIP:
            frame.key = None
            return False
        if frame.key is not None:
            return True
        # A key.
        if not isinstance(event, yaml.ScalarEvent):
            if isinstance(event, yaml.AliasEvent):
                self._alias(event)
            else:
                self.problem("L107", "a key must be plain text", event)
            frame.key = _SKIP
        elif event.tag == _MERGE:
            self.problem("L117", "merge keys (<<) are not allowed", event)
            frame.key = _SKIP
        elif event.value in frame.value:
            first_line = frame.value.key_pos[event.value][0]
            message = f"duplicate key '{event.value}' (first on line {first_line})"
            self.problem("L105", message, event)
            frame.key = _SKIP
        else:
            frame.key = event.value
            frame.key_pos = _event_pos(event)
        return False

    def _attach(self, value: Any, event: yaml.Event) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.value, PosList):
            frame.value.append(value)
            frame.value.item_pos.append(_event_pos(event))
        elif isinstance(frame.value, PosDict) and frame.key is not None:
            key, frame.key = frame.key, None
            frame.value[key] = value
            frame.value.key_pos[key] = frame.key_pos
            frame.value.value_pos[key] = _event_pos(event)

    def _alias(self, event: yaml.AliasEvent) -> None:
        self.aliases = True
        message = f"aliases (*{event.anchor}) are not allowed in glossary sources"
        self.problem("L117", message, event)

    def take(self, event: yaml.Event) -> None:
        """One event; a finished document's value is in ``root`` at its DocumentEndEvent."""
        if isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            if self._wanted(event):
                tag = event.tag
                if tag is None or tag == "!":
                    null = event.implicit[0] and event.value in _NULL_VALUES
                    tag = _NULL if null else _STR
                if tag not in (_STR, _NULL):
                    self.problem("L117", f"tags such as '{tag}' are not allowed", event)
                value: str | None = None
                if tag != _NULL:
                    value = event.value
                    if event.style in ("|", ">"):
                        value = value.rstrip("\n")
                self._attach(value, event)
        elif isinstance(event, yaml.CollectionStartEvent):
            container: PosDict | PosList | None = None
            if self._wanted(event):
                mapping = isinstance(event, yaml.MappingStartEvent)
                default = _MAP if mapping else _SEQ
                tag = default if event.tag in (None, "!") else event.tag
                if tag != default:
                    self.problem("L117", f"tags such as '{tag}' are not allowed", event)
                container = PosDict(_event_pos(event)) if mapping else PosList(_event_pos(event))
                self._attach(container, event)
            if len(self.stack) >= MAX_DEPTH:
                raise _TooDeep(_event_pos(event))
            self.stack.append(_Open(container))
        elif isinstance(event, yaml.AliasEvent):
            if self._wanted(event):
                self._alias(event)
                self._attach(None, event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.stack, self.root = [], None


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


def _indenting_tab(text: str, line: int) -> tuple[int, int] | None:
    """Where a tab indents the line of a syntax error or the line before it (1-based line
    and column), or None: the parser's own message says nothing about tabs."""
    lines = text.split("\n", line)[:line]
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            content = lines[number - 1]
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent and content.strip():
                return number, indent.index("\t") + 1
    return None


def parse_yaml(text: str) -> tuple[list[Any], list[YamlProblem]]:
    """Every document of ``text`` as Pos* values, and the problems met.

    A syntax error ends the file (libyaml cannot resume); it is returned as a problem
    with its position, together with whatever came before it.
    """
    collecting = _pause_collector()
    loader = _Loader(text)
    builder = _Builder()
    documents: list[Any] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is None:  # pragma: no cover - check_event said there is one
                break
            builder.take(event)
            if isinstance(event, yaml.DocumentEndEvent):
                documents.append(builder.root)
    except _TooDeep as exc:
        line, col = exc.pos
        builder.problems.append(YamlProblem("L102", "the YAML is nested too deeply", line, col))
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
        tab = _indenting_tab(text, line)
        if tab is not None:
            line, col = tab
            message = "tab character in indentation; YAML indents with spaces"
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
        builder.problems.sort(key=lambda p: (p.line, p.col))
    return documents, builder.problems


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
