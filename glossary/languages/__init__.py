"""Language plug-ins for lookup, by BCP 47 primary subtag.

A new language is one module with a :class:`~glossary.languages.base.Language` subclass,
added to ``PLUGINS``; every other language gets the generic plug-in (Snowball stems
where PyStemmer has the language).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from glossary.langtags import primary_language
from glossary.languages.base import Language

__all__ = ["PLUGINS", "Language", "get"]

#: primary language subtag -> "module:Class"
PLUGINS = {
    "fi": "glossary.languages.fi:Finnish",
    "ru": "glossary.languages.ru:Russian",
    "en": "glossary.languages.en:English",
}


@lru_cache(maxsize=64)
def get(lang: str) -> Language:
    """The plug-in for ``lang`` (``'ru-KZ'`` uses the Russian one)."""
    code = primary_language(lang)
    target = PLUGINS.get(code)
    if target is None:
        from glossary.languages.generic import Generic

        return Generic(code)
    module, _, name = target.partition(":")
    plugin: Language = getattr(importlib.import_module(module), name)()
    return plugin
