"""A definition that only repeats the term.

"Etäopiskelu: etäopiskelu." tells the reader nothing. Reported when every word of the
definition is a word of one of the terms of the same language (letter case and
punctuation aside).

**Fails**

```yaml
id: a
languages:
  en:
    definition: Distance learning.
    terms: [distance learning]
```

**Passes**

```yaml
id: a
languages:
  en:
    definition: Learning in which the learner and the teacher are in different places.
    terms: [distance learning]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope

CODE = "K503"
NAME = "circular-definition"
SCOPE = Scope.CONCEPT
SEVERITY = Severity.WARNING

_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        if not section.definition:
            continue
        words = _words(section.definition)
        if not words:
            continue
        for term in section.terms:
            if words <= _words(term.term):
                yield ctx.report(
                    section.where("definition"),
                    f"the definition ({lang}) only repeats the term '{term.term}'",
                    concept.id,
                )
                break
