"""Glossary terms inside a longer run of words.

:func:`spans` finds the terms of a query or a sentence as runs of its words (inflected
forms and abbreviations too), the longest first and without overlaps, left to right:
what ``glossary scan`` marks in running text. :func:`answer_parts` is the lookup tier
built on the same matches: when the whole query is not a term, the longest terms inside
it answer (kind ``part``) if nothing else is left over, that is when every other word of
the query is a function word, a word that frames a term without changing what it names
(``в системе СПО``, ``Министерство просвещения РФ``) or a word of another term found
there (``Ammatillisen koulutuksen järjestäjät``, ``ФГОС СПО``). A phrase with a word
the glossary cannot account for (``Laki ammatillisesta koulutuksesta``, ``heikosti
koulutettujen työttömyys``) names another concept, so its terms stay nearest guesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary.search.query import CONJUNCTIONS, Query, analyse, frame_words
from glossary.search.runs import Inside
from glossary.search.tiers import CONFIDENT, LONGEST_PHRASE, Hit, Hits, by_words, offer

if TYPE_CHECKING:
    from glossary.search.index import Index

__all__ = ["Span", "SpanTerm", "answer_parts", "spans"]

#: What a part scores: this, plus up to :data:`_SHARE_POINTS` for the share of the
#: query's content words it covers; each further part of the same query 2 less.
_PART_BASE = CONFIDENT
_SHARE_POINTS = 8.0
_NEXT_PART = 2.0


@dataclass(frozen=True, slots=True)
class SpanTerm:
    """A term found as a run of words."""

    concept_id: str
    term: str
    lang: str
    score: float
    kind: str


@dataclass(frozen=True, slots=True)
class Span:
    """Words ``start`` to ``end`` (end exclusive) of :attr:`Query.words`, which are a
    term in some form; ``terms`` holds every term they are, best first."""

    start: int
    end: int
    text: str
    terms: tuple[SpanTerm, ...]


def spans(index: Index, query: Query | str, line: float = CONFIDENT) -> list[Span]:
    """The terms in ``query`` (a phrase or a sentence), as runs of its words: at each
    word the longest run that is a term scoring at least ``line``, then on after it,
    never overlapping. ``ammatillisen koulutuksen järjestäjät`` gives
    ``ammatillisen koulutuksen`` then nothing for ``järjestäjät`` alone."""
    if not isinstance(query, Query):
        query = analyse(query, index.languages)
    inside: list[Inside] = []
    if query.folded:
        by_words(index, query, {}, inside=inside)
    by_run: dict[tuple[int, int], list[Inside]] = {}
    for one in inside:
        if one.score >= line:
            by_run.setdefault((one.start, one.end), []).append(one)
    out: list[Span] = []
    reached = 0
    for start, end in sorted(by_run, key=lambda run: (run[0], -run[1])):
        if start < reached:
            continue
        reached = end
        found = sorted(by_run[start, end], key=lambda f: (-f.score, f.tid))
        rows = index.terms([f.tid for f in found])
        terms = tuple(
            SpanTerm(
                index.concept(rows[f.tid].cid)[0],
                rows[f.tid].text,
                rows[f.tid].lang,
                f.score,
                f.kind,
            )
            for f in found
        )
        out.append(Span(start, end, " ".join(query.words[start:end]), terms))
    return out


def answer_parts(index: Index, query: Query, inside: Sequence[Inside], hits: Hits) -> None:
    """Offer the terms found inside ``query`` as answers of kind ``part`` when nothing
    of the query is left over (module docstring). The longest comes first; of two as
    long, the last in a language whose terms are compounds of modifiers and a head at
    the end (Finnish: ``ammatillisen koulutuksen järjestäjät`` is a ``järjestäjä``),
    else the first (``ФГОС СПО`` is a ``ФГОС``)."""
    content = query.content_positions
    if not 2 <= len(content) <= LONGEST_PHRASE or query.only_function_words:
        return
    first, last = min(content), max(content)
    # A word that shares only its stem with a term is derived from it (``accredited
    # consortium coordinator``, ``occupational mobility``): a modifier that classifies,
    # so it accounts for no part of the phrase.
    found = [
        f
        for f in inside
        if f.score >= CONFIDENT and not f.stem_only and not (f.start <= first and last < f.end)
    ]
    if not found:
        return
    covered = {p for f in found for p in range(f.start, f.end) if p in content}
    frames = frame_words(tuple(index.languages))
    if any(p not in covered and not _frames(query.words[p], frames) for p in content):
        return  # a word the glossary cannot account for: another concept

    def words(run: tuple[int, int]) -> int:
        return sum(1 for p in range(*run) if p in content)

    runs = {(f.start, f.end) for f in found}
    widest = [
        run for run in runs if not any(o != run and o[0] <= run[0] and run[1] <= o[1] for o in runs)
    ]
    rows = index.terms([f.tid for f in found])
    concepts: dict[tuple[int, int], set[int]] = {}
    for f in found:
        concepts.setdefault((f.start, f.end), set()).add(rows[f.tid].cid)
    if any(
        a[0] < b[1] and b[0] < a[1] and not concepts[a] & concepts[b]
        for a in widest
        for b in widest
    ):
        # Terms of different concepts that overlap (``assessment of learning`` and
        # ``learning outcomes``): the fewest terms that cover the phrase without sharing
        # a word, if there are any (``assessment`` and ``learning outcomes``).
        widest = _tiling(runs, content, query.words, frames) or widest
    conjuncts = any(word in CONJUNCTIONS for word in query.words)
    if conjuncts:
        # Conjuncts: the longest first; of two as long, the last in a compounding
        # language, else the first.
        last_first = {(f.start, f.end) for f in found if _compounding(rows[f.tid].lang)}

        def rank(run: tuple[int, int]) -> tuple[int, ...]:
            return (-words(run), -run[0] if run in last_first else run[0])
    else:
        # Terms that modify one another: the head first, whatever its length. A term
        # right after another is its head where the language puts the head last
        # (``learning outcomes descriptors``); one after a preposition is its complement
        # (``Osnabrück Declaration on VET``, ``аттестат об основном общем образовании``).
        head_last = {(f.start, f.end) for f in found if _head_last(rows[f.tid].lang)}
        order = sorted(widest)
        head = order[0]
        for run in order[1:]:
            if run in head_last and run[0] <= head[1]:
                head = run

        def rank(run: tuple[int, int]) -> tuple[int, ...]:
            return (run != head, run[0])

    widest_share = max(words(run) for run in widest) / len(content)
    for place, run in enumerate(sorted(widest, key=rank)):
        # Conjuncts score by their share of the query; of terms that modify one
        # another, the head takes the share of the longest.
        share = words(run) / len(content) if conjuncts else widest_share
        score = round(_PART_BASE + _SHARE_POINTS * share - _NEXT_PART * place, 1)
        for f in found:
            if (f.start, f.end) == run:
                offer(hits, f.tid, Hit(max(min(score, f.score), _PART_BASE), "part"))


def _tiling(
    runs: set[tuple[int, int]],
    content: frozenset[int],
    words: Sequence[str],
    frames: frozenset[str],
) -> list[tuple[int, int]]:
    """The fewest ``runs`` that do not overlap and leave no content word uncovered
    (frame words may stay out), leftmost first; empty when there are none."""
    end = len(words)
    # best[i]: the fewest runs that tile positions i.. (None: impossible).
    best: list[list[tuple[int, int]] | None] = [None] * (end + 1)
    best[end] = []
    for i in range(end - 1, -1, -1):
        options: list[list[tuple[int, int]]] = []
        if i not in content or _frames(words[i], frames):
            rest = best[i + 1]
            if rest is not None:
                options.append(rest)
        for run in sorted(runs):
            rest = best[run[1]] if run[0] == i else None
            if rest is not None:
                options.append([run, *rest])
        best[i] = min(options, key=len) if options else None
    return best[0] or []


def _frames(word: str, frames: frozenset[str]) -> bool:
    """Whether ``word`` frames a term: a frame word of the language (``в системе``,
    ``РФ``), or a number (``2020 Council Recommendation on VET``, ``ФГОС СПО 2022``)."""
    return word in frames or word.isdigit()


@lru_cache(maxsize=16)
def _head_last(lang: str) -> bool:
    from glossary.languages import get as plugin

    return plugin(lang).head_last


@lru_cache(maxsize=16)
def _compounding(lang: str) -> bool:
    from glossary.languages import get as plugin

    return plugin(lang).compounds
