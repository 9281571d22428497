"""What every XML termbase reader needs: a safe parser, positions, counted problems.

The TBX reader (:mod:`glossary.sources.tbx`) and the MultiTerm reader
(:mod:`glossary.sources.multiterm`) parse untrusted files the same way: no entities
expanded, no DTD loaded, no network, libxml2's limits on depth and text size kept
(``huge_tree=False``), and a document that declares entities refused whole (``L118``). Each
problem that repeats on many entries is reported once per file, with a count and the
position of the first.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from glossary.model import SourceLocation
from glossary.validation.diagnostics import Diagnostic, load_diagnostic

__all__ = ["Counts", "Positions", "XmlReader", "line", "local", "make_parser", "text"]


def make_parser() -> etree.XMLParser:
    """An XML parser that is safe for untrusted input: no entities, DTDs or network.

    Comments and processing instructions are dropped while parsing (the text around
    them joins up), so no part of a reader ever meets one among an element's children.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for anything but an element)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2] if tag.startswith("{") else tag


def text(element: etree._Element) -> str:
    """All the text inside the element, its children's included."""
    return "".join(str(part) for part in element.itertext())


def line(element: etree._Element) -> int:
    number: Any = element.sourceline  # lxml-stubs type it wrongly
    return int(number or 0)


class Positions:
    """Line and column of every element's start tag, found in the decoded text.

    libxml2 reports the line where a start tag *ends* and no column; the start tags
    appear in the text in document order, so one forward scan finds each of them.
    """

    def __init__(self, data: bytes, encoding: str | None) -> None:
        self.text: str | None = None
        try:
            if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                self.text = data.decode("utf-16")
            else:
                self.text = data.decode(encoding or "utf-8")
        except (LookupError, UnicodeDecodeError):
            self.text = None
        self.starts: list[int] = []
        if self.text is not None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.cursor = 0
        self.where: dict[etree._Element, tuple[int, int]] = {}
        self.patterns: dict[str, re.Pattern[str]] = {}

    def visit(self, element: etree._Element) -> None:
        row = line(element)
        if self.text is None or not isinstance(element.tag, str):
            self.where[element] = (row, 0)
            return
        qname = element.prefix + ":" + local(element) if element.prefix else local(element)
        pattern = self.patterns.get(qname)
        if pattern is None:
            pattern = self.patterns[qname] = re.compile("<" + re.escape(qname) + r"[\s/>]")
        match = pattern.search(self.text, self.cursor)
        if match is None:
            self.where[element] = (row, 0)
            return
        self.cursor = match.start() + 1
        row = bisect.bisect_right(self.starts, match.start())
        self.where[element] = (row, match.start() - self.starts[row - 1] + 1)

    def of(self, element: etree._Element) -> tuple[int, int]:
        return self.where.get(element, (line(element), 0))


@dataclass
class _Count:
    number: int
    pos: tuple[int, int]


@dataclass
class Counts:
    """Problems that repeat on many entries are reported once per file, with a count."""

    items: dict[tuple[str, str], _Count] = field(default_factory=dict)

    def add(self, code: str, what: str, pos: tuple[int, int]) -> None:
        self.items.setdefault((code, what), _Count(0, pos)).number += 1


class XmlReader:
    """Parsing and reporting shared by the XML readers; subclasses read the tree."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data
        self.diagnostics: list[Diagnostic] = []
        self.counts = Counts()
        self.positions = Positions(b"", None)

    def report(
        self,
        code: str,
        message: str,
        element: etree._Element | None = None,
        concept_id: str | None = None,
    ) -> None:
        row, col = self.positions.of(element) if element is not None else (0, 0)
        self.diagnostics.append(load_diagnostic(code, message, self.name, row, col, concept_id))

    def count(self, code: str, what: str, element: etree._Element) -> None:
        self.counts.add(code, what, self.positions.of(element))

    def loc(self, element: etree._Element) -> SourceLocation:
        row, col = self.positions.of(element)
        return SourceLocation(self.name, row, col)

    def flush_counts(self) -> None:
        for (code, what), count in self.counts.items.items():
            times = f" ({count.number} times; the first is here)" if count.number > 1 else ""
            row, col = count.pos
            self.diagnostics.append(load_diagnostic(code, f"{what}{times}", self.name, row, col))

    def parse(self) -> etree._ElementTree | None:
        """The document, with every element's position; None (and a diagnostic) if the
        file is not well-formed XML, its encoding cannot be read or it declares entities."""
        try:
            tree = etree.fromstring(self.data, make_parser()).getroottree()
        except etree.XMLSyntaxError as exc:
            row, col = exc.position if exc.position else (0, 0)
            message = exc.msg or "not well-formed XML"
            message = re.sub(r", line \d+, column \d+$", "", message)
            code = "L101" if "encoding" in message.lower() else "L103"
            self.diagnostics.append(load_diagnostic(code, message, self.name, row, col))
            return None
        except ValueError as exc:  # e.g. an unsupported encoding declaration
            self.diagnostics.append(load_diagnostic("L101", str(exc), self.name, 1, 1))
            return None
        self.positions = Positions(self.data, tree.docinfo.encoding)
        for element in tree.getroot().iter():
            self.positions.visit(element)
        if self._declares_entities(tree):
            return None
        return tree

    def _doctype_position(self) -> tuple[int, int]:
        source = self.positions.text or ""
        offset = source.find("<!DOCTYPE")
        if offset < 0:
            return 1, 1
        row = source.count("\n", 0, offset) + 1
        return row, offset - (source.rfind("\n", 0, offset) + 1) + 1

    def _declares_entities(self, tree: etree._ElementTree) -> bool:
        """A document that declares entities is refused whole (``L118``): nothing of it is
        read, neither the entities (never expanded) nor the text around them."""
        dtd = tree.docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
            self.diagnostics.append(
                load_diagnostic(
                    "L118",
                    "the document declares XML entities; glossary sources may not, and "
                    "nothing was expanded or read",
                    self.name,
                    *self._doctype_position(),
                )
            )
            return True
        return False
