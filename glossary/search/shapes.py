"""Shapes of a query that lookup reads as a term written another way: a term with its
first, classifying words left out (``osaamisen kehittämissuunnitelma`` for
*henkilökohtainen osaamisen kehittämissuunnitelma*), and an abbreviation joined to a
word by a hyphen (``Valma-koulutuksissa``). :mod:`glossary.search.tiers` calls these
only when the query did not answer as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.search.keys import fold
from glossary.search.query import CONJUNCTIONS, Query, function_words
from glossary.search.tiers import _SAME_WORD, Hit, Hits, offer

if TYPE_CHECKING:
    from glossary.search.index import Index, TermRow

__all__ = ["abbreviation_compound", "shortened_name", "tail_of_term", "term_compound"]


def _hyphen_rows(index: Index, query: Query) -> list[TermRow]:
    """The term rows whose folded text is the first part (two letters or more, no
    function word) of a query word joined by a hyphen."""
    small = function_words(query.languages)
    firsts = {w.split("-", 1)[0] for w in query.words if "-" in w.strip("-")}
    firsts = {f for f in firsts if len(f) >= 2 and f not in small}
    return list(index.terms([t for f in firsts for t in index.by_key(f, "fold")]).values())


def abbreviation_compound(index: Index, query: Query, hits: Hits) -> None:
    """A query with a hyphen compound whose first part is an abbreviation of the
    glossary, in any letter case (``Valma-koulutuksissa``), matched as the abbreviation
    and the word after it (``valma koulutuksissa``: an abbreviation followed by the head
    of its own full term answers, as ``TUVA koulutuksessa`` does). Only the concepts of
    the abbreviations are offered: the rest of the compound alone names none of them
    (``ВО-образование`` is no query for every concept with *образование*)."""
    from glossary.search.query import analyse
    from glossary.search.tiers import by_words

    words = list(query.words)
    concepts = {fold(row.text): row.cid for row in _hyphen_rows(index, query) if row.abbr}
    wanted: set[int] = set()
    for at, word in enumerate(words):
        first, _, rest = word.partition("-")
        if rest and first in concepts:
            words[at] = f"{first} {rest}"
            wanted.add(concepts[first])
    if not wanted:
        return
    found: Hits = {}
    by_words(index, analyse(" ".join(words), query.languages), found)
    rows_found = index.terms(found)
    for tid, hit in found.items():
        row = rows_found.get(tid)
        if row is not None and row.cid in wanted:
            offer(hits, tid, hit)


def term_compound(index: Index, query: Query, hits: Hits) -> None:
    """A query with a hyphen compound whose first part is a one-word term of a language
    that puts the head last (``Europass-Diploma Supplement``, ``AMK-valintakokeessa``),
    matched with the hyphen read as a space: the first term modifies what follows it,
    so the terms inside answer as ``part`` if nothing is left over, the head first
    (*Diploma Supplement*, *valintakoe*). ``HOKS-keskustelun`` stays a guess (no term
    accounts for *keskustelu*), and so does a compound of one term twice. A word after
    the hyphen that says what kind of thing the term is (a plug-in's
    ``classifier_words``: ``Opintopolku-järjestelmän``) is left out after a term that is
    no abbreviation: the compound is the term's own concept."""
    from glossary.search.query import analyse, classifier_word
    from glossary.search.runs import Inside
    from glossary.search.spans import _head_last, answer_parts
    from glossary.search.tiers import by_words

    if not any(_head_last(lang) for lang in query.languages):
        return
    words = list(query.words)
    rows = _hyphen_rows(index, query)
    terms = {fold(row.text) for row in rows if row.content == 1 and _head_last(row.lang)}
    names = {fold(row.text) for row in rows if not row.abbr}
    changed = False
    for at, word in enumerate(words):
        first, _, rest = word.partition("-")
        if first in terms and rest and "-" not in rest and rest != first:
            kind = first in names and any(classifier_word(rest, lang) for lang in query.languages)
            if kind and index.words_or_forms([first + rest]):
                # ``etäopiskelu-järjestelmässä``: the compound is a term word of its own.
                words[at] = first + rest
            else:
                words[at] = first if kind else f"{first} {rest}"
            changed = True
    if not changed:
        return
    whole = analyse(" ".join(words), query.languages)
    inside: list[Inside] = []
    found: Hits = {}
    by_words(index, whole, found, inside=inside)
    answer_parts(index, whole, inside, found)
    for tid, hit in found.items():
        offer(hits, tid, hit)


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
