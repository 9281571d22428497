"""Shapes of a query that lookup reads as a term written another way: a term with its
first, classifying words left out (``osaamisen kehittämissuunnitelma`` for
*henkilökohtainen osaamisen kehittämissuunnitelma*), and an abbreviation joined to a
word by a hyphen (``Valma-koulutuksissa``). :mod:`glossary.search.tiers` calls these
only when the query did not answer as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.search.query import CONJUNCTIONS, Query, function_words
from glossary.search.tiers import _SAME_WORD, Hit, Hits, offer

if TYPE_CHECKING:
    from glossary.search.index import Index, TermRow

__all__ = ["abbreviation_compound", "shortened_name", "tail_of_term"]


def abbreviation_compound(index: Index, query: Query) -> Query | None:
    """``query`` with each hyphen compound whose first part is an abbreviation of the
    glossary, in any letter case, written as two words (``Valma-koulutuksissa`` ->
    ``valma koulutuksissa``), so that the abbreviation and the word after it are matched
    as a phrase (an abbreviation followed by the head of its own full term answers, as
    in ``TUVA koulutuksessa``); ``None`` when there is none."""
    from glossary.search.query import analyse

    words = list(query.words)
    firsts = {w.split("-", 1)[0] for w in words if "-" in w.strip("-")}
    firsts = {f for f in firsts if len(f) >= 2}
    if not firsts:
        return None
    abbreviations = {
        row.text.casefold()
        for row in index.terms([t for f in firsts for t in index.by_key(f, "fold")]).values()
        if row.abbr
    }
    changed = False
    for at, word in enumerate(words):
        first, _, rest = word.partition("-")
        if rest and first in abbreviations:
            words[at] = f"{first} {rest}"
            changed = True
    return analyse(" ".join(words), query.languages) if changed else None


def shortened_name(rows: dict[int, TermRow], found: dict[int, float | None], hits: Hits) -> None:
    """A phrase whose words all sit in longer terms (``found``: term id -> the score as
    a shortened name, or None) answers when the terms are of one concept only and one
    of them is the phrase with its first, classifying words left out (``osaamisen
    kehittämissuunnitelma`` for *henkilökohtainen osaamisen kehittämissuunnitelma*,
    ``development plan``): nothing else in the glossary could be meant. (The caller
    checks that no term is the phrase's head alone: ``ohjaavan opettajan`` is a kind of
    *opettaja*, teacher, more than a short *harjoittelua ohjaava opettaja*.)"""
    if len({rows[tid].cid for tid in found if tid in rows}) != 1:
        return
    for tid, score in found.items():
        if score is not None:
            offer(hits, tid, Hit(score, "word"))


def tail_of_term(row: TermRow, positions: dict[int, tuple[float, str, int, bool]]) -> bool:
    """Whether the query words cover the last words of the term, in order, and the
    language puts the head last: the term with its first words left out, if they are
    content words (*Centre of* is the head of *Centre of Vocational Excellence*)."""
    from glossary.languages import get as plugin
    from glossary.search.keys import fold

    ordered = sorted(positions)
    order = [positions[p][2] for p in ordered]
    if not (
        plugin(row.lang).head_last
        and ordered == list(range(row.words - len(ordered), row.words))
        and order == sorted(order)
        and all(v[1] in _SAME_WORD for v in positions.values())
    ):
        return False
    small = function_words((row.lang,))
    left_out = fold(row.text).split()[: ordered[0]]
    return not any(w in small or w in CONJUNCTIONS or len(w) <= 1 for w in left_out)
