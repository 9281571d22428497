"""A language section has more than one preferred term.

One concept has one term to use per language; synonyms are ``admitted``, abbreviations
usually too. Each preferred term after the first is reported.

**Fails**

```yaml
id: a
languages:
  fi:
    terms: [etäopiskelu, etäopetus]
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

from glossary.model import Concept, TermStatus
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "C304"
NAME = "several-preferred-terms"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        # A term whose status was refused is preferred only by default: not counted.
        preferred = [
            t
            for t in section.terms
            if t.status is TermStatus.PREFERRED and not rejected(t, "status")
        ]
        for term in preferred[1:]:
            yield ctx.report(
                term.where("term"),
                f"'{term.term}' is a second preferred term in '{lang}' (the first is "
                f"'{preferred[0].term}'); mark one of them admitted",
                concept.id,
            )
