"""A stress mark in a term.

Russian dictionaries and textbooks mark stress with a combining acute accent (U+0301)
or grave accent (U+0300) after the vowel: ``обуче́ние``. Such a term looks right but
matches nothing, sorts wrongly and ends up in translation memories; a term is written
as it is in running text. (A composed letter such as ``é`` is ``H402``'s concern: the
check looks at the term in NFC, where only marks with no composed letter remain.)
Stress belongs in a note or the example sentence, where it may stay.

**Fails**

```yaml
id: a
languages:
  ru:
    terms: ["дистанцио\u0301нное обуче\u0301ние"]
```

**Passes**

```yaml
id: a
languages:
  ru:
    terms: [дистанционное обучение]
```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "H407"
NAME = "stress-mark"
SCOPE = Scope.CONCEPT

_MARKS = "\u0301\u0300"


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        for term in section.terms:
            if term.term.isascii():
                continue
            text = unicodedata.normalize("NFC", term.term)
            marks = [i for i, ch in enumerate(text) if ch in _MARKS]
            if marks:
                plain = "".join(ch for ch in text if ch not in _MARKS)
                yield ctx.report(
                    term.where("term"),
                    f"the term '{plain}' ({lang}) has {len(marks)} stress mark"
                    f"{'s' * (len(marks) != 1)} (U+0301/U+0300); write it without them",
                    concept.id,
                )
