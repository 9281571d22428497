"""A term without a part of speech (off unless selected).

A glossary that promises grammar for every term selects this rule in glossary.toml
(``extend-select = ["C305"]``); the bundled glossary does. A warning while the concept is
a draft.

**Fails**

```yaml
id: a
languages:
  fi:
    terms: [etäopiskelu]
```

**Passes**

```yaml
id: a
languages:
  fi:
    terms:
      - term: etäopiskelu
        pos: noun
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept, ConceptStatus
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "C305"
NAME = "missing-part-of-speech"
SCOPE = Scope.CONCEPT
DEFAULT_ENABLED = False


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        for term in section.terms:
            if term.pos is None and not rejected(term, "pos"):
                yield ctx.report(
                    term.where("term"),
                    f"'{term.term}' ({lang}) has no part of speech",
                    concept.id,
                    Severity.WARNING if concept.status is ConceptStatus.DRAFT else None,
                )
