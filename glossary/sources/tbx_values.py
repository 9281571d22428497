"""TBX picklist values as real files spell them, mapped to the model's values.

Keys are lower-cased; :mod:`glossary.sources.tbx` looks values up after ``strip().lower()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from glossary.model import Gender, PartOfSpeech, TermStatus, TermType

__all__ = ["PICKLISTS", "STATUS_VALUES"]

#: Categories that hold a term's status (``termStatus`` is TBX-Min's).
STATUS_CATEGORIES = ("administrativeStatus", "normativeAuthorization", "usageStatus", "termStatus")

#: Every spelling of a term status seen in real files (``administrativeStatus``,
#: ``normativeAuthorization``, ``usageStatus``).
STATUS_VALUES = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "preferredterm": TermStatus.PREFERRED,
    "preferred": TermStatus.PREFERRED,
    "standardizedterm-admn-sts": TermStatus.PREFERRED,
    "standardizedterm": TermStatus.PREFERRED,
    "legalterm": TermStatus.PREFERRED,
    "regulatedterm": TermStatus.PREFERRED,
    "recommended": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "admittedterm": TermStatus.ADMITTED,
    "admitted": TermStatus.ADMITTED,
    "permitted": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.DEPRECATED,
    "deprecatedterm": TermStatus.DEPRECATED,
    "deprecated": TermStatus.DEPRECATED,
    "notrecommended": TermStatus.DEPRECATED,
    "forbidden": TermStatus.DEPRECATED,
    "forbiddenterm": TermStatus.DEPRECATED,
    "supersededterm-admn-sts": TermStatus.SUPERSEDED,
    "supersededterm": TermStatus.SUPERSEDED,
    "superseded": TermStatus.SUPERSEDED,
    "obsolete": TermStatus.SUPERSEDED,
    "obsoleteterm": TermStatus.SUPERSEDED,
}
_TERM_TYPE = {
    "fullform": TermType.FULL_FORM,
    "full form": TermType.FULL_FORM,
    "abbreviation": TermType.ABBREVIATION,
    "abbreviated form": TermType.ABBREVIATION,
    "abbreviatedform": TermType.ABBREVIATION,
    "initialism": TermType.ABBREVIATION,
    "acronym": TermType.ACRONYM,
    "shortform": TermType.SHORT_FORM,
    "short form": TermType.SHORT_FORM,
    "clippedterm": TermType.SHORT_FORM,
    "variant": TermType.VARIANT,
    "phrase": TermType.PHRASE,
    "setphrase": TermType.PHRASE,
}
_POS = {
    "noun": PartOfSpeech.NOUN,
    "n": PartOfSpeech.NOUN,
    "verb": PartOfSpeech.VERB,
    "v": PartOfSpeech.VERB,
    "adjective": PartOfSpeech.ADJECTIVE,
    "adj": PartOfSpeech.ADJECTIVE,
    "adverb": PartOfSpeech.ADVERB,
    "adv": PartOfSpeech.ADVERB,
    "propernoun": PartOfSpeech.PROPER_NOUN,
    "proper noun": PartOfSpeech.PROPER_NOUN,
    "other": PartOfSpeech.OTHER,
}
_GENDER = {
    "masculine": Gender.MASCULINE,
    "m": Gender.MASCULINE,
    "feminine": Gender.FEMININE,
    "f": Gender.FEMININE,
    "neuter": Gender.NEUTER,
    "n": Gender.NEUTER,
    "other": Gender.OTHER,
    "common": Gender.OTHER,
}

#: category -> (term field, values, what an unknown value becomes)
PICKLISTS: dict[str, tuple[str, Mapping[str, StrEnum], StrEnum]] = {
    "termType": ("type", _TERM_TYPE, TermType.FULL_FORM),
    "partOfSpeech": ("pos", _POS, PartOfSpeech.OTHER),
    "grammaticalGender": ("gender", _GENDER, Gender.OTHER),
}
