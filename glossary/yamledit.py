"""Add to a YAML concept file in place, for ``glossary import --merge``.

The file is not rewritten: what a merge adds (a language, terms, a definition or note
that was missing, subjects, related ids) is inserted as text after the node it belongs
to, in the file's own indentation, and every other byte stays as it was, comments, blank
lines, quoting and unknown fields included. A file whose shape cannot be added to this
way (several concepts in one file, a mapping written in flow style ``{…}``, UTF-16) is
refused with :class:`CannotEdit`, and the caller checks that the edited text reads back
as the merged concept before writing it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossary.langtags import normalize_tag
from glossary.model import RELATIONS, Concept, LangSection, Term
from glossary.sources.yaml import NodePath, generate_yaml_nodes, yaml_scalar
from glossary.sources.yamlnodes import compose_documents

__all__ = ["CannotEdit", "add_to_text"]


class CannotEdit(Exception):
    """The file cannot take the additions as inserted text; the message says why."""


@dataclass(frozen=True, slots=True)
class _Insert:
    offset: int
    depth: int  # the column of what is inserted: deeper insertions come first
    text: str


class _Editor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.inserts: list[_Insert] = []
        #: Spans of scalars replaced (start, end): their text is left out.
        self.replaced: list[tuple[int, int]] = []

    def after(self, node: Node) -> int:
        """Where a line may be inserted after ``node``: the start of the line after it.

        Offsets are libyaml's character indexes (its line numbers also count U+2028 and
        U+0085 as line breaks, which this text's lines do not)."""
        offset = _last(node).end_mark.index
        if offset == 0 or self.text[offset - 1] == "\n":
            return offset
        newline = self.text.find("\n", offset)
        return len(self.text) if newline < 0 else newline + 1

    def lines(self, offset: int, depth: int, lines: Iterable[str]) -> None:
        text = self.newline.join(line.replace("\n", self.newline) for line in lines)
        if offset == len(self.text) and self.text and not self.text.endswith("\n"):
            text = self.newline + text
        else:
            text += self.newline
        self.inserts.append(_Insert(offset, depth, text))

    def replace(self, node: Node, text: str) -> None:
        """Write ``text`` in place of the plain or quoted scalar ``node``."""
        if not isinstance(node, ScalarNode) or node.style not in (None, "", "'", '"'):
            raise CannotEdit("a value to change is not a one-line scalar")
        start, end = node.start_mark.index, node.end_mark.index
        self.replaced.append((start, end))
        self.inserts.append(_Insert(start, 1_000_000, text))

    def result(self) -> str:
        out, done = [], 0
        ends = dict(self.replaced)
        for insert in sorted(self.inserts, key=lambda i: (i.offset, -i.depth)):
            out.append(self.text[done : insert.offset])
            out.append(insert.text)
            done = ends.get(insert.offset, insert.offset)
        out.append(self.text[done:])
        return "".join(out)


def _last(node: Node) -> Node:
    """The node that ends a block collection (a block mapping ends after trailing comments)."""
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _get(mapping: Node, key: str, *, lang: bool = False) -> tuple[ScalarNode, Node] | None:
    if not isinstance(mapping, MappingNode):
        raise CannotEdit("a field that should be a mapping is not")
    for key_node, value_node in mapping.value:
        name = key_node.value
        if (normalize_tag(name) if lang else name) == key:
            return key_node, value_node
    return None


def _shifted(lines: Iterable[str], by: int) -> list[str]:
    """Generated lines moved ``by`` columns (lines of a block scalar included)."""
    out = []
    for line in lines:
        parts = line.split("\n")
        if by >= 0:
            parts = [" " * by + p if p else p for p in parts]
        else:
            parts = [p[-by:] if p else p for p in parts]
        out.append("\n".join(parts))
    return out


def _generated(concept: Concept, prefix: NodePath, exact: bool = False) -> list[str]:
    return [
        line
        for path, line in generate_yaml_nodes(concept)
        if (path == prefix if exact else path[: len(prefix)] == prefix)
    ]


def _flow_item(text: str) -> str:
    if yaml_scalar(text) == text and not set(text) & set(",[]{}#") and text[0] not in "?:":
        return text
    return json.dumps(text, ensure_ascii=False)


def _term_concept(lang: str, terms: Sequence[Term]) -> Concept:
    return Concept(id="x", languages={lang: LangSection(lang=lang, terms=tuple(terms))})


def _flow_term(lang: str, term: Term) -> str:
    if term.is_bare:
        return _flow_item(term.term)
    from glossary.sources.yamlnodes import parse_yaml

    lines = _generated(_term_concept(lang, [term]), ("languages", lang, "terms", 0))
    (items,), _ = parse_yaml("\n".join(_shifted(lines, -6)))
    fields = ", ".join(f"{key}: {_flow_item(value)}" for key, value in items[0].items())
    return "{" + fields + "}"


def _append(editor: _Editor, seq: Node, items: list[str], block_items: list[list[str]]) -> None:
    """Add to a sequence: ``items`` in flow style, or ``block_items`` (lines at column 0)."""
    if not isinstance(seq, SequenceNode):
        raise CannotEdit("a field that should be a list is not")
    if seq.flow_style:
        close = seq.end_mark.index - 1
        if editor.text[close : close + 1] != "]":
            raise CannotEdit("a list whose end cannot be found")
        text = ", ".join(items)
        editor.inserts.append(_Insert(close, 1000, (", " if seq.value else "") + text))
        return
    if not seq.value:
        raise CannotEdit("an empty block list")
    dash = seq.start_mark.column
    for lines in block_items:
        # dash + 1: an item goes before a key of the same column (``terms:`` then ``- x``).
        editor.lines(editor.after(seq), dash + 1, _shifted(lines, dash))


def _add_key(editor: _Editor, mapping: Node, lines: list[str], generated_at: int) -> None:
    """Add ``lines`` (a key and its value, generated at column ``generated_at``) to a mapping."""
    if not isinstance(mapping, MappingNode) or mapping.flow_style or not mapping.value:
        raise CannotEdit("a mapping written in flow style ({…})")
    col = mapping.value[0][0].start_mark.column
    editor.lines(editor.after(mapping), col, _shifted(lines, col - generated_at))


def _bare_item(term: Term) -> list[str]:
    return ["- " + yaml_scalar(term.term, 0)]


def _term_items(lang: str, terms: Sequence[Term]) -> list[list[str]]:
    items = []
    for term in terms:
        if term.is_bare:
            items.append(_bare_item(term))
        else:
            lines = _generated(_term_concept(lang, [term]), ("languages", lang, "terms", 0))
            items.append(_shifted(lines, -6))
    return items


def _section(editor: _Editor, node: Node, old: LangSection, new: LangSection) -> None:
    lang = new.lang
    added = new.terms[len(old.terms) :]
    if new.terms[: len(old.terms)] != old.terms:
        raise CannotEdit(f"the terms of '{lang}' would change, not only grow")
    for key in ("definition", "source", "note", "equivalence", "equivalence_note"):
        before, after = getattr(old, key), getattr(new, key)
        if before == after:
            continue
        if before is not None:
            raise CannotEdit(f"the {key} of '{lang}' would change")
        only = LangSection(lang=lang, terms=(), **{key: after})
        lines = _generated(Concept(id="x", languages={lang: only}), ("languages", lang, key), True)
        _add_key(editor, node, lines, 4)
    if not added:
        return
    found = _get(node, "terms")
    if found is None:
        lines = _generated(_term_concept(lang, added), ("languages", lang, "terms"))
        _add_key(editor, node, lines, 4)
        return
    _append(
        editor,
        found[1],
        [_flow_term(lang, term) for term in added],
        _term_items(lang, added),
    )


def _ids(editor: _Editor, top: Node, key: str, old: tuple[str, ...], new: tuple[str, ...]) -> None:
    if new == old:
        return
    if new[: len(old)] != old:
        raise CannotEdit(f"'{key}' would change, not only grow")
    found = _get(top, key)
    if found is None:
        lines = [f"{key}: [" + ", ".join(_flow_item(v) for v in new) + "]"]
        _add_key(editor, top, lines, 0)
        return
    added = new[len(old) :]
    _append(
        editor, found[1], [_flow_item(v) for v in added], [[f"- {_flow_item(v)}"] for v in added]
    )


def add_to_text(text: str, existing: Concept, merged: Concept) -> str:
    """``text`` (the file that defines ``existing``) with what ``merged`` adds to it."""
    documents = compose_documents(text)
    if len(documents) != 1 or not isinstance(documents[0], MappingNode):
        raise CannotEdit("the file holds several concepts")
    top = documents[0]
    editor = _Editor(text)
    for key in ("subjects", *RELATIONS):
        _ids(editor, top, key, getattr(existing, key), getattr(merged, key))
    for key in ("status", "note", "updated", "image"):
        before, after = getattr(existing, key), getattr(merged, key)
        if before == after:
            continue
        place = _get(top, key)
        if key in ("status", "updated") and place is not None:
            # A merge sends a changed concept back for review: a new status and date.
            editor.replace(place[1], str(after.value if key == "status" else after))
            continue
        if before is not None and key != "status":
            raise CannotEdit(f"the concept's {key} would change")
        _add_key(editor, top, _generated(merged, (key,)), 0)
    found = _get(top, "languages")
    if found is None:
        raise CannotEdit("the file has no 'languages'")
    languages = found[1]
    for lang, section in merged.languages.items():
        old = existing.languages.get(lang)
        if old is None:
            lines = _generated(Concept(id="x", languages={lang: section}), ("languages", lang))
            _add_key(editor, languages, lines, 2)
            continue
        if old == section:
            continue
        place = _get(languages, lang, lang=True)
        if place is None:
            raise CannotEdit(f"the section '{lang}' cannot be found")
        _section(editor, place[1], old, section)
    return editor.result()
