"""BCP 47 language tags: a syntax check and canonical letter case, with no dependency.

Whether a well-formed tag names a real language is checked by the linter with Babel;
this module stays light because every loader uses it. :func:`canonical_tag`, for the
readers of other tools' files, also replaces ISO 639-2/3 codes and deprecated codes by
their canonical BCP 47 subtag (``fin`` -> ``fi``), from CLDR's alias table in Babel,
loaded only when a tag needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

__all__ = ["TAG_PATTERN", "canonical_tag", "normalize_tag", "parse_lang_map", "primary_language"]


#: The syntax of a tag, lower case, in verbose form (the JSON Schema of concept files is
#: made from it).
TAG_PATTERN = r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*)
    (?:-x(?:-[a-z0-9]{1,8})+)?
    |x(?:-[a-z0-9]{1,8})+
    """


@cache
def _tag() -> re.Pattern[str]:
    """The shape of a well-formed tag, compiled when first needed (not by a lookup)."""
    return re.compile(TAG_PATTERN, re.VERBOSE)


def normalize_tag(tag: str) -> str | None:
    """``'EN_us'`` -> ``'en-US'``; ``None`` when ``tag`` is not a well-formed BCP 47 tag."""
    if not isinstance(tag, str):
        return None
    lowered = tag.strip().replace("_", "-").lower()
    if not lowered or not _tag().fullmatch(lowered):
        return None
    parts = lowered.split("-")
    out = [parts[0]]
    singleton = False
    for part in parts[1:]:
        if len(part) == 1:
            singleton = True
        if not singleton and len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif not singleton and len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part)
    return "-".join(out)


def primary_language(tag: str) -> str:
    """The language subtag: ``'ru-KZ'`` -> ``'ru'``."""
    return tag.split("-", 1)[0].lower()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """CLDR's language aliases (UTS #35 canonicalisation) as BCP 47: ``ger`` -> ``de``.

    They cover the ISO 639-2 bibliographic and terminological codes and the ISO 639-3
    codes of every language that has a two-letter code, and deprecated codes.
    """
    from babel.core import get_global

    table: Mapping[str, str] = get_global("language_aliases")
    return {
        code.lower(): normalize_tag(target) or target
        for code, target in table.items()
        if "_" not in code and normalize_tag(target)
    }


def canonical_tag(tag: str, lang_map: Mapping[str, str] | None = None) -> str | None:
    """``tag`` as canonical BCP 47, or ``None`` when it is not a well-formed tag.

    Case and underscores as :func:`normalize_tag` (``en_us`` -> ``en-US``,
    ``zh_hans`` -> ``zh-Hans``); a three-letter ISO 639-2/3 language subtag replaced
    by the canonical one where CLDR has one (``fin`` -> ``fi``, ``ger`` -> ``de``,
    ``rus-RU`` -> ``ru-RU``; ``smn`` stays);
    then ``lang_map`` applied (``{"ru-RU": "ru"}`` folds a region away).
    """
    normal = normalize_tag(tag)
    if normal is None:
        return None
    language, _, rest = normal.partition("-")
    if len(language) == 3:  # the table is loaded only for three-letter codes
        target = _aliases().get(language)
        if target is not None:
            if rest and len(rest.split("-")[0]) == 4 and "-" in target:
                target = target.split("-")[0]  # the tag names its own script
            normal = normalize_tag(f"{target}-{rest}" if rest else target) or normal
    if lang_map:
        normal = lang_map.get(normal, normal)
    return normal


def parse_lang_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["ru-RU=ru", "fin=fi"]`` -> ``{"ru-RU": "ru", "fi": "fi"}``, tags made canonical.

    Raises ValueError naming the first pair that is not ``TAG=TAG``.
    """
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        old, new = canonical_tag(source), canonical_tag(target)
        if not sep or old is None or new is None:
            raise ValueError(f"'{pair}' is not FROM=TO with two language tags (ru-RU=ru)")
        mapping[old] = new
    return mapping
