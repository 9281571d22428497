"""An invisible or control character: a soft hyphen, a zero-width space, a bidirectional
mark, a byte-order mark, a control character, or a no-break space inside a term.

They come with text pasted from PDFs, word processors and web pages, are invisible in
an editor, and make a term fail to match. No-break and other special spaces are allowed
in prose (``10 %``) but not in terms. Characters that a language needs (the zero-width
non-joiner of Persian) can be allowed with the option ``allow`` (``["U+200C"]``).

**Fails**

```yaml
id: a
languages:
  fi:
    terms: ["etä\\u00adopiskelu"]
```

**Passes**

```yaml
id: a
languages:
  fi:
    terms: [etäopiskelu]
```
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._text import describe, locate, text_fields
from glossary.validation.rules.base import Context, Scope

CODE = "H404"
NAME = "invisible-character"
SCOPE = Scope.CONCEPT
OPTIONS = {"allow": list[str]}
DEFAULTS: dict[str, object] = {"allow": []}


_CODE_POINT = re.compile(r"U\+([0-9A-F]{4,6})")


def _code_point(item: str) -> str | None:
    """The character written ``U+200C``, or None."""
    m = _CODE_POINT.fullmatch(item.strip().upper())
    if not m or int(m[1], 16) > sys.maxunicode:
        return None
    return chr(int(m[1], 16))


def check_option(name: str, value: list[str]) -> str | None:
    bad = [item for item in value if _code_point(item) is None]
    return f"{bad[0]!r} is not a character written U+XXXX" if bad else None


def _allowed(ctx: Context) -> set[str]:
    """The characters of the option ``allow``, written ``U+200C``."""
    return {ch for item in ctx.options.get("allow", []) if (ch := _code_point(item))}


def _bad(ch: str, is_term: bool) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf":
        return True
    if category == "Cc":
        return ch not in "\n\t" or is_term
    return is_term and category == "Zs" and ch != " "


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    allowed = _allowed(ctx)
    for field in text_fields(concept):
        plain = field.text if field.is_term else field.text.replace("\n", "").replace("\t", "")
        if plain.isprintable() and not allowed:
            continue  # no control, format or special space character in it
        for offset, ch in enumerate(field.text):
            if ch in allowed or not _bad(ch, field.is_term):
                continue
            if ch in "\n\t" and field.is_term:
                continue  # reported by H401 whitespace
            where, col = locate(field, offset)
            yield ctx.report(
                where,
                f"invisible character {describe(ch)} in {field.label}",
                concept.id,
                col_offset=col,
            )
