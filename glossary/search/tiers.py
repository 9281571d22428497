"""The tiers of lookup: each reads the analysed :class:`~glossary.search.query.Query` and
offers hits (a score, a kind, and whether a rule makes it a guess) for terms of the index.

Scores are calibrated so that one line, :data:`CONFIDENT`, separates answers from
guesses (docs/lookup.md gives the figures): whole terms matched in any form score 80 and
more, a word of a longer term 80–88, a compound that has the word 78–80, typos
40 + 0.45 × similarity, beginnings 60–85 by how much of the term they cover. A hit is a
guess, whatever its score, when the query is nothing but function words, when it only
looks like a term whose words the query has, when the term says more than a query of
several words (apart from the country in a name), when a "typo" changes more than a
few letters of a word, and when a one-word compound is a word of a term but not its
head. Each query word that is not a function word and that the term does not account
for costs 15 points, which puts a whole term found inside a longer phrase just below
the line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from glossary.search.keys import fold
from glossary.search.query import CONJUNCTIONS, Query, country_words, function_words
from glossary.search.runs import Inside, term_runs

if TYPE_CHECKING:
    from glossary.languages.base import Language
    from glossary.search.index import Index, TermRow

__all__ = ["CONFIDENT", "Hit", "collect"]

#: Hits at or above this score are answers; below it, guesses (``--min-score`` moves it).
CONFIDENT = 78.0
#: How much a word found by each route counts, relative to the same word as written.
WORD_WEIGHT = {
    "same": 1.0,
    "form": 0.98,
    "lemma": 0.98,
    "skeleton": 0.95,
    "stem": 0.9,
    "compound": 0.8,
    "prefix": 0.8,
}
#: Routes by which a query word is a form of the term word (the rest only look alike).
_SAME_WORD = frozenset({"same", "form", "lemma", "skeleton", "stem"})
#: What each query word that the term does not account for costs.
UNACCOUNTED = 15.0
#: The slow readings (compound heads of query words, other keyboard layouts) are tried
#: only when nothing scored this much.
SLIP = 75.0
#: Longer query words are not split into compound parts (no term word is this long).
_LONGEST_WORD = 60
#: A query of more content words than this is running text, not a phrase that a term
#: inside it could answer.
LONGEST_PHRASE = 40
#: Below this, the best match is not good enough to stop looking for typos.
_GOOD = 90.0
_FLOOR = 50.0


@dataclass(slots=True)
class Hit:
    score: float
    kind: str
    guess: bool = False

    def key(self) -> tuple[bool, float]:
        return (not self.guess, self.score)


Hits = dict[int, Hit]


class _Shape(NamedTuple):
    """What scoring a term (:func:`_score_words`) tells :func:`by_words` besides its hit:
    either every query word is in the longer term (``within``), with ``tail`` its score
    as a shortened name of it or None when it is none; or the term is whole with query
    words left over, ``used`` the query positions it covers."""

    within: bool
    tail: float | None = None
    used: frozenset[int] = frozenset()


def offer(hits: Hits, tid: int, hit: Hit) -> None:
    current = hits.get(tid)
    if current is None or hit.key() > current.key():
        hits[tid] = hit


def confident(hit: Hit, line: float = CONFIDENT) -> bool:
    return not hit.guess and hit.score >= line


# -- whole terms ------------------------------------------------------------------------


def whole_term(index: Index, query: Query, hits: Hits) -> None:
    rows = index.terms(index.by_key(query.folded, "fold"))
    for tid, row in rows.items():
        if row.text == query.text:
            offer(hits, tid, Hit(100.0, "exact"))
        elif row.text.casefold() == query.text.casefold():
            offer(hits, tid, Hit(98.0, "normalized"))
        else:
            offer(hits, tid, Hit(96.0, "normalized"))
    if query.compact != query.folded:
        for tid in index.by_key(query.compact, "compact"):
            offer(hits, tid, Hit(94.0, "normalized"))
    key = query.skeleton
    if key and len(key.replace(" ", "")) >= 3:
        for tid in index.by_key(key, "skeleton"):
            offer(hits, tid, Hit(90.0, "translit"))
    for reading in query.abbreviations:
        found = index.terms(index.by_key(reading, "fold"))
        for tid, row in found.items():
            if row.abbr:
                offer(hits, tid, Hit(91.0, "lemma"))
    if query.declined:
        # ``вуза``: an abbreviation that the glossary writes as a word declines as one.
        found = index.terms([t for r in query.declined for t in index.by_key(r, "fold")])
        for tid, row in found.items():
            if row.abbr and " " not in row.text and row.text[1:].islower():
                offer(hits, tid, Hit(91.0, "lemma"))
    folded = query.folded
    if len(folded) >= 3:
        phrase = len(query.content) >= 2
        for key, tid in index.by_key_prefix(folded, "fold"):
            if key != folded:
                share = len(folded) / len(key)
                # A phrase that a longer term continues with more words names a
                # narrower concept (``Erasmus+ Programme`` -> ``Erasmus+ Programme Guide``).
                narrower = phrase and key[len(folded)] == " "
                offer(hits, tid, Hit(round(60.0 + 25.0 * share, 1), "prefix", narrower))


# -- words ------------------------------------------------------------------------------


def word_matches(
    index: Index, word: str, languages: Sequence[str], function: bool
) -> dict[str, tuple[float, str]]:
    """Term words that a query word may stand for: term word -> (weight, route). A
    function word stands only for itself."""
    from glossary.languages import get as plugin
    from glossary.search.keys import is_cyrillic, skeleton

    found: dict[str, tuple[float, str]] = {}

    def take(term_word: str, route: str) -> None:
        weight = WORD_WEIGHT[route]
        if term_word not in found or found[term_word][0] < weight:
            found[term_word] = (weight, route)

    take(word, "same")
    if function:
        return found
    for kind, term_word in index.word_keys(word):
        if kind in ("form", "stem", "skeleton"):
            take(term_word, kind)
    if not is_cyrillic(word):
        key = skeleton(word)
        if len(key) >= 3 and key != word:
            for kind, term_word in index.word_keys(key):
                if kind == "skeleton":
                    take(term_word, "skeleton")
    seen_stems = set()
    for lang in languages:
        language = plugin(lang)
        stem = language.stem(word)
        if stem != word and stem not in seen_stems:
            seen_stems.add(stem)
            for kind, term_word in index.word_keys(stem):
                if kind == "stem":
                    take(term_word, "stem")
        for lemma in language.lemmas(word):
            take(lemma, "lemma")
            for kind, term_word in index.word_keys(lemma):
                if kind == "form":
                    take(term_word, "lemma")
    if len(word) >= 4:
        for term_word in index.words_with_prefix(word):
            if term_word != word:
                take(term_word, "prefix")
    return found


def query_heads(index: Index, word: str) -> dict[str, tuple[float, str]]:
    """Term words that the last part of a compound query word is a form of
    (``opiskelijaliikkuvuuden`` -> ``liikkuvuus``): the longest such part."""
    from glossary.search.index import MIN_HEAD, MIN_MODIFIER

    tails = [word[cut:].lstrip("-") for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1)]
    tails = [tail for tail in tails if len(tail) >= MIN_HEAD]
    if not tails:
        return {}
    known = index.words_or_forms(tails)
    for tail in tails:  # longest first
        if known.get(tail):
            return {w: (WORD_WEIGHT["compound"], "compound") for w in known[tail]}
    return {}


def by_words(
    index: Index,
    query: Query,
    hits: Hits,
    extra: dict[int, dict[str, tuple[float, str]]] | None = None,
    inside: list[Inside] | None = None,
) -> set[int]:
    """Terms that have the query's words: whole terms in any form (every content word of
    the term found), words of longer terms, and compounds whose head is the word. Returns
    the positions of the query words that are (forms of) term words. Whole terms found
    in a run of the query's words are added to ``inside``."""
    known: set[int] = set()
    if not query.words:
        return known
    languages = index.languages or ("und",)
    small = function_words(tuple(languages))
    single = len(query.content) == 1
    # term id -> position -> (weight, route, query position, is a content word)
    covered: dict[int, dict[int, tuple[float, str, int, bool]]] = defaultdict(dict)
    heads: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    # For runs: term id -> query position -> term position -> (weight, route).
    spread: dict[int, dict[int, dict[int, tuple[float, str]]]] = defaultdict(dict)
    for q_position, word in enumerate(query.words):
        function = query.function[q_position]
        found = word_matches(index, word, languages, function)
        if inside is not None:
            # An abbreviation with a case ending (``HOKSin``) in a run of words; alone,
            # the whole-term tier scores it.
            for at, reading in query.abbreviation_at:
                if at == q_position and reading not in small:
                    for tid, position in index.postings(reading):
                        spread[tid].setdefault(q_position, {})[position] = (1.0, "same")
        if extra and q_position in extra:
            for term_word, value in extra[q_position].items():
                found.setdefault(term_word, value)
        same: list[str] = []
        for term_word, (weight, route) in found.items():
            postings = index.postings(term_word)
            if postings and route in _SAME_WORD:
                same.append(term_word)
            content_word = len(term_word) > 1 and term_word not in small
            cover = (weight, route, q_position, content_word)
            runs = inside is not None and content_word and route in _SAME_WORD
            for tid, position in postings:
                best = covered[tid].get(position)
                if best is None or best[0] < weight:
                    covered[tid][position] = cover
                if runs:
                    here = spread[tid].setdefault(q_position, {})
                    old = here.get(position)
                    if old is None or old[0] < weight:
                        here[position] = (weight, route)
        if same:
            known.add(q_position)
        if single and not function and same:
            weight = max(found[w][0] for w in same)
            for compound in index.compounds(same):
                for tid, position in index.postings(compound):
                    if position not in heads[tid]:
                        heads[tid][position] = (weight, q_position)
    rows = index.terms([*covered, *heads, *spread])
    context = _Context(index, query, languages)
    abbreviated = {rows[t].cid for t in covered if t in rows and rows[t].abbr}
    if abbreviated and len(query.content) > 1:
        # The query words that are the head of another term of an abbreviation's
        # concept, for an abbreviation followed by the head of its own expansion (``VET
        # education``, ``TUVA koulutuksessa``; not ``ECTS credits``).
        for tid, term_positions in covered.items():
            row = rows.get(tid)
            if row is None or row.abbr or row.cid not in abbreviated:
                continue
            heads_of = _head_positions(row)
            context.concept_words[row.cid].update(
                v[2]
                for p, v in term_positions.items()
                if v[3] and v[1] in _SAME_WORD and p in heads_of
            )
    if len(query.content) > 1:
        # What the terms found have, read when a term leaves query words over (a word of
        # another term of the same concept, ``school pupils``; an institution's modifier).
        context.covered, context.rows = covered, rows
    shortened: dict[int, float | None] = {}
    head_term = False  # whether a whole term inside the query is its last word
    last = max(query.content_positions, default=-1)
    for tid, positions in covered.items():
        shape = _score_words(query, rows[tid], positions, single, hits, context)
        if shape is None:
            continue
        if shape.within:
            shortened[tid] = shape.tail
        elif last in shape.used:
            head_term = True
    if shortened and not head_term and not any(confident(h) for h in hits.values()):
        from glossary.search.shapes import shortened_name

        shortened_name(rows, shortened, hits)
    if inside is not None:
        for tid, term_places in spread.items():
            term_runs(query, rows[tid], term_places, inside)
    for tid, places in heads.items():
        row = rows[tid]
        if row.abbr:
            continue
        share = len(places) / max(row.content, 1)
        weight = sum(w for w, _ in places.values()) / len(places)
        offer(hits, tid, Hit(round(78.0 + 2.0 * min(share, 1.0) * weight, 1), "compound"))
    return known


def _head_positions(row: TermRow) -> set[int]:
    """Positions of the words of a term that head it or one of its conjuncts: the last
    word and each word before a conjunction in a language that puts the head last
    (``vocational education and training``), else the first word and each word after
    one."""
    from glossary.languages import get as plugin
    from glossary.search.keys import fold

    words = fold(row.text).split()
    joints = [i for i, w in enumerate(words) if w in CONJUNCTIONS]
    if plugin(row.lang).head_last:
        return {len(words) - 1, *(i - 1 for i in joints)}
    return {0, *(i + 1 for i in joints)}


class _Context:
    """What scoring a term needs to know beyond its own words, looked up only when a
    term needs it: where the glossary's terms name the country (``... Российской
    Федерации``), and whether a one-word query is a compound (``tutkintokoulutukseen``)."""

    def __init__(self, index: Index, query: Query, languages: Sequence[str]) -> None:
        self.index = index
        self.query = query
        self.languages = tuple(languages)
        self._frames: dict[int, set[int]] | None = None
        self._compound: bool | None = None
        #: Concept id -> positions of the query words that its terms have as words.
        self.concept_words: dict[int, set[int]] = defaultdict(set)
        #: The terms that have query words (term id -> term position -> (weight, route,
        #: query position, content word)) and their rows, for a query of several words.
        self.covered: dict[int, dict[int, tuple[float, str, int, bool]]] = {}
        self.rows: dict[int, TermRow] = {}
        self._alone: set[int] | None = None
        self._had: dict[int, set[int]] = {}

    def frame_positions(self, tid: int) -> set[int]:
        """Positions of the words of term ``tid`` that name the country (a query may
        leave them out)."""
        if self._frames is None:
            self._frames = defaultdict(set)
            for term, position in self.index.places(sorted(country_words(self.languages))):
                self._frames[term].add(position)
        return self._frames.get(tid, set())

    @cached_property
    def countries(self) -> frozenset[int]:
        """Positions of the query's content words that name the country (``РФ``)."""
        words = country_words(self.languages)
        query = self.query
        return frozenset(p for p in query.content_positions if query.words[p] in words)

    def _has(self, tid: int) -> set[int]:
        """Positions of the query words that term ``tid`` has (forms, not look-alikes)."""
        found = self._had.get(tid)
        if found is None:
            found = {v[2] for v in self.covered[tid].values() if v[3] and v[1] in _SAME_WORD}
            self._had[tid] = found
        return found

    @cached_property
    def _by_concept(self) -> dict[int, list[int]]:
        """Concept id -> the terms found that have query words (not abbreviations)."""
        out: dict[int, list[int]] = defaultdict(list)
        for tid in self.covered:
            other = self.rows.get(tid)
            if other is not None and not other.abbr:
                out[other.cid].append(tid)
        return out

    @cached_property
    def shared(self) -> frozenset[int]:
        """Concepts of which more than one term has query words."""
        return frozenset(cid for cid, tids in self._by_concept.items() if len(tids) > 1)

    @cached_property
    def institution_languages(self) -> dict[str, Language]:
        """The plug-ins, by language, that name types of institution."""
        from glossary.languages import get as plugin

        found = {lang: plugin(lang) for lang in self.languages}
        return {lang: language for lang, language in found.items() if language.institution_words}

    def synonyms(self, row: TermRow) -> set[int]:
        """Positions of the query words that other terms of ``row``'s concept have."""
        out: set[int] = set()
        for tid in self._by_concept.get(row.cid, ()):
            if tid != row.tid:
                out |= self._has(tid)
        return out

    def terms_alone(self) -> set[int]:
        """Positions of the query words that are a one-word term by themselves."""
        if self._alone is None:
            self._alone = set()
            for tid in self.covered:
                other = self.rows.get(tid)
                if other is not None and not other.abbr and other.content == 1:
                    self._alone |= self._has(tid)
        return self._alone

    def institution_modifiers(
        self, row: TermRow, left: Iterable[int], used: Iterable[int]
    ) -> set[int]:
        """The positions among ``left`` of adjectives in front of ``row``, a one-word
        term that names a type of educational institution (a language plug-in's
        :attr:`~glossary.languages.base.Language.institution_words`)."""
        language = self.institution_languages[row.lang]
        first = min(used, default=-1)
        if first < 0 or fold(row.text) not in language.institution_words:
            return set()
        # The adjectives right in front of it, agreeing with it.
        words, left = self.query.words, set(left)
        found: set[int] = set()
        at = first - 1
        while at in left and language.adjective(words[at], words[first]):
            found.add(at)
            at -= 1
        if not found:
            return set()
        # A word that is a term by itself is none (``колледжей и техникумов``).
        return found - self.terms_alone()

    def compound_query(self) -> bool:
        """Whether the query's one content word is a compound: it begins with a glossary
        word, a form of one, or a stem in -s, the form a Finnish word in -nen takes as
        the first part of a compound (``tutkinto|koulutukseen``,
        ``osaamis|tarpeisiin``), and what follows is long enough to be a word, not a
        derivational ending (``ammat|illinen``)."""
        if self._compound is None:
            self._compound = False
            word = self.query.content[0] if len(self.query.content) == 1 else ""
            # Not for a word longer than any compound: as many parts, each as long.
            if word and not self.query.cyrillic and len(word) <= _LONGEST_WORD:
                cuts = range(_MIN_COMPOUND_MODIFIER, len(word) - _MIN_COMPOUND_HEAD + 1)
                parts = [word[:cut] for cut in cuts]
                if parts:
                    stems = {p for p in self.index.stems(parts) if p.endswith("s")}
                    self._compound = bool(stems or self.index.words_or_forms(parts))
        return self._compound


#: A one-word query is taken for a compound (:meth:`_Context.compound_query`) when it
#: begins with a glossary word this long, followed by this many letters.
_MIN_COMPOUND_MODIFIER = 4
_MIN_COMPOUND_HEAD = 6


def _compounding(languages: Iterable[str]) -> bool:
    from glossary.languages import get as plugin

    return any(plugin(lang).compounds for lang in languages)


def _score_words(
    query: Query,
    row: TermRow,
    positions: dict[int, tuple[float, str, int, bool]],
    single: bool,
    hits: Hits,
    context: _Context | None = None,
) -> _Shape | None:
    """Score one term from the positions of its words that query words cover:
    position -> (weight, route, query position, whether the term word is a content word).
    The words of a term that name the country (``Министерство науки и высшего
    образования Российской Федерации``) may be left out of a query of several words.
    For a phrase whose every word is in the longer term, and for a whole term with query
    words left over, returns their :class:`_Shape` (a shortened name:
    :func:`glossary.search.shapes.shortened_name`)."""
    if row.abbr:
        # An abbreviation matches as written: no forms, stems or look-alikes, and no
        # function word unless the query is in capitals (``ВО``, not ``во``).
        positions = {
            p: v
            for p, v in positions.items()
            if v[1] == "same" and (query.capitals or not query.function[v[2]])
        }
    found = 0
    total_weight = 0.0
    routes: set[str] = set()
    for weight, route, _, content_word in positions.values():
        if content_word:
            found += 1
            total_weight += weight
            routes.add(route)
    if not found:
        return None
    mean = total_weight / found
    used = {v[2] for v in positions.values()}
    left = query.content_positions - used
    if left and context is not None and not single and context.countries:
        # The country named another way (``Минпросвещения РФ`` for *Минпросвещения
        # России*): a query's country word stands for the term's.
        countries = left & context.countries
        if countries and context.frame_positions(row.tid) - positions.keys():
            used |= countries
            left -= countries
    # A modifier of evaluation or time (``uudistetut``, ``in-demand``) costs like a
    # function word: it names no narrower concept.
    light = len(left & query.light_positions) if left else 0
    if row.abbr and left and context is not None:
        # An abbreviation followed by a word of its concept's full term says the same
        # thing twice (``VET education``, ``TUVA koulutuksessa``).
        light += len((left - query.light_positions) & context.concept_words[row.cid])
    if left and context is not None and not row.abbr and found >= row.content:
        # For a whole term: a word of another term of the same concept (``school
        # pupils``), and an adjective in front of a type of institution, which names one
        # institution's branch or place (``агропромышленный техникум``, ``российских
        # колледжах``).
        rest = left - query.light_positions
        again = rest & context.synonyms(row) if row.cid in context.shared else set()
        light += len(again)
        if row.content == 1 and row.lang in context.institution_languages:
            light += len(context.institution_modifiers(row, rest - again, used))
    unaccounted = len(left) - light
    looks_alike = routes <= {"prefix"}
    total = max(row.content, 1)
    framed = 0
    if found < total and not single and not unaccounted and routes <= _SAME_WORD and context:
        frames = context.frame_positions(row.tid) - positions.keys()
        if len(frames) >= total - found:
            framed = len(frames)
    if found + framed >= total:
        spare = len(query.function_positions - used) + light
        missing = max(row.words - len(positions), 0)
        order = [v[2] for _, v in sorted(positions.items())]
        score = 92.0 * mean - 1.0 * missing - 0.5 * spare - (order != sorted(order))
        if unaccounted:
            # Query words the term does not account for: most often a longer concept
            # that the glossary does not have, so below the line (docs/lookup.md).
            score -= UNACCOUNTED * unaccounted
            if score >= _FLOOR:
                offer(hits, row.tid, Hit(round(score, 1), "word"))
            return _Shape(within=False, used=frozenset(used))
        elif "compound" in routes:
            # A query word stands for a term word only through its head: a compound
            # that names a narrower concept (``ammatillista peruskoulutusta`` is not
            # ``ammatillinen koulutus``), so a guess.
            hit = Hit(round(score, 1), "compound", guess=True)
        elif routes <= {"same"}:
            hit = Hit(round(score, 1), "normalized")
        elif "skeleton" in routes:
            hit = Hit(round(score, 1), "translit")
        elif looks_alike or routes <= {"same", "prefix"}:
            hit = Hit(round(score, 1), "prefix")
        else:
            hit = Hit(round(score, 1), "lemma")
    else:
        share = found / total
        if "compound" in routes:
            # The head of a query compound in a longer term: far from what was asked.
            hit = Hit(round(66.0 * mean * share**0.5, 1), "compound", guess=True)
        elif unaccounted:
            score = 74.0 * mean * share**0.5 - UNACCOUNTED * unaccounted
            if score < _FLOOR:
                return None
            hit = Hit(round(score, 1), "word", guess=True)
        elif looks_alike:
            hit = Hit(round(70.0 * mean * share**0.5, 1), "prefix", guess=True)
        elif single:
            # A compound query that is a word of the term but not its head (the last
            # word, in a compounding language) names a concept that the term only
            # refers to: ``tutkintokoulutukseen`` in ``tutkintokoulutukseen valmentava
            # koulutus``.
            modifier = (
                context is not None
                and row.words - 1 not in positions
                and _compounding((row.lang,))
                and context.compound_query()
            )
            hit = Hit(round(80.0 + 8.0 * share * mean, 1), "word", guess=modifier)
        else:
            # Every query word is in the term, which says more: a narrower concept,
            # unless the query is the term without its first words (a shortened name).
            hit = Hit(round(66.0 + 8.0 * share * mean, 1), "word", guess=True)
            if hit.score >= _FLOOR:
                offer(hits, row.tid, hit)
            from glossary.search.shapes import tail_of_term

            tail = len(query.content) >= 2 and tail_of_term(row, positions)
            return _Shape(
                within=True, tail=round(CONFIDENT + 8.0 * share * mean, 1) if tail else None
            )
    if hit.score >= _FLOOR:
        offer(hits, row.tid, hit)
    return None


# -- typos ------------------------------------------------------------------------------


def fuzzy(index: Index, query: Query, hits: Hits) -> None:
    """Typos: terms similar to the query as a whole. A candidate is only a guess when
    some word of the query differs from every word of the term by more than a typo
    (:func:`typo`), or the other way round: ``Министр`` is not a misspelt
    ``Министерство``, nor ``urasuunnittelua`` a misspelt ``urasuunnittelutaidot``, nor
    ``Erasmus+ Programme`` a misspelt ``Erasmus+ Programme Guide``."""
    from rapidfuzz import fuzz

    from glossary.search.keys import fold, is_cyrillic

    small = function_words(tuple(index.languages))
    probes = [query.folded]
    if query.skeleton and query.skeleton != query.folded:
        probes.append(query.skeleton)
    found: Hits = {}
    for probe in probes:
        split = probe.split()
        # A word of a preposition of several words (``in addition to``) is no typo of a
        # term's word (``additional``), as a function word is none.
        if len(split) == len(query.function):
            split = [w for w, function in zip(split, query.function, strict=True) if not function]
        words = [w for w in split if len(w) > 2 and w not in small]
        for _, tid, text in index.fuzzy_candidates(probe):
            ratio = fuzz.ratio(probe, text)
            if ratio < 70:
                continue
            term_words = [w for w in text.split() if len(w) > 2 and w not in small]
            guess = not (typo(words, text.split()) and typo(term_words, split))
            offer(found, tid, Hit(round(40.0 + 0.45 * ratio, 1), "fuzzy", guess))
    # An abbreviation is not misspelt: a letter more or less makes another one (``cVET``,
    # continuing VET, is not ``ECVET``; ``iVET`` is not ``VET``), but an English plural
    # is the same (``NQFs``, ``CoVEs``). The rows are read once per query anyway, to
    # print the results.
    rows = index.terms(found)
    for tid, hit in found.items():
        row = rows.get(tid)
        if row is not None and row.abbr and query.folded.removesuffix("s") != fold(row.text):
            hit.guess = True
        # A Latin word near, but not at, the skeleton of a Russian term is more often a
        # word of another language than a misspelt transliteration (the skeleton
        # already forgives the schemes): ``technikum``, a Hungarian school type, is not
        # ``техникум``.
        if row is not None and not query.cyrillic and is_cyrillic(row.text):
            hit.guess = True
        current = hits.get(tid)
        if current is not None and confident(current):
            continue  # an answer already: not read again as a typo
        offer(hits, tid, hit)


def typo(words: Sequence[str], term_words: Sequence[str]) -> bool:
    """Whether each of ``words`` is some term word with at most a typo's edits (letters
    inserted, left out, changed or swapped): one in a word of up to 4 letters, two up
    to 12, three in longer words."""
    from rapidfuzz.distance import OSA

    for word in words:
        allowed = 1 if len(word) <= 4 else 2 if len(word) <= 12 else 3
        if all(OSA.distance(word, t, score_cutoff=allowed + 1) > allowed for t in term_words):
            return False
    return True


# -- all tiers --------------------------------------------------------------------------


def collect(index: Index, query: Query, line: float = CONFIDENT, typos: bool = True) -> Hits:
    """Every hit of every tier for ``query``; the slow tiers run only when the fast ones
    found no answer (typos) or nothing close (compound heads of query words)."""
    hits: Hits = {}
    if not query.folded:
        return hits
    whole_term(index, query, hits)
    # Terms inside the query matter only for a phrase that is not a term as a whole.
    phrase = 2 <= len(query.content_positions) <= LONGEST_PHRASE
    inside: list[Inside] | None = None
    if phrase and not any(confident(h, line) for h in hits.values()):
        inside = []
    known = by_words(index, query, hits, inside=inside)
    best = max((h.score for h in hits.values() if not h.guess), default=0.0)
    if best < line and inside:
        # Not a term as a whole: perhaps terms inside it, with nothing left over.
        from glossary.search.spans import answer_parts

        answer_parts(index, query, inside, hits)
        best = max((h.score for h in hits.values() if not h.guess), default=0.0)
    if best < line and (query.ellipses or query.coordination):
        # ``perus-, ammatti- tai erikoisammattitutkinto``, ``formal and non-formal
        # learning``: each conjunct completed.
        from glossary.search.rewrites import completed

        whole = completed(index, query)
        if whole is not None:
            from glossary.search.spans import answer_parts

            inside = []
            by_words(index, whole, hits, inside=inside)
            answer_parts(index, whole, inside, hits)
            best = max((h.score for h in hits.values() if not h.guess), default=0.0)
    if best < line and inside is not None:
        # ``подготовку квалифицированных рабочих, служащих и специалистов среднего
        # звена``: conjuncts that share the first word.
        from glossary.search.rewrites import shared_head

        whole = shared_head(query)
        if whole is not None:
            from glossary.search.spans import answer_parts

            inside = []
            by_words(index, whole, hits, inside=inside)
            answer_parts(index, whole, inside, hits)
            best = max((h.score for h in hits.values() if not h.guess), default=0.0)
    if best < line and "-" in query.folded:
        # ``Valma-koulutuksissa``: an abbreviation joined to a word by a hyphen.
        from glossary.search.shapes import abbreviation_compound

        abbreviation_compound(index, query, hits)
        best = max((h.score for h in hits.values() if not h.guess), default=0.0)
    if best < line and "-" in query.folded:
        # ``Europass-Diploma Supplement``, ``AMK-valintakokeessa``: a term joined to
        # the next by a hyphen modifies it.
        from glossary.search.shapes import term_compound

        term_compound(index, query, hits)
        best = max((h.score for h in hits.values() if not h.guess), default=0.0)
    if typos and best < _GOOD:
        fuzzy(index, query, hits)
    if best < line and len(query.content) == 1 and _compounding(index.languages):
        from glossary.search.rewrites import split_compound

        split_compound(index, query, hits)
    if max((h.score for h in hits.values()), default=0.0) < SLIP and _compounding(index.languages):
        # Nothing came close: perhaps a compound whose head is a term.
        extra = {}
        for position, word in enumerate(query.words):
            if (
                not query.function[position]
                and position not in known
                and 7 <= len(word) <= _LONGEST_WORD
            ):
                found = query_heads(index, word)
                if found:
                    extra[position] = found
        if extra:
            by_words(index, query, hits, extra)
    _rules(query, hits)
    return hits


def _rules(query: Query, hits: Hits) -> None:
    """Guesses, whatever their score: anything found for function words alone, and
    look-alikes of a term whose words the query has."""
    if query.only_function_words:
        for hit in hits.values():
            hit.guess = True
        return
    if len(query.content) == 1 and any(
        h.kind in ("word", "compound") and not h.guess for h in hits.values()
    ):
        for hit in hits.values():
            if hit.kind in ("fuzzy", "prefix"):
                hit.guess = True
