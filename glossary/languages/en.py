"""English: regular plural and verb forms and the Latin plurals generated for every glossary
word, plus Snowball stems that keep an agent noun apart from its action noun."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from glossary.languages.base import Language

__all__ = ["English"]

_VOWELS = set("aeiou")
#: Latin and Greek plurals English keeps: singular ending -> plural ending
#: (``curriculum`` -> ``curricula``, ``criterion`` -> ``criteria``, ``analysis`` ->
#: ``analyses``, ``syllabus`` -> ``syllabi``, ``appendix`` -> ``appendices``).
_LEARNED_PLURALS = (
    ("um", "a"),
    ("rion", "ria"),
    ("enon", "ena"),
    ("is", "es"),
    ("us", "i"),
    ("ix", "ices"),
)
#: Endings of agent nouns (``recruiter``, ``educator``, ``specialist``): Snowball cuts
#: ``recruiter`` and ``recruitment`` to one stem, but a person is not an activity.
_AGENT = ("er", "or", "ist")


def _inflect(word: str) -> set[str]:
    forms = {word}
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
    forms.add(word + "'s")
    for singular, plural in _LEARNED_PLURALS:
        if word.endswith(singular) and len(word) >= 6:
            forms.add(word[: -len(singular)] + plural)
    return forms


class English(Language):
    code = "en"
    snowball = "english"
    head_last = True
    function_words = frozenset(
        [
            "a",
            "an",
            "the",
            "of",
            "and",
            "or",
            "in",
            "on",
            "at",
            "to",
            "for",
            "from",
            "by",
            "with",
            "without",
            "as",
            "is",
            "are",
            "be",
            "not",
            "no",
            "into",
            "onto",
            "via",
            "per",
            "vs",
            "than",
            "that",
            "this",
            "these",
            "those",
            "its",
            "it",
            "all",
            "each",
            "every",
            "other",
            "which",
            "within",
            "between",
            "through",
            "also",
            "their",
            "they",
            # Sentence adverbs: "in addition", "especially" name no concept.
            "additionally",
            "especially",
            "particularly",
            "furthermore",
            "moreover",
            "however",
            "therefore",
        ]
    )
    #: Prepositions of several words (``in terms of``: ``term`` is a word of terms).
    function_phrases = frozenset(
        (
            "in addition",
            "in addition to",
            "based on",
            "in terms of",
            "as part of",
            "in the course of",
            "on the basis of",
            "according to",
            "with regard to",
            "in respect of",
            "in accordance with",
            "by means of",
            "as well as",
            "such as",
        )
    )

    light_words = frozenset(
        """
        new renewed revised updated current existing modern
        in-demand first second third fourth fifth
        """.split()  # noqa: SIM905
    )

    def forms(self, words: Iterable[str]) -> Iterator[tuple[str, set[str]]]:
        for word in words:
            if word.isalpha() and len(word) > 2:
                yield word, _inflect(word)

    def stem(self, word: str) -> str:
        """The Snowball stem, except that an agent noun (``recruiters``, ``educator``)
        keeps its ending: it names a person, not the activity (``recruitment``)."""
        return "-".join(_stem_part(self, part) for part in word.split("-"))


def _stem_part(language: Language, part: str) -> str:
    stem = Language.stem(language, part)
    singular = part[:-1] if part.endswith("s") and not part.endswith("ss") else part
    if len(singular) > 5 and singular.endswith(_AGENT) and not stem.endswith(_AGENT):
        return singular
    return stem
