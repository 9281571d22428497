"""Term lookup: find the concept behind whatever a translator types, and say how sure.

A query is analysed once (:mod:`glossary.search.query`) and matched in tiers
(:mod:`glossary.search.tiers`), each with its score and ``kind`` (docs/lookup.md):

============  =====  ===============================================================
kind          score  how
============  =====  ===============================================================
exact         100    the term as written
normalized    93-98  ignoring case, diacritics (ä=a, ё=е), hyphens and spaces
lemma         ≤ 92   every word of the term found as one of its inflected forms or
                     stems (``ammatillisessa koulutuksessa``, ``на рынке труда``,
                     ``HOKS:n``)
translit      ≤ 90   a Latin transliteration of a Russian term, in any scheme
word          80-88  the query word is (a form of) a word of a longer term
compound      78-80  a compound with the query word as its head or a hyphenated part
                     (``verkkokoulutus``, ``self-assessment``)
part          78-86  a term inside a longer phrase whose other words are function
                     words, frames (``в системе``) or other terms
                     (:mod:`glossary.search.spans`)
prefix        60-85  the beginning of a term, by how much of it is typed
fuzzy         ≤ 85   a typo: similar strings, found through shared trigrams
layout               any of these, for the query read on another keyboard layout
============  =====  ===============================================================

Hits at or above :data:`~glossary.search.tiers.CONFIDENT` that no rule makes a guess are
*matches*; the rest are *nearest* candidates. One result per concept, through its best
term; each carries the concept's terms in the other languages, preferred first, with
their status, the concept's status and its notes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.enums import TermStatus
from glossary.search.keys import fold
from glossary.search.query import Query, analyse
from glossary.search.tiers import CONFIDENT, SLIP, Hit, collect, confident

if TYPE_CHECKING:
    from glossary.model import Glossary
    from glossary.search.index import Index, TermRow

__all__ = [
    "CONFIDENT",
    "Equivalent",
    "Match",
    "Note",
    "Query",
    "Result",
    "analyse",
    "find",
    "fold",
    "function_words_only",
    "lookup",
    "lookup_index",
    "open_index",
]

_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}
_FLOOR = 50.0


@dataclass(frozen=True, slots=True)
class Equivalent:
    """A term of the matched concept in another language."""

    term: str
    status: TermStatus

    def as_dict(self) -> dict[str, str]:
        return {"term": self.term, "status": self.status.value}


@dataclass(frozen=True, slots=True)
class Note:
    """A note of the matched concept: its own (``lang`` None) or a language section's."""

    lang: str | None
    text: str

    def as_dict(self) -> dict[str, str | None]:
        return {"lang": self.lang, "text": self.text}


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
    #: Definitions by language, for display.
    definitions: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: ``draft``, ``reviewed`` or ``approved``.
    concept_status: str = "approved"
    notes: tuple[Note, ...] = field(default=(), compare=False)
    #: Whether the ranking stands behind it (else it is one of the nearest guesses).
    confident: bool = True
    #: For kind ``layout``: the query as it reads on the other keyboard layout.
    read_as: str | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "concept_id": self.concept_id,
            "lang": self.lang,
            "term": self.term,
            "status": self.status.value,
            "score": self.score,
            "kind": self.kind,
            "preferred": self.preferred,
            "concept_status": self.concept_status,
            "notes": [n.as_dict() for n in self.notes],
            "equivalents": {
                lang: [e.as_dict() for e in terms] for lang, terms in self.equivalents.items()
            },
        }
        if self.read_as is not None:
            out["read_as"] = self.read_as
        return out


@dataclass(frozen=True, slots=True)
class Result:
    """What a query found: the answers the ranking stands behind, best first, and the
    nearest guesses; ``more`` answers were left out by the limit."""

    query: Query
    matches: list[Match]
    nearest: list[Match]
    more: int = 0
    read_as: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "query": self.query.raw,
            "matches": [m.as_dict() for m in self.matches],
            "nearest": [m.as_dict() for m in self.nearest],
        }


def _latin_capitals(text: str) -> bool:
    """``text`` is Latin capitals only (with spaces): an abbreviation as typed, or a
    Russian one typed on a US or Finnish layout with Caps Lock (``AJC`` for ``ФОС``)."""
    letters = [ch for ch in text if ch not in _SPACES]
    return len(letters) >= 2 and all("A" <= ch <= "Z" for ch in letters)


#: The spaces :func:`_latin_capitals` allows between capitals: a set the browser's port
#: (search-engine.js latinCapitals) spells the same, where ``str.isspace`` and a regular
#: expression's ``\s`` differ (``\x85``, ``\x1c``, ``\ufeff``).
_SPACES = frozenset(" \t\n\r\f\v\xa0")


def _in_lang(row: TermRow, lang: str | None) -> bool:
    return lang is None or row.lang == lang or row.lang.startswith(lang + "-")


def _ordered(terms: Iterable[list[object]]) -> tuple[Equivalent, ...]:
    from glossary.search.index import STATUS_OF

    items = [(str(t[0]), STATUS_OF[int(t[1])]) for t in terms]  # type: ignore[call-overload]
    ranked = sorted(enumerate(items), key=lambda item: (_STATUS_RANK[item[1][1]], item[0]))
    return tuple(Equivalent(text, status) for _, (text, status) in ranked)


def _rank(hit: Hit, row: TermRow) -> tuple[bool, float, int, int]:
    """Best term of a concept: an answer before a guess, highest score, then the most
    usable status, then first."""
    return (not hit.guess, hit.score, -_STATUS_RANK[row.status], -row.tid)


def _order(item: tuple[Hit, TermRow]) -> tuple[float, int, int, int]:
    """Results: best score first; then preferred terms, shorter terms, source order."""
    hit, row = item
    return (-hit.score, _STATUS_RANK[row.status], len(row.text), row.cid)


def find(
    index: Index,
    query: str | Query,
    lang: str | None = None,
    limit: int = 10,
    to: Iterable[str] | None = None,
    min_score: float | None = None,
    fill: bool = False,
) -> Result:
    """The concepts matching ``query`` in ``index``: answers and nearest guesses, at most
    ``limit`` of each (with ``fill``, at most ``limit`` in all), one per concept.
    ``min_score`` moves the line between them."""
    line = CONFIDENT if min_score is None else min_score
    if not isinstance(query, Query):
        query = analyse(query, index.languages)
    hits = collect(index, query, line)
    read_as = None
    if max((h.score for h in hits.values()), default=0.0) < SLIP or (
        _latin_capitals(query.raw) and not any(confident(h, line) for h in hits.values())
    ):
        # Nothing even close as typed, or capitals that are no known abbreviation (a
        # look-alike of one is only a guess): perhaps the wrong keyboard layout.
        for reading in query.layouts:
            read = analyse(reading, index.languages)
            if not read.words or not index.words_or_forms(list(read.words)):
                continue  # no word of the reading is a term word or a form of one
            found = collect(index, read, line, typos=False)
            if any(confident(h, line) for h in found.values()):
                hits = {
                    tid: Hit(h.score, "layout", h.guess)
                    for tid, h in found.items()
                    if confident(h, line)
                }
                read_as = reading
                break

    rows = index.terms(hits)
    per_concept: dict[int, tuple[Hit, TermRow]] = {}
    for tid, hit in hits.items():
        row = rows[tid]
        if hit.score < _FLOOR or not _in_lang(row, lang):
            continue
        current = per_concept.get(row.cid)
        if current is None or _rank(hit, row) > _rank(*current):
            per_concept[row.cid] = (hit, row)
    answers = sorted((v for v in per_concept.values() if confident(v[0], line)), key=_order)
    guesses = sorted((v for v in per_concept.values() if not confident(v[0], line)), key=_order)
    cap = max(limit, 0)
    near = max(cap - len(answers), 0) if fill else cap
    targets = tuple(to) if to else index.languages
    return Result(
        query=query,
        matches=[_match(index, h, r, targets, True, read_as) for h, r in answers[:cap]],
        nearest=[_match(index, h, r, targets, False, read_as) for h, r in guesses[:near]],
        more=max(len(answers) - cap, 0),
        read_as=read_as,
    )


def _match(
    index: Index,
    hit: Hit,
    row: TermRow,
    targets: tuple[str, ...],
    answer: bool,
    read_as: str | None,
) -> Match:
    concept_id, data = index.concept(row.cid)
    terms_by_lang: Mapping[str, list[list[object]]] = data["terms"]  # type: ignore[assignment]
    equivalents = {
        code: _ordered(terms_by_lang[code])
        for code in targets
        if code != row.lang and terms_by_lang.get(code)
    }
    own = _ordered(terms_by_lang.get(row.lang, []))
    preferred = next((e.term for e in own if e.status is TermStatus.PREFERRED), None)
    notes = tuple(
        Note(item.get("lang"), str(item.get("text", "")))
        for item in data.get("notes", [])  # type: ignore[attr-defined]
    )
    return Match(
        concept_id=concept_id,
        lang=row.lang,
        term=row.text,
        status=row.status,
        score=hit.score,
        kind=hit.kind,
        equivalents=equivalents,
        preferred=preferred if preferred and preferred != row.text else None,
        definitions=data.get("definitions", {}),  # type: ignore[arg-type]
        concept_status=str(data.get("status", "approved")),
        notes=notes,
        confident=answer,
        read_as=read_as if hit.kind == "layout" else None,
    )


def lookup_index(
    index: Index,
    query: str,
    lang: str | None = None,
    limit: int = 10,
    to: Iterable[str] | None = None,
) -> list[Match]:
    """The concepts matching ``query`` in ``index``, best first, one per concept, at most
    ``limit``: the answers, then the nearest guesses (``Match.confident`` is False)."""
    result = find(index, query, lang=lang, limit=limit, to=to, fill=True)
    return result.matches + result.nearest


def function_words_only(index: Index, query: str) -> bool:
    """Whether ``query`` is function words and single letters only, in the index's
    languages (``в``, ``ja``, ``of the``)."""
    return analyse(query, index.languages).only_function_words


def suggestions(index: Index, query: str, limit: int = 3) -> list[str]:
    """Terms close to ``query`` for a "did you mean", when nothing matched well; none
    for a query of function words only (``в``, ``ja``, ``of the``), whose look-alikes
    (``ВО``, ``hakija``) would be noise."""
    from rapidfuzz import fuzz

    if function_words_only(index, query):
        return []
    folded = fold(query)
    scored = []
    for _, tid, text in index.fuzzy_candidates(folded, limit=200, rarest=12):
        scored.append((fuzz.ratio(folded, text), tid))
    scored.sort(reverse=True)
    rows = index.terms([tid for _, tid in scored[: limit * 3]])
    out: list[str] = []
    for ratio, tid in scored:
        if ratio < 45 or len(out) >= limit:
            break
        found = rows.get(tid)
        if found is not None and found.text not in out:
            out.append(found.text)
    return out


# -- which index ------------------------------------------------------------------------

_MEMORY: dict[int, tuple[Glossary, Index]] = {}


def open_index(path: str | os.PathLike[str] | None = None) -> Index:
    """The index of the glossary at ``path`` (see :func:`glossary.sources.resolve_path`),
    built or rebuilt when its sources changed."""
    from glossary.search.store import index_for_source

    return index_for_source(path)


def _index_for(glossary: Glossary) -> Index:
    """An index for an in-memory glossary, built once per glossary object."""
    from glossary.search.index import build

    entry = _MEMORY.get(id(glossary))
    if entry is not None and entry[0] is glossary:
        return entry[1]
    from glossary.search.store import index_for_loaded

    index = index_for_loaded(glossary) or build(glossary, None)
    if len(_MEMORY) > 8:
        _MEMORY.clear()
    _MEMORY[id(glossary)] = (glossary, index)
    return index


def lookup(
    glossary: Glossary,
    query: str,
    lang: str | None = None,
    limit: int = 10,
    to: Iterable[str] | None = None,
) -> list[Match]:
    """The concepts of ``glossary`` matching ``query``, best first."""
    return lookup_index(_index_for(glossary), query, lang=lang, limit=limit, to=to)
