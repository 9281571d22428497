"""A well-formed language tag whose language Babel does not know.

``fi``, ``ru-KZ`` and ``uz-Latn`` are fine; ``re`` (a typo seen in a real termbase) is
well-formed BCP 47 but no language. Tags that are not even well-formed are ``L111``.
Checked for the ``geo`` of terms, and for language sections when glossary.toml lists no
languages (a section in a language it does not list is ``R209``, an error). A warning.

**Fails**

```yaml
id: a
languages:
  ru: {terms: [{term: адгезия, geo: ru-QQ}]}
```

**Passes**

```yaml
id: a
languages:
  ru: {terms: [{term: адгезия, geo: ru-KZ}]}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from glossary.model import Concept, SourceLocation
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope

CODE = "L120"
NAME = "unknown-language"
SCOPE = Scope.CONCEPT
SEVERITY = Severity.WARNING


@lru_cache(maxsize=512)
def known(tag: str) -> bool:
    """Whether Babel knows the language (and script and territory) of ``tag``."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    parts = tag.replace("-", "_").split("_")
    if parts[0] == "x" or len(parts[0]) > 3:
        return True  # private use and reserved subtags: nothing to look up
    languages = get_global("likely_subtags")
    if parts[0] not in languages and parts[0] not in Locale("en").languages:
        return False
    territories = Locale("en").territories
    scripts = Locale("en").scripts
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha() and part.upper() not in territories:
            return False
        if len(part) == 4 and part.isalpha() and part.title() not in scripts:
            return False
    try:
        Locale.parse(parts[0])
    except (UnknownLocaleError, ValueError):
        return parts[0] in Locale("en").languages
    return True


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    # A section in a language glossary.toml does not list is R209's (an error): one
    # diagnostic for the typo 're'.
    declared = ctx.meta.languages
    places: list[tuple[str, SourceLocation]] = [
        (lang, section.location)
        for lang, section in concept.languages.items()
        if not declared or lang in declared
    ]
    for section in concept.languages.values():
        places.extend((t.geo, t.where("geo")) for t in section.terms if t.geo)
    for tag, where in places:
        if not known(tag):
            yield ctx.report(where, f"Babel does not know the language tag '{tag}'", concept.id)
