"""Alphabetical order per language, as CLDR (and so ICU) defines it, without ICU.

- Finnish: a … z, å, ä, ö; ``v`` and ``w`` are separate letters; ``ü`` sorts as ``y``;
  other accented letters sort with their base letter.
- Russian: а … я with ``ё`` sorted as ``е`` (told apart only when all else is equal).
- Other languages: Unicode order of the letters without their accents.

Letters of another script come after the language's own (Latin after Cyrillic in Russian),
digits before letters; spaces and punctuation count only to break ties. Ties are broken by
accents, then by case (lower case first). ``tests/test_collation.py`` holds golden lists
made with ICU.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = ["letter", "sort_key"]

_ALPHABETS = {
    "fi": "abcdefghijklmnopqrstuvwxyzåäö",
    "sv": "abcdefghijklmnopqrstuvwxyzåäö",
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
}
#: Letters that sort as another letter at the first level.
_FOLD = {
    "fi": {"ü": "y", "w": "w"},
    "ru": {"ё": "е"},
}
_LATIN = "abcdefghijklmnopqrstuvwxyz"

Key = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _primary_letter(ch: str, lang: str) -> str:
    folded = _FOLD.get(lang, {}).get(ch)
    if folded:
        return folded
    alphabet = _ALPHABETS.get(lang, _LATIN)
    if ch in alphabet:
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base


@lru_cache(maxsize=16)
def _weights(lang: str) -> dict[str, int]:
    alphabet = _ALPHABETS.get(lang, _LATIN)
    weights = {c: 1000 + i for i, c in enumerate(alphabet)}
    # Latin after a non-Latin alphabet, in its own order.
    for i, c in enumerate(_LATIN):
        weights.setdefault(c, 2000 + i)
    return weights


@lru_cache(maxsize=1 << 16)
def sort_key(text: str, lang: str) -> Key:
    """A key that sorts ``text`` in the alphabetical order of ``lang``."""
    code = lang.split("-", 1)[0].lower()
    weights = _weights(code)
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for ch in text:
        lower = ch.casefold()
        if len(lower) != 1:
            lower = lower[0]
        if lower.isdigit():
            primary.append(100 + int(unicodedata.digit(lower, 0)))
            secondary.append(0)
        elif lower.isalpha():
            base = _primary_letter(lower, code)
            primary.append(weights.get(base, 10000 + ord(base)))
            secondary.append(0 if base == lower else 1 + ord(lower) % 1000)
        else:
            continue  # spaces and punctuation: ignored at this level
        tertiary.append(0 if ch == lower else 1)
    # Spaces and punctuation decide only between otherwise equal strings.
    quaternary = tuple(ord(c) for c in text if not c.isalnum())
    return (tuple(primary), tuple(secondary), tuple(tertiary) + quaternary)


def letter(text: str, lang: str) -> str:
    """The letter heading ``text`` is listed under: ``'Ä'`` for *äiti* in Finnish, ``'Е'``
    for *ёлка* in Russian, ``'#'`` for digits, symbols and other scripts."""
    code = lang.split("-", 1)[0].lower()
    alphabet = _ALPHABETS.get(code, _LATIN)
    for ch in text.casefold():
        if ch.isalnum():
            base = _primary_letter(ch, code)
            return base.upper() if base in alphabet else "#"
    return "#"


def sorter(lang: str) -> Callable[[str], Key]:
    return lambda text: sort_key(text, lang)
