"""A language section for a language that glossary.toml does not list.

``languages`` in glossary.toml says which languages the glossary has and in which order
the site, the PDF and the exports show them; a section in another language (``sv``
added to one concept, or ``ua`` typed for ``uk``) is shown nowhere. Add the language to
glossary.toml or move the section. Not checked when glossary.toml lists no languages.

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


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    declared = ctx.meta.languages
    if not declared:
        return
    for lang, section in concept.languages.items():
        if lang not in declared:
            yield ctx.report(
                section.location,
                f"language '{lang}' is not in the languages of glossary.toml "
                f"({', '.join(declared)})",
                concept.id,
            )
