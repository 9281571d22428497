"""Fields TBX-Basic has no data category for, written as text that people can read
and :mod:`glossary.sources.tbx` reads back (docs/format.md, "TBX mapping").

TBX-Basic has one untyped ``crossReference``: a relation other than ``related`` keeps
the link (``target``) and says what kind of link it is in the element's text,
``broader: teacher``. The term's usage, number and homograph, the language section's
equivalence and the concept's image are leading notes of their level, ``Usage:
colloquial, legal``: read back only before any ordinary note, so a note of one's own
that happens to start the same way stays a note when it is not first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.model import (
    Equivalence,
    GrammaticalNumber,
    Image,
    LangSection,
    Term,
    UsageLabel,
)

__all__ = [
    "RELATION_REF",
    "image_notes",
    "read_image_note",
    "read_relation_ref",
    "read_section_note",
    "read_term_note",
    "relation_ref",
    "section_notes",
    "term_notes",
]

#: Relation -> the label of its cross-reference text (``related`` has none: just the id).
RELATION_REF = {"broader": "broader", "part_of": "part of", "replaced_by": "replaced by"}
_RELATION_OF = {label: name for name, label in RELATION_REF.items()}
_REF = re.compile(r"(broader|part of|replaced by): (\S+)")

_USAGE = re.compile(r"Usage: ([a-z]+(?:, [a-z]+)*)")
_NUMBER = re.compile(r"Grammatical number: (singular|plural|mass)")
_HOMOGRAPH = re.compile(r"Homograph: ([1-9][0-9]*)")
_EQUIVALENCE = re.compile(r"Equivalence: (exact|near|broader|narrower|none)")
_EQUIVALENCE_NOTE = re.compile(r"Equivalence note: (.*)", re.S)
_IMAGE = re.compile(r"Image: (.*)", re.S)
_IMAGE_CAPTION = re.compile(r"Image caption: (.*)", re.S)
_IMAGE_SOURCE = re.compile(r"Image source: (.*)", re.S)


def relation_ref(relation: str, target: str) -> str:
    """The text of a cross-reference for ``relation``."""
    label = RELATION_REF.get(relation)
    return f"{label}: {target}" if label else target


def read_relation_ref(text: str) -> tuple[str, str]:
    """(relation, the id in the text) of a cross-reference's text."""
    match = _REF.fullmatch(text.strip())
    if match is None:
        return "related", text
    return _RELATION_OF[match.group(1)], match.group(2)


def term_notes(term: Term) -> Iterator[str]:
    if term.usage:
        yield "Usage: " + ", ".join(label.value for label in term.usage)
    if term.number is not None:
        yield f"Grammatical number: {term.number.value}"
    if term.homograph is not None:
        yield f"Homograph: {term.homograph}"


def read_term_note(text: str, fields: dict[str, object]) -> bool:
    """Put what a leading term note says into ``fields``; False when it is a plain note."""
    usage = _USAGE.fullmatch(text)
    if usage and "usage" not in fields:
        labels = usage.group(1).split(", ")
        if all(label in UsageLabel.__members__.values() for label in labels):
            fields["usage"] = tuple(dict.fromkeys(UsageLabel(label) for label in labels))
            return True
        return False
    number = _NUMBER.fullmatch(text)
    if number and "number" not in fields:
        fields["number"] = GrammaticalNumber(number.group(1))
        return True
    homograph = _HOMOGRAPH.fullmatch(text)
    if homograph and "homograph" not in fields:
        fields["homograph"] = int(homograph.group(1))
        return True
    return False


def section_notes(section: LangSection) -> Iterator[str]:
    if section.equivalence is not None:
        yield f"Equivalence: {section.equivalence.value}"
    if section.equivalence_note is not None:
        yield f"Equivalence note: {section.equivalence_note}"


def read_section_note(text: str, fields: dict[str, object]) -> bool:
    """Like :func:`read_term_note`, for a language section's equivalence."""
    equivalence = _EQUIVALENCE.fullmatch(text)
    if equivalence and "equivalence" not in fields and "equivalence_note" not in fields:
        fields["equivalence"] = Equivalence(equivalence.group(1))
        return True
    note = _EQUIVALENCE_NOTE.fullmatch(text)
    if note and "equivalence_note" not in fields:
        fields["equivalence_note"] = note.group(1)
        return True
    return False


def image_notes(image: Image) -> Iterator[str]:
    yield f"Image: {image.path}"
    if image.caption is not None:
        yield f"Image caption: {image.caption}"
    if image.source is not None:
        yield f"Image source: {image.source}"


def read_image_note(text: str, fields: dict[str, str]) -> bool:
    """Like :func:`read_term_note`, for the concept's image (``path``, ``caption``, ``source``)."""
    for key, pattern in (("path", _IMAGE), ("caption", _IMAGE_CAPTION), ("source", _IMAGE_SOURCE)):
        match = pattern.fullmatch(text)
        if match and key not in fields and (key == "path" or "path" in fields):
            fields[key] = match.group(1)
            return True
    return False
