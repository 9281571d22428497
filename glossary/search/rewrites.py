"""Readings of a query that lookup tries when it did not answer as typed: a coordination
completed (``perus-, ammatti- tai erikoisammattitutkinto``, ``formal and non-formal
learning``), the first word of conjuncts that share it repeated (``подготовку
квалифицированных рабочих, служащих и специалистов среднего звена``), and a one-word
query cut into the two words of a term (``tutkinnonperusteiden``).
:func:`glossary.search.tiers.collect` calls these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.search.query import Query
from glossary.search.tiers import _LONGEST_WORD, Hit, Hits, by_words, offer

if TYPE_CHECKING:
    from glossary.search.index import Index

__all__ = ["completed", "shared_head", "split_compound"]


def completed(index: Index, query: Query) -> Query | None:
    """``query`` with each suspended first part of a coordination (:attr:`Query.ellipses`)
    completed by the last part it shares with the word after the conjunction:
    ``perus-, ammatti- tai erikoisammattitutkinto`` -> ``perustutkinto ammattitutkinto
    tai erikoisammattitutkinto``. The shared part is the longest end of that word which
    makes every completed part a glossary word or a form of one; without one, ``None``.
    A coordination of phrases (:attr:`Query.coordination`) has its first conjunct
    completed by the last word of the second: ``formal and non-formal learning`` ->
    ``formal learning and non-formal learning``."""
    from glossary.search.query import analyse

    if query.coordination:
        first, _ = query.coordination
        shared = query.words
        return analyse(" ".join([*shared[:first], shared[-1], *shared[first:]]), query.languages)
    words = list(query.words)
    changed = False
    for parts, last in query.ellipses:
        word = query.words[last]
        firsts = [query.words[p] for p in parts]
        for cut in range(1, len(word) - 2):
            tail = word[cut:]
            if tail.startswith("-"):
                options = [[first + tail] for first in firsts]
            else:
                options = [[first + tail, f"{first}-{tail}"] for first in firsts]
            known = index.words_or_forms([o for option in options for o in option])
            chosen = [next((o for o in option if o in known), None) for option in options]
            if all(chosen):
                for p, whole in zip(parts, chosen, strict=True):
                    words[p] = str(whole)
                changed = True
                break
    if not changed:
        return None
    return analyse(" ".join(words), query.languages)


def shared_head(query: Query) -> Query | None:
    """``query`` with its first word repeated after its one run of conjunctions, for
    conjuncts that share it (Russian puts the head first): ``подготовку
    квалифицированных рабочих, служащих и специалистов среднего звена`` ->
    ``… и подготовку специалистов среднего звена``. ``None`` when the query has no such
    run, two words or fewer before it, none after it, or more than
    :data:`_LONGEST_COORDINATION` words."""
    from glossary.search.query import CONJUNCTIONS, analyse

    words = query.words
    runs = [i for i, w in enumerate(words) if w in CONJUNCTIONS]
    if not runs or runs[-1] - runs[0] + 1 != len(runs) or len(words) > _LONGEST_COORDINATION:
        return None
    first, end = runs[0], runs[-1] + 1
    if first < 2 or end >= len(words) or query.function[0] or words[end] == words[0]:
        return None
    return analyse(" ".join([*words[:end], words[0], *words[end:]]), query.languages)


#: Longer queries are not completed by :func:`shared_head`.
_LONGEST_COORDINATION = 12


def split_compound(index: Index, query: Query, hits: Hits) -> None:
    """A one-word query that is a two-word term written as one word, in any form
    (``tutkinnonperusteiden`` for ``tutkinnon perusteet``): the query is cut where both
    parts are glossary words or forms of them, and a term of exactly those two words
    answers as the phrase would; anything less is left alone."""
    from glossary.search.query import analyse

    word = query.content[0]
    if not 8 <= len(word) <= _LONGEST_WORD or "-" in word:
        return
    cuts = range(_MIN_SPLIT, len(word) - _MIN_SPLIT + 1)
    known = index.words_or_forms([word[:c] for c in cuts] + [word[c:] for c in cuts])
    for cut in cuts:
        if word[:cut] in known and word[cut:] in known:
            phrase = analyse(f"{word[:cut]} {word[cut:]}", query.languages)
            found: Hits = {}
            by_words(index, phrase, found)
            for tid, hit in found.items():
                if (
                    hit.kind in ("normalized", "lemma")
                    and not hit.guess
                    and index.terms([tid])[tid].content == 2
                ):
                    offer(hits, tid, Hit(round(hit.score - 2.0, 1), "lemma"))


#: The shortest part of a split compound (:func:`split_compound`).
_MIN_SPLIT = 3
