"""English: regular plural and verb forms generated for every glossary word, plus Snowball."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from glossary.languages.base import Language

__all__ = ["English"]

_VOWELS = set("aeiou")


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
        ]
    )

    def forms(self, words: Iterable[str]) -> Iterator[tuple[str, set[str]]]:
        for word in words:
            if word.isalpha() and len(word) > 2:
                yield word, _inflect(word)
