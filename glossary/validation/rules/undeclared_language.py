"""A language section for a language that glossary.toml does not list.

``languages`` in glossary.toml says which languages the glossary has and in which order
the site, the PDF and the exports show them; a section in another language (``sv``
added to one concept, or ``ua`` typed for ``uk``) is shown nowhere. Add the language to
glossary.toml or move the section. Not checked when glossary.toml lists no languages.
Such a tag is not also reported as unknown to Babel (``L120``), and when it is one slip
away from a required language (``re`` for ``ru``) that language is not also reported
as missing (``C301``).

**Fails**

```yaml
id: a
languages:
  fi: {terms: [etäopiskelu]}
  sv: {terms: [distansstudier]}
```

**Passes**

```yaml
id: a
languages:
  fi: {terms: [etäopiskelu]}
  en: {terms: [distance learning]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "R209"
NAME = "undeclared-language"
SCOPE = Scope.CONCEPT


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one typing slip: a letter changed, added, dropped
    or two swapped (``re`` for ``ru``, ``fin`` for ``fi``)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def meant(lang: str, declared: tuple[str, ...]) -> str | None:
    """The declared language ``lang`` is a slip for, if exactly one is that close."""
    close = [d for d in declared if one_edit(lang.casefold(), d.casefold())]
    return close[0] if len(close) == 1 else None


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    declared = ctx.meta.languages
    if not declared:
        return
    for lang, section in concept.languages.items():
        if lang not in declared:
            yield ctx.report(
                section.location,
                f"language '{lang}' is not in the languages of glossary.toml "
                f"({', '.join(declared)}){_hint(lang, declared)}",
                concept.id,
            )


def _hint(lang: str, declared: tuple[str, ...]) -> str:
    target = meant(lang, declared)
    return f" (did you mean '{target}'?)" if target else ""
