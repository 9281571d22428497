"""The closed sets of the model (term status, type, part of speech …), apart from the
dataclasses of :mod:`glossary.model` (which re-exports them), so that a lookup, which
needs only these, does not build the model's classes."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ConceptStatus",
    "Equivalence",
    "Gender",
    "GrammaticalNumber",
    "PartOfSpeech",
    "TermStatus",
    "TermType",
    "UsageLabel",
]


class ConceptStatus(StrEnum):
    """Where a concept stands in the review workflow."""

    DRAFT = "draft"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    #: No longer in use; ``replaced_by`` names what to use instead, if anything.
    RETIRED = "retired"


class TermStatus(StrEnum):
    """How a term may be used (TBX ``administrativeStatus``)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"


class TermType(StrEnum):
    """The form of a term (TBX ``termType``)."""

    FULL_FORM = "fullForm"
    ABBREVIATION = "abbreviation"
    ACRONYM = "acronym"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


class PartOfSpeech(StrEnum):
    """TBX ``partOfSpeech``."""

    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    PROPER_NOUN = "properNoun"
    OTHER = "other"


class Gender(StrEnum):
    """TBX ``grammaticalGender``."""

    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"
    OTHER = "other"


class GrammaticalNumber(StrEnum):
    """The grammatical number a term is used in (``plural`` for a plural-only term)."""

    SINGULAR = "singular"
    PLURAL = "plural"
    MASS = "mass"


class UsageLabel(StrEnum):
    """Where or how a term is used: a closed list, so that a typo is caught and every
    output can name each label in the reader's language."""

    FORMAL = "formal"
    INFORMAL = "informal"
    COLLOQUIAL = "colloquial"
    SLANG = "slang"
    JARGON = "jargon"
    TECHNICAL = "technical"
    OFFICIAL = "official"
    LEGAL = "legal"
    REGIONAL = "regional"
    DATED = "dated"
    OBSOLETE = "obsolete"
    RARE = "rare"


class Equivalence(StrEnum):
    """How the terms of one language cover the concept.

    ``broader``: they mean more than the concept; ``narrower``: less; ``near``: about
    the same, with differences; ``none``: the language has no equivalent (the section
    then explains or proposes one).
    """

    EXACT = "exact"
    NEAR = "near"
    BROADER = "broader"
    NARROWER = "narrower"
    NONE = "none"
