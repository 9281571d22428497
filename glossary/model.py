"""The glossary model: concept-oriented and aligned with TBX-Basic.

``Glossary -> Concept -> LangSection -> Term``. Every object is an immutable dataclass
and carries the place it was read from, so that any later check can point at the
file, line and column. The model does no I/O: loaders in :mod:`glossary.sources` build it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from glossary.enums import (
    ConceptStatus,
    Equivalence,
    Gender,
    GrammaticalNumber,
    PartOfSpeech,
    TermStatus,
    TermType,
    UsageLabel,
)

if TYPE_CHECKING:  # for the type checker only: the model never imports the search
    from glossary.search import Match

_T = TypeVar("_T")


class LookupFunction(Protocol):
    def __call__(
        self, glossary: Glossary, query: str, *, lang: str | None, limit: int
    ) -> list[Any]: ...


#: What :meth:`Glossary.lookup` delegates to; ``glossary/__init__.py`` installs it, so
#: that the model needs nothing from the search package.
_lookup: LookupFunction | None = None


def install_lookup(function: LookupFunction) -> None:
    """Make :meth:`Glossary.lookup` call ``function``."""
    global _lookup
    _lookup = function


__all__ = [
    "ID_PATTERN",
    "NAME_PATTERN",
    "RELATIONS",
    "Concept",
    "ConceptStatus",
    "Equivalence",
    "Gender",
    "Glossary",
    "GlossaryMeta",
    "GrammaticalNumber",
    "Image",
    "LangSection",
    "PartOfSpeech",
    "SourceLocation",
    "Term",
    "TermStatus",
    "TermType",
    "UsageLabel",
]

#: A concept id: used in URLs, file names and TBX ids, so it is kept to a safe alphabet.
#: Match it with ``fullmatch`` (``$`` alone would let a final newline through); the
#: anchors are for the JSON Schemas that carry the pattern.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
#: A subject code or a glossary id: also part of file names and URLs.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


#: Relations between concepts, as written on a concept (their inverses are derived).
RELATIONS = ("broader", "part_of", "related", "replaced_by")


@dataclass(frozen=True, slots=True, order=True)
class SourceLocation:
    """A place in a source file; ``line`` and ``col`` are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


def _picklable(cls: type[_T]) -> type[_T]:
    """Pickle as ``cls(*values)``: several times faster than the generic state of a slots
    dataclass, which matters for the cache of a large glossary."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


_picklable(SourceLocation)
_NOWHERE = SourceLocation("<memory>")


class _Located:
    """Objects read from a file: their own place, and where each of their fields is."""

    __slots__ = ()
    location: SourceLocation
    spans: Mapping[str, tuple[int, int]]

    def where(self, name: str) -> SourceLocation:
        """Where field ``name`` was written; the object's own location when not known."""
        span = self.spans.get(name)
        if span is None:
            return self.location
        return SourceLocation(self.location.path, span[0], span[1])


@_picklable
@dataclass(frozen=True, slots=True)
class Term(_Located):
    """One designation of a concept in one language."""

    term: str
    status: TermStatus = TermStatus.PREFERRED
    type: TermType = TermType.FULL_FORM
    pos: PartOfSpeech | None = None
    gender: Gender | None = None
    geo: str | None = None
    context: str | None = None
    context_source: str | None = None
    source: str | None = None
    note: str | None = None
    usage: tuple[UsageLabel, ...] = ()
    number: GrammaticalNumber | None = None
    #: Tells apart terms written the same in one language that name different concepts.
    homograph: int | None = None
    location: SourceLocation = field(default=_NOWHERE, compare=False, repr=False)
    #: Line and column where each field's value starts, by field name, in the same file.
    spans: Mapping[str, tuple[int, int]] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    @property
    def is_bare(self) -> bool:
        """True when nothing but the text is set, so it can be written as a bare string."""
        return (
            self.status is TermStatus.PREFERRED
            and self.type is TermType.FULL_FORM
            and all(
                getattr(self, name) is None
                for name in (
                    "pos",
                    "gender",
                    "geo",
                    "context",
                    "context_source",
                    "source",
                    "note",
                    "number",
                    "homograph",
                )
            )
            and not self.usage
        )


@_picklable
@dataclass(frozen=True, slots=True)
class LangSection(_Located):
    """Everything a concept says in one language."""

    lang: str
    terms: tuple[Term, ...] = ()
    definition: str | None = None
    source: str | None = None
    note: str | None = None
    #: How this language's terms cover the concept; None when not stated (exact).
    equivalence: Equivalence | None = None
    equivalence_note: str | None = None
    location: SourceLocation = field(default=_NOWHERE, compare=False, repr=False)
    #: Line and column where each field's value starts, by field name, in the same file.
    spans: Mapping[str, tuple[int, int]] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    @property
    def preferred(self) -> Term | None:
        """The first term marked preferred, if any."""
        for term in self.terms:
            if term.status is TermStatus.PREFERRED:
                return term
        return None


@_picklable
@dataclass(frozen=True, slots=True)
class Image:
    """A picture of the concept: a path relative to the glossary folder, or a URL."""

    path: str
    caption: str | None = None
    source: str | None = None


@_picklable
@dataclass(frozen=True, slots=True)
class Concept(_Located):
    """A unit of knowledge with its designations in several languages."""

    id: str
    languages: Mapping[str, LangSection] = field(default_factory=dict, hash=False)
    subjects: tuple[str, ...] = ()
    status: ConceptStatus = ConceptStatus.DRAFT
    #: Generic relation: each id names a concept this one is a kind of.
    broader: tuple[str, ...] = ()
    #: Partitive relation: each id names a concept this one is a part of.
    part_of: tuple[str, ...] = ()
    #: Associative relation.
    related: tuple[str, ...] = ()
    #: For a retired concept: the concepts to use instead.
    replaced_by: tuple[str, ...] = ()
    note: str | None = None
    updated: dt.date | None = None
    image: Image | None = None
    location: SourceLocation = field(default=_NOWHERE, compare=False, repr=False)
    #: Line and column where each field's value starts, by field name, in the same file.
    spans: Mapping[str, tuple[int, int]] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    def terms(self, lang: str | None = None) -> Iterator[Term]:
        """Every term, or every term of one language, in source order."""
        for code, section in self.languages.items():
            if lang is None or code == lang:
                yield from section.terms

    def preferred(self, lang: str) -> Term | None:
        section = self.languages.get(lang)
        return section.preferred if section else None

    def relations(self) -> Iterator[tuple[str, int, str]]:
        """Every relation written on the concept: (relation, index, target id)."""
        for name in RELATIONS:
            for index, target in enumerate(getattr(self, name)):
                yield name, index, target


@_picklable
@dataclass(frozen=True, slots=True)
class GlossaryMeta:
    """What ``glossary.toml`` says about the glossary as a whole."""

    id: str = "glossary"
    title: Mapping[str, str] = field(default_factory=dict, hash=False)
    languages: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    version: str | None = None
    license: str | None = None
    publisher: str | None = None
    #: The ISBN of the printed dictionary, printed on its title page.
    isbn: str | None = None
    base_url: str | None = None
    #: The language concept notes are written in (they belong to no language section).
    note_language: str | None = None
    subjects: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)
    location: SourceLocation = field(default=_NOWHERE, compare=False, repr=False)

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, else in the first language that has one, else the id."""
        if lang in self.title:
            return self.title[lang]
        for code in self.languages:
            if code in self.title:
                return self.title[code]
        return next(iter(self.title.values()), self.id)

    @property
    def notes_lang(self) -> str:
        """The language of concept notes: ``note_language``, else the first language."""
        return self.note_language or (self.languages[0] if self.languages else "und")

    def subject_label(self, code: str, lang: str) -> str:
        labels = self.subjects.get(code, {})
        return labels.get(lang) or next(iter(labels.values()), code)


@dataclass(frozen=True, slots=True)
class Glossary:
    """Glossary metadata plus its concepts by id, in source order."""

    meta: GlossaryMeta = field(default_factory=GlossaryMeta)
    concepts: Mapping[str, Concept] = field(default_factory=dict, hash=False)
    location: SourceLocation = field(default=_NOWHERE, compare=False, repr=False)
    #: The absolute path it was read from, and a digest of the content read ("" when
    #: built in code); lookup uses them to find a stored index.
    origin: str = field(default="", compare=False, repr=False)
    fingerprint: str = field(default="", compare=False, repr=False)
    #: The derived inverse relations, made on first use (the concepts never change).
    _inverses: dict[str, Mapping[str, tuple[str, ...]]] = field(
        default_factory=dict, init=False, compare=False, repr=False, hash=False
    )

    def __len__(self) -> int:
        return len(self.concepts)

    def _inverse(self, relation: str) -> Mapping[str, tuple[str, ...]]:
        found = self._inverses.get(relation)
        if found is None:
            collected: dict[str, list[str]] = {}
            for concept in self.concepts.values():
                for target in getattr(concept, relation):
                    if target in self.concepts and target != concept.id:
                        sources = collected.setdefault(target, [])
                        if concept.id not in sources:
                            sources.append(concept.id)
            found = {target: tuple(sources) for target, sources in collected.items()}
            self._inverses[relation] = found
        return found

    def narrower(self, concept_id: str) -> tuple[str, ...]:
        """The concepts whose ``broader`` names ``concept_id``, in source order."""
        return self._inverse("broader").get(concept_id, ())

    def parts(self, concept_id: str) -> tuple[str, ...]:
        """The concepts whose ``part_of`` names ``concept_id`` (its parts), in source order."""
        return self._inverse("part_of").get(concept_id, ())

    def replaces(self, concept_id: str) -> tuple[str, ...]:
        """The retired concepts whose ``replaced_by`` names ``concept_id``."""
        return self._inverse("replaced_by").get(concept_id, ())

    def related_to(self, concept_id: str) -> tuple[str, ...]:
        """Related concepts both ways: those the concept names, then those naming it."""
        concept = self.concepts.get(concept_id)
        own = tuple(t for t in concept.related if t in self.concepts) if concept else ()
        back = self._inverse("related").get(concept_id, ())
        return tuple(dict.fromkeys((*own, *back)))

    @property
    def languages(self) -> tuple[str, ...]:
        """Declared languages first, in display order, then any others found in concepts."""
        seen = dict.fromkeys(self.meta.languages)
        for concept in self.concepts.values():
            seen.update(dict.fromkeys(concept.languages))
        return tuple(seen)

    def lookup(self, query: str, lang: str | None = None, limit: int = 10) -> list[Match]:
        """Find the concepts whose terms match ``query``, best first: the answers, then
        the nearest guesses (``Match.confident`` is False)."""
        if _lookup is None:
            from glossary import _install

            _install()
        assert _lookup is not None
        return _lookup(self, query, lang=lang, limit=limit)
