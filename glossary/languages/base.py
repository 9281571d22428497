"""What a language plug-in provides to lookup.

Morphology runs when the index is built, not when a query is answered: a plug-in lists
the inflected forms of the glossary's own words (:meth:`Language.forms`), and lookup then
finds ``ammatillisessa koulutuksessa`` by a dictionary lookup of each query word. A
plug-in may also analyse query words at query time (:meth:`Language.lemmas`), for
analysers that are quick to start, such as Voikko.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

__all__ = ["Language"]


class Language:
    """The generic plug-in: Snowball stems where PyStemmer has the language, nothing else."""

    #: BCP 47 primary language subtag; "und" for the fallback.
    code = "und"
    #: PyStemmer's name for the language, when it has a Snowball stemmer for it.
    snowball: str | None = None
    #: Words that carry no concept of their own (prepositions, conjunctions, articles),
    #: folded: a query word among them never reaches a term through morphology.
    function_words: frozenset[str] = frozenset()
    #: Fixed phrases of two or more words that work as one preposition or adverb (``в
    #: течение``, ``in terms of``), folded: their words are function words where they
    #: stand together, though each alone may be a word of a term (``течение``, ``term``).
    function_phrases: frozenset[str] = frozenset()
    #: Words, folded, that frame a term without changing what it names (Russian ``в
    #: системе СПО``, ``Министерство просвещения РФ``): a term found inside a longer
    #: phrase still answers when the phrase's other words are these, function words or
    #: other terms.
    frame_words: frozenset[str] = frozenset()
    #: Frame words, folded, that a term itself may carry and a query leave out: the
    #: country in a name (``Министерство науки и высшего образования Российской
    #: Федерации`` is meant by ``Министерства науки и высшего образования``).
    country_words: frozenset[str] = frozenset()
    #: Modifiers of evaluation and time (``new``, ``renewed``, ``current``,
    #: ``in-demand``), in a few forms each: in front of a term they say something about
    #: the thing without naming a narrower concept, so a query word with the stem of one
    #: of them costs a term little (a classifying modifier, ``occupational mobility``,
    #: costs a whole word).
    light_words: frozenset[str] = frozenset()
    #: Terms, folded, that name a type of educational institution (Russian ``колледж``,
    #: ``техникум``): an institution's name classifies it by its branch, profile,
    #: ownership or place (``агропромышленный техникум``, ``педагогический колледж``,
    #: ``российских колледжах``), and an adjective in front of such a term
    #: (:meth:`adjective`) costs it little: it names one institution or a group of them,
    #: not a narrower concept.
    institution_words: frozenset[str] = frozenset()
    #: Nouns, in lower case with diacritics (the forms of each are made for the web
    #: glossary), that say what kind of thing a name is when joined to it by a hyphen
    #: (Finnish ``Opintopolku-järjestelmä``, ``Opintopolku-palvelussa``): the compound
    #: means the name's own concept, not a narrower one. Matched by the stem of the
    #: folded word.
    classifier_words: frozenset[str] = frozenset()
    #: What :meth:`adjective` reads, as data for the web glossary's search: the stems of
    #: the :attr:`institution_words`, and for each ending of theirs (``""`` for none) the
    #: endings, folded, of an adjective agreeing with it.
    institution_cases: Mapping[str, Mapping[str, tuple[str, ...]]] = {}
    #: Whether words are compounded without spaces (Finnish ``verkkokoulutus``): lookup
    #: then also finds terms whose words end in a query word, and the head of a query
    #: compound that is a term.
    compounds = False
    #: Whether a noun phrase ends with its head, after its modifiers (Finnish, English:
    #: ``learning outcomes descriptors`` is a descriptor), or begins with it (Russian:
    #: ``аттестат об основном общем образовании`` is an аттестат).
    head_last = False

    def forms(self, words: Iterable[str]) -> Iterator[tuple[str, set[str]]]:
        """(word, its inflected forms, folded) for each glossary word (lower case, with
        diacritics), one at a time so that a large glossary never holds them all."""
        return iter(())

    def lemmas(self, word: str) -> set[str]:
        """Dictionary forms of a query word, from an analyser available at query time."""
        return set()

    def stem(self, word: str) -> str:
        """A crude stem shared by a word and most of its forms (Snowball), or the word."""
        stemmer = _stemmer(self.snowball)
        if stemmer is None:
            return word
        return "-".join(stemmer.stemWord(part) for part in word.split("-"))

    def transliterations(self, text: str) -> list[str]:
        """Latin keys for text in another script (Russian: :func:`skeleton`)."""
        return []

    def adjective(self, word: str, noun: str) -> bool:
        """Whether a folded query word is an adjective agreeing with ``noun``, the folded
        query word of an :attr:`institution_words` term that follows it."""
        return False

    def release(self) -> None:
        """Drop large data loaded for :meth:`forms` (the index build is done with it)."""

    def readings(self, word: str) -> tuple[str, ...]:
        """Other readings of a folded word of running text that its forms in the index do
        not cover (Finnish: without a possessive suffix, ``ammattitaidoltaan`` ->
        ``ammattitaidolta``); the document scanner tries them when the word is not found."""
        return ()

    def describe(self) -> str:
        """One line on what this plug-in uses, for ``glossary lookup --about``."""
        return f"{self.code}: Snowball ({self.snowball})" if self.snowball else f"{self.code}: none"


@lru_cache(maxsize=32)
def _stemmer(name: str | None):  # type: ignore[no-untyped-def]
    if name is None:
        return None
    try:
        import Stemmer
    except ImportError:  # pragma: no cover - a dependency; tolerate its absence
        return None
    try:
        return Stemmer.Stemmer(name)
    except KeyError:
        return None
