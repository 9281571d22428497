"""BCP 47 language tags: a syntax check and canonical letter case, with no dependency.

Whether a well-formed tag names a real language is checked by the linter with Babel;
this module stays light because every loader uses it.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["TAG_PATTERN", "normalize_tag", "primary_language"]


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
