"""Whole terms in runs of a query's words.

:func:`term_runs` finds where the content words of one term stand in a query, each once, in
any order, with only function words between them: the ``inside`` matches that the part
tier (:func:`glossary.search.spans.answer_parts`) and ``glossary scan`` build on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from glossary.search.index import TermRow
    from glossary.search.query import Query

__all__ = ["Inside", "term_runs"]


class Inside(NamedTuple):
    """A whole term found in a run of the query's words, ``start`` to ``end`` (positions
    in :attr:`Query.words`, end exclusive), with the score it has there alone."""

    start: int
    end: int
    tid: int
    score: float
    kind: str
    #: Found through Snowball stems alone: a word derived from the term's
    #: (``accredited``, ``occupational`` for *accreditation*, *occupation*).
    stem_only: bool = False


def term_runs(
    query: Query, row: TermRow, at: dict[int, dict[int, tuple[float, str]]], inside: list[Inside]
) -> None:
    """Every run of the query's words that is the whole term ``row`` (its content words,
    each once, in any order, with only function words between them): ``at`` gives, for
    each query position, the term's content positions it may stand for."""
    need = row.content
    if need < 1:
        return
    content = query.content_positions
    order = sorted(at)
    for first in order:
        if row.abbr and not _as_written(at[first]):
            continue
        taken: dict[int, tuple[float, str]] = {}
        used: set[int] = set()
        position = first
        end = first
        while True:
            free = [(p, v) for p, v in at.get(position, {}).items() if p not in taken]
            if not free or (row.abbr and not _as_written(at[position])):
                break
            term_position, value = max(free, key=lambda item: item[1][0])
            taken[term_position] = value
            used.add(position)
            end = position + 1
            if len(taken) == need:
                break
            position = end
            # Function words between the words of a term; a word of a preposition of
            # several words may be one of the term's (``обучение в течение всей жизни``).
            while position < len(query.words) and not _may_take(position, content, at, taken):
                position += 1
        if len(taken) < need:
            continue
        spare = sum(1 for p in range(first, end) if p not in content and p not in used)
        mean = sum(v[0] for v in taken.values()) / need
        inverted = list(taken) != sorted(taken)
        score = round(92.0 * mean - 0.5 * spare - inverted, 1)
        routes = {v[1] for v in taken.values()}
        kind = "normalized" if routes <= {"same"} else "lemma"
        inside.append(Inside(first, end, row.tid, score, kind, routes == {"stem"}))


def _may_take(
    position: int,
    content: frozenset[int],
    at: dict[int, dict[int, tuple[float, str]]],
    taken: dict[int, tuple[float, str]],
) -> bool:
    """Whether a run of a term's words goes on at ``position``: a content word, or a
    function word that is one of the term's words not yet taken."""
    return position in content or any(p not in taken for p in at.get(position, ()))


def _as_written(places: dict[int, tuple[float, str]]) -> bool:
    """An abbreviation matches only as written: no forms or stems."""
    return all(route == "same" for _, route in places.values())
