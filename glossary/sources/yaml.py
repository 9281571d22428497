"""YAML concept files: ``read_yaml`` and ``write_yaml`` over a pure ``generate_yaml``."""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from glossary.model import RELATIONS, Concept, LangSection, Term, TermStatus, TermType
from glossary.sources.fields import ConceptBuilder
from glossary.sources.yamlnodes import PosDict, PosList, parse_yaml
from glossary.validation.diagnostics import Diagnostic, load_diagnostic

__all__ = [
    "MAX_YAML_BYTES",
    "decode_source",
    "generate_yaml",
    "read_yaml",
    "size_problem",
    "write_yaml",
    "yaml_scalar",
]

#: Concept files are a few kilobytes; anything this large is not parsed (L119), by
#: ``validate``, ``lookup`` or ``fmt`` alike.
MAX_YAML_BYTES = 10 * 1024 * 1024


def size_problem(size: int, path: str) -> Diagnostic | None:
    """The L119 error for a YAML source of ``size`` bytes over the limit, else None."""
    if size <= MAX_YAML_BYTES:
        return None
    return load_diagnostic(
        "L119",
        f"the file is {size / 1024 / 1024:.0f} MB; concept files over 10 MB are not read",
        path,
        1,
        1,
    )


def decode_source(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a text source: UTF-8 (with or without BOM) or UTF-16/32 with a BOM."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    encoding = next((name for bom, name in boms if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        what = "a binary file" if b"\0" in data[:8192] else f"not valid {encoding.upper()}"
        return None, [
            load_diagnostic(
                "L101", f"{what}: byte {data[exc.start]:#04x} cannot be decoded", path, line, col
            )
        ]
    if "\0" in text:
        offset = text.index("\0")
        line = text.count("\n", 0, offset) + 1
        return None, [
            load_diagnostic("L101", "a binary file (it contains NUL characters)", path, line, 0)
        ]
    return text, []


def read_yaml(fp: IO[bytes], *, name: str) -> tuple[list[Concept], list[Diagnostic]]:
    """Read one YAML source holding one concept, or a list of concepts."""
    data = fp.read(MAX_YAML_BYTES + 1)
    too_large = size_problem(len(data) + len(fp.read()), name)
    if too_large is not None:
        return [], [too_large]
    text, diagnostics = decode_source(data, name)
    if text is None:
        return [], diagnostics
    try:
        documents, problems = parse_yaml(text)
    except RecursionError:
        return [], [load_diagnostic("L102", "the YAML is nested too deeply", name, 1, 1)]
    diagnostics.extend(load_diagnostic(p.code, p.message, name, p.line, p.col) for p in problems)
    builder = ConceptBuilder(name)
    concepts: list[Concept] = []
    items: list[tuple[Any, tuple[int, int]]] = []
    for document in documents:
        if isinstance(document, PosList):
            items.extend(zip(document, document.item_pos, strict=True))
        elif document is not None:
            pos = document.pos if isinstance(document, PosDict) else (1, 1)
            items.append((document, pos))
    for item, pos in items:
        concept = builder.concept(item, pos)
        if concept is not None:
            concepts.append(concept)
    diagnostics.extend(builder.diagnostics)
    if not items and not any(d.code in ("L101", "L102") for d in diagnostics):
        diagnostics.append(load_diagnostic("L112", "the file defines no concept", name, 1, 1))
    return concepts, diagnostics


# -- writing ----------------------------------------------------------------------------

_NULLS = {"", "~", "null", "Null", "NULL"}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _printable(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    ) and ch not in "\u2028\u2029"


#: A character :func:`_printable` refuses (one regex search instead of a call per character).
_UNPRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _all_printable(text: str) -> bool:
    return _UNPRINTABLE.search(text) is None


def _plain_ok(text: str) -> bool:
    """Whether ``text`` reads back as the same string when written without quotes,
    both with our loader and with a YAML 1.1 reader that resolves booleans and numbers."""
    if text in _NULLS or text != text.strip() or not _all_printable(text):
        return False
    if text[0] in "-?:":
        if len(text) == 1 or text[1] == " ":
            return False
    elif text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if text in ("---", "...") or text.startswith(("--- ", "... ")):
        return False
    return _resolves_to_str(text)


@functools.lru_cache(maxsize=1)
def _resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


#: Plain scalars that some reader takes for something other than text, beyond what
#: PyYAML's YAML 1.1 resolver knows: the YAML 1.1 booleans ``y``/``n`` (ruamel.yaml in
#: 1.1 mode and the 1.1 type repository), and the numbers of the YAML 1.2 core schema
#: (``0o17``, ``1e3``, ``.5``, ``+.inf``) that YAML 1.1 writes differently.
_OTHER_TYPES = re.compile(
    r"""
    [yYnN]
    | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
    | [-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?
    | 0o[0-7]+ | 0x[0-9a-fA-F]+ | 0b[01_]+
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    """,
    re.VERBOSE,
)


def _resolves_to_str(text: str) -> bool:
    import yaml

    if _OTHER_TYPES.fullmatch(text):
        return False
    tag = _resolver().resolve(yaml.ScalarNode, text, (True, False))
    return bool(tag == "tag:yaml.org,2002:str")


_ESCAPES = {
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _literal_ok(text: str) -> bool:
    """Whether ``text`` can be a ``|-`` block: several lines, nothing a block would change."""
    if "\n" not in text or "\r" in text or text.endswith("\n") or text.startswith((" ", "\n")):
        return False
    for line in text.split("\n"):
        if line != line.rstrip() or not _all_printable(line.replace("\t", " ")):
            return False
        # A line starting with a tab or a space would be read as indentation (or refused).
        if line[:1] in (" ", "\t"):
            return False
    return True


def yaml_scalar(text: str, indent: int | None = None) -> str:
    """``text`` as a YAML scalar: plain when safe, else single- or double-quoted.

    With ``indent`` (the column of the key it belongs to), text of several lines is
    written as a literal block (``|-``) indented two more columns.
    """
    if _plain_ok(text):
        return text
    if indent is not None and _literal_ok(text):
        pad = " " * (indent + 2)
        return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    if _all_printable(text) and text == text.strip() and text:
        return "'" + text.replace("'", "''") + "'"
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


_WIDTH = 100


def _flow_ok(text: str) -> bool:
    # In a flow sequence libyaml reads a leading "?" or ":" as an indicator whatever follows.
    return _plain_ok(text) and not set(text) & set(",[]{}") and text[0] not in "?:"


def _flow_list(items: Iterable[str]) -> str:
    values = list(items)
    if all(_flow_ok(v) for v in values):
        return "[" + ", ".join(values) + "]"
    return "[" + ", ".join(_double(v) for v in values) + "]"


def _double(text: str) -> str:
    scalar = yaml_scalar(text)
    if scalar.startswith('"'):
        return scalar
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: A node's place in a concept: ("languages", "fi", "terms", 0, "pos").
NodePath = tuple[str | int, ...]


def _term_lines(term: Term, at: NodePath) -> Iterator[tuple[NodePath, str]]:
    if term.is_bare:
        yield at, f"      - {yaml_scalar(term.term, 6)}"
        return
    fields: list[tuple[str, str | None]] = [
        ("term", term.term),
        ("status", None if term.status is TermStatus.PREFERRED else term.status.value),
        ("type", None if term.type is TermType.FULL_FORM else term.type.value),
        ("pos", term.pos.value if term.pos else None),
        ("gender", term.gender.value if term.gender else None),
        ("geo", term.geo),
        ("context", term.context),
        ("context_source", term.context_source),
        ("source", term.source),
        ("note", term.note),
    ]
    # Values written as they are: a flow list of labels, a number.
    written: list[tuple[str, str | None]] = [
        ("usage", _flow_list(label.value for label in term.usage) if term.usage else None),
        ("number", term.number.value if term.number else None),
        ("homograph", str(term.homograph) if term.homograph is not None else None),
    ]
    first = True
    scalars = [(key, None if value is None else yaml_scalar(value, 8)) for key, value in fields]
    for key, value in [*scalars, *written]:
        if value is None:
            continue
        path = at if first else (*at, key)
        yield path, f"      {'- ' if first else '  '}{key}: {value}"
        first = False


def _section_lines(section: LangSection) -> Iterator[tuple[NodePath, str]]:
    at: NodePath = ("languages", section.lang)
    yield at, f"  {yaml_scalar(section.lang)}:"
    for key in ("definition", "source", "note", "equivalence", "equivalence_note"):
        value = getattr(section, key)
        if value is not None:
            yield (*at, key), f"    {key}: {yaml_scalar(value, 4)}"
    terms_at = (*at, "terms")
    if not section.terms:
        yield terms_at, "    terms: []"
        return
    if all(term.is_bare and _flow_ok(term.term) for term in section.terms):
        flow = f"    terms: {_flow_list(term.term for term in section.terms)}"
        if len(flow) <= _WIDTH:
            yield terms_at, flow
            return
    yield terms_at, "    terms:"
    for index, term in enumerate(section.terms):
        yield from _term_lines(term, (*terms_at, index))


def generate_yaml_nodes(concept: Concept) -> Iterator[tuple[NodePath, str]]:
    """The canonical YAML of one concept, line by line, each with the node it writes."""
    yield ("id",), f"id: {yaml_scalar(concept.id)}"
    if concept.subjects:
        yield ("subjects",), f"subjects: {_flow_list(concept.subjects)}"
    yield ("status",), f"status: {concept.status.value}"
    for relation in RELATIONS:
        targets = getattr(concept, relation)
        if targets:
            yield (relation,), f"{relation}: {_flow_list(targets)}"
    if concept.note is not None:
        yield ("note",), f"note: {yaml_scalar(concept.note, 0)}"
    if concept.updated is not None:
        yield ("updated",), f"updated: {concept.updated.isoformat()}"
    image = concept.image
    if image is not None:
        if image.caption is None and image.source is None:
            yield ("image",), f"image: {yaml_scalar(image.path, 0)}"
        else:
            yield ("image",), "image:"
            for key in ("path", "caption", "source"):
                value = getattr(image, key)
                if value is not None:
                    yield ("image", key), f"  {key}: {yaml_scalar(value, 2)}"
    yield ("languages",), "languages:"
    for section in concept.languages.values():
        yield from _section_lines(section)


def generate_yaml(concept: Concept) -> Iterator[str]:
    """The canonical YAML text of one concept, line by line (without line ends)."""
    for _, line in generate_yaml_nodes(concept):
        yield line


def dump_yaml(concept: Concept) -> str:
    return "\n".join(generate_yaml(concept)) + "\n"


def write_yaml(fp: IO[bytes], concepts: Iterable[Concept]) -> None:
    """One concept as a mapping; several as a list of mappings separated by documents."""
    items = list(concepts)
    if len(items) == 1:
        fp.write(dump_yaml(items[0]).encode("utf-8"))
        return
    for index, concept in enumerate(items):
        if index:
            fp.write(b"---\n")
        fp.write(dump_yaml(concept).encode("utf-8"))
