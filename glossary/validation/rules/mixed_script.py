"""A word that mixes scripts: a Latin letter inside a Cyrillic word, or the reverse.

Latin ``a e o p c x`` and Cyrillic ``а е о р с х`` look the same, so a word typed on the
wrong keyboard layout looks right and matches nothing. The message names the odd
letter, its code point and its column. Words are runs of letters, so ``IT-специалист``
(two words joined by a hyphen) is fine.

**Fails**

```yaml
id: a
languages:
  ru:
    terms: [дистанциoнное обучение]
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

import re
from collections import Counter
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._text import describe, locate, script_of, text_fields
from glossary.validation.rules.base import Context, Scope

CODE = "H403"
NAME = "mixed-script"
SCOPE = Scope.CONCEPT

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _scripts(text: str) -> set[str]:
    return {s for s in map(script_of, text) if s}


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for field in text_fields(concept):
        # Only basic Latin, or no basic Latin letter at all: one look at the scripts of
        # the whole text is enough unless it mixes two non-Latin scripts.
        if field.text.isascii():
            continue
        if not _ASCII_LETTER.search(field.text) and len(_scripts(field.text)) < 2:
            continue
        for word in _WORD.finditer(field.text):
            if word.group().isascii():
                continue
            scripts = [script_of(ch) for ch in word.group()]
            counts = Counter(s for s in scripts if s)
            if len(counts) < 2:
                continue
            main = counts.most_common(1)[0][0]
            for index, script in enumerate(scripts):
                if script and script != main:
                    ch = word.group()[index]
                    where, col = locate(field, word.start() + index)
                    yield ctx.report(
                        where,
                        f"{script.title()} {describe(ch)} in the {main.title()} word "
                        f"'{word.group()}' of {field.label}",
                        concept.id,
                        col_offset=col,
                    )
