"""``glossary stats``: what the glossary holds, and where it is incomplete."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from glossary.langtags import primary_language
from glossary.model import ConceptStatus, Glossary, PartOfSpeech, TermStatus

__all__ = ["Stats", "compute"]

#: Languages whose nouns have grammatical gender (as rule C306 checks by default).
GENDER_LANGUAGES = frozenset(
    "ru uk be bg cs sk pl sl hr sr bs mk lt lv de fr es it pt ro ca el he ar".split()  # noqa: SIM905
)
_NOUNS = (PartOfSpeech.NOUN, PartOfSpeech.PROPER_NOUN)


@dataclass
class Stats:
    concepts: int = 0
    terms: int = 0
    languages: dict[str, dict[str, int]] = field(default_factory=dict)
    subjects: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    with_context: int = 0
    missing_definition: dict[str, list[str]] = field(default_factory=dict)
    missing_context: list[str] = field(default_factory=list)
    missing_gender: list[dict[str, str]] = field(default_factory=list)
    missing_pos: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "concepts": self.concepts,
            "terms": self.terms,
            "languages": self.languages,
            "subjects": self.subjects,
            "statuses": self.statuses,
            "with_context": self.with_context,
            "gaps": {
                "missing_definition": self.missing_definition,
                "missing_context": self.missing_context,
                "missing_gender": self.missing_gender,
                "missing_pos": self.missing_pos,
            },
        }


def compute(glossary: Glossary) -> Stats:
    stats = Stats(concepts=len(glossary.concepts))
    statuses: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    languages = glossary.languages
    per_lang = {lang: Counter[str]() for lang in languages}
    missing_definition: dict[str, list[str]] = {lang: [] for lang in glossary.meta.required}
    for concept in glossary.concepts.values():
        statuses[concept.status.value] += 1
        subjects.update(concept.subjects or ("(none)",))
        has_context = False
        for lang in glossary.meta.required:
            section = concept.languages.get(lang)
            if section is None or not (section.definition or "").strip():
                missing_definition[lang].append(concept.id)
        for lang, section in concept.languages.items():
            counts = per_lang.setdefault(lang, Counter())
            counts["concepts"] += 1
            counts["definitions"] += bool(section.definition)
            for term in section.terms:
                stats.terms += 1
                counts["terms"] += 1
                counts[term.status.value] += 1
                if term.context:
                    counts["contexts"] += 1
                    has_context = True
                if term.pos is None:
                    stats.missing_pos.append(
                        {"concept_id": concept.id, "lang": lang, "term": term.term}
                    )
                elif (
                    term.pos in _NOUNS
                    and term.gender is None
                    and primary_language(lang) in GENDER_LANGUAGES
                ):
                    stats.missing_gender.append(
                        {"concept_id": concept.id, "lang": lang, "term": term.term}
                    )
        if has_context:
            stats.with_context += 1
        else:
            stats.missing_context.append(concept.id)
    keys = ("concepts", "terms", *(s.value for s in TermStatus), "definitions", "contexts")
    stats.languages = {lang: {key: per_lang[lang].get(key, 0) for key in keys} for lang in per_lang}
    stats.subjects = dict(sorted(subjects.items(), key=lambda kv: (-kv[1], kv[0])))
    stats.statuses = {s.value: statuses.get(s.value, 0) for s in ConceptStatus}
    stats.missing_definition = missing_definition
    return stats
