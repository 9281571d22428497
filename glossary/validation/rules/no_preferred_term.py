"""A language section has no preferred term.

Every language of a concept needs the term to use: at least one term marked (or left as
the default) ``preferred``. A section with only admitted or deprecated terms, or with no
terms at all, is reported.

**Fails**

```yaml
id: a
languages:
  fi:
    terms:
      - term: etäopetus
        status: admitted
```

**Passes**

```yaml
id: a
languages:
  fi:
    terms:
      - etäopiskelu
      - term: etäopetus
        status: admitted
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept, ConceptStatus, TermStatus
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "C303"
NAME = "no-preferred-term"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        if rejected(section, "terms") or any(rejected(t, "status") for t in section.terms):
            continue  # the term that was refused may be the preferred one
        if not section.terms:
            draft = concept.status is ConceptStatus.DRAFT
            yield ctx.report(
                section.location,
                f"no term in '{lang}'",
                concept.id,
                Severity.WARNING if draft else None,
            )
        elif not any(t.status is TermStatus.PREFERRED for t in section.terms):
            yield ctx.report(section.location, f"no preferred term in '{lang}'", concept.id)
