"""Keyboard layouts: what a query reads as when it was typed in the wrong one.

A translator who switches between Russian and Finnish or English all day often types a
word with the other layout still on: ``lbcnfywbjyyjt j,extybt`` is
``дистанционное обучение`` typed on a US keyboard, ``ЛЩГДГЕГЫ`` is ``KOULUTUS`` typed
on ЙЦУКЕН. Each table maps the keys of one layout to the same keys of another:
ЙЦУКЕН (Russian) against US QWERTY and against the Finnish/Swedish layout (whose
``ö ä å`` sit where ЙЦУКЕН has ``ж э х``), in both directions.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["LAYOUTS", "readings"]

# The same physical keys, in the same order, unshifted and shifted.
_RU = (
    "ё1234567890-=йцукенгшщзхъфывапролджэячсмитьбю."
    + 'Ё!"№;%:?*()_+ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,'
)
_US = (
    "`1234567890-=qwertyuiop[]asdfghjkl;'zxcvbnm,./"
    + '~!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?'
)
_FI = (
    "§1234567890+´qwertyuiopå¨asdfghjklöäzxcvbnm,.-"
    + '½!"#¤%&/()=?`QWERTYUIOPÅ^ASDFGHJKLÖÄZXCVBNM;:_'
)


def _table(source: str, target: str) -> dict[int, str]:
    """Keys of ``source`` -> the same keys of ``target``; digits and keys that give the
    same character in both are left alone, and so is the space bar."""
    assert len(source) == len(target), (len(source), len(target))
    table: dict[int, str] = {}
    for a, b in zip(source, target, strict=True):
        if a != b and not a.isdigit() and ord(a) not in table:
            table[ord(a)] = b
    return table


#: name -> (translation table, letters whose presence makes the reading worth trying)
LAYOUTS: dict[str, dict[int, str]] = {
    "us>ru": _table(_US, _RU),
    "fi>ru": _table(_FI, _RU),
    "ru>us": _table(_RU, _US),
    "ru>fi": _table(_RU, _FI),
}
_LATIN_SOURCES = ("us>ru", "fi>ru")
_CYRILLIC_SOURCES = ("ru>us", "ru>fi")


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[str, ...]:
    """The distinct texts ``text`` reads as on the other layouts, most likely first: Latin
    (with ``; ' [ , .`` or ``ö ä å``) as ЙЦУКЕН, Cyrillic as US and Finnish QWERTY. A text
    mixing scripts, or with no letters, has none."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return ()
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    if cyrillic and cyrillic != len(letters):
        return ()
    names = _CYRILLIC_SOURCES if cyrillic else _LATIN_SOURCES
    out: list[str] = []
    for name in names:
        reading = " ".join(text.translate(LAYOUTS[name]).split())
        if reading and reading != text and reading not in out:
            out.append(reading)
    return tuple(out)
