"""A deprecated or superseded term with no preferred term beside it.

A deprecated term says "do not use this"; without a preferred term in the same language
the reader is not told what to use instead.

**Fails**

```yaml
id: workplace-learning
languages:
  fi:
    terms:
      - term: työssäoppiminen
        status: deprecated
```

**Passes**

```yaml
id: workplace-learning
languages:
  fi:
    terms:
      - työpaikalla järjestettävä koulutus
      - term: työssäoppiminen
        status: deprecated
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept, TermStatus
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "K502"
NAME = "deprecated-without-preferred"
SCOPE = Scope.CONCEPT

_OUTDATED = (TermStatus.DEPRECATED, TermStatus.SUPERSEDED)


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        if any(t.status is TermStatus.PREFERRED for t in section.terms):
            continue
        if rejected(section, "terms") or any(rejected(t, "status") for t in section.terms):
            continue  # the preferred term may be the one that was refused
        for term in section.terms:
            if term.status in _OUTDATED:
                yield ctx.report(
                    term.where("term"),
                    f"'{term.term}' is {term.status.value} but '{lang}' has no preferred term "
                    "to use instead",
                    concept.id,
                )
