"""Leading, trailing or doubled white space, tabs or line breaks where they do not belong.

In a term only single spaces between words are allowed. In definitions, notes and
examples, text may not start or end with white space, and a line may not hold two
spaces in a row or a tab. Such spaces are invisible in print and break exact matching
in translation tools.

**Fails**

```yaml
id: a
languages:
  fi:
    definition: "Opiskelu,  joka tapahtuu etänä."
    terms: [" etäopiskelu"]
```

**Passes**

```yaml
id: a
languages:
  fi:
    definition: Opiskelu, joka tapahtuu etänä.
    terms: [etäopiskelu]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._text import locate, text_fields
from glossary.validation.rules.base import Context, Scope

CODE = "H401"
NAME = "whitespace"
SCOPE = Scope.CONCEPT

_TERM_BAD = re.compile(r"^\s+|\s+$| {2,}|[\t\n\r\f\v]")
_PROSE_BAD = re.compile(r"^\s+|\s+$|(?<=\S) {2,}(?=\S)|\t| +(?=\n)")


def _what(match: re.Match[str], text: str) -> str:
    found = match.group()
    if match.start() == 0:
        return "leading white space"
    if match.end() == len(text):
        return "trailing white space"
    if "\t" in found:
        return "a tab"
    if "\n" in found or "\r" in found:
        return "a line break"
    if found.strip(" ") == "" and len(found) > 1:
        return "two spaces in a row"
    return "trailing white space on a line"


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for field in text_fields(concept):
        pattern = _TERM_BAD if field.is_term else _PROSE_BAD
        for match in pattern.finditer(field.text):
            where, offset = locate(field, match.start())
            yield ctx.report(
                where, f"{_what(match, field.text)} in {field.label}", concept.id, col_offset=offset
            )
