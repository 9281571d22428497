"""Helpers for rules that look at text: which fields hold text, and columns inside them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from glossary.model import Concept, SourceLocation

__all__ = ["TextField", "script_of", "text_fields"]


@dataclass(frozen=True, slots=True)
class TextField:
    """One piece of text of a concept, with where it starts and what it is."""

    label: str  # "term 'x' (fi)", "definition (ru)", …
    text: str
    where: SourceLocation
    is_term: bool
    lang: str | None


_last: list[object] = [None, ()]


def text_fields(concept: Concept) -> tuple[TextField, ...]:
    """Every text value of a concept. The rules run one concept at a time and each asks
    for its fields, so the fields of the last concept are kept."""
    if _last[0] is not concept:
        _last[0], _last[1] = concept, tuple(_text_fields(concept))
    return _last[1]  # type: ignore[return-value]


def _text_fields(concept: Concept) -> Iterator[TextField]:
    if concept.note is not None:
        yield TextField("note", concept.note, concept.where("note"), False, None)
    for lang, section in concept.languages.items():
        for term in section.terms:
            yield TextField(
                f"term '{term.term}' ({lang})", term.term, term.where("term"), True, lang
            )
            for name in ("context", "context_source", "source", "note"):
                value = getattr(term, name)
                if value is not None:
                    label = f"{name.replace('_', ' ')} of '{term.term}' ({lang})"
                    yield TextField(label, value, term.where(name), False, lang)
        for name in ("definition", "source", "note"):
            value = getattr(section, name)
            if value is not None:
                yield TextField(f"{name} ({lang})", value, section.where(name), False, lang)


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of a letter (``'LATIN'``, ``'CYRILLIC'``, ``'GREEK'`` …); None for others."""
    if not ch.isalpha():
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    return first if first.isalpha() else None


def describe(ch: str) -> str:
    """``'o' (U+006F LATIN SMALL LETTER O)``."""
    name = unicodedata.name(ch, "unnamed character")
    shown = ch if ch.isprintable() and not ch.isspace() else ""
    return f"{repr(shown) + ' ' if shown else ''}(U+{ord(ch):04X} {name})"


def locate(field: TextField, offset: int) -> tuple[SourceLocation, int]:
    """Where character ``offset`` of a text value is: the value's start moved right,
    or the start of the right line (column unknown) when the text spans lines."""
    lines_before = field.text.count("\n", 0, offset)
    if lines_before == 0:
        return field.where, offset
    where = field.where
    return SourceLocation(where.path, where.line + lines_before, 0), 0
