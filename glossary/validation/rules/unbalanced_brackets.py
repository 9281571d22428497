"""Unbalanced brackets or quotation marks.

Brackets ``( ) [ ] { }`` and guillemets ``« »`` and ``‹ ›`` must pair up. Quotation marks
are checked by the convention the text uses: ``“…”`` (English), ``„…“`` (Russian inner
quotes), ``”…”`` (Finnish) and straight ``"…"`` must come in pairs. A missing bracket is
often a sign of text cut in the middle.

**Fails**

```yaml
id: a
languages:
  fi:
    terms: [rivinvaihto(merkki]
  ru:
    definition: Программа «Открытое образование.
    terms: [онлайн-курс]
```

**Passes**

```yaml
id: a
languages:
  fi:
    terms: [rivinvaihto(merkki)]
  ru:
    definition: Программа «Открытое образование».
    terms: [онлайн-курс]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._text import TextField, locate, text_fields
from glossary.validation.rules.base import Context, Scope

CODE = "H405"
NAME = "unbalanced-brackets"
SCOPE = Scope.CONCEPT

_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›"}
_ANY = re.compile('[][(){}«»‹›"“”„]')


def _quote_pairs(text: str) -> dict[str, str]:
    """Opening -> closing typographic quotes, by the convention this text uses."""
    if "„" in text:
        return {"„": "“" if "“" in text else "”"}
    if "“" in text:
        return {"“": "”"}
    return {}


def _problems(field: TextField) -> Iterator[tuple[int, str]]:
    text = field.text
    pairs = {**_PAIRS, **_quote_pairs(text)}
    closers = {close: open_ for open_, close in pairs.items()}
    stack: list[tuple[str, int]] = []
    for offset, ch in enumerate(text):
        if ch in pairs:
            stack.append((ch, offset))
        elif ch in closers:
            if stack and stack[-1][0] == closers[ch]:
                stack.pop()
            else:
                yield offset, f"'{ch}' closes nothing"
    for ch, offset in stack:
        yield offset, f"'{ch}' is never closed"
    for symmetric in ('"', "”") if not _quote_pairs(text) else ('"',):
        positions = [i for i, c in enumerate(text) if c == symmetric]
        if len(positions) % 2:
            yield positions[-1], f"an odd number of {symmetric} quotation marks"


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for field in text_fields(concept):
        if not _ANY.search(field.text):
            continue
        for offset, what in _problems(field):
            where, col = locate(field, offset)
            yield ctx.report(where, f"{what} in {field.label}", concept.id, col_offset=col)
