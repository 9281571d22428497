"""Term lookup: find the concept behind whatever a translator types.

A query is matched in tiers, each with its score and ``kind`` (docs/lookup.md):

============  =====  ===============================================================
kind          score  how
============  =====  ===============================================================
exact         100    the term as written
normalized    93-98  ignoring case, diacritics (ä=a, ё=е), hyphens and spaces
lemma         ≤ 92   every word of the term found as one of its inflected forms or
                     stems (``ammatillisessa koulutuksessa``, ``на рынке труда``)
translit      ≤ 90   a Latin transliteration of a Russian term, in any scheme
prefix        ≤ 82   the beginning of a term (``ammatillinen koul``)
word          ≤ 78   some words of a longer term
fuzzy         ≤ 85   a typo: similar strings, found through shared trigrams
============  =====  ===============================================================

One match per concept, through its best term; each match carries the concept's terms
in the other languages, preferred first, with their status.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.model import Glossary, TermStatus
from glossary.search.keys import compact, fold, is_cyrillic, skeleton, words

if TYPE_CHECKING:
    from glossary.search.index import Index, TermRow

__all__ = ["Equivalent", "Match", "fold", "lookup", "lookup_index", "open_index"]

_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}
#: How much a word found by each route counts, relative to the same word as written.
_WORD_WEIGHT = {
    "same": 1.0,
    "form": 0.98,
    "lemma": 0.98,
    "skeleton": 0.95,
    "stem": 0.9,
    "prefix": 0.8,
    "fuzzy": 0.75,
}
#: Below this, the best match is not good enough to stop looking for typos.
_GOOD = 90.0
_MIN_SCORE = 50.0


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
    #: Definitions by language, for display.
    definitions: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

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


@dataclass(slots=True)
class _Hit:
    score: float
    kind: str


def _in_lang(row: TermRow, lang: str | None) -> bool:
    return lang is None or row.lang == lang or row.lang.startswith(lang + "-")


def _whole_term(index: Index, query: str, hits: dict[int, _Hit]) -> None:
    def offer(tid: int, score: float, kind: str) -> None:
        if tid not in hits or hits[tid].score < score:
            hits[tid] = _Hit(score, kind)

    wanted = " ".join(query.split())
    folded = fold(query)
    rows = index.terms(index.by_key(folded, "fold"))
    for tid, row in rows.items():
        if row.text == wanted:
            offer(tid, 100.0, "exact")
        elif row.text.casefold() == wanted.casefold():
            offer(tid, 98.0, "normalized")
        else:
            offer(tid, 96.0, "normalized")
    for tid in index.by_key(compact(query), "compact"):
        offer(tid, 94.0, "normalized")
    if not is_cyrillic(query):
        key = skeleton(query)
        if key and len(key.replace(" ", "")) >= 3:
            for tid in index.by_key(key, "skeleton"):
                offer(tid, 90.0, "translit")
    if len(folded) >= 3:
        for key, tid in index.by_key_prefix(folded, "fold"):
            if key != folded:
                offer(tid, 82.0 - min(12.0, (len(key) - len(folded)) / 2), "prefix")


def _word_matches(
    index: Index, word: str, languages: Sequence[str]
) -> dict[str, tuple[float, str]]:
    """Term words that a query word may stand for: term word -> (weight, route)."""
    from glossary.languages import get as plugin

    found: dict[str, tuple[float, str]] = {}

    def offer(term_word: str, route: str) -> None:
        weight = _WORD_WEIGHT[route]
        if term_word not in found or found[term_word][0] < weight:
            found[term_word] = (weight, route)

    offer(word, "same")
    for kind, term_word in index.word_keys(word):
        offer(term_word, "form" if kind == "form" else kind)
    latin = not is_cyrillic(word)
    if latin:
        key = skeleton(word)
        if len(key) >= 3:
            for kind, term_word in index.word_keys(key):
                if kind == "skeleton":
                    offer(term_word, "skeleton")
    seen_stems = set()
    for lang in languages:
        language = plugin(lang)
        stem = language.stem(word)
        if stem not in seen_stems:
            seen_stems.add(stem)
            for kind, term_word in index.word_keys(stem):
                if kind == "stem":
                    offer(term_word, "stem")
        for lemma in language.lemmas(word):
            offer(lemma, "lemma")
            for kind, term_word in index.word_keys(lemma):
                if kind == "form":
                    offer(term_word, "lemma")
    if len(word) >= 4:
        for term_word in index.words_with_prefix(word):
            if term_word != word:
                offer(term_word, "prefix")
    return found


def _by_words(index: Index, query_words: list[str], hits: dict[int, _Hit]) -> None:
    if not query_words:
        return
    languages = index.languages or ("und",)
    # For every term containing a matched word: which term positions are covered, how well.
    covered: dict[int, dict[int, tuple[float, str, int]]] = defaultdict(dict)
    for q_position, word in enumerate(query_words):
        for term_word, (weight, route) in _word_matches(index, word, languages).items():
            for tid, position in index.postings(term_word):
                best = covered[tid].get(position)
                if best is None or best[0] < weight:
                    covered[tid][position] = (weight, route, q_position)
    rows = index.terms(covered)
    for tid, positions in covered.items():
        row = rows[tid]
        total = row.words
        if not total:
            continue
        matched = len(positions)
        weights = [w for w, _, _ in positions.values()]
        routes = {r for _, r, _ in positions.values()}
        used = {q for _, _, q in positions.values()}
        # Query words the term does not account for: a short word (в, на, of, ja) is
        # likely a preposition around the term; a longer one, a longer concept.
        extra = sum(
            1.0 if len(query_words[q]) <= 2 else 12.0
            for q in range(len(query_words))
            if q not in used
        )
        if matched == total:
            score = 92.0 * sum(weights) / total - extra
            order = [q for _, (_, _, q) in sorted(positions.items())]
            if order != sorted(order):
                score -= 1.0
            if routes <= {"same"}:
                kind = "normalized" if not extra else "word"
            elif "skeleton" in routes:
                kind = "translit"
            elif routes <= {"same", "prefix"}:
                kind = "prefix"
            else:
                kind = "lemma"
        else:
            score = 74.0 * (sum(weights) / total) * (matched / total) ** 0.5 - extra
            kind = "word"
        if tid not in hits or hits[tid].score < score:
            hits[tid] = _Hit(round(score, 1), kind)


def _fuzzy(index: Index, query: str, hits: dict[int, _Hit], lang: str | None) -> None:
    from rapidfuzz import fuzz

    folded = fold(query)
    probes = [folded]
    if not is_cyrillic(query):
        key = skeleton(query)
        if key and key != folded:
            probes.append(key)
    for probe in probes:
        for _, tid, text in index.fuzzy_candidates(probe):
            ratio = fuzz.ratio(probe, text)
            if ratio < 70:
                continue
            score = round(40.0 + 0.45 * ratio, 1)
            if tid not in hits or hits[tid].score < score:
                hits[tid] = _Hit(score, "fuzzy")


def _ordered(terms: Iterable[list[object]]) -> tuple[Equivalent, ...]:
    from glossary.search.index import STATUS_OF

    items = [(str(t[0]), STATUS_OF[int(t[1])]) for t in terms]  # type: ignore[call-overload]
    ranked = sorted(enumerate(items), key=lambda item: (_STATUS_RANK[item[1][1]], item[0]))
    return tuple(Equivalent(text, status) for _, (text, status) in ranked)


def _rank(hit: _Hit, row: TermRow) -> tuple[float, int, int]:
    """Best term of a concept: highest score, then the most usable status, then first."""
    return (hit.score, -_STATUS_RANK[row.status], -row.tid)


def _order(item: tuple[_Hit, TermRow]) -> tuple[float, int, int, int]:
    """Results: best score first; then preferred terms, shorter terms, source order."""
    hit, row = item
    return (-hit.score, _STATUS_RANK[row.status], len(row.text), row.cid)


def lookup_index(
    index: Index,
    query: str,
    lang: str | None = None,
    limit: int = 10,
    to: Iterable[str] | None = None,
) -> list[Match]:
    """The concepts matching ``query`` in ``index``, best first, one per concept."""
    query = " ".join(query.split())
    if not fold(query):
        return []
    hits: dict[int, _Hit] = {}
    _whole_term(index, query, hits)
    _by_words(index, words(query), hits)
    best = max((h.score for tid, h in hits.items()), default=0.0)
    if best < _GOOD:
        _fuzzy(index, query, hits, lang)

    rows = index.terms(hits)
    per_concept: dict[int, tuple[_Hit, TermRow]] = {}
    for tid, hit in hits.items():
        row = rows[tid]
        if hit.score < _MIN_SCORE or not _in_lang(row, lang):
            continue
        current = per_concept.get(row.cid)
        if current is None or _rank(hit, row) > _rank(*current):
            per_concept[row.cid] = (hit, row)
    ordered = sorted(per_concept.values(), key=_order)[: max(limit, 0)]
    targets = tuple(to) if to else index.languages
    matches = []
    for hit, row in ordered:
        concept_id, data = index.concept(row.cid)
        terms_by_lang: Mapping[str, list[list[object]]] = data["terms"]  # type: ignore[assignment]
        equivalents = {
            code: _ordered(terms_by_lang[code])
            for code in targets
            if code != row.lang and terms_by_lang.get(code)
        }
        own = _ordered(terms_by_lang.get(row.lang, []))
        preferred = next((e.term for e in own if e.status is TermStatus.PREFERRED), None)
        matches.append(
            Match(
                concept_id=concept_id,
                lang=row.lang,
                term=row.text,
                status=row.status,
                score=hit.score,
                kind=hit.kind,
                equivalents=equivalents,
                preferred=preferred if preferred and preferred != row.text else None,
                definitions=data.get("definitions", {}),  # type: ignore[arg-type]
            )
        )
    return matches


def suggestions(index: Index, query: str, limit: int = 3) -> list[str]:
    """Terms close to ``query`` for a "did you mean", when nothing matched well."""
    from rapidfuzz import fuzz

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
