"""The same term twice in one language of a concept.

Usually a copy-paste slip; the second one is reported. Letter case is ignored.

**Fails**

```yaml
id: a
languages:
  fi:
    terms:
      - etäopiskelu
      - term: Etäopiskelu
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

import unicodedata
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "K505"
NAME = "duplicate-term"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        seen: set[str] = set()
        for term in section.terms:
            key = " ".join(unicodedata.normalize("NFC", term.term).casefold().split())
            if key in seen:
                yield ctx.report(
                    term.where("term"), f"'{term.term}' appears twice in '{lang}'", concept.id
                )
            seen.add(key)
