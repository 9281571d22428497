"""Russian: every form of every glossary word from pymorphy3 (OpenCorpora dictionary),
ё folded into е, Snowball stems, and Latin transliteration keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from glossary.languages.base import Language
from glossary.search.keys import fold, skeleton

__all__ = ["Russian"]


@lru_cache(maxsize=1)
def _analyzer():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


#: Relative and demonstrative pronouns in every case and number, personal pronouns,
#: and conjunctions and particles that are no terms.
_PRONOUNS = tuple(
    """
    который которая которое которые которого которой которому которую котором которым
    которыми которых
    этот эта эти этого этой этому эту этом этим этими этих
    тот та те того той тому ту том тем теми тех
    свой своя своё свои своего своей своему свою своём своим своими своих
    он она оно они ему ей им ими нём ней них
    также тоже чтобы если когда где так уже только еще либо
    """.split()  # noqa: SIM905 - one paragraph per word
)


def _endings(table: str) -> dict[str, tuple[str, ...]]:
    """``"а: ого его; у: ому ему"`` -> the adjective endings, folded (й is и), that
    agree with each ending of a noun (``-`` for none)."""
    out: dict[str, tuple[str, ...]] = {}
    for item in table.split(";"):
        ending, _, adjectives = item.partition(":")
        key = "" if ending.strip() == "-" else fold(ending.strip())
        out[key] = out.get(key, ()) + tuple(fold(a) for a in adjectives.split())
    return out


_MASCULINE = _endings(
    "-: ый ий ой; а: ого его; у: ому ему; ом: ым им; ем: ым им; е: ом ем;"
    "ы: ые ие; и: ые ие; ов: ых их; ей: ых их; ам: ым им; ами: ыми ими; ах: ых их"
)
_NEUTER = _endings(
    "е: ое ее ом ем; а: ого его ые ие; у: ому ему; ем: ым им; -: ых их;"
    "ам: ым им; ами: ыми ими; ах: ых их"
)
#: The stems of the institution words and the endings of an adjective agreeing with
#: each of their forms (колледж and техникум decline as masculine nouns, училище as a
#: neuter one).
_INSTITUTION_CASES = {"колледж": _MASCULINE, "техникум": _MASCULINE, "училищ": _NEUTER}


class Russian(Language):
    code = "ru"
    snowball = "russian"
    _FUNCTION = (
        "в",
        "во",
        "на",
        "по",
        "о",
        "об",
        "обо",
        "и",
        "или",
        "а",
        "но",
        "с",
        "со",
        "к",
        "ко",
        "у",
        "из",
        "изо",
        "за",
        "для",
        "от",
        "ото",
        "до",
        "при",
        "без",
        "над",
        "под",
        "про",
        "через",
        "между",
        "перед",
        "не",
        "ни",
        "же",
        "ли",
        "бы",
        "как",
        "что",
        "это",
        "его",
        "ее",
        "их",
        "весь",
        "вся",
        "все",
        "всех",
        "всей",
        "каждый",
        # Adverbs and prepositions of a word: "according to", "besides", "instead of".
        "согласно",
        "кроме",
        "помимо",
        "вместо",
        "также",
        "например",
        "однако",
        # Pronouns and conjunctions that name nothing on their own, in their case forms:
        # a term may contain them (``молодёжь, которая не учится …``), a query of them
        # alone names no concept.
        *_PRONOUNS,
    )
    #: ``в течение`` (``течение`` is a word of ``обучение в течение всей жизни``), ``в
    #: целях``, ``на основе``, ``по мере``: prepositions of several words.
    function_phrases = frozenset(
        fold(p)
        for p in (
            "в течение",
            "в ходе",
            "в целях",
            "с целью",
            "в связи с",
            "по мере",
            "на основе",
            "на основании",
            "в отношении",
            "в виде",
            "в соответствии с",
            "в зависимости от",
            "в случае",
            "по итогам",
            "в рамках",
        )
    )
    # Folded (ё = е, й = и) and as Latin skeletons, for transliterated queries
    # (``na rynke truda``): the query words they are compared with are folded too.
    # The skeletons of the short pronouns (``те``: ``te``, ``та``: ``ta``) are Latin
    # words of other languages, so only words of five letters or more get one.
    function_words = frozenset(fold(w) for w in _FUNCTION) | frozenset(
        skeleton(w) for w in _FUNCTION if w not in _PRONOUNS or len(w) >= 5
    )
    #: ``в системе X`` (in any case: ``систему X``), ``в сфере X``, ``в области X``,
    #: ``в рамках X``; ``X РФ``, ``X России``, ``X Российской Федерации``.
    country_words = frozenset(fold(w) for w in ("РФ", "России", "Российской", "Федерации"))
    frame_words = (
        frozenset(
            fold(w)
            # in any case: ``в системе СПО``, ``систему СПО``, ``системы СПО``
            for w in """
            система системы системе систему системой сфера сферы сфере сферу сферой
            область области областью рамки рамках рамками
            """.split()  # noqa: SIM905
        )
        | country_words
    )

    light_words = frozenset(
        fold(w)
        for w in """
        новый новые обновлённый обновлённые современный действующий текущий
        востребованный востребованные актуальный перспективный
        первый первого первой первые второй второго вторые третий третьего третьей третьи
        четвёртый четвёртого четвёртой пятый пятого пятой
        """.split()  # noqa: SIM905
    )

    #: Not ``университет``: *национальный исследовательский*, *федеральный*, *опорный
    #: университет* are statuses that the law gives, narrower concepts.
    institution_words = frozenset(fold(w) for w in ("колледж", "техникум", "училище"))
    institution_cases = _INSTITUTION_CASES

    def adjective(self, word: str, noun: str) -> bool:
        """``агропромышленный техникум``, ``сельскохозяйственных колледжей``: a word of
        five letters or more with an adjective's ending in the case and number of
        ``noun`` (``комиссии`` in ``приёмной комиссии колледжа`` is none: its ending is
        not that of an adjective in the genitive singular)."""
        if len(word) < 5:
            return False
        for stem, cases in self.institution_cases.items():
            if noun.startswith(stem):
                return word.endswith(cases.get(noun[len(stem) :], ()))
        return False

    def forms(self, words: Iterable[str]) -> Iterator[tuple[str, set[str]]]:
        morph = _analyzer()
        for word in words:
            found = {word}
            for part_forms in _hyphenated(morph, word):
                found |= part_forms
            yield word, found

    def transliterations(self, text: str) -> list[str]:
        key = skeleton(text)
        return [key] if key else []

    def describe(self) -> str:
        return "ru: pymorphy3 word forms, Snowball (russian), transliteration skeletons"


def _lexeme(morph, word: str) -> set[str]:  # type: ignore[no-untyped-def]
    """All forms of ``word`` in every reading pymorphy3 knows (none for unknown words)."""
    if not morph.word_is_known(word):
        return set()
    forms: set[str] = set()
    for parse in morph.parse(word):
        if parse.score < 0.05 or "LATN" in parse.tag or "NUMB" in parse.tag:
            continue
        forms.update(fold(item.word) for item in parse.lexeme)
    return forms


def _hyphenated(morph, word: str) -> list[set[str]]:  # type: ignore[no-untyped-def]
    """Forms of a word; for ``онлайн-курс`` the forms of its last part after the first."""
    whole = _lexeme(morph, word)
    if whole or "-" not in word:
        return [whole]
    head, _, tail = word.rpartition("-")
    return [{f"{head}-{form}" for form in _lexeme(morph, tail)}]
