"""Search keys: the normalised forms under which terms are found.

These functions are the one definition of "the same text" for lookup, shared by the
command line, the library and the web glossary's search index:

- :func:`fold` ignores letter case, diacritics (``ä`` = ``a``, ``ё`` = ``е``, ``é`` = ``e``),
  typographic variants of hyphens, apostrophes and quotes, and runs of white space;
- :func:`compact` also ignores hyphens, spaces and punctuation
  (``verkko-oppiminen`` = ``verkko oppiminen`` = ``verkkooppiminen``);
- :func:`skeleton` reduces Russian in Cyrillic and any common Latin transliteration of it
  (GOST 7.79, ISO 9, BGN/PCGN, scholarly, informal) to the same Latin key;
- :func:`words` splits folded text into words (a hyphenated compound stays one word);
- :func:`trigrams` gives the character trigrams used to find candidates for fuzzy matching.

:func:`term_keys` returns all keys of one term; the web glossary's index is built from it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "CYRILLIC_LANGUAGES",
    "compact",
    "fold",
    "is_cyrillic",
    "light",
    "skeleton",
    "term_keys",
    "trigrams",
    "words",
]

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"})
_QUOTES = str.maketrans({c: None for c in "'\"`´‘’‚‛“”„‟«»‹›ʹʺ"})
_NON_WORD = re.compile(r"[^\w-]+")
_NON_ALNUM = re.compile(r"[\W_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive form: ``'Etäopiskelu'`` ->
    ``'etaopiskelu'``, ``'Зачётная  единица'`` -> ``'зачетная единица'``."""
    if text.isascii():
        cleaned = _NON_WORD.sub(
            " ", text.lower().replace("'", "").replace('"', "").replace("`", "")
        )
        return " ".join(part.strip("-") for part in cleaned.split() if part.strip("-"))
    text = text.translate(_DASHES).translate(_QUOTES).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = _NON_WORD.sub(" ", unicodedata.normalize("NFC", decomposed))
    return " ".join(part.strip("-") for part in cleaned.split() if part.strip("-"))


@lru_cache(maxsize=65536)
def light(text: str) -> str:
    """Lower case, NFC, one kind of hyphen, no quotes, single spaces, ``ё`` as ``е``; the
    form in which words are given to morphological analysers (diacritics kept)."""
    text = unicodedata.normalize("NFC", text.translate(_DASHES).translate(_QUOTES).casefold())
    cleaned = _NON_WORD.sub(" ", text.replace("ё", "е"))
    return " ".join(part.strip("-") for part in cleaned.split() if part.strip("-"))


def compact(text: str) -> str:
    """:func:`fold` without hyphens, spaces or punctuation: ``'verkko-oppiminen'`` ->
    ``'verkkooppiminen'``."""
    return _NON_ALNUM.sub("", fold(text))


def words(text: str) -> list[str]:
    """The words of :func:`fold` ``(text)``; ``'IT-tuki ja verkko-oppiminen'`` ->
    ``['it-tuki', 'ja', 'verkko-oppiminen']``."""
    return fold(text).split()


#: Languages written in Cyrillic, for where a language's terms give no text to look at.
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


# -- transliteration ---------------------------------------------------------------------

_SKELETON_RULES = (
    ("shch", "s"),
    ("chtch", "s"),
    ("shh", "s"),
    ("sch", "s"),
    ("sc", "s"),
    ("tch", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "z"),
    ("kh", "h"),
    ("x", "h"),
    ("ts", "c"),
    ("tc", "c"),
    ("cz", "c"),
    ("tz", "c"),
    ("ou", "u"),
    ("eh", "e"),
    ("j", "i"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
)
_DOUBLE = re.compile(r"(.)\1+")
# A plain letter-by-letter romanisation; the rules above then fold the differences
# between schemes (the test suite checks it against the 27 schemes of iuliia).
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "і": "i",
        "ї": "i",
        "є": "e",
        "ґ": "g",
        "ў": "u",
    }
)
_NOT_LATIN = re.compile(r"[^a-z ]")


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A Latin key shared by Russian text and its transliterations:
    ``'дистанционное обучение'``, ``'distantsionnoye obucheniye'``,
    ``'distancionnoe obučenie'`` -> ``'distancenoe obucene'``."""
    lowered = text.casefold().replace("ё", "е")
    if is_cyrillic(lowered):
        lowered = lowered.translate(_CYRILLIC_TO_LATIN)
    decomposed = unicodedata.normalize("NFKD", lowered)
    latin = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    latin = _NOT_LATIN.sub("", latin.replace("-", " "))
    for old, new in _SKELETON_RULES:
        latin = latin.replace(old, new)
    latin = _DOUBLE.sub(r"\1", latin)
    for old, new in (("ia", "a"), ("iu", "u"), ("ie", "e"), ("io", "e"), ("ei", "e")):
        latin = latin.replace(old, new)
    return " ".join(_DOUBLE.sub(r"\1", latin).split())


def trigrams(text: str) -> set[str]:
    """Character trigrams of ``text`` padded with spaces (``'  a'``, ``' ab'`` …)."""
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def term_keys(term: str, lang: str) -> dict[str, str]:
    """Every whole-term key of ``term``: ``fold``, ``compact`` and, for Cyrillic text,
    ``skeleton``. Word forms come from the language plug-ins (:mod:`glossary.languages`)."""
    keys = {"fold": fold(term), "compact": compact(term)}
    if is_cyrillic(term):
        keys["skeleton"] = skeleton(term)
    return keys
