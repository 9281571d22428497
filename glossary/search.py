"""Term lookup: find concepts by any of their terms, in every language.

This first version matches whole terms exactly, then ignoring case and diacritics
(ä = a, ё = е). The ranking contract (``score`` 0-100, ``kind``) is what later tiers
build on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from glossary.model import Concept, Glossary, Term, TermStatus

__all__ = ["Equivalent", "Match", "fold", "lookup"]

_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}


@dataclass(frozen=True, slots=True)
class Equivalent:
    """A term of the matched concept in another language."""

    term: str
    status: TermStatus

    def as_dict(self) -> dict[str, str]:
        return {"term": self.term, "status": self.status.value}


@dataclass(frozen=True, slots=True)
class Match:
    """One concept found by a query, through its best matching term."""

    concept_id: str
    lang: str
    term: str
    status: TermStatus
    score: float
    kind: str
    equivalents: Mapping[str, tuple[Equivalent, ...]] = field(default_factory=dict, hash=False)
    #: The preferred term in the matched language, when the matched term is not it.
    preferred: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "concept_id": self.concept_id,
            "lang": self.lang,
            "term": self.term,
            "status": self.status.value,
            "score": self.score,
            "kind": self.kind,
            "preferred": self.preferred,
            "equivalents": {
                lang: [e.as_dict() for e in terms] for lang, terms in self.equivalents.items()
            },
        }


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key: ``'Etäopiskelu'`` -> ``'etaopiskelu'``,
    ``'зачётная'`` -> ``'зачетная'``; runs of white space become one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).split())


def _ordered(terms: Iterable[Term]) -> tuple[Equivalent, ...]:
    ranked = sorted(enumerate(terms), key=lambda item: (_STATUS_RANK[item[1].status], item[0]))
    return tuple(Equivalent(term.term, term.status) for _, term in ranked)


def equivalents(
    concept: Concept, languages: Iterable[str], exclude: str | None = None
) -> dict[str, tuple[Equivalent, ...]]:
    """The terms of ``concept`` per language, preferred first, for ``languages``."""
    out = {}
    for lang in languages:
        if lang == exclude:
            continue
        section = concept.languages.get(lang)
        if section is not None and section.terms:
            out[lang] = _ordered(section.terms)
    return out


def lookup(
    glossary: Glossary,
    query: str,
    lang: str | None = None,
    limit: int = 10,
    to: Iterable[str] | None = None,
) -> list[Match]:
    """The concepts with a term equal to ``query`` (exactly, or after :func:`fold`)."""
    wanted = " ".join(query.split())
    folded = fold(query)
    if not folded:
        return []
    targets = tuple(to) if to else glossary.languages
    best: dict[str, tuple[float, str, Term, str]] = {}
    for concept in glossary.concepts.values():
        for code, section in concept.languages.items():
            if lang is not None and code != lang and not code.startswith(lang + "-"):
                continue
            for term in section.terms:
                if term.term == wanted:
                    score, kind = 100.0, "exact"
                elif term.term.casefold() == wanted.casefold():
                    score, kind = 98.0, "normalized"
                elif fold(term.term) == folded:
                    score, kind = 95.0, "normalized"
                else:
                    continue
                previous = best.get(concept.id)
                rank = (score, -_STATUS_RANK[term.status])
                if previous is None or rank > (previous[0], -_STATUS_RANK[previous[2].status]):
                    best[concept.id] = (score, kind, term, code)
    matches = []
    for concept_id, (score, kind, term, code) in best.items():
        concept = glossary.concepts[concept_id]
        preferred = concept.preferred(code)
        matches.append(
            Match(
                concept_id=concept_id,
                lang=code,
                term=term.term,
                status=term.status,
                score=score,
                kind=kind,
                equivalents=equivalents(concept, targets, exclude=code),
                preferred=preferred.term if preferred and preferred.term != term.term else None,
            )
        )
    matches.sort(key=lambda m: (-m.score, _STATUS_RANK[m.status], m.concept_id))
    return matches[: max(limit, 0)]
