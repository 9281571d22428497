"""Text that is not in Unicode normalisation form C.

``é`` can be one character (U+00E9) or ``e`` followed by a combining accent (U+0301). They
look the same but do not match in search, sorting or translation memories. Text copied
from PDFs and some keyboards produces the decomposed form; write the composed one.

**Fails**

```yaml
id: a
languages:
  ru:
    terms: ["заче\\u0308тная единица"]
```

**Passes**

```yaml
id: a
languages:
  ru:
    terms: [зачётная единица]
```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._text import describe, locate, text_fields
from glossary.validation.rules.base import Context, Scope

CODE = "H402"
NAME = "not-nfc"
SCOPE = Scope.CONCEPT


def _first_change(text: str) -> int:
    """The offset of the first character that normalisation would change."""
    for index, ch in enumerate(text):
        changes = unicodedata.combining(ch) or unicodedata.normalize("NFC", ch) != ch
        if changes and not unicodedata.is_normalized("NFC", text[: index + 1]):
            return max(index - 1, 0) if unicodedata.combining(ch) else index
    return 0


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for field in text_fields(concept):
        if unicodedata.is_normalized("NFC", field.text):
            continue
        offset = _first_change(field.text)
        composed = unicodedata.normalize("NFC", field.text[offset : offset + 2])[:1]
        where, col = locate(field, offset)
        combining = next((c for c in field.text[offset:] if unicodedata.combining(c)), None)
        detail = f" ({describe(combining)})" if combining else ""
        yield ctx.report(
            where,
            f"{field.label} is not in Unicode NFC: a decomposed character{detail}; "
            f"write '{composed}'",
            concept.id,
            col_offset=col,
        )
