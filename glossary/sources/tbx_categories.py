"""Data categories as other tools name them, and where entry-level data goes.

MultiTerm exports its fields by their display names (``<descrip type="Definition">``,
``<termNote type="Part of Speech">``, ``Status`` with ``Forbidden``); Weblate and
translate-toolkit write an untyped ``<descrip>`` for a term's explanation. They are read
as the TBX categories they stand for. An empty element is no data: it is ignored, never
read as ``pos: other`` or an empty definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glossary.model import LangSection, SourceLocation, Term, TermStatus, TermType

__all__ = [
    "CATEGORY_NAMES",
    "ENTRY_DEFINITION_KEPT",
    "INHERITED_DEFINITION_FOLDED",
    "dca_category",
    "fold_inherited",
    "joined_note",
    "other_definition",
    "term_from_fields",
]

#: Field names of MultiTerm and other tools (case-folded) -> TBX data category.
CATEGORY_NAMES: Mapping[str, str] = {
    "definition": "definition",
    "definition source": "source",
    "status": "administrativeStatus",
    "term status": "administrativeStatus",
    "usage status": "usageStatus",
    "part of speech": "partOfSpeech",
    "pos": "partOfSpeech",
    "gender": "grammaticalGender",
    "grammatical gender": "grammaticalGender",
    "subject": "subjectField",
    "subject field": "subjectField",
    "domain": "subjectField",
    "note": "note",
    "comment": "note",
    "explanation": "note",
    "source": "source",
    "context": "context",
    "example": "context",
    "term type": "termType",
    "type": "termType",
}

ENTRY_DEFINITION_KEPT = (
    "entry-level definitions beside a language's own were kept in the language's note"
)


INHERITED_DEFINITION_FOLDED = (
    "entry-level definitions in the document's language were read into the entry's "
    "section of the same language"
)


def dca_category(name: str, kind: str | None, text: str) -> tuple[str, str, None]:
    """The category of a DCA element (``<descrip type="…">``), its text, no source."""
    if not text.strip():
        return "", "", None  # an empty element holds nothing to import
    if not kind:
        # Weblate and translate-toolkit: <descrip>explanation</descrip>.
        return ("note" if name == "descrip" else ""), text, None
    return CATEGORY_NAMES.get(" ".join(kind.casefold().split()), kind), text, None


def other_definition(section: LangSection, slot: Mapping[str, Any]) -> bool:
    """Whether the entry gives ``section`` a definition other than its own."""
    other = slot.get("definition")
    return bool(section.definition and other and other.strip() != section.definition.strip())


def joined_note(section: LangSection, slot: Mapping[str, Any]) -> str | None:
    """The section's note, with an entry-level definition it does not keep appended."""
    note = section.note if section.note is not None else slot.get("note")
    if other_definition(section, slot):
        kept = f"Definition (entry level): {slot['definition']}"
        note = f"{note}\n\n{kept}" if note else kept
    return note


def fold_inherited(
    tag: str, loose: dict[str, dict[str, Any]], sections: Mapping[str, LangSection]
) -> bool:
    """Give an untagged entry-level definition to the entry's section of its language.

    Its language ``tag`` is only the root's ``xml:lang`` (``en_US``): when the entry has
    no section of that tag but exactly one of the same primary language (``en``), the
    definition is that section's, not a section of its own without terms. An element
    carrying its own ``xml:lang`` (our export's term-less sections) is never passed here.
    """
    if tag in sections or tag not in loose:
        return False
    primary = tag.split("-")[0]
    matches = [lang for lang in sections if lang.split("-")[0] == primary]
    if len(matches) != 1:
        return False
    target = loose.setdefault(matches[0], {})
    for key, value in loose.pop(tag).items():
        target.setdefault(key, value)
    return True


def term_from_fields(
    text: str, fields: Mapping[str, object], notes: list[str], location: SourceLocation
) -> Term:
    """The term of a ``<termSec>`` (``<termGrp>`` in MultiTerm) from the fields its data
    categories were read into, the notes joined; what was not given keeps the model's
    default."""
    return Term(
        term=text,
        status=fields.get("status", TermStatus.PREFERRED),  # type: ignore[arg-type]
        type=fields.get("type", TermType.FULL_FORM),  # type: ignore[arg-type]
        pos=fields.get("pos"),  # type: ignore[arg-type]
        gender=fields.get("gender"),  # type: ignore[arg-type]
        geo=fields.get("geo"),  # type: ignore[arg-type]
        context=fields.get("context"),  # type: ignore[arg-type]
        context_source=fields.get("context_source"),  # type: ignore[arg-type]
        source=fields.get("source"),  # type: ignore[arg-type]
        note="\n\n".join(notes) if notes else None,
        usage=fields.get("usage", ()),  # type: ignore[arg-type]
        number=fields.get("number"),  # type: ignore[arg-type]
        homograph=fields.get("homograph"),  # type: ignore[arg-type]
        location=location,
    )
